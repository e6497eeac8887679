// The weekly check: for the week before this one, every journal with timetable lessons never entered
// or lessons without a topic gets a draft remark (auto = 1) for the deputy to review and send.
// Idempotent — the draft names its week, unique per journal — so the scheduler and the deputy's
// button may both run it. `runWeeklyRemarkCheck(deps)` is the plain function a scheduler registers.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Parsed, WeeklyDraftResult } from '../../api/contract.js';
import { AppError } from '../../api/errors.js';
import { audit } from '../audit.js';
import { addDays, weekStart } from '../../domain/calendar.js';
import { ruDate } from '../../domain/format-dates.js';
import type { AuthedContext, ServiceDeps, Session } from '../context.js';
import { scheduledSlots } from '../schedule.js';

export interface WeeklyOptions {
  today: string;
  now: Date;
  /** Any day of the week to check; default the week before today's. */
  weekOf?: string;
  /** The deputy who pressed the button; the scheduler leaves it out (the first deputy is the author). */
  session?: Session | null;
}

export async function draftWeekly(
  ctx: AuthedContext,
  input: Parsed<'remarks.draftWeekly'>,
): Promise<WeeklyDraftResult> {
  return draftWeeklyRemarks(ctx.db, {
    today: ctx.clock.today(),
    now: ctx.clock.now(),
    weekOf: input.weekOf,
    session: ctx.session,
  });
}

/** For a scheduler: check last week; null when there is no year to check or no one to sign the drafts. */
export async function runWeeklyRemarkCheck(deps: Pick<ServiceDeps, 'db' | 'clock'>): Promise<WeeklyDraftResult | null> {
  try {
    return await draftWeeklyRemarks(deps.db, { today: deps.clock.today(), now: deps.clock.now() });
  } catch (error) {
    if (error instanceof AppError && error.code === 'bad_request') return null;
    throw error;
  }
}

/**
 * The weekly check as a scheduler task (the shape of platform/scheduled-task.ts's ScheduledTask): due once
 * a week from Monday on — the check itself is idempotent, so a restart that runs it again adds nothing.
 */
export function weeklyRemarkTask(deps: Pick<ServiceDeps, 'db' | 'clock'>) {
  let doneFor: string | null = null;
  return {
    name: 'remarks.weekly',
    due: (): boolean => doneFor !== weekStart(deps.clock.today()),
    run: async (): Promise<void> => {
      await runWeeklyRemarkCheck(deps);
      doneFor = weekStart(deps.clock.today());
    },
  };
}

interface Finding {
  unfilled: string[];
  noTopic: Array<{ date: string; lessonId: number }>;
}

