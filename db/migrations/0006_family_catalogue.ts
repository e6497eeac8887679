// The family page is served to every family over the Internet. What all its calls share — years,
// periods, bells, holidays, subjects, journals with their teachers, the timetable — each server
// process keeps, and asks on every page only whether it changed: the one-row catalogue_version, which
// triggers bump on any change of those tables, whoever writes (a service, the CLI, another process,
// an import). Also: a student's subgroups are looked up by student (that lookup read the whole table).
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
  await db.schema.createTable(COUNTER)
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('stamp', 'text', (c) => c.notNull())
    .execute();
  const stamp = isPostgres(db) ? sql`md5(random()::text)` : sql`lower(hex(randomblob(8)))`;
  await db.insertInto(COUNTER).values({ id: 1, version: 1, stamp }).execute();
  for (const [table, what] of WATCHED) await countChanges(db, COUNTER, table, what);
  await db.schema.createIndex('subgroup_students_student').on('subgroup_students')
    .columns(['student_id', 'subgroup_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('subgroup_students_student').execute();
  for (const [table] of WATCHED) await stopCountingChanges(db, COUNTER, table);
  if (isPostgres(db)) await sql.raw(`DROP FUNCTION IF EXISTS ${COUNTER}_bump()`).execute(db);
  await db.schema.dropTable(COUNTER).execute();
}
