// The outbox's sending side, run by the one process that holds the scheduler's lock. A letter is claimed
// (`sending`, committed) before it is handed to the server and marked `sent` after: a process killed in
// between leaves it `sending`, and the next pass marks it `interrupted` instead of sending it again — the
// administrator sees it in the delivery log and may send it once more. A server that is down puts the pass
// off with back-off; a refusal for good (5xx) is recorded as failed with the server's answer.
import crypto from 'node:crypto';
import type { MailLog, MailLogRow, MailTestResult, Parsed } from '../../api/contract.js';
import { AppError, badInput, notFound } from '../../api/errors.js';
import { MAIL_STATUSES, type MailStatus } from '../../domain/enums.js';
import { nextAttemptAt } from '../../domain/mail.js';
import { audit } from '../audit.js';
import type { AuthedContext, Db } from '../context.js';
import { fullName } from '../session.js';
import { readMailSettings, smtpConfig } from './config.js';
import type { MailDeps } from './queue.js';
import { openTransport, SendFailure, type Letter } from './transport.js';

export const INTERRUPTED_ANSWER =
  'Отправка прервалась: программа была остановлена, пока письмо передавалось серверу. Письмо могло дойти, ' +
  'поэтому само оно не отправляется ещё раз — проверьте и отправьте вручную.';

export interface SendOutcome {
  sent: number;
  failed: number;
  /** Put off after a failure the server may get over. */
  deferred: number;
  /** The server could not be reached: the pass stopped; the sender waits until then. */
  serverDownUntil: Date | null;
}

/** Letters left `sending` by a process that is gone become `interrupted` (never sent again by themselves). */
export async function markInterrupted(db: Db, holder: string): Promise<number> {
  const result = await db
    .updateTable('mail_outbox')
    .set({ status: 'interrupted', last_answer: INTERRUPTED_ANSWER })
    .where('status', '=', 'sending')
    .where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claimed_by', '!=', holder)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Send the letters that are due, up to `limit`, one at a time through one connection. */
export async function sendDue(deps: MailDeps, holder: string, limit = 200): Promise<SendOutcome> {
  const outcome: SendOutcome = { sent: 0, failed: 0, deferred: 0, serverDownUntil: null };
  await markInterrupted(deps.db, holder);
  const now = deps.clock.now();
  const due = await deps.db
    .selectFrom('mail_outbox')
    .select(['id', 'dedupe_key', 'to_address', 'subject', 'text_body', 'html_body', 'unsubscribe_url', 'attempts'])
    .where('status', '=', 'waiting')
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('id')
    .limit(limit)
    .execute();
  if (due.length === 0) return outcome;
  const config = await smtpConfig(deps);
  const transport = await openTransport(config);
  try {
    for (const row of due) {
      const claimed = await deps.db
        .updateTable('mail_outbox')
        .set({ status: 'sending', claimed_by: holder, attempts: row.attempts + 1 })
        .where('id', '=', row.id)
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue; // the administrator changed it meanwhile
      try {
        const answer = await transport.send(letterOf(row, config.fromAddress));
        await finish(deps.db, row.id, { status: 'sent', last_answer: answer, sent_at: deps.clock.now().toISOString() });
        outcome.sent++;
      } catch (error) {
        const failure = error instanceof SendFailure ? error : new SendFailure(String(error), false);
        const next = failure.permanent ? null : nextAttemptAt(deps.clock.now(), row.attempts + 1);
        if (next === null) {
          const answer = failure.permanent ? failure.message : `${failure.message} (попытки исчерпаны)`;
          await finish(deps.db, row.id, { status: 'failed', last_answer: answer });
          outcome.failed++;
        } else {
          await finish(deps.db, row.id, {
            status: 'waiting',
            last_answer: failure.message,
            next_attempt_at: next.toISOString(),
          });
          outcome.deferred++;
          // Down or refusing everyone: the other letters would only fail the same way.
          if (!failure.permanent) {
            outcome.serverDownUntil = next;
            break;
          }
        }
      }
    }
  } finally {
    transport.close();
  }
  return outcome;
}

/** Sent letters are kept this long for the delivery log, then removed (they carry children's marks). */
export const KEEP_SENT_DAYS = 90;

export async function pruneSent(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - KEEP_SENT_DAYS * 86_400_000).toISOString();
  const result = await db
    .deleteFrom('mail_outbox')
    .where('status', '=', 'sent')
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

async function finish(
  db: Db,
  id: number,
  values: { status: MailStatus; last_answer: string; sent_at?: string; next_attempt_at?: string },
): Promise<void> {
  await db.updateTable('mail_outbox').set(values).where('id', '=', id).execute();
}

function letterOf(
  row: {
    id: number;
    dedupe_key: string;
    to_address: string;
    subject: string;
    text_body: string;
    html_body: string;
    unsubscribe_url: string | null;
  },
  from: string,
): Letter {
  const domain = from.split('@')[1] ?? 'localhost';
  const key = crypto.createHash('sha256').update(row.dedupe_key).digest('hex').slice(0, 24);
  return {
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    messageId: `<zhurnal.${row.id}.${key}@${domain}>`,
    unsubscribeUrl: row.unsubscribe_url,
  };
}

// ── The administrator's side: the delivery log, sending a letter again, the test letter.

export async function log(ctx: AuthedContext, input: Parsed<'mail.log'>): Promise<MailLog> {
  const counted = await ctx.db
    .selectFrom('mail_outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts = Object.fromEntries(MAIL_STATUSES.map((s) => [s, 0])) as Record<MailStatus, number>;
  for (const c of counted) counts[c.status] = Number(c.n);
  let query = logRows(ctx.db);
  if (input.status) query = query.where('o.status', '=', input.status);
  const rows = await query
    .orderBy('o.id', 'desc')
    .limit(input.limit ?? 200)
    .execute();
  return { counts, rows: rows.map(logRow) };
}

export async function retry(ctx: AuthedContext, input: Parsed<'mail.retry'>): Promise<MailLogRow> {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('mail_outbox')
      .select(['id', 'status', 'to_address'])
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!row) throw notFound('Письмо');
    if (row.status !== 'failed' && row.status !== 'interrupted')
      throw badInput('Ещё раз можно отправить только недоставленное или прерванное письмо');
    await tx
      .updateTable('mail_outbox')
      .set({ status: 'waiting', attempts: 0, next_attempt_at: ctx.clock.now().toISOString(), claimed_by: null })
      .where('id', '=', row.id)
      .execute();
    await audit(tx, ctx.session, ctx.clock.now(), {
      action: 'mail.retry',
      entity: 'mail_outbox',
      entityId: row.id,
      before: { status: row.status },
      after: { status: 'waiting', to: row.to_address },
    });
    return logRow(await logRows(tx).where('o.id', '=', row.id).executeTakeFirstOrThrow());
  });
}

