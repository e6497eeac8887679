// The schema changes only on purpose: a snapshot of every table and column, and each migration
// tested from the one before it with data in place.
import fs from 'node:fs';
import path from 'node:path';
import { Migrator } from 'kysely';
import { expect, it } from 'vitest';
import { migrationProvider, migrations } from '../../db/migrations/index.js';
import type { JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import { describeEachDb, freshDb } from '../support/databases.js';

const SNAPSHOT = path.join(import.meta.dirname, '..', 'fixtures', 'schema-snapshot.json');

describeEachDb('schema', (kind) => {
  it('matches the committed snapshot (update tests/fixtures/schema-snapshot.json with a new migration)', async () => {
    const fresh = await freshDb(kind, { empty: true });
    const handle = await fresh.open();
    const tables = await handle.db.introspection.getTables();
    const shape = Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => c.name).sort()]).sort());
    await handle.close();
    await fresh.drop();
    if (process.env.UPDATE_SCHEMA_SNAPSHOT && kind === 'sqlite')
      fs.writeFileSync(SNAPSHOT, JSON.stringify(shape, null, 2) + '\n');
    const expected = JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) as Record<string, string[]>;
    expect(shape).toEqual(expected);
  });
});

describeEachDb('migrations with data in every table', (kind) => {
  it('every migration goes down and up again with rows in every table, losing none it does not drop', async () => {
    const fresh = await freshDb(kind);
    const handle = await fresh.open();
    const db = handle.db;
    try {
      await generateDemo(db, { seed: 3, students: 40, groups: 2, departments: 1, teachers: 6, today: '2026-11-25' });
      await fillTheRest(handle);
      const counts = async () => {
        const out: Record<string, number> = {};
        for (const t of await db.introspection.getTables()) {
          if (t.name.startsWith('kysely_')) continue;
          const row = await db
            .selectFrom(t.name as 'users')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          out[t.name] = Number(row.n);
        }
        return out;
      };
      const full = await counts();
      expect(
        Object.entries(full)
          .filter(([, n]) => n === 0)
          .map(([t]) => t),
        'tables left empty',
      ).toEqual([]);

      const migrator = new Migrator({ db, provider: migrationProvider });
      const names = Object.keys(migrations).sort();
      // Down one migration at a time to the first: the tables that remain keep every row.
      for (let i = names.length - 2; i >= 0; i--) {
        const before = await counts();
        const step = await migrator.migrateTo(names[i]!);
        expect(step.error, `down to ${names[i]}`).toBeUndefined();
        const after = await counts();
        for (const [table, n] of Object.entries(after))
          expect(n, `${table} after down to ${names[i]}`).toBe(before[table]);
      }
      const kept = Object.keys(await counts());
      // And up again, one at a time, with the data of the older tables in place.
      for (const name of names.slice(1)) {
        const before = await counts();
        const step = await migrator.migrateTo(name);
        expect(step.error, `up to ${name}`).toBeUndefined();
        const after = await counts();
        for (const [table, n] of Object.entries(before)) expect(after[table], `${table} after up to ${name}`).toBe(n);
      }
      // The first migration's tables went all the way down and up with every row.
      const again = await counts();
      for (const table of kept) expect(again[table], table).toBe(full[table]);
      expect(Object.keys(again).sort()).toEqual(Object.keys(full).sort());
    } finally {
      await handle.close();
      await fresh.drop();
    }
  });
});

