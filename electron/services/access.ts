// Scope checks shared by every service: the contract says which roles may call a method; these
// say which rows a caller may see or change. A teacher only in their journals (000 §3.5, 003 §3.6),
// a curator their group, a department head their department, a parent their children, a student
// themself; deputies and the director read everything and write nothing in journals (003 §3.3).
import { institutionWords } from './words.js';
import type { Role } from '../../db/schema.js';
import { AppError, forbidden, notFound } from '../api/errors.js';
import type { Db, Session } from './context.js';
import { hasRole } from './context.js';
import { substituteSlots, type SubstituteSlot } from './journal/substitutes.js';

/** Roles that may read every journal and every student of the institution. */
export const READ_ALL: readonly Role[] = ['admin', 'director', 'deputy', 'secretary'];

export function grantsOf(session: Session, role: Role) {
  return session.roles.filter((g) => g.role === role);
}

export function curatedGroupIds(session: Session): number[] {
  return grantsOf(session, 'curator')
    .map((g) => g.groupId)
    .filter((id): id is number => id !== null);
}

export function headedDepartmentIds(session: Session): number[] {
  return grantsOf(session, 'dept_head')
    .map((g) => g.departmentId)
    .filter((id): id is number => id !== null);
}

export interface JournalRow {
  id: number;
  year_id: number;
  group_id: number;
  subject_id: number;
  subgroup_id: number | null;
  teacher_user_id: number;
  version: number;
  department_id: number | null;
  year_status: string;
}

export async function loadJournal(db: Db, journalId: number): Promise<JournalRow> {
  const row = await db
    .selectFrom('journals as j')
    .innerJoin('groups as g', 'g.id', 'j.group_id')
    .innerJoin('academic_years as y', 'y.id', 'j.year_id')
    .select([
      'j.id',
      'j.year_id',
      'j.group_id',
      'j.subject_id',
      'j.subgroup_id',
      'j.teacher_user_id',
      'j.version',
      'g.department_id',
      'y.status as year_status',
    ])
    .where('j.id', '=', journalId)
    .executeTakeFirst();
  if (!row) throw notFound('Журнал');
  return row;
}

/** May the caller open this journal (read-only or not)? */
export function canReadJournal(
  session: Session,
  j: Pick<JournalRow, 'teacher_user_id' | 'group_id' | 'department_id'>,
): boolean {
  if (hasRole(session, ...READ_ALL)) return true;
  if (hasRole(session, 'teacher') && j.teacher_user_id === session.userId) return true;
  if (curatedGroupIds(session).includes(j.group_id)) return true;
  if (j.department_id !== null && headedDepartmentIds(session).includes(j.department_id)) return true;
  return false;
}

export async function assertJournalRead(db: Db, session: Session, journalId: number): Promise<JournalRow> {
  const j = await loadJournal(db, journalId);
  if (!canReadJournal(session, j))
    throw forbidden(`Недостаточно прав: это журнал другого ${(await institutionWords(db)).short('teacher', 'gen')}`);
  return j;
}

/** Only the journal's own teacher writes in it, and only while its year is open. */
export async function assertJournalWrite(db: Db, session: Session, journalId: number): Promise<JournalRow> {
  const j = await loadJournal(db, journalId);
  await assertCanWriteJournal(db, session, j);
  return j;
}

/** The same rule on a journal row already read (a service that reads it together with more). */
export async function assertCanWriteJournal(
  db: Db,
  session: Session,
  j: Pick<JournalRow, 'teacher_user_id' | 'group_id' | 'department_id' | 'year_status'>,
): Promise<void> {
  if (!(hasRole(session, 'teacher') && j.teacher_user_id === session.userId)) {
    const w = await institutionWords(db);
    throw forbidden(
      canReadJournal(session, j)
        ? `Журнал доступен только для просмотра: записи в нём ведёт ${w.short('teacher')}`
        : `Недостаточно прав: это журнал другого ${w.short('teacher', 'gen')}`,
    );
  }
  if (j.year_status !== 'open')
    throw new AppError('locked', 'Учебный год закрыт: журналы доступны только для просмотра');
}

/**
 * Who writes in a journal: its own teacher (null: everywhere the periods allow), or a substitute named by
 * a dated change (their lessons only, issue 14). Anyone else is refused as assertCanWriteJournal refuses.
 */
export async function assertJournalWriter(db: Db, session: Session, j: JournalRow): Promise<SubstituteSlot[] | null> {
  if (j.teacher_user_id !== session.userId && hasRole(session, 'teacher')) {
    const slots = await substituteSlots(db, j.id, session.userId);
    if (slots.length > 0) {
      if (j.year_status !== 'open')
        throw new AppError('locked', 'Учебный год закрыт: журналы доступны только для просмотра');
      return slots;
    }
  }
  await assertCanWriteJournal(db, session, j);
  return null;
}

