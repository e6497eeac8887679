// The journal's methods: only the journal's own teacher writes; the administration, the group's
// curator and the department's head read; families see only their own child.
import type { AccessRules, AccessRule } from './types.js';
import { STAFF } from './types.js';
import { DEMO_TODAY } from '../../../support/fixtures.js';

/** Logins holding the teacher role (the curator and the department head teach too). */
const TEACHING = ['teacher', 'curator', 'depthead'] as const;
const NOBODY_ELSE = 999_999;

const teacherWrite = (input: AccessRule['input'], outOfScope: AccessRule['input']): AccessRule => ({
  allowed: ['teacher'],
  input,
  outOfScope: [
    { as: 'teacher', input: outOfScope },
    { as: 'curator', input },
    { as: 'depthead', input },
  ],
});

export const journalRules: AccessRules = {
  'journal.list': { allowed: STAFF, input: () => ({}) },
  'journal.open': {
    allowed: STAFF,
    input: (fx) => ({ journalId: fx.teacherGroupJournalId }),
    outOfScope: TEACHING.map((as) => ({ as, input: (fx) => ({ journalId: fx.otherJournalId }) })),
  },
  // The change history: the administration, the department's head, the journal's own teacher — not the curator.
  'journal.history': {
    allowed: ['admin', 'director', 'deputy', 'depthead', 'teacher'],
    input: (fx) => ({ journalId: fx.teacherGroupJournalId }),
    outOfScope: [
      { as: 'teacher', input: (fx) => ({ journalId: fx.otherJournalId }) },
      { as: 'depthead', input: (fx) => ({ journalId: fx.otherJournalId }) },
    ],
  },
  'journal.combined': {
    allowed: STAFF,
    input: (fx) => ({ journalId: fx.teacherGroupJournalId }),
    outOfScope: TEACHING.map((as) => ({ as, input: (fx) => ({ journalId: fx.otherJournalId }) })),
  },
  'journal.saveCells': teacherWrite(
    (fx) => ({
      journalId: fx.teacherJournalId,
      cells: [
        { kind: 'attendance', lessonId: fx.teacherLessonId, studentId: fx.teacherStudentId, code: 'уч', version: null },
      ],
    }),
    (fx) => ({
      journalId: fx.otherJournalId,
      cells: [
        { kind: 'attendance', lessonId: fx.otherLessonId, studentId: fx.otherStudentId, code: 'н', version: null },
      ],
    }),
  ),
  'marks.set': teacherWrite(
    (fx) => ({ columnId: fx.teacherColumnId, studentId: fx.teacherStudentId, value: '5', version: null }),
    (fx) => ({ columnId: fx.otherColumnId, studentId: fx.otherStudentId, value: '5', version: null }),
  ),
  'attendance.set': teacherWrite(
    (fx) => ({ lessonId: fx.teacherLessonId, studentId: fx.teacherStudentId, code: 'оп', version: null }),
    (fx) => ({ lessonId: fx.otherLessonId, studentId: fx.otherStudentId, code: 'н', version: null }),
  ),
  'finals.set': teacherWrite(
    (fx) => ({
      journalId: fx.teacherJournalId,
      cells: [
        { studentId: fx.teacherStudentId, periodId: fx.currentPeriodId, kind: 'period', value: '5', version: null },
      ],
    }),
    (fx) => ({
      journalId: fx.otherJournalId,
      cells: [
        { studentId: fx.otherStudentId, periodId: fx.currentPeriodId, kind: 'period', value: '5', version: null },
      ],
    }),
  ),
  'lessons.create': teacherWrite(
    (fx) => ({ journalId: fx.teacherJournalId, date: DEMO_TODAY, lessonNo: 8, topic: 'Занятие для проверки прав' }),
    (fx) => ({ journalId: fx.otherJournalId, date: DEMO_TODAY, lessonNo: 8 }),
  ),
  'lessons.update': teacherWrite(
    // A stale version: the teacher gets «conflict», never «forbidden»; nothing changes.
    (fx) => ({
      lessonId: fx.teacherLessonId,
      version: NOBODY_ELSE,
      date: DEMO_TODAY,
      lessonNo: 1,
      hours: 2,
      kind: 'lecture',
      planTopicId: null,
      topic: 'x',
      homework: null,
    }),
    (fx) => ({
      lessonId: fx.otherLessonId,
      version: 1,
      date: DEMO_TODAY,
      lessonNo: 1,
      hours: 2,
      kind: 'lecture',
      planTopicId: null,
      topic: 'x',
      homework: null,
    }),
  ),
  'lessons.delete': teacherWrite(
    (fx) => ({ lessonId: fx.teacherLessonId, version: NOBODY_ELSE }),
    (fx) => ({ lessonId: fx.otherLessonId, version: 1 }),
  ),
  'lessons.individualHomework': teacherWrite(
    (fx) => ({ lessonId: fx.teacherLessonId, studentId: fx.teacherStudentId, text: 'Решить задачи 1–3' }),
    (fx) => ({ lessonId: fx.otherLessonId, studentId: fx.otherStudentId, text: 'x' }),
  ),
  'columns.add': teacherWrite(
    (fx) => ({ lessonId: fx.teacherLessonId, kind: 'oral' }),
    (fx) => ({ lessonId: fx.otherLessonId, kind: 'oral' }),
  ),
  'columns.update': teacherWrite(
    (fx) => ({
      columnId: fx.teacherColumnId,
      version: NOBODY_ELSE,
      kind: 'oral',
      title: 'Устный ответ',
      weight: 1,
      releaseOn: null,
    }),
    (fx) => ({
      columnId: fx.otherColumnId,
      version: 1,
      kind: 'oral',
      title: 'Устный ответ',
      weight: 1,
      releaseOn: null,
    }),
  ),
  'columns.remove': teacherWrite(
    (fx) => ({ columnId: fx.teacherColumnId, version: NOBODY_ELSE }),
    (fx) => ({ columnId: fx.otherColumnId, version: 1 }),
  ),
  // The current period is open: the teacher is told so («bad_request»); others may not ask at all.
  'unlocks.request': teacherWrite(
    (fx) => ({ journalId: fx.teacherJournalId, periodId: fx.currentPeriodId, reason: 'Проверка прав' }),
    (fx) => ({ journalId: fx.otherJournalId, periodId: fx.currentPeriodId, reason: 'Проверка прав' }),
  ),
  'unlocks.list': { allowed: ['deputy', 'director', ...TEACHING], input: () => ({}) },
  // No such request: «not_found» for those whose role may decide; the rest are refused by role.
  'unlocks.decide': {
    allowed: ['deputy', 'director'],
    input: () => ({ unlockId: NOBODY_ELSE, version: 1, approve: true }),
  },
  'unlocks.changes': { allowed: ['deputy', 'director', ...TEACHING], input: () => ({ unlockId: NOBODY_ELSE }) },
  'excuses.submit': {
    allowed: ['parent', 'curator', 'depthead', 'admin'],
    input: (fx) => ({
      studentId: fx.studentId,
      fromDate: DEMO_TODAY,
      toDate: DEMO_TODAY,
      kind: 'parent_note',
      text: 'Проверка прав: причина отсутствия',
    }),
    outOfScope: (['parent', 'curator', 'depthead'] as const).map((as) => ({
      as,
      input: (fx) => ({
        studentId: fx.otherStudentId,
        fromDate: DEMO_TODAY,
        toDate: DEMO_TODAY,
        kind: 'parent_note',
        text: 'x',
      }),
    })),
  },
  'excuses.list': {
    allowed: ['parent', 'student', 'curator', 'depthead', 'admin', 'director', 'deputy'],
    input: (fx) => ({ studentId: fx.studentId }),
    outOfScope: [
      ...(['parent', 'student', 'curator', 'depthead'] as const).map((as) => ({
        as,
        input: (fx: Parameters<AccessRule['input']>[0]) => ({ studentId: fx.otherStudentId }),
      })),
      { as: 'curator', input: (fx) => ({ groupId: fx.otherGroupId }) },
    ],
  },
  'excuses.students': { allowed: ['curator', 'depthead', 'admin'], input: () => ({}) },
  'excuses.decide': {
    allowed: ['curator', 'depthead', 'admin'],
    input: () => ({ excuseId: NOBODY_ELSE, version: 1, confirm: true }),
  },
  'family.page': {
    allowed: ['student', 'parent', 'curator', 'depthead', 'admin', 'director', 'deputy'],
    input: (fx) => ({ studentId: fx.studentId }),
    outOfScope: (['student', 'parent', 'curator', 'depthead'] as const).map((as) => ({
      as,
      input: (fx) => ({ studentId: fx.otherStudentId }),
    })),
  },
};
