// Attendance in grouped queries: hours missed by code, with a confirmed excuse counted as a valid
// reason; and the student-hours each lesson offered (the roster of its day × its hours).
//   н — absent, not valid (valid when a confirmed excuse covers it); у — valid reason; б — ill (valid);
//   оп — late (counted, not missed); уч — away on the institution's business (present).
import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { Db } from '../context.js';
import type { Range } from './scope.js';

export interface AbsenceTotals {
  missed: number;
  valid: number;
  invalid: number;
  late: number;
}

export const emptyTotals = (): AbsenceTotals => ({ missed: 0, valid: 0, invalid: 0, late: 0 });

export function addTotals(into: AbsenceTotals, from: AbsenceTotals): void {
  into.missed += from.missed;
  into.valid += from.valid;
  into.invalid += from.invalid;
  into.late += from.late;
}

interface AbsenceRow {
  code: string;
  hours: number;
  excusedHours: number;
  n: number;
}

function toTotals(row: AbsenceRow): AbsenceTotals {
  if (row.code === 'оп') return { missed: 0, valid: 0, invalid: 0, late: row.n };
  if (row.code === 'у' || row.code === 'б') return { missed: row.hours, valid: row.hours, invalid: 0, late: 0 };
  if (row.code === 'н')
    return { missed: row.hours, valid: row.excusedHours, invalid: row.hours - row.excusedHours, late: 0 };
  return emptyTotals(); // уч: present
}

function absenceQuery(db: Db, range: Range) {
  return db
    .selectFrom('attendance as a')
    .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
    .innerJoin('journals as j', 'j.id', 'l.journal_id')
    .leftJoin('absence_excuses as e', (join) => join.onRef('e.id', '=', 'a.excuse_id').on('e.status', '=', 'confirmed'))
    .where('j.year_id', '=', range.yearId)
    .where('l.date', '>=', range.from)
    .where('l.date', '<=', range.to)
    .where('a.code', 'in', ['н', 'у', 'б', 'оп']);
}

type AbsenceQuery = ReturnType<typeof absenceQuery>;
type AbsenceEb = AbsenceQuery extends SelectQueryBuilder<infer D, infer T, infer _O> ? ExpressionBuilder<D, T> : never;

/** Hours missed by code, the part of them a confirmed excuse covers, and the count of rows. */
function measures(eb: AbsenceEb) {
  return [
    eb.ref('a.code').as('code'),
    eb.fn.sum<number>('l.hours').as('hours'),
    eb.fn.sum<number>(eb.case().when('e.id', 'is not', null).then(eb.ref('l.hours')).else(0).end()).as('excused_hours'),
    eb.fn.countAll<number>().as('n'),
  ];
}

function read(r: { code: string; hours: unknown; excused_hours: unknown; n: unknown }): AbsenceTotals {
  return toTotals({
    code: r.code,
    hours: Number(r.hours ?? 0),
    excusedHours: Number(r.excused_hours ?? 0),
    n: Number(r.n ?? 0),
  });
}

/** Per journal. */
export async function absencesByJournal(db: Db, range: Range): Promise<Map<number, AbsenceTotals>> {
  const rows = await absenceQuery(db, range)
    .select((eb) => [eb.ref('l.journal_id').as('journal_id'), ...measures(eb)])
    .groupBy(['l.journal_id', 'a.code'])
    .execute();
  return collect(rows, (r) => r.journal_id);
}

/** Per journal × student. Key `journalId|studentId`. */
export async function absencesByStudent(
  db: Db,
  range: Range,
  journalIds?: number[],
): Promise<Map<string, AbsenceTotals>> {
  let q = absenceQuery(db, range);
  if (journalIds) q = q.where('l.journal_id', 'in', journalIds.length ? journalIds : [0]);
  const rows = await q
    .select((eb) => [eb.ref('l.journal_id').as('journal_id'), eb.ref('a.student_id').as('student_id'), ...measures(eb)])
    .groupBy(['l.journal_id', 'a.student_id', 'a.code'])
    .execute();
  return collect(rows, (r) => `${r.journal_id}|${r.student_id}`);
}

/** Per journal × date. Key `journalId|date`. */
export async function absencesByDay(db: Db, range: Range, journalIds?: number[]): Promise<Map<string, AbsenceTotals>> {
  let q = absenceQuery(db, range);
  if (journalIds) q = q.where('l.journal_id', 'in', journalIds.length ? journalIds : [0]);
  const rows = await q
    .select((eb) => [eb.ref('l.journal_id').as('journal_id'), eb.ref('l.date').as('date'), ...measures(eb)])
    .groupBy(['l.journal_id', 'l.date', 'a.code'])
    .execute();
  return collect(rows, (r) => `${r.journal_id}|${r.date}`);
}

type Measured = { code: string; hours: unknown; excused_hours: unknown; n: unknown };

function collect<R extends Measured, K>(rows: R[], key: (r: R) => K): Map<K, AbsenceTotals> {
  const out = new Map<K, AbsenceTotals>();
  for (const r of rows) {
    const k = key(r);
    const t = out.get(k) ?? emptyTotals();
    addTotals(t, read(r));
    out.set(k, t);
  }
  return out;
}

export interface LessonDay {
  journalId: number;
  date: string;
  lessons: number;
  hours: number;
}

/** The lessons of the year's journals in the range, summed per journal and day. */
export async function lessonDays(db: Db, range: Range): Promise<LessonDay[]> {
  const rows = await db
    .selectFrom('lessons as l')
    .innerJoin('journals as j', 'j.id', 'l.journal_id')
    .select([
      'l.journal_id',
      'l.date',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>('l.hours').as('hours'),
    ])
    .where('j.year_id', '=', range.yearId)
    .where('l.date', '>=', range.from)
    .where('l.date', '<=', range.to)
    .groupBy(['l.journal_id', 'l.date'])
    .execute();
  return rows.map((r) => ({ journalId: r.journal_id, date: r.date, lessons: Number(r.n), hours: Number(r.hours) }));
}
