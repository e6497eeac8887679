// Marks in grouped queries, and the arithmetic every report shares: the weighted average, a
// student's result for a period (the period mark when given, else the rounded average), and which
// results count for «качество» (4 and 5) and «успеваемость» (not 2, 1 or незач).
import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import { FAILING_MARKS, NUMERIC_MARKS } from '../../domain/results.js';
import type { Db } from '../context.js';
import type { Range } from './scope.js';

export interface MarkCount {
  journalId: number;
  studentId: number;
  value: string;
  weight: number;
  count: number;
  /** Only when asked for by date. */
  date?: string;
}

export const NUMERIC = NUMERIC_MARKS;
export const FAILING = FAILING_MARKS;

function markQuery(db: Db, range: Range, journalIds?: number[]) {
  let q = db
    .selectFrom('marks as m')
    .innerJoin('work_columns as c', 'c.id', 'm.column_id')
    .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
    .innerJoin('journals as j', 'j.id', 'l.journal_id')
    .where('j.year_id', '=', range.yearId)
    .where('l.date', '>=', range.from)
    .where('l.date', '<=', range.to);
  if (journalIds) q = q.where('l.journal_id', 'in', journalIds.length ? journalIds : [0]);
  return q;
}

/** Marks counted per journal × student × value × weight. */
export async function markCounts(db: Db, range: Range, journalIds?: number[]): Promise<MarkCount[]> {
  const rows = await markQuery(db, range, journalIds)
    .select(['l.journal_id', 'm.student_id', 'm.value', 'c.weight', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['l.journal_id', 'm.student_id', 'm.value', 'c.weight'])
    .execute();
  return rows.map((r) => ({
    journalId: r.journal_id,
    studentId: r.student_id,
    value: r.value,
    weight: Number(r.weight),
    count: Number(r.n),
  }));
}

/** Per journal × student, the sums a weighted least-squares line needs (x = days from the range's start). */
export interface TrendSums {
  journalId: number;
  studentId: number;
  /** All marks, credits included. */
  count: number;
  /** Numeric marks only: count, Σw, Σw·x, Σw·y, Σw·x², Σw·x·y, and the first and last day. */
  numeric: number;
  w: number;
  sx: number;
  sy: number;
  sxx: number;
  sxy: number;
  minX: number;
  maxX: number;
  pass: number;
  fail: number;
}

/** Days since the range's start, as SQL: julianday on SQLite, date subtraction on PostgreSQL. */
function dayOf(db: Db, from: string) {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<number>`(cast(l.date as date) - cast(${from} as date))`
    : sql<number>`(julianday(l.date) - julianday(${from}))`;
}

/**
 * The forecast's input in one grouped query — a row per journal and student instead of one per mark,
 * which made the whole college's at-risk list take seconds.
 */
export async function trendSums(db: Db, range: Range, journalIds?: number[]): Promise<TrendSums[]> {
  const x = dayOf(db, range.from);
  const numeric = sql<boolean>`m.value in ('1', '2', '3', '4', '5')`;
  const y = sql<number>`cast(m.value as integer)`;
  const w = sql<number>`c.weight`;
  const when = <T>(value: RawBuilder<T>) => sql<number>`case when ${numeric} then ${value} end`;
  const rows = await markQuery(db, range, journalIds)
    .select([
      'l.journal_id',
      'm.student_id',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when ${numeric} then 1 else 0 end)`.as('numeric'),
      sql<number>`sum(${when(w)})`.as('w'),
      sql<number>`sum(${when(sql`${w} * ${x}`)})`.as('sx'),
      sql<number>`sum(${when(sql`${w} * ${y}`)})`.as('sy'),
      sql<number>`sum(${when(sql`${w} * ${x} * ${x}`)})`.as('sxx'),
      sql<number>`sum(${when(sql`${w} * ${x} * ${y}`)})`.as('sxy'),
      sql<number>`min(${when(x)})`.as('min_x'),
      sql<number>`max(${when(x)})`.as('max_x'),
      sql<number>`sum(case when m.value = 'зач' then 1 else 0 end)`.as('pass'),
      sql<number>`sum(case when m.value = 'незач' then 1 else 0 end)`.as('fail'),
    ])
    .groupBy(['l.journal_id', 'm.student_id'])
    .execute();
  return rows.map((r) => ({
    journalId: r.journal_id,
    studentId: r.student_id,
    count: Number(r.n),
    numeric: Number(r.numeric),
    w: Number(r.w ?? 0),
    sx: Number(r.sx ?? 0),
    sy: Number(r.sy ?? 0),
    sxx: Number(r.sxx ?? 0),
    sxy: Number(r.sxy ?? 0),
    minX: Number(r.min_x ?? 0),
    maxX: Number(r.max_x ?? 0),
    pass: Number(r.pass),
    fail: Number(r.fail),
  }));
}

/** Period marks of the range's period (or year marks of a whole-year range). Key `journalId|studentId`. */
export async function periodMarks(db: Db, range: Range): Promise<Map<string, string>> {
  let q = db
    .selectFrom('final_marks as f')
    .innerJoin('journals as j', 'j.id', 'f.journal_id')
    .select(['f.journal_id', 'f.student_id', 'f.value'])
    .where('j.year_id', '=', range.yearId);
  q =
    range.periodId !== null
      ? q.where('f.kind', '=', 'period').where('f.period_id', '=', range.periodId)
      : q.where('f.kind', '=', 'year');
  return new Map((await q.execute()).map((r) => [`${r.journal_id}|${r.student_id}`, r.value]));
}

/** Weighted sums of one student's (or one journal's) marks. */
export class MarkSums {
  sum = 0;
  weight = 0;
  count = 0;
  pass = 0;
  fail = 0;

  add(value: string, weight: number, count: number): void {
    this.count += count;
    if (NUMERIC.has(value)) {
      this.sum += Number(value) * weight * count;
      this.weight += weight * count;
    } else if (value === 'зач') this.pass += count;
    else if (value === 'незач') this.fail += count;
  }

  get average(): number | null {
    return this.weight > 0 ? this.sum / this.weight : null;
  }
}

/** Round half up, as a journal's suggested mark: 3,5 → 4, 3,49 → 3. */
export function roundMark(average: number): string {
  return String(Math.min(5, Math.max(1, Math.floor(average + 0.5 + 1e-9))));
}

/** A student's result: the period mark when given, else the rounded average, else зач/незач by majority. */
export function resultOf(periodMark: string | undefined, sums: MarkSums | undefined): string | null {
  if (periodMark) return periodMark;
  if (!sums) return null;
  const average = sums.average;
  if (average !== null) return roundMark(average);
  if (sums.pass + sums.fail > 0) return sums.pass >= sums.fail ? 'зач' : 'незач';
  return null;
}
