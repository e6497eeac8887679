// The curator's comment on an absence reason: a rejected note tells the parent why.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('absence_excuses').addColumn('decision_note', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('absence_excuses').dropColumn('decision_note').execute();
}
