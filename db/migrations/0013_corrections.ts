// Corrections with reasons and periods that lock by themselves (issue 14, part 5): how many days after a lesson a
// change of a mark or an attendance mark is a correction that asks for a reason, and how many days after a period
// ends it locks — the institution's, the same for every seat; the reason in the audit row; the day a mark or an
// attendance mark was last corrected (the grid and the certified copies say «исправлено»); whether a period was
// locked by the program already (a period reopened by hand is not locked again).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('institution')
    .addColumn('correction_days', 'integer', (c) => c.notNull().defaultTo(3))
    .execute();
  await db.schema
    .alterTable('institution')
    .addColumn('auto_lock_days', 'integer', (c) => c.notNull().defaultTo(10))
    .execute();
  await db.schema.alterTable('audit_log').addColumn('reason', 'text').execute();
  await db.schema.alterTable('marks').addColumn('corrected_on', 'text').execute();
  await db.schema.alterTable('attendance').addColumn('corrected_on', 'text').execute();
  await db.schema
    .alterTable('periods')
    .addColumn('auto_locked', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('periods').dropColumn('auto_locked').execute();
  await db.schema.alterTable('attendance').dropColumn('corrected_on').execute();
  await db.schema.alterTable('marks').dropColumn('corrected_on').execute();
  await db.schema.alterTable('audit_log').dropColumn('reason').execute();
  await db.schema.alterTable('institution').dropColumn('auto_lock_days').execute();
  await db.schema.alterTable('institution').dropColumn('correction_days').execute();
}
