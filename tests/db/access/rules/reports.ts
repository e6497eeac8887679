// Remarks, plan corrections and reports. The demo curator and department head are teachers too, so
// they reach the teacher's methods — each narrowed to their own journals by the services.
// Probes aim at fx.otherJournalId: another teacher's journal, in another department, in a group the
// curator does not lead (and none of the probing logins teaches it).
import type { AccessRules } from './types.js';

const READERS = ['director', 'deputy', 'depthead', 'curator', 'teacher'] as const;
const AUTHORS = ['director', 'deputy'] as const;
const DUE = '2027-06-30';

export const reportRules: AccessRules = {
  'remarks.list': {
    allowed: READERS,
    input: () => ({ filter: 'active' }),
    outOfScope: [
      { as: 'teacher', input: (fx) => ({ filter: 'all', journalId: fx.otherJournalId }) },
      { as: 'depthead', input: (fx) => ({ filter: 'all', journalId: fx.otherJournalId }) },
      { as: 'teacher', input: () => ({ filter: 'drafts' }) },
    ],
  },
  'remarks.create': {
    allowed: AUTHORS,
    input: (fx) => ({ journalId: fx.teacherJournalId, text: 'Проверка прав', dueOn: DUE }),
  },
  // A version nobody has: «conflict» for those allowed, never a refusal.
  'remarks.update': { allowed: AUTHORS, input: () => ({ id: 1, version: 999, text: 'Проверка прав', dueOn: DUE }) },
  'remarks.discard': { allowed: AUTHORS, input: () => ({ id: 1, version: 999 }) },
  'remarks.send': { allowed: AUTHORS, input: () => ({ ids: [1] }) },
  // Remark 1 of the demo is on the demo teacher's journal: only that teacher answers it.
  'remarks.answer': { allowed: ['teacher'], input: () => ({ id: 1, version: 999, answer: 'Исправлено' }) },
  'remarks.accept': { allowed: AUTHORS, input: () => ({ id: 1, version: 999 }) },
  'remarks.reopen': { allowed: AUTHORS, input: () => ({ id: 1, version: 999, comment: 'Ещё раз', dueOn: DUE }) },
  'remarks.draftWeekly': { allowed: AUTHORS, input: () => ({}) },

  'corrections.list': {
    allowed: READERS,
    input: () => ({}),
    outOfScope: [
      { as: 'teacher', input: (fx) => ({ journalId: fx.otherJournalId }) },
      { as: 'depthead', input: (fx) => ({ journalId: fx.otherJournalId }) },
    ],
  },
  // No such period: «bad_request» for the journal's teacher; the journal is the demo teacher's only.
  'corrections.request': {
    allowed: ['teacher'],
    input: (fx) => ({
      journalId: fx.teacherJournalId,
      periodId: 999_999,
      kind: 'move',
      hours: 0,
      reason: 'Проверка прав',
    }),
    outOfScope: [
      {
        as: 'teacher',
        input: (fx) => ({
          journalId: fx.otherJournalId,
          periodId: 999_999,
          kind: 'move',
          hours: 0,
          reason: 'Проверка прав',
        }),
      },
    ],
  },
  'corrections.decide': { allowed: AUTHORS, input: () => ({ id: 1, version: 999, approve: true }) },

  'reports.filters': { allowed: READERS, input: () => ({}) },
  'reports.completion': {
    allowed: READERS,
    input: () => ({}),
    outOfScope: [
      { as: 'teacher', input: (fx) => ({ journalId: fx.otherJournalId }) },
      { as: 'teacher', input: (fx) => ({ teacherId: fx.otherTeacherId }) },
      { as: 'depthead', input: (fx) => ({ journalId: fx.otherJournalId }) },
    ],
  },
  'reports.keeping': {
    allowed: ['director', 'deputy', 'depthead'],
    input: () => ({}),
    outOfScope: [{ as: 'depthead', input: (fx) => ({ departmentId: fx.otherDepartmentId }) }],
  },
  'reports.attendance': {
    allowed: READERS,
    input: () => ({}),
    outOfScope: [
      { as: 'curator', input: (fx) => ({ journalId: fx.otherJournalId }) },
      { as: 'teacher', input: (fx) => ({ journalId: fx.otherJournalId }) },
      { as: 'depthead', input: (fx) => ({ journalId: fx.otherJournalId }) },
    ],
  },
  'reports.performance': {
    allowed: READERS,
    input: () => ({}),
    outOfScope: [
      { as: 'curator', input: (fx) => ({ journalId: fx.otherJournalId }) },
      { as: 'depthead', input: (fx) => ({ journalId: fx.otherJournalId }) },
    ],
  },
  'reports.forecast': {
    allowed: READERS,
    input: () => ({}),
    outOfScope: [
      { as: 'curator', input: (fx) => ({ journalId: fx.otherJournalId }) },
      { as: 'teacher', input: (fx) => ({ teacherId: fx.otherTeacherId }) },
    ],
  },
  'reports.hoursSheet': {
    allowed: READERS,
    input: () => ({}),
    outOfScope: [
      { as: 'teacher', input: (fx) => ({ teacherId: fx.otherTeacherId }) },
      { as: 'depthead', input: (fx) => ({ departmentId: fx.otherDepartmentId }) },
    ],
  },
  // A centre's reports: served (a college's answer is «bad_request») to every reader; outside the scope refused.
  'reports.unionAttendance': {
    allowed: READERS,
    input: () => ({}),
    outOfScope: [
      { as: 'teacher', input: (fx) => ({ teacherId: fx.otherTeacherId }) },
      { as: 'depthead', input: (fx) => ({ departmentId: fx.otherDepartmentId }) },
    ],
  },
  'reports.personHours': {
    allowed: READERS,
    input: () => ({}),
    outOfScope: [{ as: 'teacher', input: (fx) => ({ teacherId: fx.otherTeacherId }) }],
  },
  'reports.retention': {
    allowed: READERS,
    input: () => ({}),
    outOfScope: [{ as: 'depthead', input: (fx) => ({ departmentId: fx.otherDepartmentId }) }],
  },
  // The month's substitutions (payroll): the administration and a department head for their department.
  'reports.substitutions': {
    allowed: ['director', 'deputy', 'depthead'],
    input: () => ({ month: '2026-11' }),
    outOfScope: [{ as: 'depthead', input: (fx) => ({ month: '2026-11', departmentId: fx.otherDepartmentId }) }],
  },
  // The stipend sheet: the administration, a department head, a curator — not a teacher.
  'reports.stipendAttendance': {
    allowed: ['director', 'deputy', 'depthead', 'curator'],
    input: () => ({ month: '2026-11' }),
    outOfScope: [
      { as: 'depthead', input: (fx) => ({ month: '2026-11', departmentId: fx.otherDepartmentId }) },
      { as: 'curator', input: (fx) => ({ month: '2026-11', groupId: fx.otherGroupId }) },
    ],
  },
  'reports.start': {
    allowed: READERS,
    input: () => ({ report: 'completion', format: 'xlsx' }),
    outOfScope: [
      { as: 'teacher', input: () => ({ report: 'keeping', format: 'pdf' }) },
      { as: 'curator', input: (fx) => ({ report: 'attendance', format: 'pdf', journalId: fx.otherJournalId }) },
      { as: 'depthead', input: (fx) => ({ report: 'keeping', format: 'xlsx', departmentId: fx.otherDepartmentId }) },
      {
        as: 'depthead',
        input: (fx) => ({ report: 'journalCopy', recipient: 'по запросу', journalId: fx.teacherJournalId }),
      },
      { as: 'teacher', input: () => ({ report: 'pack' }) },
      { as: 'teacher', input: () => ({ report: 'stipendAttendance', month: '2026-11', format: 'pdf' }) },
    ],
  },
};
