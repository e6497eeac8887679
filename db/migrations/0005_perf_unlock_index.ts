// Every journal page reads the journal's period unlocks (`where journal_id = ?`), and every write to a
// closed period checks them: without an index each of those read the whole table, which grows by a
// request per journal and period every year. Found by tests/db/query-plans.test.ts.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('period_unlocks_journal')
    .on('period_unlocks')
    .columns(['journal_id', 'period_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('period_unlocks_journal').execute();
}
