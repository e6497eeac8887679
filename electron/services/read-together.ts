// Independent reads sent as one statement. On PostgreSQL every statement is a round trip through the
// network stack (about 0.1 ms of CPU on each side even on loopback) and a result to parse; a page of a
// dozen small reads pays that a dozen times. Here each read becomes a JSON array in one `select`, which
// the server answers in one message and the driver parses with JSON.parse. SQLite runs in-process, where
// a read costs no round trip: the reads run as they are, and both give the same rows (keys and values).
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from './context.js';

/** A select query of any builder (Kysely's SelectQueryBuilder): compiled into the statement, or run. */
interface Read {
  execute(): Promise<unknown[]>;
}

export type RowsOf<R extends Record<string, Read>> = { [K in keyof R]: Awaited<ReturnType<R[K]['execute']>> };

export function onPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The rows of every read, under the read's name; on PostgreSQL in one round trip. */
export async function readTogether<R extends Record<string, Read>>(db: Db, reads: R): Promise<RowsOf<R>> {
  const names = Object.keys(reads);
  if (!onPostgres(db)) {
    const rows = await Promise.all(names.map((name) => reads[name]!.execute()));
    return Object.fromEntries(names.map((name, i) => [name, rows[i]])) as RowsOf<R>;
  }
  // Each read's rows as a JSON array of its whole rows (`__r.*`): Kysely's jsonArrayFrom aggregates `agg`, which
  // PostgreSQL would take for a column of that name and send that column instead of the rows.
  const row = await db
    .selectNoFrom(() =>
      names.map((name) => sql`(select coalesce(json_agg(__r.*), '[]') from ${reads[name] as never} as __r)`.as(name)),
    )
    .executeTakeFirstOrThrow();
  return row as unknown as RowsOf<R>;
}
