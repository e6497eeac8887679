// Opens the journal database from one URL — `sqlite:PATH`, a bare path, `sqlite::memory:` or
// `postgres://…` — checks that it is ours and not from a newer app, and brings its schema up to date.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type LogEvent,
  type SqliteDialectConfig,
} from 'kysely';
import { preparingPool } from './pg-statements.js';
import { keptStatements } from './sqlite-statements.js';
import type { Database } from './schema.js';
import { LATEST_MIGRATION, migrationProvider, migrations } from './migrations/index.js';
import { DatabaseOpenError } from './errors.js';
import { checkIntegrity, corruptionText } from './integrity.js';

export const APP_ID = 'zhurnal';
const SQLITE_HEADER = 'SQLite format 3\u0000';

export type Dialect = 'sqlite' | 'postgres';

export interface JournalDb {
  db: Kysely<Database>;
  dialect: Dialect;
  /** `sqlite:` file path (null for memory and PostgreSQL). */
  file: string | null;
  /** The raw better-sqlite3 handle, for the online backup API and pragmas. */
  sqlite: SQLite.Database | null;
  /** The PostgreSQL pool under Kysely, for named (prepared) statements: db/prepared.ts. */
  pool: pg.Pool | null;
  /** The statement listener of OpenOptions, for statements run beside Kysely (db/prepared.ts). */
  onQuery: ((query: CompiledQuery, ms: number) => void) | null;
  url: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Run migrations (default true). A read-only archive copy is opened without them. */
  migrate?: boolean;
  readonly?: boolean;
  /** Skip `PRAGMA quick_check` at open (default: check every SQLite file). */
  skipCheck?: boolean;
  /** Called before a pending migration runs, e.g. to take a backup of the file. */
  beforeMigrate?: (file: string | null, pending: string[]) => Promise<void> | void;
  /** Sees every statement run through Kysely (tests read the hot queries' plans through it). */
  onQuery?: (query: CompiledQuery, ms: number) => void;
  /**
   * A new SQLite file made to be copied once complete (the year's archive database, built in a temporary
   * folder): no write-ahead log and no fsync, not even for its migrations (~0.4 s of fsyncs) — a crash
   * leaves a file nobody keeps.
   */
  scratch?: boolean;
}

export type ParsedUrl = { dialect: 'sqlite'; file: string | null } | { dialect: 'postgres'; url: string };

export function parseDatabaseUrl(url: string): ParsedUrl {
  const trimmed = url.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return { dialect: 'postgres', url: trimmed };
  const rest = trimmed.startsWith('sqlite:') ? trimmed.slice('sqlite:'.length) : trimmed;
  if (rest === '') throw new DatabaseOpenError('bad_url', 'Не указан путь к файлу базы данных');
  if (rest === ':memory:') return { dialect: 'sqlite', file: null };
  return { dialect: 'sqlite', file: path.resolve(rest) };
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<JournalDb> {
  const parsed = parseDatabaseUrl(url);
  const handle =
    parsed.dialect === 'sqlite' ? openSqlite(parsed.file, options, url) : openPostgres(parsed.url, options);
  try {
    await ensureOurs(handle);
    if (options.migrate !== false && !options.readonly) await migrate(handle, options);
    return handle;
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

function openSqlite(file: string | null, options: OpenOptions, url: string): JournalDb {
  const readonly = options.readonly ?? false;
  const hadData = file ? checkSqliteFile(file, readonly) : false;
  let raw: SQLite.Database;
  try {
    raw = new SQLite(file ?? ':memory:', { readonly, fileMustExist: readonly });
  } catch (error) {
    throw new DatabaseOpenError(
      'cannot_open',
      `Не удалось открыть файл базы данных ${file}: ${(error as Error).message}`,
    );
  }
  try {
    if (!readonly) raw.pragma(options.scratch ? 'journal_mode = MEMORY' : 'journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    // FULL, not NORMAL: in WAL mode NORMAL can lose the last acknowledged marks on a power cut.
    // A mark is a few hundred bytes; the extra fsync per commit costs little and we never lose one.
    raw.pragma(options.scratch ? 'synchronous = OFF' : 'synchronous = FULL');
    if (hadData && !options.skipCheck) quickCheck(raw, file!);
  } catch (error) {
    raw.close();
    if (error instanceof DatabaseOpenError) throw error;
    throw hadData && isCorruption(error) ? damaged(file!, (error as Error).message, error) : notAJournal(file, error);
  }
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: keptStatements(raw) }),
    log: queryLog(options),
  });
  return {
    db,
    dialect: 'sqlite',
    file,
    sqlite: raw,
    pool: null,
    onQuery: options.onQuery ?? null,
    url,
    close: async () => {
      await db.destroy();
    },
  };
}

/**
 * A damaged file must be caught at open, not when a teacher saves a mark. `quick_check` reads every
 * page (without cross-checking indexes): about a second per few hundred megabytes.
 */
