// Small dialect-specific pieces for migrations. Frozen with them: never import app code here.
import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An auto-incrementing integer primary key named `id` on either database. */
export function withId<T extends string>(
  db: Kysely<any>,
  table: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, 'id'> {
  return isPostgres(db)
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Make a table append-only: the database itself refuses UPDATE and DELETE. */
export async function forbidChanges(db: Kysely<any>, table: string, message: string): Promise<void> {
  const quoted = message.replaceAll("'", "''");
  if (isPostgres(db)) {
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION ${table}_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION '${quoted}'; END; $$ LANGUAGE plpgsql`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_update BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`,
      )
      .execute(db);
  } else {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${quoted}'); END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${quoted}'); END`,
      )
      .execute(db);
  }
}

export interface CountedChanges {
  /** Count an UPDATE only when it sets one of these columns (default: any UPDATE). */
  columns?: string[];
  /** Count updates only, not inserts and deletes. */
  updatesOnly?: boolean;
}

/**
 * Count every change of `table` in the one-row `counter` table (version + 1 and a new random stamp).
 * PostgreSQL: once per statement, before it runs, so that a transaction takes the counter's row lock
 * before any row of the table (two writers then queue on the counter instead of deadlocking over it).
 * SQLite has row triggers only; its writers are serialised anyway.
 */
export async function countChanges(
  db: Kysely<any>,
  counter: string,
  table: string,
  what: CountedChanges = {},
): Promise<void> {
  const update = `UPDATE${what.columns?.length ? ` OF ${what.columns.join(', ')}` : ''}`;
  const events: Array<[string, string]> = what.updatesOnly
    ? [[update, 'update']]
    : [
        ['INSERT', 'insert'],
        [update, 'update'],
        ['DELETE', 'delete'],
      ];
  if (isPostgres(db)) {
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION ${counter}_bump() RETURNS trigger AS $$
      BEGIN UPDATE ${counter} SET version = version + 1, stamp = md5(random()::text || clock_timestamp()::text);
      RETURN NULL; END; $$ LANGUAGE plpgsql`,
      )
      .execute(db);
    const on = [...events.map(([event]) => event), ...(what.updatesOnly ? [] : ['TRUNCATE'])].join(' OR ');
    await sql
      .raw(
        `CREATE TRIGGER ${table}_${counter} BEFORE ${on} ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION ${counter}_bump()`,
      )
      .execute(db);
    return;
  }
  for (const [event, name] of events) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_${counter}_${name} AFTER ${event} ON ${table}
      BEGIN UPDATE ${counter} SET version = version + 1, stamp = lower(hex(randomblob(8))); END`,
      )
      .execute(db);
  }
}

/** Undo countChanges for one table. */
export async function stopCountingChanges(db: Kysely<any>, counter: string, table: string): Promise<void> {
  if (isPostgres(db)) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${table}_${counter} ON ${table}`).execute(db);
    return;
  }
  for (const name of ['insert', 'update', 'delete']) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${table}_${counter}_${name}`).execute(db);
  }
}
