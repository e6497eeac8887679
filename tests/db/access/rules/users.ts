// Accounts and roles: the administrator only; credential slips and the family list also the head of
// the department — within it (003 §2.3).
import type { AccessRules } from './types.js';

const ADMIN = ['admin'] as const;
/** A version nobody has: an allowed caller gets «conflict», which shows the role passed without changing anything. */
const STALE = 999_999;

export const userRules: AccessRules = {
  'users.list': { allowed: ADMIN, input: () => ({ search: 'а', role: 'teacher' }) },
  'users.get': { allowed: ADMIN, input: (fx) => ({ id: fx.otherTeacherId }) },
  'users.scopes': { allowed: ADMIN, input: () => ({}) },
  'users.journals': { allowed: ADMIN, input: () => ({}) },
  // Always the caller's own journals: there is no input that could reach another teacher's.
  'users.myJournals': { allowed: ['teacher', 'curator', 'depthead'], input: () => ({}) },
  'users.create': {
    allowed: ADMIN,
    input: () => ({ login: 'matrix.new', lastName: 'Проверкина', firstName: 'Анна', roles: [{ role: 'teacher' }] }),
  },
  'users.update': {
    allowed: ADMIN,
    input: (fx) => ({
      id: fx.otherTeacherId,
      version: STALE,
      login: 'matrix.upd',
      lastName: 'Иванова',
      firstName: 'Анна',
    }),
  },
  'users.setActive': { allowed: ADMIN, input: (fx) => ({ id: fx.otherTeacherId, version: STALE, active: false }) },
  'users.setRoles': {
    allowed: ADMIN,
    input: (fx) => ({ id: fx.otherTeacherId, version: STALE, roles: [{ role: 'teacher' }] }),
  },
  'users.resetPassword': { allowed: ADMIN, input: (fx) => ({ id: fx.otherTeacherId }) },
  'users.unlock': { allowed: ADMIN, input: (fx) => ({ id: fx.otherTeacherId }) },
  'users.assignJournal': {
    allowed: ADMIN,
    input: (fx) => ({ journalId: fx.otherJournalId, version: STALE, teacherId: fx.otherTeacherId }),
  },
  'users.families': {
    allowed: ['admin', 'depthead'],
    input: (fx) => ({ groupId: fx.groupId }),
    outOfScope: [{ as: 'depthead', input: (fx) => ({ groupId: fx.otherGroupId }) }],
  },
  'users.slips': {
    allowed: ['admin', 'depthead'],
    input: (fx) => ({ guardianIds: [fx.familyGuardianId] }),
    outOfScope: [
      { as: 'depthead', input: (fx) => ({ studentIds: [fx.otherStudentId] }) },
      { as: 'depthead', input: (fx) => ({ userIds: [fx.userIds.teacher] }) },
      { as: 'depthead', input: (fx) => ({ studentIds: [fx.familyStudentId, fx.otherStudentId] }) },
    ],
  },
};
