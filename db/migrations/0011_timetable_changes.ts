// Dated timetable changes (issue 14): on one date a lesson is cancelled, moved to another date, lesson
// number or room, taught by a substitute, or an extra lesson is added. The weekly timetable stays as it
// is; every reader of dated slots applies these rows over it (electron/services/schedule.ts). A family
// page shows them, so a change bumps the catalogue version like the timetable itself (0007).
import { sql, type Kysely } from 'kysely';
import { countChanges, stopCountingChanges, withId } from './dialect.js';

const COUNTER = 'catalogue_version';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('timetable_changes'))
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_years.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('cancel', 'move', 'substitute', 'extra')`))
    .addColumn('journal_id', 'integer', (c) => c.notNull().references('journals.id').onDelete('cascade'))
    // The slot the change is about (for an extra lesson: where it is added).
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('lesson_no', 'integer', (c) => c.notNull())
    // A move: where the lesson goes.
    .addColumn('new_date', 'text')
    .addColumn('new_lesson_no', 'integer')
    // The room of the lesson as changed (a move, a substitution or an extra lesson); null: none named.
    .addColumn('room', 'text')
    // A substitution: who teaches the lesson instead of the journal's teacher.
    .addColumn('substitute_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Read by date range (a week's slots) and by journal (a journal's page).
  await db.schema
    .createIndex('timetable_changes_year_date')
    .on('timetable_changes')
    .columns(['year_id', 'date'])
    .execute();
  await db.schema
    .createIndex('timetable_changes_year_new_date')
    .on('timetable_changes')
    .columns(['year_id', 'new_date'])
    .execute();
  await db.schema.createIndex('timetable_changes_journal').on('timetable_changes').columns(['journal_id']).execute();
  await db.schema
    .createIndex('timetable_changes_substitute')
    .on('timetable_changes')
    .columns(['substitute_user_id'])
    .execute();
  await countChanges(db, COUNTER, 'timetable_changes');
}

export async function down(db: Kysely<any>): Promise<void> {
  await stopCountingChanges(db, COUNTER, 'timetable_changes');
  // Its indexes go with the table.
  await db.schema.dropTable('timetable_changes').execute();
}