function quickCheck(raw: SQLite.Database, file: string): void {
  const problem = checkIntegrity(raw, false);
  if (problem) throw damaged(file, problem);
}

function isCorruption(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return /SQLITE_CORRUPT|SQLITE_NOTADB|malformed|not a database/i.test(`${e?.code ?? ''} ${e?.message ?? ''}`);
}

function damaged(file: string, raw: string, cause?: unknown): DatabaseOpenError {
  const detail = corruptionText(raw);
  return new DatabaseOpenError(
    'damaged',
    `Файл журнала ${file} повреждён (проверка целостности: ${detail}). Работать с ним нельзя — данные могут быть ` +
      `потеряны.`,
    cause,
  );
}

/** Refuse what is not a SQLite file; true when the file exists and holds data (so it is checked). */
function checkSqliteFile(file: string, readonly: boolean): boolean {
  if (!fs.existsSync(file)) {
    if (readonly) throw new DatabaseOpenError('missing', `Файл базы данных не найден: ${file}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return false;
  }
  const stat = fs.statSync(file);
  if (stat.isDirectory())
    throw new DatabaseOpenError('not_journal', `${file} — это папка, а не файл базы данных журнала`);
  if (stat.size === 0) return false;
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) throw notAJournal(file);
  return true;
}

function queryLog(options: OpenOptions): ((event: LogEvent) => void) | undefined {
  const listener = options.onQuery;
  return listener ? (event) => listener(event.query, event.queryDurationMillis) : undefined;
}

function openPostgres(url: string, options: OpenOptions): JournalDb {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 10_000,
    // Counts and sums come back as numbers, as they do from SQLite.
    types: {
      getTypeParser: (oid: number, format?: any) =>
        oid === 20
          ? (v: string) => Number(v)
          : oid === 1700
            ? (v: string) => Number(v)
            : pg.types.getTypeParser(oid, format),
    },
  });
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: preparingPool(pool) }),
    log: queryLog(options),
  });
  return {
    db,
    dialect: 'postgres',
    file: null,
    sqlite: null,
    pool,
    onQuery: options.onQuery ?? null,
    url,
    close: async () => {
      await db.destroy();
    },
  };
}

/** Refuse a database that holds tables but is not a journal, or was made by a newer app. */
async function ensureOurs(handle: JournalDb): Promise<void> {
  let tables: string[];
  try {
    tables = (await handle.db.introspection.getTables({ withInternalKyselyTables: true })).map((t) => t.name);
  } catch (error) {
    if (handle.file && isCorruption(error)) throw damaged(handle.file, (error as Error).message, error);
    throw connectionError(handle, error);
  }
  if (tables.length === 0) return;
  if (!tables.includes('app_meta')) throw notAJournal(handle.file);
  const row = await handle.db.selectFrom('app_meta').select('value').where('key', '=', 'app').executeTakeFirst();
  if (row?.value !== APP_ID) throw notAJournal(handle.file);
  const applied = tables.includes('kysely_migration')
    ? (await sql<{ name: string }>`select name from kysely_migration`.execute(handle.db)).rows.map((r) => r.name)
    : [];
  const unknown = applied.filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    throw new DatabaseOpenError(
      'newer_schema',
      'База данных создана более новой версией программы «Журнал» и не может быть открыта этой версией. ' +
        'Обновите программу на этом компьютере.',
    );
  }
}

async function migrate(handle: JournalDb, options: OpenOptions): Promise<void> {
  const migrator = new Migrator({ db: handle.db, provider: migrationProvider });
  const pending = (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
  if (pending.length === 0) return;
  await options.beforeMigrate?.(handle.file, pending);
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new DatabaseOpenError(
      'migration_failed',
      `Не удалось обновить структуру базы данных (миграция ${failed}): ${(error as Error).message}`,
    );
  }
  await handle.db.transaction().execute(async (trx) => {
    for (const [key, value] of [
      ['app', APP_ID],
      ['schema', LATEST_MIGRATION],
    ] as const) {
      await trx.deleteFrom('app_meta').where('key', '=', key).execute();
      await trx.insertInto('app_meta').values({ key, value }).execute();
    }
  });
}

function notAJournal(file: string | null, cause?: unknown): DatabaseOpenError {
  const what = file ? `Файл ${file}` : 'Эта база данных';
  return new DatabaseOpenError('not_journal', `${what} не является базой данных программы «Журнал»`, cause);
}

function connectionError(handle: JournalDb, error: unknown): DatabaseOpenError {
  if (handle.dialect === 'sqlite') return notAJournal(handle.file, error);
  return new DatabaseOpenError(
    'cannot_connect',
    `Не удалось подключиться к серверу PostgreSQL: ${(error as Error).message}`,
    error,
  );
}

/**
 * Transactions on SQLite begin IMMEDIATE: they take the write lock at the start, so a second
 * process waits for it (busy_timeout) instead of failing with SQLITE_BUSY when a read
 * transaction tries to become a write one while another process writes.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.settings);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
