// What the deputy's control needs beyond the initial model (000 §3.2.1, §3.2.5):
// - lessons.attendance_taken: the teacher confirmed the roll call. Attendance is «present unless
//   marked», so a lesson with no absence rows is ambiguous — everyone came, or nobody checked. A
//   lesson counts as «attendance not marked» when it has no attendance rows and this flag is 0.
// - plan_corrections: a teacher's request is decided by the deputy (status, note), belongs to a
//   period (completion is counted per period), may name the plan topic moved or merged, and is
//   edited with optimistic locking like every other editable row.
// - remarks.auto_week: the Monday of the week a weekly automatic draft was made for; unique per
//   journal, so the weekly check run twice (by the scheduler and by the deputy) drafts once.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return change(db);
  await db.transaction().execute((trx) => change(trx));
}

async function change(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  await s
    .alterTable('lessons')
    .addColumn('attendance_taken', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await s
    .alterTable('plan_corrections')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('requested')
        .check(sql`status in ('requested', 'approved', 'refused')`),
    )
    .execute();
  await s
    .alterTable('plan_corrections')
    .addColumn('period_id', 'integer', (c) => c.references('periods.id').onDelete('cascade'))
    .execute();
  await s
    .alterTable('plan_corrections')
    .addColumn('plan_topic_id', 'integer', (c) => c.references('plan_topics.id').onDelete('set null'))
    .execute();
  await s.alterTable('plan_corrections').addColumn('decision_note', 'text').execute();
  await s
    .alterTable('plan_corrections')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await s.createIndex('plan_corrections_journal').on('plan_corrections').columns(['journal_id', 'status']).execute();

  await s.alterTable('remarks').addColumn('auto_week', 'text').execute();
  await s.createIndex('remarks_auto_week').unique().on('remarks').columns(['journal_id', 'auto_week']).execute();
  await s.createIndex('remarks_due').on('remarks').columns(['status', 'due_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  await s.dropIndex('remarks_due').execute();
  await s.dropIndex('remarks_auto_week').execute();
  await s.alterTable('remarks').dropColumn('auto_week').execute();
  await s.dropIndex('plan_corrections_journal').execute();
  for (const column of ['version', 'decision_note', 'plan_topic_id', 'period_id', 'status']) {
    await s.alterTable('plan_corrections').dropColumn(column).execute();
  }
  await s.alterTable('lessons').dropColumn('attendance_taken').execute();
}
