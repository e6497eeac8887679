// A semester's results of many journals at once, as the debts list and the summary sheet read them: per journal
// and period the kind that counts (domain semesterKind), per student the original outcome and its resits.
import type { ResitInfo } from '../../api/contract.js';
import type { ResitKind } from '../../domain/enums.js';
import { finalOutcome, semesterKind, type Outcome } from '../../domain/results.js';
import type { Db } from '../context.js';
import { finalKey, finalsOf, resitsOf, statusesOf } from './data.js';

export interface SemesterResult {
  original: Outcome;
  resits: ResitInfo[];
  /** After the resits held. */
  result: Outcome;
}

export interface SemesterResults {
  /** The kind that counts for the journal's period. */
  kindOf(journalId: number, periodId: number): ResitKind;
  /** The student's result of the journal's period (null: nothing recorded). */
  of(journalId: number, studentId: number, periodId: number): SemesterResult | null;
  /** Every journal × student × period with something recorded. */
  entries(): Array<{ journalId: number; studentId: number; periodId: number; kind: ResitKind } & SemesterResult>;
  /** The year's mark (no resits: a year's debts are its semesters'). */
  year(journalId: number, studentId: number): Outcome | null;
}

export async function semesterResults(db: Db, journalIds: number[]): Promise<SemesterResults> {
  const finals = await finalsOf(db, journalIds, ['period', 'exam', 'credit', 'year']);
  const { statuses, sheets } = await statusesOf(db, journalIds);
  const resits = await resitsOf(db, journalIds);
  const has = new Map<string, { exam: boolean; credit: boolean }>();
  const mark = (journalId: number, periodId: number, kind: 'exam' | 'credit') => {
    const k = `${journalId}|${periodId}`;
    const h = has.get(k) ?? { exam: false, credit: false };
    h[kind] = true;
    has.set(k, h);
  };
  const seen = new Set<string>();
  for (const key of [...finals.keys(), ...statuses.keys()]) {
    const [j, s, kind, p] = key.split('|');
    if (kind === 'exam' || kind === 'credit') mark(Number(j), Number(p), kind);
    if (kind !== 'year') seen.add(`${j}|${s}|${p}`);
  }
  for (const key of sheets.keys()) {
    const [j, kind, p] = key.split('|');
    mark(Number(j), Number(p), kind as 'exam' | 'credit');
  }
  const kindOf = (journalId: number, periodId: number) =>
    semesterKind(has.get(`${journalId}|${periodId}`) ?? { exam: false, credit: false });
  const of = (journalId: number, studentId: number, periodId: number): SemesterResult | null => {
    const kind = kindOf(journalId, periodId);
    const key = finalKey(journalId, studentId, kind, periodId);
    const status = kind === 'period' ? null : (statuses.get(key) ?? null);
    const value = status ? null : (finals.get(key) ?? null);
    if (value === null && status === null) return null;
    const original = { value, status };
    const list = resits.get(key) ?? [];
    return { original, resits: list, result: finalOutcome(original, list) };
  };
  return {
    kindOf,
    of,
    entries: () =>
      [...seen].flatMap((k) => {
        const [j, s, p] = k.split('|').map(Number) as [number, number, number];
        const r = of(j, s, p);
        return r ? [{ journalId: j, studentId: s, periodId: p, kind: kindOf(j, p), ...r }] : [];
      }),
    year: (journalId, studentId) => {
      const value = finals.get(finalKey(journalId, studentId, 'year', null)) ?? null;
      return value === null ? null : { value, status: null };
    },
  };
}
