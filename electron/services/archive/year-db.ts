// The year's data as a standalone journal database: a fresh file made by the same migrations as the
// program's own, filled with the rows of YEAR_PLAN. From an SQLite journal the source is ATTACHed
// and copied with INSERT … SELECT in id ranges (seconds for a 2,000-student year); from PostgreSQL
// the rows are read in pages through Kysely. Either way the whole copy reads one snapshot.
import fs from 'node:fs';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type SQLite from 'better-sqlite3';
import { openDatabase, type JournalDb } from '../../../db/connect.js';
import type { Database } from '../../../db/schema.js';
import { CancelledError } from '../../platform/jobs.js';
import { USERS_PLAN, YEAR_PLAN, type TablePlan, type YearScope } from './year-plan.js';
import type { Words } from '../../domain/vocabulary.js';

export interface YearDbOptions {
  source: Pick<JournalDb, 'db' | 'dialect' | 'file'>;
  year: YearScope & { title: string };
  /** The new file; it must not exist. */
  file: string;
  signal?: AbortSignal;
  progress?: (label: string, done: number, total: number) => void;
  /** The institution's words, for the progress lines. */
  words: Words;
  /** Written into app_meta so the program knows the file is an archive. */
  meta: Record<string, string>;
  /**
   * Check every foreign key once the copy is complete (default). The writer leaves it to a worker
   * (checkForeignKeys on the finished file) while the documents are being made.
   */
  checkKeys?: boolean;
  /**
   * Called once the copy's snapshot of an attached SQLite source is fixed (its read transaction has begun): what
   * is read from the source after it sees every row the copy sees, or later ones (year-unchanged.ts).
   */
  onSnapshot?: () => Promise<void>;
}

/** Rows per page read from PostgreSQL. */
const PAGE = 5_000;

export async function buildYearDatabase(options: YearDbOptions): Promise<void> {
  if (fs.existsSync(options.file)) throw new Error(`Файл ${options.file} уже существует`);
  const target = await openDatabase(`sqlite:${options.file}`, { scratch: true });
  const raw = target.sqlite!;
  try {
    // The file lives in a .partial folder until the package is complete, so a crash here loses
    // nothing: the rollback journal in memory, no fsync; the finished file is fsynced once by the writer.
    raw.pragma('journal_mode = DELETE');
    raw.pragma('foreign_keys = OFF');
    raw.pragma('synchronous = OFF');
    // 16 MB: the indexes of marks are filled in random order (8 MB takes a third longer; 32 MB is as fast
    // and holds 26 MB more while the workers start beside it)
    raw.pragma('cache_size = -16384');
    raw.pragma('journal_mode = MEMORY');
    const attached = options.source.dialect === 'sqlite' && options.source.file !== null;
    if (attached) raw.prepare('ATTACH DATABASE ? AS src').run(options.source.file);
    const copier = attached ? new AttachedCopier(raw) : new PagedCopier(options.source.db, raw);
    const plans = [...YEAR_PLAN, USERS_PLAN];
    raw.exec('BEGIN');
    // The secondary indexes are made once the rows are in: one sorted build each instead of a B-tree insert
    // per row in random order (the marks' copy went from 1.7 to 0.8 s, their indexes take 0.6 s after it).
    const indexes = dropSecondaryIndexes(raw);
    try {
      if (attached) raw.prepare('SELECT count(*) FROM src.sqlite_master').get(); // the source's snapshot starts here
      await options.onSnapshot?.();
      for (const [index, plan] of plans.entries()) {
        const label = typeof plan.label === 'string' ? plan.label : plan.label(options.words);
        options.progress?.(label, index, plans.length);
        await copier.copy(plan, options.year, options.signal, plan === USERS_PLAN ? referencedUsers(raw) : null);
      }
      for (const index of indexes) raw.exec(index);
      const insert = raw.prepare('INSERT OR REPLACE INTO app_meta (key, value) VALUES (?, ?)');
      for (const [key, value] of Object.entries(options.meta)) insert.run(key, value);
      raw.exec('COMMIT');
    } catch (error) {
      if (raw.inTransaction) raw.exec('ROLLBACK');
      throw error;
    } finally {
      if (attached) raw.exec('DETACH DATABASE src');
    }
    if (options.checkKeys !== false) checkForeignKeys(raw.prepare('PRAGMA foreign_key_check').all() as BrokenKey[]);
    options.progress?.('готово', plans.length, plans.length);
  } finally {
    await target.close();
  }
}

/** Drops the indexes made by CREATE INDEX (not those of keys and UNIQUE); returns the statements that remake them. */
function dropSecondaryIndexes(raw: SQLite.Database): string[] {
  const rows = raw
    .prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    .all() as Array<{ name: string; sql: string }>;
  for (const r of rows) raw.exec(`DROP INDEX main."${r.name}"`);
  return rows.map((r) => r.sql);
}

/** A row of PRAGMA foreign_key_check: a reference to a row the database does not hold. */
export interface BrokenKey {
  table: string;
  parent: string;
}

