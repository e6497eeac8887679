// Letters put into the outbox by the scheduler's pass: a same-day absence notice (one a day per child and
// recipient, after the teacher's roll call has stood for a few minutes), the daily digest of marks that
// became visible since the last one, and the weekly summary. Each letter has a key (kind, subscription,
// day or week) that the outbox keeps unique, so a second pass or a second process queues nothing twice;
// the digest's watermark moves in the same transaction as its letter.
import { addDays, localIsoDate, weekStart } from '../../domain/calendar.js';
import type { SubscribableMailKind } from '../../domain/enums.js';
import { markReleased } from '../../domain/mail.js';
import type { Db, ServiceDeps } from '../context.js';
import { smtpConfig } from './config.js';
import {
  absenceLetter,
  dailyLetter,
  weekHasNews,
  weeklyLetter,
  type Composed,
  type LetterHead,
  type MailedMark,
  type WeekContent,
} from './letters.js';
import {
  BATCH,
  absencesOn,
  childrenOf,
  excusesDecided,
  institutionOf,
  lockedFinals,
  marksSince,
  subscriptionsFor,
  weekAttendance,
  weekHomework,
  weekMarks,
  type Subscription,
} from './letter-data.js';
import { signUnsubscribe, tokenSecret } from './secret.js';

export type MailDeps = Pick<ServiceDeps, 'db' | 'clock' | 'paths'>;

/** A teacher's roll call stands this long before the family is told (a slip of the key is put right first). */
export const ABSENCE_GRACE_MS = 10 * 60_000;

interface Queued {
  subscription: Subscription;
  dedupeKey: string;
  letter: Composed;
  unsubscribeUrl: string;
  /** The daily digest's new watermark. */
  digestThrough?: string;
  finalsSent?: string;
}

interface Batch {
  subs: Subscription[];
  head: (sub: Subscription) => LetterHead;
  studentIds: number[];
}

/** Walk the subscriptions of a kind in batches of students, with what every letter's head needs. */
async function* batches(deps: MailDeps, kind: SubscribableMailKind): AsyncGenerator<Batch> {
  const subs = await subscriptionsFor(deps.db, kind);
  if (subs.length === 0) return;
  const { siteUrl } = await smtpConfig(deps);
  const secret = await tokenSecret(deps.db);
  const institution = await institutionOf(deps.db);
  const today = deps.clock.today();
  const byStudent = new Map<number, Subscription[]>();
  for (const s of subs) byStudent.set(s.student_id, [...(byStudent.get(s.student_id) ?? []), s]);
  const ids = [...byStudent.keys()];
  for (let i = 0; i < ids.length; i += BATCH) {
    const studentIds = ids.slice(i, i + BATCH);
    const children = await childrenOf(deps.db, studentIds, today);
    yield {
      studentIds,
      subs: studentIds.flatMap((id) => byStudent.get(id) ?? []),
      head: (sub) => ({
        institution: institution.name,
        words: institution.words,
        studentName: children.get(sub.student_id)?.name ?? '',
        groupName: children.get(sub.student_id)?.groupName ?? null,
        siteUrl,
        unsubscribeUrl: unsubscribeUrl(siteUrl, signUnsubscribe(secret, { subscriptionId: sub.id, kind })),
        kind,
      }),
    };
  }
}

export function unsubscribeUrl(siteUrl: string, token: string): string {
  return `${siteUrl}/unsubscribe?t=${encodeURIComponent(token)}`;
}

export async function queueAbsences(deps: MailDeps): Promise<number> {
  const now = deps.clock.now();
  const today = deps.clock.today();
  const settled = new Date(now.getTime() - ABSENCE_GRACE_MS).toISOString();
  let queued = 0;
  for await (const batch of batches(deps, 'absence')) {
    const rows = await absencesOn(deps.db, batch.studentIds, today);
    const letters: Queued[] = [];
    for (const sub of batch.subs) {
      const own = rows.filter((r) => r.student_id === sub.student_id);
      if (!own.some((r) => r.updated_at <= settled)) continue;
      const head = batch.head(sub);
      letters.push({
        subscription: sub,
        dedupeKey: `absence:${sub.id}:${today}`,
        unsubscribeUrl: head.unsubscribeUrl,
        letter: absenceLetter(
          head,
          today,
          own.map((r) => ({ lessonNo: r.lesson_no, subject: r.subject, code: r.code })),
        ),
      });
    }
    queued += await enqueue(deps, 'absence', letters);
  }
  return queued;
}

