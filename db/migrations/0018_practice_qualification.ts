// Practice and the qualification exam of a professional module (issue 15, part 5). A practice journal (subject of
// kind practice) keeps its kind (учебная / производственная), the place, the dates and the supervisors from the
// college and from the employer; per student, the аттестационный лист's hours, works and characteristic. The
// qualification exam of a ПМ (a subject of kind pm, which has no journal of its own) is held per group: its date
// and commission, and per student «вид деятельности освоен / не освоен» with the mark.
import { sql, type Kysely } from 'kysely';
import { withId } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('practice_details')
    .addColumn('journal_id', 'integer', (c) => c.primaryKey().references('journals.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('educational', 'industrial')`))
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('college_supervisor', 'text', (c) => c.notNull())
    .addColumn('employer_supervisor', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('practice_students')
    .addColumn('journal_id', 'integer', (c) => c.notNull().references('journals.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    // The student's own place when it differs from the practice's (a production practice at several employers).
    .addColumn('place', 'text')
    .addColumn('hours', 'integer')
    .addColumn('works', 'text', (c) => c.notNull())
    .addColumn('characteristic', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('practice_students_pk', ['journal_id', 'student_id'])
    .execute();
  await withId(db, db.schema.createTable('qualification_exams'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
    .addColumn('held_on', 'text')
    .addColumn('commission', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('qualification_exams_group_subject', ['group_id', 'subject_id'])
    .execute();
  await db.schema
    .createTable('qualification_results')
    .addColumn('exam_id', 'integer', (c) => c.notNull().references('qualification_exams.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('mastered', 'integer', (c) => c.notNull())
    .addColumn('mark', 'text')
    .addPrimaryKeyConstraint('qualification_results_pk', ['exam_id', 'student_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('qualification_results').execute();
  await db.schema.dropTable('qualification_exams').execute();
  await db.schema.dropTable('practice_students').execute();
  await db.schema.dropTable('practice_details').execute();
}