/** Groups a student belongs to at any time (for scope checks that must not depend on today). */
async function groupsOfStudent(db: Db, studentId: number) {
  return db
    .selectFrom('enrolments as e')
    .innerJoin('groups as g', 'g.id', 'e.group_id')
    .select(['g.id', 'g.department_id'])
    .where('e.student_id', '=', studentId)
    .execute();
}

/** Is the student one of the caller's children (parent) or the caller (student)? */
export async function isOwnChild(db: Db, session: Session, studentId: number): Promise<boolean> {
  if (hasRole(session, 'student') && session.studentId === studentId) return true;
  if (!hasRole(session, 'parent')) return false;
  const link = await db
    .selectFrom('guardians')
    .select('id')
    .where('student_id', '=', studentId)
    .where('user_id', '=', session.userId)
    .executeTakeFirst();
  return Boolean(link);
}

export async function canReadStudent(db: Db, session: Session, studentId: number): Promise<boolean> {
  if (hasRole(session, ...READ_ALL)) return true;
  if (await isOwnChild(db, session, studentId)) return true;
  const groups = await groupsOfStudent(db, studentId);
  if (groups.some((g) => curatedGroupIds(session).includes(g.id))) return true;
  if (groups.some((g) => g.department_id !== null && headedDepartmentIds(session).includes(g.department_id)))
    return true;
  if (hasRole(session, 'teacher') && groups.length > 0) {
    const taught = await db
      .selectFrom('journals')
      .select('id')
      .where('teacher_user_id', '=', session.userId)
      .where(
        'group_id',
        'in',
        groups.map((g) => g.id),
      )
      .executeTakeFirst();
    if (taught) return true;
  }
  return false;
}

export async function assertStudentRead(db: Db, session: Session, studentId: number): Promise<void> {
  const exists = await db.selectFrom('students').select('id').where('id', '=', studentId).executeTakeFirst();
  if (!exists) throw notFound('Обучающийся');
  if (!(await canReadStudent(db, session, studentId)))
    throw forbidden('Недостаточно прав: это данные другого обучающегося');
}

/**
 * The student's page shows every subject's marks: for the family (003 §2.7–2.8), the group's curator,
 * the department's head and the administration — not for a teacher who only teaches the group.
 */
export async function assertFamilyRead(db: Db, session: Session, studentId: number): Promise<void> {
  const exists = await db.selectFrom('students').select('id').where('id', '=', studentId).executeTakeFirst();
  if (!exists) throw notFound('Обучающийся');
  if (hasRole(session, ...READ_ALL) || (await isOwnChild(db, session, studentId))) return;
  assertFamilyScope(session, false, await groupsOfStudent(db, studentId));
}

/**
 * The same rule on what a caller already read together with more (the family page): is the student
 * the caller's own (isOwnChild), and the groups the student was ever in.
 */
export function assertFamilyScope(
  session: Session,
  own: boolean,
  groups: Array<{ id: number; department_id: number | null }>,
): void {
  if (hasRole(session, ...READ_ALL) || own) return;
  if (groups.some((g) => curatedGroupIds(session).includes(g.id))) return;
  if (groups.some((g) => g.department_id !== null && headedDepartmentIds(session).includes(g.department_id))) return;
  throw forbidden('Недостаточно прав: это данные другого обучающегося');
}

/** isOwnChild on a guardian link already read: `linked` — the caller is a guardian of the student. */
export function ownChild(session: Session, studentId: number, linked: boolean): boolean {
  if (hasRole(session, 'student') && session.studentId === studentId) return true;
  return hasRole(session, 'parent') && linked;
}

/**
 * 152-ФЗ: birth dates, contacts and addresses only for those who need them — the administrator,
 * the director, the curator of the student's group and the head of its department.
 */
export async function canSeePersonalData(db: Db, session: Session, studentId: number): Promise<boolean> {
  if (hasRole(session, 'admin', 'director')) return true;
  const groups = await groupsOfStudent(db, studentId);
  if (groups.some((g) => curatedGroupIds(session).includes(g.id))) return true;
  if (groups.some((g) => g.department_id !== null && headedDepartmentIds(session).includes(g.department_id)))
    return true;
  // A centre's педагог keeps the data of their объединения's children (000 §3.5.4).
  return keepsStudentList(db, session, studentId);
}

/** The personal-data fields of a student record, blanked for callers who may not see them. */
export const PERSONAL_FIELDS = ['birthDate', 'phone', 'email', 'address'] as const;

export function withoutPersonalData<T extends object>(record: T): T {
  const copy = { ...record } as Record<string, unknown>;
  for (const key of PERSONAL_FIELDS) if (key in copy) copy[key] = null;
  return copy as T;
}