export async function queueDailyDigests(deps: MailDeps): Promise<number> {
  const now = deps.clock.now().toISOString();
  const today = deps.clock.today();
  let queued = 0;
  for await (const batch of batches(deps, 'daily')) {
    const since = batch.subs.reduce((min, s) => (s.digest_through < min ? s.digest_through : min), now);
    const rows = await marksSince(deps.db, batch.studentIds, since, localIsoDate(new Date(since)), today);
    const letters: Queued[] = [];
    for (const sub of batch.subs) {
      const sinceDate = localIsoDate(new Date(sub.digest_through));
      const marks: MailedMark[] = rows
        .filter(
          (r) =>
            r.student_id === sub.student_id &&
            markReleased(r.release_on, today) &&
            (r.updated_at > sub.digest_through || (r.release_on !== null && r.release_on > sinceDate)),
        )
        .map((r) => ({ date: r.date, subject: r.subject, work: r.title, value: r.value }));
      const head = batch.head(sub);
      letters.push({
        subscription: sub,
        dedupeKey: `daily:${sub.id}:${today}`,
        unsubscribeUrl: head.unsubscribeUrl,
        // Nothing new: no letter, only the watermark moves.
        letter: marks.length ? dailyLetter(head, today, marks) : EMPTY,
        digestThrough: now,
      });
    }
    queued += await enqueue(deps, 'daily', letters);
  }
  return queued;
}

/** The weekly summary of the week (Monday to `today`), on its Saturday. */
export async function queueWeeklySummaries(deps: MailDeps): Promise<number> {
  const today = deps.clock.today();
  const from = weekStart(today);
  let queued = 0;
  for await (const batch of batches(deps, 'weekly')) {
    const ids = batch.studentIds;
    const [marks, attendance, homework, excuses, finals] = await Promise.all([
      weekMarks(deps.db, ids, from, today),
      weekAttendance(deps.db, ids, from, today),
      weekHomework(deps.db, ids, from, today),
      excusesDecided(deps.db, ids, from, addDays(today, 1)),
      lockedFinals(deps.db, ids, addDays(today, -60)),
    ]);
    const letters: Queued[] = [];
    for (const sub of batch.subs) {
      const mine = <T extends { student_id: number }>(rows: T[]) => rows.filter((r) => r.student_id === sub.student_id);
      const newFinals = mine(finals).filter((f) => !sub.finals_sent.includes(`,${f.period_id},`));
      const week: WeekContent = {
        from,
        to: today,
        marks: mine(marks)
          .filter((m) => markReleased(m.release_on, today))
          .map((m) => ({ date: m.date, subject: m.subject, work: m.title, value: m.value })),
        absences: mine(attendance).map((a) => ({
          date: a.date,
          lessonNo: a.lesson_no,
          subject: a.subject,
          code: a.code,
        })),
        homework: mine(homework).map((h) => ({ date: h.date, subject: h.subject, text: String(h.text ?? '') })),
        excuses: mine(excuses).map((e) => ({
          from: e.from_date,
          to: e.to_date,
          confirmed: e.status === 'confirmed',
          note: e.decision_note,
        })),
        finals: newFinals.map((f) => ({ period: f.period, subject: f.subject, value: f.value })),
      };
      if (!weekHasNews(week)) continue;
      const head = batch.head(sub);
      const periods = [...new Set(newFinals.map((f) => f.period_id))];
      letters.push({
        subscription: sub,
        dedupeKey: `weekly:${sub.id}:${from}`,
        unsubscribeUrl: head.unsubscribeUrl,
        letter: weeklyLetter(head, week),
        finalsSent: periods.length ? `${sub.finals_sent}${periods.join(',')},` : undefined,
      });
    }
    queued += await enqueue(deps, 'weekly', letters);
  }
  return queued;
}

const EMPTY: Composed = { subject: '', text: '', html: '' };

/** One transaction per batch: the letters (each once, by its key) and the subscriptions' marks of progress. */
async function enqueue(deps: MailDeps, kind: SubscribableMailKind, letters: Queued[]): Promise<number> {
  if (letters.length === 0) return 0;
  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (tx: Db) => {
    const inserted = new Set<string>();
    const real = letters.filter((l) => l.letter !== EMPTY);
    for (let i = 0; i < real.length; i += 100) {
      const chunk = real.slice(i, i + 100);
      const result = await tx
        .insertInto('mail_outbox')
        .values(
          chunk.map((l) => ({
            kind,
            dedupe_key: l.dedupeKey,
            subscription_id: l.subscription.id,
            student_id: l.subscription.student_id,
            to_address: l.subscription.email,
            subject: l.letter.subject,
            text_body: l.letter.text,
            html_body: l.letter.html,
            unsubscribe_url: l.unsubscribeUrl,
            status: 'waiting' as const,
            next_attempt_at: now,
            created_at: now,
          })),
        )
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning('dedupe_key')
        .execute();
      for (const r of result) inserted.add(r.dedupe_key);
    }
    for (const l of letters) {
      if (l.digestThrough === undefined && l.finalsSent === undefined) continue;
      // A letter already queued (by another pass) keeps its own progress: marks since then wait for the next.
      if (l.letter !== EMPTY && !inserted.has(l.dedupeKey)) continue;
      await tx
        .updateTable('mail_subscriptions')
        .set({
          ...(l.digestThrough !== undefined ? { digest_through: l.digestThrough } : {}),
          ...(l.finalsSent !== undefined ? { finals_sent: l.finalsSent } : {}),
        })
        .where('id', '=', l.subscription.id)
        .execute();
    }
    return inserted.size;
  });
}
