// Small dialect-specific pieces for migrations. Frozen with them: never import app code here.
import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An auto-incrementing integer primary key named `id` on either database. */
export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return isPostgres(db)
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Make a table append-only: the database itself refuses UPDATE and DELETE. */
export async function forbidChanges(db: Kysely<any>, table: string, message: string): Promise<void> {
  const quoted = message.replaceAll("'", "''");
  if (isPostgres(db)) {
    await sql.raw(`CREATE OR REPLACE FUNCTION ${table}_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION '${quoted}'; END; $$ LANGUAGE plpgsql`).execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`).execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`).execute(db);
  } else {
    await sql.raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${quoted}'); END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${quoted}'); END`).execute(db);
  }
}
