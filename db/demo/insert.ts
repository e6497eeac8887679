// Batched inserts for the demo generator: rows are buffered per table and written as multi-row
// INSERTs with explicit ids (the database is empty), parents before children. The statements are
// plain standard SQL compiled once per shape — only the placeholder style differs by dialect — so a
// million marks do not pay for Kysely's query builder a million times.
import { CompiledQuery, PostgresAdapter, sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

export type TableName = keyof Database;
type Db = Kysely<Database> | Transaction<Database>;

/** Parents before children: flushing in this order never breaks a foreign key. */
const ORDER: TableName[] = [
  'institution',
  'bells',
  'users',
  'departments',
  'academic_years',
  'periods',
  'subjects',
  'programmes',
  'programme_topics',
  'groups',
  'user_roles',
  'subgroups',
  'students',
  'subgroup_students',
  'guardians',
  'mail_subscriptions',
  'enrolments',
  'journals',
  'journal_period_hours',
  'plan_topics',
  'plan_corrections',
  'timetable',
  'absence_excuses',
  'lessons',
  'homework_individual',
  'work_columns',
  'marks',
  'attendance',
  'final_marks',
  'assessments',
  'resits',
  'practice_details',
  'qualification_exams',
  'qualification_results',
  'remarks',
  'audit_log',
];

/** Tables keyed by their parents, with no serial id of their own. */
const NO_ID = new Set<TableName>([
  'bells',
  'subgroup_students',
  'journal_period_hours',
  'practice_details',
  'qualification_results',
]);

/** SQLite allows 32,766 bound parameters per statement, PostgreSQL 65,535: stay well under both. */
const MAX_PARAMS = 30_000;
const MAX_ROWS = 1_000;
/** Flush once this many values are waiting, whichever table they belong to. */
const FLUSH_AT = 200_000;

interface Buffer {
  columns: string[];
  values: unknown[];
  rows: number;
}

export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export class Inserter {
  private readonly buffers = new Map<TableName, Buffer>();
  private readonly counts = new Map<TableName, number>();
  private readonly statements = new Map<string, string>();
  private waiting = 0;
  readonly postgres: boolean;

  constructor(private readonly db: Db) {
    this.postgres = isPostgres(db);
  }

  /** Buffer one row; every row of a table must have the same columns (nulls spelled out). */
  add<T extends TableName>(table: T, row: Insertable<Database[T]>): void {
    let buffer = this.buffers.get(table);
    if (!buffer) {
      buffer = { columns: Object.keys(row), values: [], rows: 0 };
      this.buffers.set(table, buffer);
    }
    const record = row as Record<string, unknown>;
    for (const column of buffer.columns) {
      const value = record[column];
      if (value === undefined) throw new Error(`demo: ${table}.${column} is undefined`);
      buffer.values.push(value);
    }
    buffer.rows++;
    this.waiting += buffer.columns.length;
    this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
  }

  /** Rows added so far (written or waiting). */
  count(table: TableName): number {
    return this.counts.get(table) ?? 0;
  }

  get full(): boolean {
    return this.waiting >= FLUSH_AT;
  }

  /** Write everything waiting, parents first. */
  async flush(): Promise<void> {
    for (const table of ORDER) {
      const buffer = this.buffers.get(table);
      if (!buffer || buffer.rows === 0) continue;
      const width = buffer.columns.length;
      const perChunk = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / width)));
      for (let start = 0; start < buffer.rows; start += perChunk) {
        const rows = Math.min(perChunk, buffer.rows - start);
        const params = buffer.values.slice(start * width, (start + rows) * width);
        await this.db.executeQuery(CompiledQuery.raw(this.statement(table, buffer.columns, rows), params));
      }
      buffer.values = [];
      buffer.rows = 0;
    }
    this.waiting = 0;
  }

  private statement(table: TableName, columns: string[], rows: number): string {
    const key = `${table}:${rows}`;
    let text = this.statements.get(key);
    if (text) return text;
    const width = columns.length;
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++) {
      const marks = columns.map((_, c) => (this.postgres ? `$${r * width + c + 1}` : '?'));
      tuples.push(`(${marks.join(',')})`);
    }
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${tuples.join(',')}`;
    this.statements.set(key, text);
    return text;
  }

  /**
   * PostgreSQL: serial sequences do not see explicit ids, so move each one past the largest id written —
   * not the count: a centre's demo drops some enrolments after their ids were given, leaving gaps.
   */
  async resetSequences(): Promise<void> {
    if (!this.postgres) return;
    for (const table of ORDER) {
      const n = this.count(table);
      if (n === 0 || NO_ID.has(table)) continue;
      const largest = sql`(select max(id) from ${sql.table(table)})`;
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), ${largest})`.execute(this.db);
    }
  }
}
