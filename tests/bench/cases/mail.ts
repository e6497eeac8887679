// The daily digest of the whole college (issue 16: built and queued in under 30 s): every student and every
// guardian subscribed to it, the digest's watermark a week back, so each letter has a week of marks — more
// than a real evening's. Letters are composed and put into the outbox, none sent (sending is the server's time).
import type { JournalDb } from '../../../db/connect.js';
import { addDays } from '../../../electron/domain/calendar.js';
import { manualClock } from '../../../electron/services/clock.js';
import { queueDailyDigests } from '../../../electron/services/mail/queue.js';
import { encryptSecret, mailKey } from '../../../electron/services/mail/secret.js';
import { makeDeps } from '../../support/harness.js';
import { BENCH_TODAY } from '../college.js';
import { timeOnce, type BenchResult } from '../harness.js';

export async function mailCases(handle: JournalDb, prefix = ''): Promise<BenchResult[]> {
  const clock = manualClock(new Date(`${BENCH_TODAY}T18:30:00`));
  const deps = makeDeps(handle, { clock });
  const db = handle.db;
  const since = `${addDays(BENCH_TODAY, -7)}T15:00:00.000Z`;
  await db.deleteFrom('mail_outbox').execute();
  await db.deleteFrom('mail_subscriptions').execute();
  await db.deleteFrom('mail_settings').execute();
  await db
    .insertInto('mail_settings')
    .values({
      id: 1,
      enabled: 1,
      host: '127.0.0.1',
      port: 2525,
      security: 'none',
      login: 'journal',
      password: encryptSecret('bench', mailKey(deps.paths.keys)),
      from_name: 'Колледж',
      from_address: 'journal@college.example',
      site_url: 'https://journal.example.ru',
      updated_at: since,
    })
    .execute();
  const students = await db.selectFrom('students').select('id').execute();
  const guardians = await db.selectFrom('guardians').select(['id', 'student_id']).execute();
  const rows = [
    ...students.map((s) => ({ student_id: s.id, guardian_id: null, recipient_key: `s:${s.id}` })),
    ...guardians.map((g) => ({ student_id: g.student_id, guardian_id: g.id, recipient_key: `g:${g.id}` })),
  ].map((r, i) => ({
    ...r,
    email: `family${i}@mail.example`,
    absence: 1,
    daily: 1,
    weekly: 1,
    digest_through: since,
    updated_at: since,
  }));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('mail_subscriptions')
      .values(rows.slice(i, i + 500))
      .execute();
  const { ms, value: queued } = await timeOnce(() => queueDailyDigests(deps));
  return [
    {
      name: `${prefix}mail: daily digest of the college built and queued`,
      value: ms,
      unit: 'ms',
      target: 30_000,
      floor_ratio: null,
      note: `${students.length} students, ${rows.length} subscribers, ${queued} letters (a week of marks each)`,
    },
  ];
}