/** May the caller manage a group's register (roster, contacts, absence reasons)? */
export async function canManageGroup(db: Db, session: Session, groupId: number): Promise<boolean> {
  if (hasRole(session, 'admin')) return true;
  if (curatedGroupIds(session).includes(groupId)) return true;
  const g = await db.selectFrom('groups').select('department_id').where('id', '=', groupId).executeTakeFirst();
  return Boolean(
    g?.department_id !== null &&
    g?.department_id !== undefined &&
    headedDepartmentIds(session).includes(g.department_id),
  );
}

/** May the caller see a group's roster: readers of everything, its curator, its department head, its teachers? */
export async function canReadGroup(db: Db, session: Session, groupId: number): Promise<boolean> {
  if (hasRole(session, ...READ_ALL)) return true;
  if (curatedGroupIds(session).includes(groupId)) return true;
  const g = await db.selectFrom('groups').select('department_id').where('id', '=', groupId).executeTakeFirst();
  if (g?.department_id != null && headedDepartmentIds(session).includes(g.department_id)) return true;
  if (!hasRole(session, 'teacher')) return false;
  const taught = await db
    .selectFrom('journals')
    .select('id')
    .where('group_id', '=', groupId)
    .where('teacher_user_id', '=', session.userId)
    .executeTakeFirst();
  return Boolean(taught);
}

/** 152-ФЗ for a whole roster: the same people as canSeePersonalData, for every student of the group. */
export async function canSeeGroupPersonalData(db: Db, session: Session, groupId: number): Promise<boolean> {
  if (hasRole(session, 'admin', 'director')) return true;
  if (curatedGroupIds(session).includes(groupId)) return true;
  const g = await db.selectFrom('groups').select('department_id').where('id', '=', groupId).executeTakeFirst();
  if (g?.department_id != null && headedDepartmentIds(session).includes(g.department_id)) return true;
  return keepsGroupList(db, session, groupId);
}

/**
 * 003 §2.3: students and parents get their login and password from the head of their department —
 * so a department head issues them only for students on a roster of their department's groups today;
 * the administrator for anyone. Returns the students outside the caller's reach.
 */
export async function studentsBeyondCredentialScope(
  db: Db,
  session: Session,
  studentIds: number[],
  today: string,
): Promise<number[]> {
  if (hasRole(session, 'admin') || studentIds.length === 0) return [];
  const departments = headedDepartmentIds(session);
  if (departments.length === 0) return [...new Set(studentIds)];
  const reachable = new Set<number>();
  for (let i = 0; i < studentIds.length; i += 500) {
    const rows = await db
      .selectFrom('enrolments as e')
      .innerJoin('groups as g', 'g.id', 'e.group_id')
      .select('e.student_id')
      .where('e.student_id', 'in', studentIds.slice(i, i + 500))
      .where('g.department_id', 'in', departments)
      .where('e.from_date', '<=', today)
      .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', today)]))
      .execute();
    for (const r of rows) reachable.add(r.student_id);
  }
  return [...new Set(studentIds)].filter((id) => !reachable.has(id));
}

/**
 * 000 §3.5.1, §3.5.4: in a supplementary-education centre the педагог who teaches an объединение forms
 * its list and keeps its children's and parents' data. Nowhere else: a college's or a school's lists stay
 * with the curator, the department head and the administrator.
 */
export async function isCentre(db: Db): Promise<boolean> {
  const row = await db.selectFrom('institution').select('kind').executeTakeFirst();
  return row?.kind === 'supplementary';
}

/** The centre teacher's объединения of open years (groups they keep a journal of) among `groupIds`, or all. */
export async function listKeptGroupIds(db: Db, session: Session, groupIds?: number[]): Promise<number[]> {
  if (!hasRole(session, 'teacher') || (groupIds !== undefined && groupIds.length === 0)) return [];
  if (!(await isCentre(db))) return [];
  let q = db
    .selectFrom('journals as j')
    .innerJoin('groups as g', 'g.id', 'j.group_id')
    .innerJoin('academic_years as y', 'y.id', 'g.year_id')
    .select('g.id')
    .distinct()
    .where('j.teacher_user_id', '=', session.userId)
    .where('y.status', '=', 'open');
  if (groupIds !== undefined) q = q.where('g.id', 'in', groupIds);
  return (await q.execute()).map((r) => r.id);
}

/** Does the caller keep the list of this объединение as its педагог (a centre only)? */
export async function keepsGroupList(db: Db, session: Session, groupId: number): Promise<boolean> {
  return (await listKeptGroupIds(db, session, [groupId])).length > 0;
}

/** Is the child enrolled (now or earlier this year) in an объединение whose list the caller keeps? */
export async function keepsStudentList(db: Db, session: Session, studentId: number): Promise<boolean> {
  if (!hasRole(session, 'teacher')) return false;
  const groups = await groupsOfStudent(db, studentId);
  return (
    (
      await listKeptGroupIds(
        db,
        session,
        groups.map((g) => g.id),
      )
    ).length > 0
  );
}