export async function draftWeeklyRemarks(db: Kysely<Database>, options: WeeklyOptions): Promise<WeeklyDraftResult> {
  const from = weekStart(options.weekOf ?? addDays(options.today, -7));
  const sunday = addDays(from, 6);
  const to = sunday < options.today ? sunday : addDays(options.today, -1);
  if (to < from)
    throw new AppError('bad_request', `Неделя с ${ruDate(from)} ещё не прошла: проверять нечего`, {
      weekOf: 'Выберите прошедшую неделю',
    });
  const year = await db
    .selectFrom('academic_years')
    .selectAll()
    .where('starts_on', '<=', to)
    .where('ends_on', '>=', from)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (!year)
    throw new AppError('bad_request', `На неделю ${ruDate(from)}–${ruDate(sunday)} не приходится открытый учебный год`);
  const authorId = options.session?.userId ?? (await defaultAuthor(db));
  if (authorId === null)
    throw new AppError('bad_request', 'Нет пользователя с ролью заместителя директора: черновики некому подписать');

  const findings = await findGaps(db, year.id, year.starts_on, from, to);
  const attempt = () =>
    db.transaction().execute(async (trx) => {
      const done = new Set(
        (await trx.selectFrom('remarks').select('journal_id').where('auto_week', '=', from).execute()).map(
          (r) => r.journal_id,
        ),
      );
      const created: number[] = [];
      for (const [journalId, f] of findings) {
        if (done.has(journalId)) continue;
        const single = f.unfilled.length === 0 && f.noTopic.length === 1 ? f.noTopic[0]!.lessonId : null;
        const row = await trx
          .insertInto('remarks')
          .values({
            journal_id: journalId,
            lesson_id: single,
            author_id: authorId,
            text: describe(from, to, f),
            due_on: addDays(options.today, 7),
            status: 'draft',
            auto: 1,
            auto_week: from,
            created_at: options.now.toISOString(),
            version: 1,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        created.push(row.id);
      }
      if (created.length > 0) {
        await audit(trx, options.session ?? null, options.now, {
          action: 'remark.draftWeekly',
          entity: 'remark',
          entityId: null,
          after: { week: from, drafts: created },
        });
      }
      return created.length;
    });
  let created: number;
  try {
    created = await attempt();
  } catch (error) {
    // Two runs at once: the other one's drafts hit the unique (journal, week) index. Look again.
    if (!/unique|duplicate/i.test(String((error as Error).message))) throw error;
    created = await attempt();
  }
  return { from, to: sunday, journals: findings.size, created, skipped: findings.size - created };
}

async function defaultAuthor(db: Kysely<Database>): Promise<number | null> {
  for (const role of ['deputy', 'director'] as const) {
    const user = await db
      .selectFrom('user_roles as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select('u.id')
      .where('r.role', '=', role)
      .where('u.active', '=', 1)
      .orderBy('u.id')
      .executeTakeFirst();
    if (user) return user.id;
  }
  return null;
}

/** Per journal: the timetable days whose lessons were not all entered, and the lessons without a topic. */
async function findGaps(
  db: Kysely<Database>,
  yearId: number,
  yearStart: string,
  from: string,
  to: string,
): Promise<Map<number, Finding>> {
  const slots = await scheduledSlots(db, { yearId, yearStart, from, to });
  const lessons = await db
    .selectFrom('lessons as l')
    .innerJoin('journals as j', 'j.id', 'l.journal_id')
    .select(['l.id', 'l.journal_id', 'l.date', 'l.topic'])
    .where('j.year_id', '=', yearId)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .orderBy('l.date')
    .orderBy('l.lesson_no')
    .execute();
  const held = new Map<string, number>();
  for (const l of lessons) held.set(`${l.journal_id}|${l.date}`, (held.get(`${l.journal_id}|${l.date}`) ?? 0) + 1);
  const out = new Map<number, Finding>();
  const of = (journalId: number) => {
    let f = out.get(journalId);
    if (!f) {
      f = { unfilled: [], noTopic: [] };
      out.set(journalId, f);
    }
    return f;
  };
  const expected = new Map<string, number>();
  for (const s of slots) expected.set(`${s.journalId}|${s.date}`, (expected.get(`${s.journalId}|${s.date}`) ?? 0) + 1);
  for (const [key, n] of [...expected].sort((a, b) => a[0].localeCompare(b[0]))) {
    const [journalId, date] = key.split('|') as [string, string];
    for (let i = held.get(key) ?? 0; i < n; i++) of(Number(journalId)).unfilled.push(date);
  }
  for (const l of lessons) if (l.topic.trim() === '') of(l.journal_id).noTopic.push({ date: l.date, lessonId: l.id });
  for (const f of out.values()) f.unfilled.sort();
  return out;
}

const short = (iso: string) => ruDate(iso).slice(0, 5);

function describe(from: string, to: string, f: Finding): string {
  const parts = [`Еженедельная проверка за ${ruDate(from)}–${ruDate(to)}.`];
  if (f.unfilled.length)
    parts.push(`Не заполнены занятия по расписанию: ${f.unfilled.length} (${f.unfilled.map(short).join(', ')}).`);
  if (f.noTopic.length)
    parts.push(`Не указана тема занятия: ${f.noTopic.length} (${f.noTopic.map((n) => short(n.date)).join(', ')}).`);
  parts.push('Заполните журнал.');
  return parts.join(' ');
}
