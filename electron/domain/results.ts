// The results of a semester as the college's documents count them (issue 15): what a record sheet prints in the
// place of a mark, which result is a debt, a result after its resits, and the summary sheet's arithmetic —
// the counts of 5/4/3/2 and «н/а», a student's average, the group's absolute and quality performance.
import type { AssessmentKind, AssessmentStatus, PracticeKind, ResitKind, SubjectKind } from './enums.js';
import { ruDate } from './format-dates.js';
import { NOT_CERTIFIED } from './scale.js';

export const NUMERIC_MARKS: ReadonlySet<string> = new Set(['1', '2', '3', '4', '5']);
/** A failing result of a period, an exam or a credit (for the current-marks reports as well). */
export const FAILING_MARKS: ReadonlySet<string> = new Set(['1', '2', 'незач']);

export const ASSESSMENT_SHEET_TITLES = {
  exam: 'Экзаменационная ведомость',
  credit: 'Зачётная ведомость',
} as const satisfies Record<AssessmentKind, string>;

/** «Форма контроля: экзамен». */
export const ASSESSMENT_FORMS = {
  exam: 'экзамен',
  credit: 'зачёт',
} as const satisfies Record<AssessmentKind, string>;

export const RESIT_FORMS = {
  period: 'итоговая отметка за период',
  exam: 'экзамен',
  credit: 'зачёт',
} as const satisfies Record<ResitKind, string>;

/** What a sheet calls the subject: «Дисциплина: ОП.01 …», «Профессиональный модуль: ПМ.01 …». */
export const SUBJECT_KIND_ON_SHEET = {
  discipline: 'Дисциплина',
  mdk: 'Междисциплинарный курс',
  pm: 'Профессиональный модуль',
  practice: 'Практика',
  programme: 'Программа',
} as const satisfies Record<SubjectKind, string>;

export const ASSESSMENT_STATUS_LABELS = {
  absent: 'не явился',
  not_admitted: 'не допущен',
} as const satisfies Record<AssessmentStatus, string>;

/** «отлично (5)» as a record sheet writes a mark out in words. */
export const MARK_WORDS: Readonly<Record<string, string>> = {
  '5': 'отлично',
  '4': 'хорошо',
  '3': 'удовлетворительно',
  '2': 'неудовлетворительно',
  '1': 'неудовлетворительно',
  зач: 'зачтено',
  незач: 'не зачтено',
  [NOT_CERTIFIED]: 'не аттестован',
};

/** A semester's result of one student in one discipline: a mark, or a record sheet's status, or nothing yet. */
export interface Outcome {
  value: string | null;
  status: AssessmentStatus | null;
}

/** The mark in words, or the status: «хорошо (4)», «не явился». */
export function outcomeText(o: Outcome): string {
  if (o.status) return ASSESSMENT_STATUS_LABELS[o.status];
  if (o.value === null) return '';
  const words = MARK_WORDS[o.value];
  return NUMERIC_MARKS.has(o.value) && words ? `${words} (${o.value})` : (words ?? o.value);
}

/** The short form a summary sheet's cell holds: «4», «зач», «н/я», «н/д». */
export function outcomeShort(o: Outcome): string {
  if (o.status) return o.status === 'absent' ? 'н/я' : 'н/д';
  return o.value ?? '';
}

/** An academic debt: a failing mark, «н/а», or no mark because the student did not come or was not admitted. */
export function isDebt(o: Outcome): boolean {
  if (o.status) return true;
  return o.value !== null && (FAILING_MARKS.has(o.value) || o.value === NOT_CERTIFIED);
}

/** A retake as the rules need it: held or not, its result. */
export interface ResitOutcome {
  heldOn: string | null;
  value: string | null;
  absent: boolean;
}

/**
 * The result that stands after the resits: the last resit held (a «не явился» at a resit leaves the debt), else
 * the original. The original mark is never overwritten; it is printed beside.
 */
export function finalOutcome(original: Outcome, resits: readonly ResitOutcome[]): Outcome {
  const held = resits.filter((r) => r.heldOn !== null && (r.absent || r.value !== null));
  const last = held.at(-1);
  if (!last) return original;
  return last.absent ? { value: null, status: 'absent' } : { value: last.value, status: null };
}

export interface ResultCounts {
  '5': number;
  '4': number;
  '3': number;
  /** 2 and 1, and «незач». */
  '2': number;
  /** «н/а», and no mark for «не явился» or «не допущен». */
  na: number;
}

export function countResults(outcomes: readonly Outcome[]): ResultCounts {
  const c: ResultCounts = { '5': 0, '4': 0, '3': 0, '2': 0, na: 0 };
  for (const o of outcomes) {
    if (o.status || o.value === NOT_CERTIFIED) c.na++;
    else if (o.value === '5' || o.value === '4' || o.value === '3') c[o.value]++;
    else if (o.value !== null && FAILING_MARKS.has(o.value)) c['2']++;
  }
  return c;
}

/** The mean of the numeric marks, to two places; null with none. */
export function averageOf(outcomes: readonly Outcome[]): number | null {
  const marks = outcomes.filter((o) => !o.status && o.value !== null && NUMERIC_MARKS.has(o.value));
  if (marks.length === 0) return null;
  return Math.round((marks.reduce((s, o) => s + Number(o.value), 0) / marks.length) * 100) / 100;
}

/**
 * The group's performance as shares (0…1) of the students listed: absolute — those with results and no debt; quality —
 * of them, those whose every mark is 4 or 5 (a credit passed counts as neither for nor against). A student with no
 * result yet counts in the whole but in neither share.
 */
export function groupPerformance(students: ReadonlyArray<readonly Outcome[]>): {
  absolute: number | null;
  quality: number | null;
} {
  if (students.length === 0) return { absolute: null, quality: null };
  let passed = 0;
  let good = 0;
  for (const outcomes of students) {
    const given = outcomes.filter((o) => o.status || o.value !== null);
    if (given.length === 0 || given.some(isDebt)) continue;
    passed++;
    if (given.every((o) => !NUMERIC_MARKS.has(o.value!) || o.value === '4' || o.value === '5')) good++;
  }
  return { absolute: passed / students.length, quality: good / students.length };
}

/**
 * Which result of a journal's period the documents take: its exam when it has one (a mark or a record sheet), else
 * its credit, else the period's mark.
 */
export function semesterKind(has: { exam: boolean; credit: boolean }): ResitKind {
  return has.exam ? 'exam' : has.credit ? 'credit' : 'period';
}

/** A resit in one line: «№ 12 от 20.01.2027, 25.01.2027: хорошо (4)», or «…, не проведена». */
export function resitLine(r: { directionNo: string; issuedOn: string; heldOn: string | null; text: string }): string {
  const held = r.heldOn ? `, ${ruDate(r.heldOn)}: ${r.text}` : ', не проведена';
  return `№ ${r.directionNo} от ${ruDate(r.issuedOn)}${held}`;
}

export const PRACTICE_KIND_LABELS = {
  educational: 'учебная практика',
  industrial: 'производственная практика',
} as const satisfies Record<PracticeKind, string>;

/** The practice's kind from its code when none is recorded yet: «УП.01» учебная, «ПП.01» производственная. */
export function practiceKindOf(code: string | null): PracticeKind {
  return code?.startsWith('ПП') ? 'industrial' : 'educational';
}

/** The qualification exam's verdict on a professional module. */
export function masteredText(mastered: boolean | null): string {
  return mastered === null ? '' : mastered ? 'вид деятельности освоен' : 'вид деятельности не освоен';
}