/** Every reference of the year's database points at a row it holds (PRAGMA foreign_key_check found none). */
export function checkForeignKeys(broken: readonly BrokenKey[]): void {
  if (broken.length > 0) {
    const first = broken[0]!;
    throw new Error(
      `Архив года неполон: в таблице ${first.table} есть ссылки на отсутствующие записи ${first.parent} ` +
        `(${broken.length})`,
    );
  }
}

/** Ids of users named by a foreign key of any table copied so far. */
function referencedUsers(raw: SQLite.Database): number[] {
  const parts: string[] = [];
  for (const plan of YEAR_PLAN) {
    const keys = raw.prepare(`PRAGMA main.foreign_key_list("${plan.table}")`).all() as Array<{
      table: string;
      from: string;
    }>;
    for (const fk of keys.filter((k) => k.table === 'users')) {
      parts.push(`SELECT DISTINCT "${fk.from}" FROM main."${plan.table}" WHERE "${fk.from}" IS NOT NULL`);
    }
  }
  // One DISTINCT per column: a UNION of them all would sort every mark's author into one tree.
  const ids = new Set<number>();
  for (const part of parts) for (const id of raw.prepare(part).pluck().all() as number[]) ids.add(id);
  return [...ids].sort((a, b) => a - b);
}

export function columnsOf(raw: SQLite.Database, table: string): string[] {
  return (raw.prepare(`PRAGMA main.table_info("${table}")`).all() as Array<{ name: string }>).map((c) => c.name);
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

interface Copier {
  copy(plan: TablePlan, year: YearScope, signal: AbortSignal | undefined, ids: number[] | null): Promise<void>;
}

/** A select of the plan's rows with the target's column list and overrides. */
function selectOf(db: Kysely<any>, plan: TablePlan, columns: string[], year: YearScope, ids: number[] | null) {
  let qb = db
    .selectFrom(plan.table)
    .select(columns.map((c) => (plan.override?.[c] ? plan.override[c]!.as(c) : sql.ref(c).as(c))));
  if (plan.where) qb = plan.where(qb, db, year);
  if (ids) qb = qb.where('id', 'in', ids);
  return qb;
}

function idChunks(ids: number[] | null): Array<number[] | null> {
  if (!ids) return [null];
  const chunks: number[][] = [];
  for (let i = 0; i < ids.length; i += 5000) chunks.push(ids.slice(i, i + 5000));
  return chunks;
}

/**
 * SQLite → SQLite: one INSERT INTO main.t SELECT … FROM src.t per table. The filters drive index
 * lookups from the year's journals down, so the largest table (marks) is one pass of about a second;
 * splitting it by id would repeat the lookups for every piece.
 */
class AttachedCopier implements Copier {
  /** Builds queries only (compiled, never executed through Kysely): `src.` on every table. */
  private readonly src: Kysely<any>;

  constructor(private readonly raw: SQLite.Database) {
    this.src = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) }).withSchema('src');
  }

  async copy(plan: TablePlan, year: YearScope, signal: AbortSignal | undefined, ids: number[] | null): Promise<void> {
    const columns = columnsOf(this.raw, plan.table);
    const into = `INSERT INTO main."${plan.table}" (${columns.map((c) => `"${c}"`).join(', ')}) `;
    for (const chunk of idChunks(ids)) {
      if (ids && !chunk?.length) continue;
      checkCancelled(signal);
      const query = selectOf(this.src, plan, columns, year, chunk).compile();
      this.raw.prepare(into + query.sql).run(...(query.parameters as unknown[]));
      await yieldToLoop();
    }
    checkCancelled(signal);
  }
}

/** PostgreSQL (or an in-memory SQLite) → SQLite: pages of rows read through Kysely. */
class PagedCopier implements Copier {
  constructor(
    private readonly source: Kysely<Database>,
    private readonly raw: SQLite.Database,
  ) {}

  async copy(plan: TablePlan, year: YearScope, signal: AbortSignal | undefined, ids: number[] | null): Promise<void> {
    const columns = columnsOf(this.raw, plan.table);
    const insert = this.raw.prepare(
      `INSERT INTO main."${plan.table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ` +
        `(${columns.map(() => '?').join(', ')})`,
    );
    const db = this.source as unknown as Kysely<any>;
    const put = (rows: Array<Record<string, unknown>>) => {
      for (const row of rows) insert.run(...columns.map((c) => toSqlite(row[c])));
    };
    for (const chunk of idChunks(ids)) {
      if (ids && !chunk?.length) continue;
      const base = selectOf(db, plan, columns, year, chunk);
      if (!plan.byId || chunk) {
        put(await base.execute());
        continue;
      }
      let last = -1;
      for (;;) {
        checkCancelled(signal);
        const rows = await base.where(`${plan.table}.id`, '>', last).orderBy(`${plan.table}.id`).limit(PAGE).execute();
        if (rows.length === 0) break;
        put(rows);
        last = Number(rows.at(-1)!.id);
      }
    }
    checkCancelled(signal);
  }
}

function toSqlite(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}
