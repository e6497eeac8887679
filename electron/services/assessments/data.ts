// What every semester document of a journal reads: its head (group, discipline, period), the roster at the
// period's end, the final marks, a record sheet's statuses and the resits — each in one query for many journals.
import type { ResitInfo, SheetHead } from '../../api/contract.js';
import { AppError, notFound } from '../../api/errors.js';
import type { AssessmentStatus, FinalMarkKind } from '../../domain/enums.js';
import { outcomeText } from '../../domain/results.js';
import type { Db } from '../context.js';
import { withJournalNames } from '../journal-names.js';
import { fullName } from '../session.js';

export interface HeadRow extends SheetHead {
  teacherId: number;
  departmentId: number | null;
  subgroupId: number | null;
  yearId: number;
  yearOpen: boolean;
  periodStart: string;
  periodEnd: string;
  yearEnd: string;
}

/** The journal and the period (of its year) a sheet is about; refused when the period is another year's. */
export async function sheetHead(db: Db, journalId: number, periodId: number): Promise<HeadRow> {
  const j = await db
    .selectFrom('journals as j')
    .$call(withJournalNames)
    .leftJoin('departments as d', 'd.id', 'g.department_id')
    .innerJoin('academic_years as y', 'y.id', 'j.year_id')
    .select([
      'j.id',
      'j.year_id',
      'j.group_id',
      'j.subgroup_id',
      'j.teacher_user_id',
      'g.name as group_name',
      'g.course',
      'g.speciality',
      'g.department_id',
      'd.name as department_name',
      's.code',
      's.name as subject_name',
      's.kind as subject_kind',
      't.last_name',
      't.first_name',
      't.middle_name',
      'y.title as year_title',
      'y.status as year_status',
      'y.ends_on as year_end',
    ])
    .where('j.id', '=', journalId)
    .executeTakeFirst();
  if (!j) throw notFound('Журнал');
  const p = await db.selectFrom('periods').selectAll().where('id', '=', periodId).executeTakeFirst();
  if (!p || p.year_id !== j.year_id)
    throw new AppError('bad_request', `Период не относится к учебному году ${j.year_title}`, {
      periodId: 'Выберите период учебного года этого журнала',
    });
  return {
    journalId: j.id,
    groupId: j.group_id,
    groupName: j.group_name,
    course: j.course,
    departmentName: j.department_name ?? null,
    speciality: j.speciality,
    subjectName: j.code ? `${j.code} ${j.subject_name}` : j.subject_name,
    subjectKind: j.subject_kind,
    teacherName: fullName(j),
    periodId: p.id,
    periodTitle: p.title,
    yearTitle: j.year_title,
    teacherId: j.teacher_user_id,
    departmentId: j.department_id,
    subgroupId: j.subgroup_id,
    yearId: j.year_id,
    yearOpen: j.year_status === 'open',
    periodStart: p.starts_on,
    periodEnd: p.ends_on,
    yearEnd: j.year_end,
  };
}

export interface SheetStudent {
  studentId: number;
  name: string;
  personalFileNo: string | null;
}

