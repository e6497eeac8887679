// Exams, credits and resits of a college (issue 15, parts 1–2). The final marks stay where the journal keeps them
// (final_marks); these tables hold what the record sheet adds around them and what must never overwrite them:
// - `assessments`: one record sheet (экзаменационная / зачётная ведомость) of a journal's period — its date and
//   examiners;
// - `assessment_statuses`: a student who did not come («не явился») or was not admitted («не допущен»);
// - `resits`: each retake of a failed result, beside the original mark — the direction's number and date, the
//   examiner, the date held and the result.
// Numbers are free (0014, 0015 were never used): Kysely runs migrations in name order, so a new one takes the
// next number after the last applied.
import { sql, type Kysely } from 'kysely';
import { withId } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('assessments'))
    .addColumn('journal_id', 'integer', (c) => c.notNull().references('journals.id').onDelete('cascade'))
    .addColumn('period_id', 'integer', (c) => c.notNull().references('periods.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('exam', 'credit')`))
    .addColumn('held_on', 'text')
    // As printed on the sheet: «Иванова И. И., Петров П. П.».
    .addColumn('examiners', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('assessments_journal_period_kind', ['journal_id', 'period_id', 'kind'])
    .execute();
  await db.schema
    .createTable('assessment_statuses')
    .addColumn('assessment_id', 'integer', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('absent', 'not_admitted')`))
    .addPrimaryKeyConstraint('assessment_statuses_pk', ['assessment_id', 'student_id'])
    .execute();
  await withId(db, db.schema.createTable('resits'))
    .addColumn('journal_id', 'integer', (c) => c.notNull().references('journals.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('period_id', 'integer', (c) => c.notNull().references('periods.id').onDelete('cascade'))
    // What is retaken: the exam, the credit, or the period's mark when there was neither.
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('period', 'exam', 'credit')`))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    // The direction (направление) the student takes to the examiner: its number and date.
    .addColumn('direction_no', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('examiner', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text')
    // The mark, «н/а», or null until held; `absent`: the student did not come.
    .addColumn('value', 'text')
    .addColumn('absent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('resits_attempt', ['journal_id', 'student_id', 'period_id', 'kind', 'attempt'])
    .execute();
  await db.schema.createIndex('resits_student').on('resits').columns(['student_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('resits').execute();
  await db.schema.dropTable('assessment_statuses').execute();
  await db.schema.dropTable('assessments').execute();
}
