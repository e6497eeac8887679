// The family page is served to every family over the Internet. What all its calls share — years,
// periods, bells, holidays, subjects, journals with their teachers, the timetable — each server
// process keeps, and asks on every page only whether it changed: the one-row catalogue_version, which
// triggers bump on any change of those tables, whoever writes (a service, the CLI, another process,
// an import). Likewise each journal's lessons and types of work, which every family of its group
// shares: journals.content_version, bumped by triggers on lessons and work_columns. And indexes to read
// a student's subgroups, individual homework and final marks by student (the page reads them so).
import { sql, type Kysely } from 'kysely';
import { countChanges, isPostgres, stopCountingChanges, type CountedChanges } from './dialect.js';

const COUNTER = 'catalogue_version';

/**
 * The tables. Of journals only the columns a page reads (a saved plan bumps a journal's version); of
 * users only a change of name (a login writes other columns; a new user is on no page until a journal
 * names them, and a user a journal names cannot be deleted).
 */
const WATCHED: Array<[string, CountedChanges]> = [
  ['academic_years', {}],
  ['periods', {}],
  ['bells', {}],
  ['holidays', {}],
  ['subjects', {}],
  ['journals', { columns: ['year_id', 'group_id', 'subject_id', 'subgroup_id', 'teacher_user_id'] }],
  ['timetable', {}],
  ['users', { columns: ['last_name', 'first_name', 'middle_name'], updatesOnly: true }],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable(COUNTER)
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('stamp', 'text', (c) => c.notNull())
    .execute();
  const stamp = isPostgres(db) ? sql`md5(random()::text)` : sql`lower(hex(randomblob(8)))`;
  await db.insertInto(COUNTER).values({ id: 1, version: 1, stamp }).execute();
  for (const [table, what] of WATCHED) await countChanges(db, COUNTER, table, what);
  await db.schema
    .alterTable('journals')
    .addColumn('content_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await countContentChanges(db);
  await db.schema
    .createIndex('subgroup_students_student')
    .on('subgroup_students')
    .columns(['student_id', 'subgroup_id'])
    .execute();
  await db.schema
    .createIndex('homework_individual_student')
    .on('homework_individual')
    .columns(['student_id'])
    .execute();
  await db.schema.createIndex('final_marks_student').on('final_marks').columns(['student_id']).execute();
  // A year's timetable, read whole when a process (re)reads the catalogue.
  await db.schema.createIndex('timetable_year_journal').on('timetable').columns(['year_id', 'journal_id']).execute();
  // A student's marks read from the index alone: the rows lie scattered over the whole table.
  await db.schema.dropIndex('marks_student').execute();
  await db.schema
    .createIndex('marks_student_column')
    .on('marks')
    .columns(['student_id', 'column_id', 'value', 'id'])
    .execute();
  await db.schema.dropIndex('attendance_student').execute();
  await db.schema
    .createIndex('attendance_student_lesson')
    .on('attendance')
    .columns(['student_id', 'lesson_id', 'code', 'late_minutes', 'excuse_id', 'reason', 'id'])
    .execute();
}

/** What a page shows of a lesson and of a type of work: a change of anything else is not counted. */
const LESSON_COLUMNS = 'journal_id, date, lesson_no, topic, homework';
const COLUMN_COLUMNS = 'lesson_id, title, weight, release_on, seq';

async function countContentChanges(db: Kysely<any>): Promise<void> {
  const bump = (journal: string) => `UPDATE journals SET content_version = content_version + 1 WHERE id = ${journal}`;
  const lessonOf = (row: string) => `(SELECT journal_id FROM lessons WHERE id = ${row}.lesson_id)`;
  if (isPostgres(db)) {
    // BEFORE, row by row: a transaction locks the journal's row before any of its lessons' rows, in the
    // same order as every other writer of that journal.
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION journal_content_bump() RETURNS trigger AS $$
      BEGIN
        IF TG_TABLE_NAME = 'lessons' THEN
          IF TG_OP <> 'INSERT' THEN ${bump('OLD.journal_id')}; END IF;
          IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.journal_id IS DISTINCT FROM OLD.journal_id) THEN
            ${bump('NEW.journal_id')}; END IF;
        ELSE
          IF TG_OP <> 'INSERT' THEN ${bump(lessonOf('OLD'))}; END IF;
          IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.lesson_id IS DISTINCT FROM OLD.lesson_id) THEN
            ${bump(lessonOf('NEW'))}; END IF;
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END; $$ LANGUAGE plpgsql`,
      )
      .execute(db);
    for (const [table, columns] of [
      ['lessons', LESSON_COLUMNS],
      ['work_columns', COLUMN_COLUMNS],
    ]) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_content BEFORE INSERT OR UPDATE OF ${columns} OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION journal_content_bump()`,
        )
        .execute(db);
    }
    return;
  }
  const triggers: Array<[string, string, string]> = [
    ['lessons_content_insert', `INSERT ON lessons`, bump('NEW.journal_id')],
    [
      'lessons_content_update',
      `UPDATE OF ${LESSON_COLUMNS} ON lessons`,
      `${bump('OLD.journal_id')}; ${bump('NEW.journal_id')}`,
    ],
    ['lessons_content_delete', `DELETE ON lessons`, bump('OLD.journal_id')],
    ['work_columns_content_insert', `INSERT ON work_columns`, bump(lessonOf('NEW'))],
    [
      'work_columns_content_update',
      `UPDATE OF ${COLUMN_COLUMNS} ON work_columns`,
      `${bump(lessonOf('OLD'))}; ${bump(lessonOf('NEW'))}`,
    ],
    ['work_columns_content_delete', `DELETE ON work_columns`, bump(lessonOf('OLD'))],
  ];
  for (const [name, on, body] of triggers) {
    await sql.raw(`CREATE TRIGGER ${name} AFTER ${on} BEGIN ${body}; END`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('attendance_student_lesson').execute();
  await db.schema.createIndex('attendance_student').on('attendance').columns(['student_id']).execute();
  await db.schema.dropIndex('marks_student_column').execute();
  await db.schema.createIndex('marks_student').on('marks').columns(['student_id']).execute();
  await db.schema.dropIndex('timetable_year_journal').execute();
  await db.schema.dropIndex('final_marks_student').execute();
  await db.schema.dropIndex('homework_individual_student').execute();
  await db.schema.dropIndex('subgroup_students_student').execute();
  if (isPostgres(db)) {
    for (const table of ['lessons', 'work_columns']) {
      await sql.raw(`DROP TRIGGER ${table}_content ON ${table}`).execute(db);
    }
    await sql.raw('DROP FUNCTION journal_content_bump()').execute(db);
  } else {
    for (const table of ['lessons', 'work_columns']) {
      for (const op of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER ${table}_content_${op}`).execute(db);
    }
  }
  await db.schema.alterTable('journals').dropColumn('content_version').execute();
  for (const [table] of WATCHED) await stopCountingChanges(db, COUNTER, table);
  if (isPostgres(db)) await sql.raw(`DROP FUNCTION IF EXISTS ${COUNTER}_bump()`).execute(db);
  await db.schema.dropTable(COUNTER).execute();
}