/** The journal's students on the day: the group's roster (the subgroup's, for a subgroup journal), by name. */
export async function sheetStudents(
  db: Db,
  j: { groupId: number; subgroupId: number | null },
  on: string,
): Promise<SheetStudent[]> {
  let q = db
    .selectFrom('enrolments as e')
    .innerJoin('students as s', 's.id', 'e.student_id')
    .select(['s.id', 's.last_name', 's.first_name', 's.middle_name', 's.personal_file_no'])
    .distinct()
    .where('e.group_id', '=', j.groupId)
    .where('e.from_date', '<=', on)
    .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', on)]));
  if (j.subgroupId !== null)
    q = q.where('s.id', 'in', (eb) =>
      eb.selectFrom('subgroup_students').select('student_id').where('subgroup_id', '=', j.subgroupId!),
    );
  const rows = await q.execute();
  return rows
    .map((r) => ({ studentId: r.id, name: fullName(r), personalFileNo: r.personal_file_no }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}

/** The day a sheet's roster is taken: the period's end, or today while it runs (never before its start). */
export function rosterDay(head: Pick<HeadRow, 'periodStart' | 'periodEnd'>, today: string): string {
  const end = head.periodEnd < today ? head.periodEnd : today;
  return end < head.periodStart ? head.periodStart : end;
}

/** Final marks `journal|student|kind|period` → value. */
export async function finalsOf(db: Db, journalIds: number[], kinds: FinalMarkKind[]): Promise<Map<string, string>> {
  if (journalIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('final_marks')
    .select(['journal_id', 'student_id', 'kind', 'period_id', 'value'])
    .where('journal_id', 'in', journalIds)
    .where('kind', 'in', kinds)
    .execute();
  return new Map(rows.map((r) => [`${r.journal_id}|${r.student_id}|${r.kind}|${r.period_id ?? ''}`, r.value]));
}

export function finalKey(journalId: number, studentId: number, kind: FinalMarkKind, periodId: number | null): string {
  return `${journalId}|${studentId}|${kind}|${periodId ?? ''}`;
}

/** Record sheets' statuses `journal|student|kind|period` → status; the sheets themselves by `journal|kind|period`. */
export async function statusesOf(db: Db, journalIds: number[]) {
  const statuses = new Map<string, AssessmentStatus>();
  const sheets = new Map<string, { heldOn: string | null; examiners: string }>();
  if (journalIds.length === 0) return { statuses, sheets };
  const rows = await db
    .selectFrom('assessments as a')
    .leftJoin('assessment_statuses as s', 's.assessment_id', 'a.id')
    .select(['a.journal_id', 'a.period_id', 'a.kind', 'a.held_on', 'a.examiners', 's.student_id', 's.status'])
    .where('a.journal_id', 'in', journalIds)
    .execute();
  for (const r of rows) {
    sheets.set(`${r.journal_id}|${r.kind}|${r.period_id}`, { heldOn: r.held_on, examiners: r.examiners });
    if (r.student_id !== null && r.status !== null)
      statuses.set(finalKey(r.journal_id, r.student_id, r.kind, r.period_id), r.status);
  }
  return { statuses, sheets };
}

type ResitRow = {
  id: number;
  journal_id: number;
  student_id: number;
  period_id: number;
  kind: ResitInfo['kind'];
  attempt: number;
  direction_no: string;
  issued_on: string;
  examiner: string;
  held_on: string | null;
  value: string | null;
  absent: number;
  version: number;
};

export function resitInfo(r: ResitRow): ResitInfo {
  return {
    id: r.id,
    journalId: r.journal_id,
    studentId: r.student_id,
    periodId: r.period_id,
    kind: r.kind,
    attempt: r.attempt,
    directionNo: r.direction_no,
    issuedOn: r.issued_on,
    examiner: r.examiner,
    heldOn: r.held_on,
    value: r.value,
    absent: r.absent === 1,
    text: r.held_on === null ? '' : outcomeText({ value: r.value, status: r.absent === 1 ? 'absent' : null }),
    version: r.version,
  };
}

/** Resits of the journals, by attempt, grouped `journal|student|kind|period`. */
export async function resitsOf(db: Db, journalIds: number[]): Promise<Map<string, ResitInfo[]>> {
  const out = new Map<string, ResitInfo[]>();
  if (journalIds.length === 0) return out;
  const rows = await db
    .selectFrom('resits')
    .selectAll()
    .where('journal_id', 'in', journalIds)
    .orderBy('attempt')
    .execute();
  for (const r of rows) {
    const key = finalKey(r.journal_id, r.student_id, r.kind, r.period_id);
    out.set(key, [...(out.get(key) ?? []), resitInfo(r)]);
  }
  return out;
}

/** The head as the contract shows it, without what only the services need. */
export function publicHead(head: HeadRow): SheetHead {
  const { teacherId: _t, departmentId: _d, subgroupId: _s, yearId: _y, yearOpen: _o, ...rest } = head;
  const { periodStart: _a, periodEnd: _b, yearEnd: _e, ...pub } = rest;
  return pub;
}