export async function test(ctx: AuthedContext, input: Parsed<'mail.test'>): Promise<MailTestResult> {
  const settings = await readMailSettings(ctx.db);
  const config = await smtpConfig(ctx);
  const now = ctx.clock.now().toISOString();
  const institution =
    (await ctx.db.selectFrom('institution').select('short_name').executeTakeFirst())?.short_name ?? '';
  const text =
    `Это пробное письмо электронного журнала${institution ? ` «${institution}»` : ''}.\n` +
    `Если оно дошло, почта настроена верно: письма семьям будут уходить с адреса ${config.fromAddress}.`;
  const dedupeKey = `test:${now}:${crypto.randomBytes(4).toString('hex')}`;
  const letter: Letter = {
    to: input.to,
    subject: `Пробное письмо журнала${institution ? ` — ${institution}` : ''}`,
    text,
    html: `<!doctype html><html lang="ru"><meta charset="utf-8"><p>${text.replace(/\n/g, '<br>')}</p></html>`,
    messageId: `<zhurnal.test.${crypto.randomBytes(8).toString('hex')}@${config.fromAddress.split('@')[1]}>`,
  };
  let answer: string;
  let failure: SendFailure | null = null;
  const transport = await openTransport(config);
  try {
    answer = await transport.send(letter);
  } catch (error) {
    failure = error instanceof SendFailure ? error : new SendFailure(String(error), false);
    answer = failure.message;
  } finally {
    transport.close();
  }
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('mail_outbox')
      .values({
        kind: 'test',
        dedupe_key: dedupeKey,
        to_address: input.to,
        subject: letter.subject,
        text_body: letter.text,
        html_body: letter.html,
        status: failure ? 'failed' : 'sent',
        attempts: 1,
        next_attempt_at: now,
        last_answer: answer,
        created_at: now,
        sent_at: failure ? null : now,
      })
      .execute();
    await audit(tx, ctx.session, ctx.clock.now(), {
      action: 'mail.test',
      entity: 'mail_settings',
      entityId: settings ? 1 : null,
      after: { to: input.to, ok: !failure, answer },
    });
  });
  if (failure) throw new AppError('unavailable', `Пробное письмо не отправлено. ${failure.message}`);
  return { answer };
}

function logRows(db: Db) {
  return db
    .selectFrom('mail_outbox as o')
    .leftJoin('students as s', 's.id', 'o.student_id')
    .select([
      'o.id',
      'o.kind',
      'o.status',
      'o.to_address',
      'o.subject',
      'o.attempts',
      'o.created_at',
      'o.sent_at',
      'o.next_attempt_at',
      'o.last_answer',
      's.last_name',
      's.first_name',
      's.middle_name',
    ]);
}

function logRow(r: Awaited<ReturnType<ReturnType<typeof logRows>['executeTakeFirstOrThrow']>>): MailLogRow {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    to: r.to_address,
    subject: r.subject,
    studentName: r.last_name
      ? fullName({ last_name: r.last_name, first_name: r.first_name ?? '', middle_name: r.middle_name })
      : null,
    attempts: r.attempts,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    nextAttemptAt: r.status === 'waiting' ? r.next_attempt_at : null,
    lastAnswer: r.last_answer,
  };
}