/** The tables the demo college leaves empty get a row each, so that no migration meets an empty table only. */
async function fillTheRest(handle: JournalDb): Promise<void> {
  const db = handle.db;
  const at = '2026-11-25T09:00:00.000Z';
  const user = (await db.selectFrom('users').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  const journal = await db.selectFrom('journals').select(['id', 'year_id']).orderBy('id').executeTakeFirstOrThrow();
  const period = (
    await db
      .selectFrom('periods')
      .select('id')
      .where('year_id', '=', journal.year_id)
      .orderBy('seq')
      .executeTakeFirstOrThrow()
  ).id;
  await db.insertInto('holidays').values({ date: '2027-01-07', title: 'Рождество Христово' }).execute();
  await db
    .insertInto('timetable_changes')
    .values({
      year_id: journal.year_id,
      kind: 'cancel',
      journal_id: journal.id,
      date: '2026-12-01',
      lesson_no: 1,
      reason: 'болезнь',
      created_by: user,
      created_at: at,
    })
    .execute();
  await db
    .insertInto('assessments')
    .values({
      journal_id: journal.id,
      period_id: period,
      kind: 'credit',
      held_on: '2026-12-20',
      examiners: 'Иванов И. И.',
      updated_at: at,
      updated_by: user,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const sheet = await db
    .selectFrom('assessments')
    .select('id')
    .where('journal_id', '=', journal.id)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const student = await db.selectFrom('students').select('id').orderBy('id').executeTakeFirstOrThrow();
  await db
    .insertInto('assessment_statuses')
    .values({ assessment_id: sheet.id, student_id: student.id, status: 'absent' })
    .execute();
  await db
    .insertInto('resits')
    .values({
      journal_id: journal.id,
      student_id: student.id,
      period_id: period,
      kind: 'credit',
      attempt: 9,
      direction_no: '1',
      issued_on: '2026-12-21',
      examiner: 'Иванов И. И.',
      held_on: null,
      value: null,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('practice_details')
    .values({
      journal_id: journal.id,
      kind: 'educational',
      place: 'мастерские колледжа',
      starts_on: null,
      ends_on: null,
      college_supervisor: 'Иванов И. И.',
      employer_supervisor: '',
      updated_at: at,
      updated_by: user,
    })
    .execute();
  await db
    .insertInto('practice_students')
    .values({
      journal_id: journal.id,
      student_id: student.id,
      place: null,
      hours: 36,
      works: 'монтаж',
      characteristic: '',
      updated_at: at,
    })
    .execute();
  const owner = await db
    .selectFrom('journals')
    .select(['group_id', 'subject_id'])
    .where('id', '=', journal.id)
    .executeTakeFirstOrThrow();
  const exam = await db
    .insertInto('qualification_exams')
    .values({
      group_id: owner.group_id,
      subject_id: owner.subject_id,
      held_on: null,
      commission: 'комиссия',
      updated_at: at,
      updated_by: user,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('qualification_results')
    .values({ exam_id: exam.id, student_id: student.id, mastered: 1, mark: '5' })
    .execute();
  await db
    .insertInto('issued_copies')
    .values({
      number: 1,
      year_id: journal.year_id,
      journal_id: journal.id,
      issued_at: at,
      what: 'Копия страниц журнала',
      recipient: 'по запросу',
      certified_by: 'Директор Иванов И. И.',
      pages: 3,
      created_by: user,
    })
    .execute();
  await db
    .insertInto('period_unlocks')
    .values({
      journal_id: journal.id,
      period_id: period,
      requested_by: user,
      reason: 'исправление',
      status: 'requested',
      created_at: at,
    })
    .execute();
  await db
    .insertInto('archives')
    .values({
      year_id: journal.year_id,
      created_at: at,
      created_by: user,
      target: 'store',
      path: '/archive',
      manifest_sha256: 'a'.repeat(64),
      signature: 'sig',
      file_count: 1,
      bytes: 1,
      verify_ok: 1,
    })
    .execute();
  await db
    .insertInto('web_sessions')
    .values({ token_hash: 'b'.repeat(64), user_id: user, created_at: at, last_seen_at: at })
    .execute();
  await db
    .insertInto('login_throttle')
    .values({ key: 'addr:203.0.113.1', failures: 1, window_start: at, updated_at: at })
    .execute();
  await db.insertInto('leases').values({ name: 'scheduler', holder: 'test', expires_at: at }).execute();
  // The demo college has no programmes of supplementary education.
  const subject = await db
    .insertInto('subjects')
    .values({ code: null, name: 'Робототехника', kind: 'programme', parent_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const programme = await db
    .insertInto('programmes')
    .values({ subject_id: subject.id, focus: 'technical', hours_per_year: 72, years: 2, age_from: 10, age_to: 13 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('programme_topics')
    .values({ programme_id: programme.id, seq: 1, section: null, title: 'Вводное', hours: 72, lesson_kind: 'lecture' })
    .execute();
  await db
    .insertInto('import_mappings')
    .values({
      list: 'students',
      headers_key: 'c'.repeat(64),
      headers: '["ФИО","Родитель (ФИО)"]',
      mapping: '{"Родитель (ФИО)":"g1Name"}',
      updated_at: at,
      updated_by: user,
    })
    .execute();
  await db
    .insertInto('mail_settings')
    .values({
      id: 1,
      enabled: 1,
      host: 'smtp.example.ru',
      port: 587,
      security: 'starttls',
      login: 'journal',
      password: '',
      from_name: 'Журнал',
      from_address: 'journal@example.ru',
      site_url: 'https://journal.example.ru',
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('mail_outbox')
    .values({
      kind: 'test',
      dedupe_key: 'test:1',
      to_address: 'admin@example.ru',
      subject: 'Пробное письмо',
      text_body: 'Пробное письмо',
      html_body: '<p>Пробное письмо</p>',
      status: 'sent',
      next_attempt_at: at,
      created_at: at,
      sent_at: at,
    })
    .execute();
}
