// Statements a hot path runs on every call (the family page), built with Kysely as usual but compiled
// once per dialect and prepared once: on PostgreSQL as named statements, parsed and planned once per
// pooled connection instead of on every call (planning cost as much as running them); on SQLite kept
// per file handle instead of prepared anew. The values that change from call to call are marked with
// param('name') where the query is built and given when it runs.
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type SQLite from 'better-sqlite3';
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Dialect, JournalDb } from './connect.js';
import type { Database } from './schema.js';

class Param {
  constructor(readonly name: string) {}
}

/** A value given when the statement runs: `.where('student_id', '=', param<number>('studentId'))`. */
export function param<T>(name: string): T {
  return new Param(name) as unknown as T;
}

export interface PreparedQuery<Row> {
  /** Compiled on first use with each dialect. */
  compiled(handle: JournalDb): { sql: string; name: string; parameters: readonly unknown[] };
  /** Only for typing the rows. */
  readonly row?: Row;
}

/** `build` must not depend on anything but its argument: it runs once per dialect. */
export function prepare<Row>(build: (db: Kysely<Database>) => Compilable<Row>): PreparedQuery<Row> {
  const byDialect = new Map<Dialect, { sql: string; name: string; parameters: readonly unknown[] }>();
  return {
    compiled(handle) {
      let c = byDialect.get(handle.dialect);
      if (!c) {
        const q = build(handle.db).compile();
        const name = `p_${crypto.createHash('sha1').update(q.sql).digest('hex').slice(0, 20)}`;
        c = { sql: q.sql, parameters: q.parameters, name };
        byDialect.set(handle.dialect, c);
      }
      return c;
    },
  };
}

type Rows<Q> = Q extends PreparedQuery<infer R> ? R[] : never;
/** A statement and the values of its params. */
export type Call = readonly [PreparedQuery<any>, Record<string, unknown>];

/**
 * Run the statements together and return their rows in order. PostgreSQL: each on its own pooled
 * connection at once. SQLite: one after another, synchronously — outside any transaction, else after
 * waiting for Kysely's connection, so that none runs inside another caller's open transaction. (Not
 * always through the connection: its lock is not first come, first served, and under 50 callers at
 * once some waited for hundreds of milliseconds.)
 */
export async function runPrepared<const C extends ReadonlyArray<Call>>(
  handle: JournalDb, calls: C,
): Promise<{ -readonly [K in keyof C]: Rows<C[K][0]> }> {
  const bound = calls.map(([q, values]) => {
    const c = q.compiled(handle);
    const parameters = c.parameters.map((p) => {
      if (!(p instanceof Param)) return p;
      if (!(p.name in values)) throw new Error(`prepared statement: no value for «${p.name}»`);
      return values[p.name];
    });
    return { ...c, parameters };
  });
  const log = (c: (typeof bound)[number], t0: number) =>
    handle.onQuery?.({ sql: c.sql, parameters: c.parameters } as unknown as CompiledQuery, performance.now() - t0);
  if (handle.pool) {
    const pool = handle.pool;
    return Promise.all(bound.map(async (c) => {
      const t0 = performance.now();
      const result = await pool.query({ name: c.name, text: c.sql, values: c.parameters as unknown[] });
      log(c, t0);
      return result.rows;
    })) as never;
  }
  const raw = handle.sqlite!;
  const all = () => bound.map((c) => {
    const t0 = performance.now();
    const rows = statement(raw, c.sql).all(...c.parameters);
    log(c, t0);
    return rows;
  });
  if (!raw.inTransaction) return all() as never;
  return handle.db.connection().execute(async () => all()) as never;
}

const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

function statement(raw: SQLite.Database, sql: string): SQLite.Statement {
  let byText = statements.get(raw);
  if (!byText) statements.set(raw, byText = new Map());
  let s = byText.get(sql);
  if (!s) byText.set(sql, s = raw.prepare(sql));
  return s;
}
