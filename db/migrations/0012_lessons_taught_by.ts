// Who held each lesson (issue 14): the journal's teacher, or the substitute named by a dated change for
// that lesson. The hours sheet credits this teacher, so a journal handed to another teacher in the middle
// of the year no longer credits the new one with the hours held before. Existing lessons were all held by
// the journal's teacher as far as the program knew; a lesson recorded over a substitution already made
// (0011) is credited to its substitute.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('lessons')
    .addColumn('taught_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await sql`update lessons set taught_by = coalesce(
    (select c.substitute_user_id from timetable_changes c
      where c.kind = 'substitute' and c.journal_id = lessons.journal_id
        and c.date = lessons.date and c.lesson_no = lessons.lesson_no),
    (select j.teacher_user_id from journals j where j.id = lessons.journal_id))`.execute(db);
  // The hours sheet and a teacher's own lessons read by teacher and date.
  await db.schema.createIndex('lessons_taught_by_date').on('lessons').columns(['taught_by', 'date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('lessons_taught_by_date').execute();
  await db.schema.alterTable('lessons').dropColumn('taught_by').execute();
}
