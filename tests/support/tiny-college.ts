// A tiny hand-made college whose every report figure is worked out by hand in
// tests/db/reports-*.test.ts: two groups, three journals, a few weeks of lessons, attendance, marks,
// remarks and plan corrections. Today is Wednesday 21.10.2026, in the first semester.
import type { Kysely } from 'kysely';
import type { JournalDb } from '../../db/connect.js';
import type { AttendanceCode, Database, LessonKind } from '../../db/schema.js';
import { hashPassword } from '../../db/passwords.js';
import { seedInstitution } from './institution.js';

export const TINY_TODAY = '2026-10-21';
export const TINY_PASSWORD = 'Tiny2026pass';

export interface Tiny {
  users: Record<'zam' | 'dir' | 'zav' | 'kur' | 't1' | 't2', number>;
  yearId: number;
  p1: number;
  p2: number;
  d1: number;
  d2: number;
  g1: number;
  g2: number;
  j1: number;
  j2: number;
  j3: number;
  students: Record<'A' | 'B' | 'C' | 'D' | 'E', number>;
  lessons: Record<string, number>;
  remarks: Record<'open' | 'answered' | 'accepted' | 'reopened' | 'draft', number>;
}

const AT = '2026-10-21T08:00:00.000Z';

export async function buildTinyCollege(handle: JournalDb): Promise<Tiny> {
  await seedInstitution(handle);
  const db = handle.db;
  const hash = await hashPassword(TINY_PASSWORD);
  const user = async (
    login: string,
    last: string,
    first: string,
    middle: string,
    role: 'director' | 'deputy' | 'dept_head' | 'curator' | 'teacher',
    scope: { departmentId?: number; groupId?: number } = {},
  ) => {
    const u = await db
      .insertInto('users')
      .values({
        login,
        login_key: login,
        password_hash: hash,
        last_name: last,
        first_name: first,
        middle_name: middle,
        position: null,
        phone: null,
        email: null,
        must_change_password: 0,
        created_at: AT,
        updated_at: AT,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('user_roles')
      .values({ user_id: u.id, role, department_id: scope.departmentId ?? null, group_id: scope.groupId ?? null })
      .execute();
    return u.id;
  };
  const insert = async <T extends keyof Database>(table: T, values: Record<string, unknown>) =>
    (await (db as Kysely<any>).insertInto(table).values(values).returning('id').executeTakeFirstOrThrow()).id as number;

  const yearId = await insert('academic_years', {
    title: '2026/2027',
    starts_on: '2026-09-01',
    ends_on: '2027-08-31',
    status: 'open',
  });
  const p1 = await insert('periods', {
    year_id: yearId,
    kind: 'semester',
    seq: 1,
    title: '1 семестр',
    starts_on: '2026-09-01',
    ends_on: '2026-12-30',
    locked: 0,
  });
  const p2 = await insert('periods', {
    year_id: yearId,
    kind: 'semester',
    seq: 2,
    title: '2 семестр',
    starts_on: '2027-01-12',
    ends_on: '2027-06-30',
    locked: 0,
  });
  await db.insertInto('holidays').values({ date: '2026-11-04', title: 'День народного единства' }).execute();
  const d1 = await insert('departments', { name: 'Энергетическое отделение', short_name: 'ЭО' });
  const d2 = await insert('departments', { name: 'Отделение информационных технологий', short_name: 'ИТ' });

  const users = {
    dir: await user('dir', 'Тучин', 'Виктор', 'Михайлович', 'director'),
    zam: await user('zam', 'Козлова', 'Юлия', 'Валерьевна', 'deputy'),
    zav: await user('zav', 'Белых', 'Оксана', 'Николаевна', 'dept_head', { departmentId: d1 }),
    kur: 0,
    t1: await user('t1', 'Макарова', 'Юлия', 'Николаевна', 'teacher'),
    t2: await user('t2', 'Голубев', 'Евгений', 'Маратович', 'teacher'),
  };
  const g1 = await insert('groups', {
    year_id: yearId,
    name: 'ЭС-11',
    course: 1,
    department_id: d1,
    curator_user_id: null,
  });
  const g2 = await insert('groups', {
    year_id: yearId,
    name: 'ИС-11',
    course: 1,
    department_id: d2,
    curator_user_id: null,
  });
  users.kur = await user('kur', 'Лукина', 'Любовь', 'Васильевна', 'curator', { groupId: g1 });
  await db.updateTable('groups').set({ curator_user_id: users.kur }).where('id', '=', g1).execute();

  const student = async (last: string, first: string, middle: string, groupId: number, until: string | null = null) => {
    const id = await insert('students', {
      last_name: last,
      first_name: first,
      middle_name: middle,
      created_at: AT,
      updated_at: AT,
    });
    await insert('enrolments', {
      student_id: id,
      group_id: groupId,
      from_date: '2026-09-01',
      until_date: until,
      reason: 'admission',
      order_no: '12-к',
      order_date: '2026-08-25',
      end_reason: until ? 'withdrawal' : null,
      end_order_no: until ? '40-к' : null,
      end_order_date: until,
    });
    return id;
  };
  const students = {
    A: await student('Антонов', 'Алексей', 'Петрович', g1),
    B: await student('Борисова', 'Вера', 'Игоревна', g1),
    C: await student('Васильев', 'Глеб', 'Олегович', g1, '2026-10-01'),
    D: await student('Григорьев', 'Денис', 'Ильич', g2),
    E: await student('Дмитриева', 'Елена', 'Сергеевна', g2),
  };

  const math = await insert('subjects', { code: 'ОУД.04', name: 'Математика', kind: 'discipline', parent_id: null });
  const physics = await insert('subjects', { code: 'ОУД.09', name: 'Физика', kind: 'discipline', parent_id: null });
  const journal = (groupId: number, subjectId: number, teacherId: number) =>
    insert('journals', {
      year_id: yearId,
      group_id: groupId,
      subject_id: subjectId,
      subgroup_id: null,
      teacher_user_id: teacherId,
      marks_enabled: 1,
      mark_scale: '5,4,3,2,зач,незач',
    });
  const j1 = await journal(g1, math, users.t1);
  const j2 = await journal(g1, physics, users.t2);
  const j3 = await journal(g2, math, users.t1);
  await db
    .insertInto('journal_period_hours')
    .values([
      { journal_id: j1, period_id: p1, hours: 20 },
      { journal_id: j1, period_id: p2, hours: 30 },
      { journal_id: j2, period_id: p1, hours: 16 },
      { journal_id: j3, period_id: p1, hours: 8 },
    ])
    .execute();
  const topic = await insert('plan_topics', {
    journal_id: j1,
    seq: 1,
    section: null,
    title: 'Действительные числа',
    hours: 2,
    lesson_kind: 'lecture',
    homework: null,
  });
  // Monday pair 1 for ЭС-11 mathematics, Wednesday pair 2 for its physics, Friday pair 1 for ИС-11 mathematics.
  for (const [groupId, weekday, lessonNo, journalId] of [
    [g1, 1, 1, j1],
    [g1, 3, 2, j2],
    [g2, 5, 1, j3],
  ] as const) {
    await insert('timetable', {
      year_id: yearId,
      group_id: groupId,
      weekday,
      lesson_no: lessonNo,
      journal_id: journalId,
      room: '101',
      week_parity: 'all',
      valid_from: '2026-09-01',
      valid_to: '2026-12-30',
    });
  }

  const lessons: Record<string, number> = {};
  const lesson = async (
    journalId: number,
    date: string,
    o: {
      hours?: number;
      topic?: string;
      homework?: string | null;
      entered?: string;
      taken?: 0 | 1;
      kind?: LessonKind;
    } = {},
  ) => {
    const id = await insert('lessons', {
      journal_id: journalId,
      date,
      lesson_no: journalId === j2 ? 2 : 1,
      hours: o.hours ?? 2,
      plan_topic_id: journalId === j1 && date === '2026-09-07' ? topic : null,
      topic: o.topic ?? `Тема занятия ${date}`,
      kind: o.kind ?? 'lecture',
      homework: o.homework === undefined ? 'Учебник, § 1' : o.homework,
      entered_on: o.entered ?? date,
      attendance_taken: o.taken ?? 1,
      created_at: `${o.entered ?? date}T10:00:00.000Z`,
      created_by: journalId === j2 ? users.t2 : users.t1,
      taught_by: journalId === j2 ? users.t2 : users.t1,
      updated_at: `${o.entered ?? date}T10:00:00.000Z`,
    });
    lessons[`${journalId === j1 ? 'j1' : journalId === j2 ? 'j2' : 'j3'}:${date}`] = id;
    return id;
  };
  // ЭС-11 mathematics: 6 of its 7 Mondays before today; one without a topic, one late, one without homework, one roll
  // call missed.
  await lesson(j1, '2026-09-07');
  await lesson(j1, '2026-09-14', { topic: '' });
  await lesson(j1, '2026-09-21', { entered: '2026-09-23' });
  await lesson(j1, '2026-09-28', { homework: null });
  await lesson(j1, '2026-10-05', { taken: 0 });
  await lesson(j1, '2026-10-12', { taken: 0 });
  // ЭС-11 physics: 2 of its 7 Wednesdays, the first a single hour; blank homework counts as none.
  await lesson(j2, '2026-09-02', { hours: 1 });
  await lesson(j2, '2026-09-09', { homework: '   ' });
  // ИС-11 mathematics: every Friday, one entered late.
  for (const date of ['2026-09-04', '2026-09-11', '2026-09-18', '2026-09-25', '2026-10-02', '2026-10-09'])
    await lesson(j3, date);
  await lesson(j3, '2026-10-16', { entered: '2026-10-19' });

  const confirmed = await insert('absence_excuses', {
    student_id: students.A,
    from_date: '2026-09-28',
    to_date: '2026-09-28',
    kind: 'medical',
    text: 'Справка',
    submitted_by: users.kur,
    status: 'confirmed',
    decided_by: users.kur,
    decided_at: AT,
    created_at: AT,
  });
  const rejected = await insert('absence_excuses', {
    student_id: students.B,
    from_date: '2026-10-12',
    to_date: '2026-10-12',
    kind: 'parent_note',
    text: 'Заявление',
    submitted_by: users.kur,
    status: 'rejected',
    decided_by: users.kur,
    decided_at: AT,
    created_at: AT,
  });
  const mark = async (key: string, studentId: number, code: AttendanceCode, excuse: number | null = null) => {
    await insert('attendance', {
      lesson_id: lessons[key]!,
      student_id: studentId,
      code,
      late_minutes: code === 'оп' ? 10 : null,
      reason: null,
      reason_by: null,
      excuse_id: excuse,
      updated_at: AT,
      updated_by: users.t1,
    });
  };
  await mark('j1:2026-09-07', students.A, 'н');
  await mark('j1:2026-09-14', students.B, 'б');
  await mark('j1:2026-09-21', students.C, 'у');
  await mark('j1:2026-09-21', students.A, 'оп');
  await mark('j1:2026-09-28', students.A, 'н', confirmed);
  await mark('j1:2026-10-12', students.B, 'н', rejected);
  await mark('j2:2026-09-02', students.C, 'н');
  await mark('j2:2026-09-02', students.B, 'уч');
  await mark('j2:2026-09-09', students.A, 'оп');
  await mark('j3:2026-09-04', students.E, 'б');
  await mark('j3:2026-10-16', students.D, 'н');

  const column = async (key: string, weight: number, seq = 1) =>
    insert('work_columns', {
      lesson_id: lessons[key]!,
      seq,
      kind: weight > 1 ? 'test' : 'oral',
      title: weight > 1 ? 'Контрольная работа' : 'Устный ответ',
      weight,
      release_on: null,
    });
  const marks = async (columnId: number, values: Array<[number, string]>) => {
    for (const [studentId, value] of values) {
      await insert('marks', {
        column_id: columnId,
        student_id: studentId,
        value,
        comment: null,
        updated_at: AT,
        updated_by: users.t1,
      });
    }
  };
  await marks(await column('j1:2026-09-07', 1), [
    [students.B, '5'],
    [students.C, '4'],
  ]);
  await marks(await column('j1:2026-09-14', 1), [[students.A, '3']]);
  await marks(await column('j1:2026-09-14', 2, 2), [
    [students.A, '2'],
    [students.C, '3'],
  ]);
  await marks(await column('j1:2026-09-21', 1), [
    [students.A, '4'],
    [students.B, '5'],
  ]);
  await marks(await column('j1:2026-09-28', 1), [[students.B, '4']]);
  await marks(await column('j1:2026-10-05', 2), [
    [students.A, '3'],
    [students.B, '5'],
  ]);
  await marks(await column('j2:2026-09-02', 1), [
    [students.A, '2'],
    [students.B, '4'],
  ]);
  await marks(await column('j2:2026-09-09', 1), [[students.A, '2']]);
  await marks(await column('j3:2026-09-04', 1), [
    [students.D, '5'],
    [students.E, '3'],
  ]);
  await marks(await column('j3:2026-09-11', 1), [[students.D, '5']]);
  await marks(await column('j3:2026-09-18', 1), [[students.D, '4']]);
  await marks(await column('j3:2026-09-25', 2), [[students.E, '2']]);
  // B's period mark in mathematics is already given: it is her result, not the rounded 4,8.
  await insert('final_marks', {
    journal_id: j1,
    student_id: students.B,
    period_id: p1,
    kind: 'period',
    value: '4',
    updated_at: AT,
    updated_by: users.t1,
  });

  const remark = async (
    journalId: number,
    status: 'open' | 'answered' | 'accepted' | 'reopened' | 'draft',
    created: string,
    due: string,
  ) =>
    insert('remarks', {
      journal_id: journalId,
      lesson_id: null,
      author_id: users.zam,
      text: `Замечание (${status})`,
      due_on: due,
      status,
      answer: status === 'answered' || status === 'accepted' || status === 'reopened' ? 'Исправлено' : null,
      answered_by: null,
      answered_at: null,
      decided_at: null,
      auto: status === 'draft' ? 1 : 0,
      created_at: `${created}T07:00:00.000Z`,
    });
  const remarks = {
    open: await remark(j1, 'open', '2026-10-13', '2026-10-20'),
    answered: await remark(j1, 'answered', '2026-09-20', '2026-09-27'),
    accepted: await remark(j2, 'accepted', '2026-09-10', '2026-09-17'),
    reopened: await remark(j3, 'reopened', '2026-10-01', '2026-10-25'),
    draft: await remark(j2, 'draft', '2026-10-19', '2026-10-26'),
  };

  const correction = async (journalId: number, kind: string, delta: number, status: string, periodId: number) =>
    insert('plan_corrections', {
      journal_id: journalId,
      kind,
      hours_delta: delta,
      reason: `Причина: ${kind}`,
      requested_by: users.t1,
      approved_by: status === 'requested' ? null : users.zam,
      approved_at: status === 'requested' ? null : '2026-10-01T09:00:00.000Z',
      created_at: '2026-09-30T09:00:00.000Z',
      status,
      period_id: periodId,
      plan_topic_id: null,
      decision_note: status === 'refused' ? 'Нет оснований' : null,
    });
  await correction(j1, 'extra_hours', 2, 'approved', p1);
  await correction(j1, 'extra_hours', 4, 'requested', p1);
  await correction(j1, 'extra_hours', 6, 'refused', p1);
  await correction(j3, 'reduce_hours', -2, 'approved', p1);
  await correction(j1, 'extra_hours', 10, 'approved', p2);

  return { users, yearId, p1, p2, d1, d2, g1, g2, j1, j2, j3, students, lessons, remarks };
}
