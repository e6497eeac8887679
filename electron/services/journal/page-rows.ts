// The journal page assembled from its rows: period states with their unlocks, the roster with each
// student's intervals, and the lessons with their columns and individual homework.
import type { LessonInfo, PeriodState, RosterStudent } from '../../api/contract.js';
import { fullName, shortName } from '../session.js';

type PeriodRow = { id: number; seq: number; title: string; starts_on: string; ends_on: string; locked: number };
type UnlockRow = {
  id: number;
  period_id: number;
  status: NonNullable<PeriodState['unlock']>['status'];
  valid_until: string | null;
  reason: string;
  version: number;
};

export function periodStates(
  periodRows: PeriodRow[],
  unlockRows: UnlockRow[],
  today: string,
  canWrite: boolean,
): PeriodState[] {
  return periodRows.map((p) => {
    const last = unlockRows.filter((u) => u.period_id === p.id).at(-1);
    const expired = last?.status === 'approved' && last.valid_until !== null && last.valid_until < today;
    const unlock = last
      ? {
          id: last.id,
          status: expired ? ('expired' as const) : last.status,
          validUntil: last.valid_until,
          reason: last.reason,
          version: last.version,
        }
      : null;
    return {
      id: p.id,
      seq: p.seq,
      title: p.title,
      startsOn: p.starts_on,
      endsOn: p.ends_on,
      locked: p.locked === 1,
      unlock,
      editable: canWrite && (p.locked === 0 || unlock?.status === 'approved'),
    };
  });
}

type EnrolmentRow = {
  id: number;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  from_date: string;
  until_date: string | null;
};

/** One entry per student, with every interval of enrolment in the range. */
export function rosterOf(enrolments: EnrolmentRow[]): RosterStudent[] {
  const students: RosterStudent[] = [];
  const byStudent = new Map<number, RosterStudent>();
  for (const e of enrolments) {
    let s = byStudent.get(e.id);
    if (!s) {
      s = { id: e.id, fullName: fullName(e), shortName: shortName(e), intervals: [] };
      byStudent.set(e.id, s);
      students.push(s);
    }
    s.intervals.push({ from: e.from_date, until: e.until_date });
  }

  return students;
}

type LessonRow = {
  id: number;
  date: string;
  lesson_no: number;
  hours: number;
  kind: LessonInfo['kind'];
  plan_topic_id: number | null;
  topic: string;
  homework: string | null;
  entered_on: string;
  attendance_taken: number;
  version: number;
  /** The substitute who held the lesson (short name), when not the journal's own teacher. */
  taught_by_name?: string | null;
};
export type ColumnRow = {
  id: number;
  lesson_id: number;
  seq: number;
  kind: string;
  title: string;
  weight: number;
  release_on: string | null;
  version: number;
};

/** The lessons' query reads who held each: the substitute's name when it is not the journal's teacher. */
export function withTaughtBy<T extends TaughtByRow>(
  rows: T[],
  teacherId: number,
): Array<T & { taught_by_name: string | null }> {
  return rows.map((r) => ({ ...r, taught_by_name: taughtByName(r, teacherId) }));
}

type TaughtByRow = {
  taught_by: number | null;
  tb_last: string | null;
  tb_first: string | null;
  tb_middle: string | null;
};

/** Who held the lesson when it was not the journal's teacher (a substitute), as a short name; else null. */
export function taughtByName(r: TaughtByRow, teacherId: number): string | null {
  return r.taught_by !== null && r.taught_by !== teacherId && r.tb_last !== null
    ? shortName({ last_name: r.tb_last, first_name: r.tb_first ?? '', middle_name: r.tb_middle })
    : null;
}

export function lessonsOf(
  lessonRows: LessonRow[],
  columns: ColumnRow[],
  homework: Array<{ lesson_id: number; student_id: number; text: string }>,
): LessonInfo[] {
  const lessons: LessonInfo[] = lessonRows.map((l) => ({
    id: l.id,
    date: l.date,
    lessonNo: l.lesson_no,
    hours: l.hours,
    kind: l.kind,
    planTopicId: l.plan_topic_id,
    topic: l.topic,
    homework: l.homework,
    enteredOn: l.entered_on,
    late: l.entered_on > l.date,
    attendanceTaken: l.attendance_taken === 1,
    taughtBy: l.taught_by_name ?? null,
    version: l.version,
    columns: [],
    individualHomework: [],
  }));
  const lessonById = new Map(lessons.map((l) => [l.id, l]));
  for (const c of columns) {
    lessonById.get(c.lesson_id)?.columns.push({
      id: c.id,
      seq: c.seq,
      kind: c.kind,
      title: c.title,
      weight: Number(c.weight),
      releaseOn: c.release_on,
      version: c.version,
    });
  }
  for (const h of homework)
    lessonById.get(h.lesson_id)?.individualHomework.push({ studentId: h.student_id, text: h.text });
  return lessons;
}
