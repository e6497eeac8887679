// Record sheets, debts, resits and the summary sheet (issue 15): every reader of a journal reads its sheets; the
// deputy, the department head and the journal's own teacher fill a sheet in; resits are the deputy's and the
// department head's; the summary sheet of a group is its curator's, its department head's and the administration's.
import type { Fixtures } from '../../../support/fixtures.js';
import { STAFF, type AccessRules } from './types.js';

const sheet = (journal: 'teacherGroupJournalId' | 'otherJournalId') => (fx: Fixtures) => ({
  journalId: fx[journal],
  periodId: fx.currentPeriodId,
  kind: 'exam',
});
const elsewhere = (['teacher', 'curator', 'depthead'] as const).map((as) => ({ as, input: sheet('otherJournalId') }));

export const assessmentRules: AccessRules = {
  'assessments.sheet': { allowed: STAFF, input: sheet('teacherGroupJournalId'), outOfScope: elsewhere },
  // A version nobody has: «conflict» for those allowed.
  'assessments.save': {
    allowed: ['deputy', 'depthead', 'teacher'],
    input: (fx) => ({
      ...sheet('teacherGroupJournalId')(fx),
      heldOn: null,
      examiners: 'Проверка прав',
      statuses: [],
      version: 999,
    }),
  },
  'assessments.sheetFile': {
    allowed: STAFF,
    input: (fx) => ({ ...sheet('teacherGroupJournalId')(fx), format: 'xlsx' }),
    outOfScope: elsewhere.map((p) => ({ ...p, input: (fx) => ({ ...p.input(fx), format: 'xlsx' }) })),
  },
  'assessments.debts': {
    allowed: STAFF,
    input: () => ({}),
    outOfScope: [{ as: 'depthead', input: (fx) => ({ departmentId: fx.otherDepartmentId }) }],
  },
  'assessments.debtsFile': { allowed: STAFF, input: () => ({ format: 'xlsx' }) },
  'assessments.summary': {
    allowed: ['admin', 'director', 'deputy', 'secretary', 'depthead', 'curator'],
    input: (fx) => ({ groupId: fx.groupId }),
    outOfScope: [
      { as: 'curator', input: (fx) => ({ groupId: fx.otherGroupId }) },
      { as: 'depthead', input: (fx) => ({ groupId: fx.otherGroupId }) },
    ],
  },
  'assessments.summaryFile': {
    allowed: ['admin', 'director', 'deputy', 'secretary', 'depthead', 'curator'],
    input: (fx) => ({ groupId: fx.groupId, format: 'xlsx' }),
  },
  // No such student's debt: «bad_request» for those allowed.
  'resits.issue': {
    allowed: ['deputy', 'depthead'],
    input: (fx) => ({
      journalId: fx.teacherGroupJournalId,
      studentId: fx.teacherStudentId,
      periodId: fx.currentPeriodId,
      kind: 'exam',
      directionNo: '1',
      issuedOn: '2026-12-01',
      examiner: 'Проверка прав',
    }),
    outOfScope: [
      {
        as: 'depthead',
        input: (fx) => ({
          journalId: fx.otherJournalId,
          studentId: fx.otherStudentId,
          periodId: fx.currentPeriodId,
          kind: 'exam',
          directionNo: '1',
          issuedOn: '2026-12-01',
          examiner: 'Проверка прав',
        }),
      },
    ],
  },
  // No such resit: «not_found» for those allowed.
  'resits.record': {
    allowed: ['deputy', 'depthead'],
    input: () => ({ resitId: 999_999, version: 1, heldOn: '2026-12-01', value: '4', absent: false }),
  },
  'resits.sheetFile': { allowed: STAFF, input: () => ({ resitId: 999_999 }) },
  // The demo's ПМ and practice journals are not a probe's to guess: an unknown practice journal or module is
  // «not_found» / «bad_request» for those allowed, never a refusal.
  'practice.get': { allowed: STAFF, input: () => ({ journalId: 999_999 }) },
  // Not a practice's journal: «bad_request» for those who may keep it, refused for the others who read it.
  'practice.save': {
    allowed: ['deputy', 'depthead', 'teacher'],
    input: (fx) => ({
      journalId: fx.teacherGroupJournalId,
      kind: 'educational',
      place: 'Проверка прав',
      startsOn: null,
      endsOn: null,
      collegeSupervisor: 'Проверка',
      employerSupervisor: null,
      students: [],
      version: null,
    }),
  },
  'practice.sheetFile': { allowed: STAFF, input: () => ({ journalId: 999_999 }) },
  'qualification.modules': {
    allowed: STAFF,
    input: (fx) => ({ groupId: fx.groupId }),
    outOfScope: [{ as: 'depthead', input: (fx) => ({ groupId: fx.otherGroupId }) }],
  },
  'qualification.get': { allowed: STAFF, input: (fx) => ({ groupId: fx.groupId, subjectId: 999_999 }) },
  'qualification.save': {
    allowed: ['deputy', 'depthead'],
    input: (fx) => ({
      groupId: fx.groupId,
      subjectId: 999_999,
      heldOn: null,
      commission: 'Проверка прав',
      results: [],
      version: null,
    }),
  },
  'qualification.sheetFile': {
    allowed: STAFF,
    input: (fx) => ({ groupId: fx.groupId, subjectId: 999_999, format: 'xlsx' }),
  },
};
