// The year domain: who may open the year, keep groups and students, give orders, load lists.
// Inputs of writes are built to stop harmlessly after the access checks (a stale version, a date
// outside the year, an unknown id), so the shared demo database stays as it was for later rules.
import type { AccessRules } from './types.js';
import { STAFF } from './types.js';

const READ_ALL = ['admin', 'director', 'deputy', 'secretary'] as const;
const order = { orderNo: '1-к', orderDate: '2000-01-01', date: '2000-01-01' };
const group = { name: 'Я-999', course: 1, departmentId: null, curatorUserId: null, speciality: null };
const student = {
  lastName: 'Проверкин',
  firstName: 'Доступ',
  middleName: null,
  birthDate: null,
  personalFileNo: null,
  phone: null,
  email: null,
  address: null,
  notes: null,
};

export const yearRules: AccessRules = {
  'years.list': { allowed: 'everyone', input: () => ({}) },
  'years.overview': { allowed: ['admin', 'director', 'deputy'], input: (fx) => ({ yearId: fx.currentYearId }) },
  // An existing title: refused as a duplicate after the role check.
  'years.create': {
    allowed: ['admin'],
    input: () => ({ title: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-08-31', periodKind: 'semester' }),
  },
  'years.update': {
    allowed: ['admin'],
    input: (fx) => ({
      id: fx.currentYearId,
      version: 999,
      startsOn: '2026-09-01',
      endsOn: '2026-08-01',
      periodKind: 'semester',
      periods: [{ title: '1', startsOn: '2026-09-01', endsOn: '2026-12-31' }],
    }),
  },
  'years.close': { allowed: ['admin'], input: (fx) => ({ id: fx.currentYearId, version: 999 }) },
  'years.reopen': { allowed: ['admin'], input: (fx) => ({ id: fx.previousYearId, version: 999, reason: 'проверка' }) },
  'years.copyPreview': {
    allowed: ['admin'],
    input: (fx) => ({ fromYearId: fx.previousYearId, toYearId: fx.currentYearId }),
  },
  'years.copyApply': {
    allowed: ['admin'],
    input: (fx) => ({
      fromYearId: fx.previousYearId,
      toYearId: fx.currentYearId,
      groups: [{ fromGroupId: fx.groupId, name: 'Я-998', course: 3, include: true }],
      carryLoads: false,
      transferOrder: null,
    }),
  },
  'periods.setLocked': { allowed: ['admin', 'deputy'], input: () => ({ id: 1, version: 999, locked: true }) },
  'holidays.list': { allowed: 'everyone', input: (fx) => ({ yearId: fx.currentYearId }) },
  'holidays.add': {
    allowed: ['admin'],
    input: (fx) => ({ yearId: fx.currentYearId, from: '2026-12-31', to: '2026-12-30', title: 'X' }),
  },
  'holidays.remove': { allowed: ['admin'], input: (fx) => ({ yearId: fx.currentYearId, dates: ['2000-01-01'] }) },
  'bells.list': { allowed: 'everyone', input: () => ({}) },
  'bells.save': { allowed: ['admin'], input: () => ({ bells: [{ lessonNo: 1, startsAt: '10:00', endsAt: '09:00' }] }) },
  'departments.list': { allowed: STAFF, input: () => ({}) },
  'departments.save': { allowed: ['admin'], input: () => ({ id: 999999, name: 'Несуществующее', shortName: 'Н' }) },
  'departments.remove': { allowed: ['admin'], input: (fx) => ({ id: fx.departmentId }) },
  'groups.list': { allowed: STAFF, input: (fx) => ({ yearId: fx.currentYearId }) },
  'groups.create': { allowed: ['admin'], input: (fx) => ({ yearId: fx.previousYearId, ...group }) },
  'groups.update': { allowed: ['admin'], input: (fx) => ({ id: fx.groupId, version: 999, ...group }) },
  'groups.remove': { allowed: ['admin'], input: (fx) => ({ id: fx.groupId, version: 999 }) },
  'groups.staffOptions': { allowed: ['admin'], input: () => ({}) },
  'subgroups.save': {
    allowed: ['admin', 'curator', 'depthead'],
    // A student of another group: refused as bad input once the caller is known to manage the group.
    input: (fx) => ({ groupId: fx.groupId, number: 7, title: null, studentIds: [fx.otherStudentId] }),
    outOfScope: [
      { as: 'curator', input: (fx) => ({ groupId: fx.otherGroupId, number: 7, title: null, studentIds: [] }) },
      { as: 'depthead', input: (fx) => ({ groupId: fx.otherGroupId, number: 7, title: null, studentIds: [] }) },
    ],
  },
  'subgroups.remove': { allowed: ['admin', 'curator', 'depthead'], input: () => ({ id: 999999 }) },
  'subjects.list': { allowed: STAFF, input: () => ({}) },
  'subjects.save': {
    allowed: ['admin'],
    input: () => ({ code: 'МДК.09.09', name: 'Без модуля', kind: 'mdk', parentId: null }),
  },
  'subjects.remove': { allowed: ['admin'], input: () => ({ id: 999999 }) },
  'programmes.list': { allowed: STAFF, input: (fx) => ({ yearId: fx.currentYearId }) },
  'programmes.save': {
    allowed: ['admin', 'deputy'],
    input: () => ({
      subjectId: 999999,
      name: 'Проверка доступа',
      focus: 'art',
      hoursPerYear: 72,
      years: 1,
      ageFrom: 7,
      ageTo: 10,
      topics: [],
    }),
  },
  'journals.list': { allowed: STAFF, input: (fx) => ({ yearId: fx.currentYearId }) },
  'journals.create': {
    allowed: ['admin'],
    input: (fx) => ({
      groupId: fx.groupId,
      subjectId: 999999,
      subgroupId: null,
      teacherUserId: fx.userIds.teacher,
      hours: [],
    }),
  },
  'journals.update': {
    allowed: ['admin'],
    input: (fx) => ({
      id: fx.teacherJournalId,
      version: 999,
      subgroupId: null,
      teacherUserId: fx.userIds.teacher,
      hours: [],
    }),
  },
  'journals.remove': { allowed: ['admin'], input: (fx) => ({ id: fx.teacherJournalId, version: 999 }) },
  'plans.get': { allowed: [...READ_ALL], input: (fx) => ({ journalId: fx.otherJournalId }) },
  'plans.save': {
    allowed: ['admin', 'teacher'],
    input: (fx) => ({ journalId: fx.teacherJournalId, version: 999, topics: [] }),
    outOfScope: [{ as: 'teacher', input: (fx) => ({ journalId: fx.otherJournalId, version: 999, topics: [] }) }],
  },
  'plans.copy': {
    allowed: ['admin', 'teacher'],
    input: (fx) => ({ journalId: fx.teacherJournalId, version: 999, fromJournalId: fx.teacherJournalId }),
    outOfScope: [
      {
        as: 'teacher',
        input: (fx) => ({ journalId: fx.otherJournalId, version: 999, fromJournalId: fx.teacherJournalId }),
      },
    ],
  },
  'timetable.list': {
    allowed: 'everyone',
    input: (fx) => ({ yearId: fx.currentYearId }),
    outOfScope: [
      { as: 'student', input: (fx) => ({ yearId: fx.currentYearId, groupId: fx.otherGroupId }) },
      { as: 'parent', input: (fx) => ({ yearId: fx.currentYearId, groupId: fx.otherGroupId }) },
      { as: 'student', input: (fx) => ({ yearId: fx.currentYearId, teacherUserId: fx.userIds.teacher }) },
    ],
  },
  'timetable.save': {
    allowed: ['admin'],
    input: (fx) => ({ journalId: fx.teacherJournalId, weekday: 1, lessonNo: 99, parity: 'all', room: null }),
  },
  'timetable.remove': { allowed: ['admin'], input: () => ({ id: 999999, version: 1 }) },
  'timetable.clashes': { allowed: STAFF, input: (fx) => ({ yearId: fx.currentYearId }) },
  'students.list': {
    allowed: [...READ_ALL, 'curator', 'depthead', 'teacher'],
    // The demo curator and department head also teach, maybe in the other group: their scope is tested in
    // students.test.ts.
    input: (fx) => ({ groupId: fx.groupId }),
  },
  'students.get': {
    allowed: [...READ_ALL, 'curator', 'depthead', 'teacher'],
    input: (fx) => ({ id: fx.studentId }),
  },
  'students.search': { allowed: [...READ_ALL], input: () => ({ query: 'а' }) },
  'students.create': {
    allowed: ['admin'],
    input: (fx) => ({ ...student, admission: { groupId: fx.groupId, ...order } }),
  },
  'students.update': {
    allowed: ['admin', 'curator', 'depthead'],
    input: (fx) => ({ id: fx.studentId, version: 999, ...student }),
    outOfScope: [
      { as: 'curator', input: (fx) => ({ id: fx.otherStudentId, version: 999, ...student }) },
      { as: 'depthead', input: (fx) => ({ id: fx.otherStudentId, version: 999, ...student }) },
    ],
  },
  'guardians.save': {
    allowed: ['admin', 'curator', 'depthead'],
    input: (fx) => ({ studentId: fx.studentId, id: 999999, fullName: 'Проверкина Мать', relation: 'мать' }),
    outOfScope: [
      {
        as: 'curator',
        input: (fx) => ({ studentId: fx.otherStudentId, fullName: 'Проверкина Мать', relation: 'мать' }),
      },
      {
        as: 'depthead',
        input: (fx) => ({ studentId: fx.otherStudentId, fullName: 'Проверкина Мать', relation: 'мать' }),
      },
    ],
  },
  'guardians.remove': { allowed: ['admin', 'curator', 'depthead'], input: () => ({ id: 999999 }) },
  // A college: lists are the curator's and the administrator's, a teacher is refused (a centre: centre-matrix.test.ts).
  'groups.mine': { allowed: [], input: () => ({}) },
  'enrolments.enrolChild': {
    allowed: ['admin'],
    input: (fx) => ({ groupId: fx.groupId, child: { ...student, birthDate: '2010-01-01' }, ...order }),
    outOfScope: [
      {
        as: 'teacher',
        input: (fx) => ({ groupId: fx.groupId, child: { ...student, birthDate: '2010-01-01' }, ...order }),
      },
    ],
  },
  'enrolments.admit': {
    allowed: ['admin'],
    input: (fx) => ({ studentId: fx.studentId, groupId: fx.groupId, ...order }),
  },
  'enrolments.transfer': {
    allowed: ['admin'],
    input: (fx) => ({ studentIds: [fx.studentId], toGroupId: fx.otherGroupId, ...order }),
  },
  'enrolments.withdraw': {
    allowed: ['admin'],
    input: (fx) => ({ studentIds: [fx.studentId], reason: 'withdrawal', ...order }),
  },
  'enrolments.undo': { allowed: ['admin'], input: () => ({ enrolmentId: 999999, version: 1 }) },
  'enrolments.movements': {
    allowed: ['admin', 'director', 'deputy', 'depthead'],
    input: () => ({ from: '2026-09-01', to: '2026-11-25' }),
    outOfScope: [
      { as: 'depthead', input: (fx) => ({ from: '2026-09-01', to: '2026-11-25', departmentId: fx.otherDepartmentId }) },
    ],
  },
  'enrolments.movementsXlsx': {
    allowed: ['admin', 'director', 'deputy', 'depthead'],
    input: () => ({ from: '2026-09-01', to: '2026-11-25' }),
    outOfScope: [
      { as: 'depthead', input: (fx) => ({ from: '2026-09-01', to: '2026-11-25', departmentId: fx.otherDepartmentId }) },
    ],
  },
  'import.start': {
    allowed: ['admin', 'teacher'],
    // Not an .xlsx: refused as bad input after the access checks.
    input: (fx) => ({ list: 'plan', journalId: fx.teacherJournalId, file: 'AAAA', dryRun: true, skipBad: false }),
    outOfScope: [
      {
        as: 'teacher',
        input: (fx) => ({ list: 'plan', journalId: fx.otherJournalId, file: 'AAAA', dryRun: true, skipBad: false }),
      },
      { as: 'teacher', input: () => ({ list: 'students', file: 'AAAA', dryRun: true, skipBad: false }) },
    ],
  },
  'lists.template': { allowed: STAFF, input: () => ({ list: 'students' }) },
  'lists.export': {
    allowed: STAFF,
    input: () => ({ list: 'subjects' }),
    outOfScope: [
      { as: 'teacher', input: () => ({ list: 'users' }) },
      { as: 'teacher', input: (fx) => ({ list: 'plan', journalId: fx.otherJournalId }) },
      { as: 'depthead', input: () => ({ list: 'students' }) },
    ],
  },
};
