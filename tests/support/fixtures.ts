// Named rows of the small demo college that tests aim at: in the callers' scope and out of it.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export const DEMO_TODAY = '2026-11-25';
export const SMALL_DEMO = {
  seed: 7,
  students: 90,
  groups: 6,
  departments: 3,
  teachers: 16,
  today: DEMO_TODAY,
} as const;

export type DemoLogin =
  'admin' | 'director' | 'deputy' | 'secretary' | 'depthead' | 'curator' | 'teacher' | 'student' | 'parent';
export const DEMO_LOGIN_NAMES: DemoLogin[] = [
  'admin',
  'director',
  'deputy',
  'secretary',
  'depthead',
  'curator',
  'teacher',
  'student',
  'parent',
];

export interface Fixtures {
  userIds: Record<DemoLogin, number>;
  currentYearId: number;
  previousYearId: number;
  /** The demo student and the group, department they are in this year. */
  studentId: number;
  groupId: number;
  departmentId: number;
  /** A journal the demo teacher keeps this year. */
  teacherJournalId: number;
  /** A journal of another teacher in a group of another department, not curated by the demo curator. */
  otherJournalId: number;
  otherGroupId: number;
  otherDepartmentId: number;
  /** A student of that other group (nobody's child among the demo logins). */
  otherStudentId: number;
  /** A teacher who is not a demo login. */
  otherTeacherId: number;
  /** The demo teacher's journal in the demo student's group (curated by the demo curator). */
  teacherGroupJournalId: number;
  /** The current period (semester) of the current year. */
  currentPeriodId: number;
  /**
   * The latest lesson of the demo teacher's journal, its first type of work, and a student on its roster with no
   * attendance mark.
   */
  teacherLessonId: number;
  teacherColumnId: number;
  teacherStudentId: number;
  /** The latest lesson of the other journal and its first type of work. */
  otherLessonId: number;
  otherColumnId: number;
  /** Another student of the demo group, without an account, and a guardian of theirs without one (credential slips). */
  familyStudentId: number;
  familyGuardianId: number;
}

export async function loadFixtures(db: Kysely<Database>): Promise<Fixtures> {
  const users = await db.selectFrom('users').select(['id', 'login']).execute();
  const userIds = Object.fromEntries(users.map((u) => [u.login, u.id])) as Record<DemoLogin, number>;
  const years = await db.selectFrom('academic_years').select(['id', 'status']).orderBy('starts_on', 'desc').execute();
  const currentYearId = years[0]!.id;
  const previousYearId = years[1]?.id ?? years[0]!.id;
  const student = await db
    .selectFrom('students')
    .select('id')
    .where('user_id', '=', userIds.student)
    .executeTakeFirstOrThrow();
  const group = await db
    .selectFrom('enrolments as e')
    .innerJoin('groups as g', 'g.id', 'e.group_id')
    .select(['g.id', 'g.department_id'])
    .where('e.student_id', '=', student.id)
    .where('g.year_id', '=', currentYearId)
    .where('e.until_date', 'is', null)
    .executeTakeFirstOrThrow();
  const teacherJournal = await db
    .selectFrom('journals')
    .select('id')
    .where('teacher_user_id', '=', userIds.teacher)
    .where('year_id', '=', currentYearId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const other = await db
    .selectFrom('journals as j')
    .innerJoin('groups as g', 'g.id', 'j.group_id')
    .select(['j.id', 'j.group_id', 'g.department_id', 'j.teacher_user_id'])
    .where('j.year_id', '=', currentYearId)
    .where('j.teacher_user_id', '!=', userIds.teacher)
    .where('g.department_id', '!=', group.department_id!)
    .where('j.group_id', '!=', group.id)
    .where((eb) => eb.or([eb('g.curator_user_id', 'is', null), eb('g.curator_user_id', '!=', userIds.curator)]))
    .orderBy('j.id')
    .executeTakeFirstOrThrow();
  const otherStudent = await db
    .selectFrom('enrolments')
    .select('student_id')
    .where('group_id', '=', other.group_id)
    .where('until_date', 'is', null)
    .orderBy('student_id')
    .executeTakeFirstOrThrow();
  const period = await db
    .selectFrom('periods')
    .select('id')
    .where('year_id', '=', currentYearId)
    .where('starts_on', '<=', DEMO_TODAY)
    .where('ends_on', '>=', DEMO_TODAY)
    .executeTakeFirstOrThrow();
  const lastLesson = async (journalId: number) => {
    const lesson = await db
      .selectFrom('lessons')
      .select(['id', 'date', 'journal_id'])
      .where('journal_id', '=', journalId)
      .orderBy('date', 'desc')
      .orderBy('lesson_no', 'desc')
      .executeTakeFirstOrThrow();
    const column = await db
      .selectFrom('work_columns')
      .select('id')
      .where('lesson_id', '=', lesson.id)
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    return { lesson, column };
  };
  const mine = await lastLesson(teacherJournal.id);
  const theirs = await lastLesson(other.id);
  const journalRow = await db
    .selectFrom('journals')
    .select(['group_id', 'subgroup_id'])
    .where('id', '=', teacherJournal.id)
    .executeTakeFirstOrThrow();
  const rosterStudent = await db
    .selectFrom('enrolments')
    .select('student_id')
    .where('group_id', '=', journalRow.group_id)
    .where('from_date', '<=', mine.lesson.date)
    .where((eb) => eb.or([eb('until_date', 'is', null), eb('until_date', '>', mine.lesson.date)]))
    .where('student_id', 'not in', (eb) =>
      eb.selectFrom('attendance').select('student_id').where('lesson_id', '=', mine.lesson.id),
    )
    .$if(journalRow.subgroup_id !== null, (q) =>
      q.where('student_id', 'in', (eb) =>
        eb.selectFrom('subgroup_students').select('student_id').where('subgroup_id', '=', journalRow.subgroup_id!),
      ),
    )
    .orderBy('student_id')
    .executeTakeFirstOrThrow();
  const groupJournal = await db
    .selectFrom('journals')
    .select('id')
    .where('teacher_user_id', '=', userIds.teacher)
    .where('group_id', '=', group.id)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const family = await db
    .selectFrom('enrolments as e')
    .innerJoin('students as s', 's.id', 'e.student_id')
    .innerJoin('guardians as gu', 'gu.student_id', 's.id')
    .select(['s.id as studentId', 'gu.id as guardianId'])
    .where('e.group_id', '=', group.id)
    .where('e.until_date', 'is', null)
    .where('s.id', '!=', student.id)
    .where('s.user_id', 'is', null)
    .where('gu.user_id', 'is', null)
    .orderBy('s.id', 'desc')
    .orderBy('gu.id')
    .executeTakeFirstOrThrow();
  return {
    teacherGroupJournalId: groupJournal.id,
    currentPeriodId: period.id,
    teacherLessonId: mine.lesson.id,
    teacherColumnId: mine.column.id,
    teacherStudentId: rosterStudent.student_id,
    otherLessonId: theirs.lesson.id,
    otherColumnId: theirs.column.id,
    userIds,
    currentYearId,
    previousYearId,
    familyStudentId: family.studentId,
    familyGuardianId: family.guardianId,
    studentId: student.id,
    groupId: group.id,
    departmentId: group.department_id!,
    teacherJournalId: teacherJournal.id,
    otherJournalId: other.id,
    otherGroupId: other.group_id,
    otherDepartmentId: other.department_id!,
    otherStudentId: otherStudent.student_id,
    otherTeacherId: other.teacher_user_id,
  };
}
