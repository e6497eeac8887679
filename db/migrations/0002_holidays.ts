// Non-working days (public holidays, vacations) so that the timetable does not expect lessons on
// them, and one final mark per journal × student × period × kind.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('holidays')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('final_marks_unique')
    .unique()
    .on('final_marks')
    .columns(['journal_id', 'student_id', 'kind'])
    .expression(sql`coalesce(period_id, 0)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('final_marks_unique').execute();
  await db.schema.dropTable('holidays').execute();
}
