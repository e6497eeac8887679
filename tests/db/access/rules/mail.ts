// Letters to families: the administrator keeps the server and the delivery log; the department head
// subscribes the families of their department's groups; a parent or a student changes only their own.
import type { AccessRules } from './types.js';

const NOBODY = 999_999;
const CHOICE = { email: 'family@mail.example', absence: true, daily: false, weekly: true };

export const mailRules: AccessRules = {
  'mail.settings': { allowed: ['admin'], input: () => ({}) },
  // A version that is not the stored one: refused as a conflict, nothing written.
  'mail.saveSettings': {
    allowed: ['admin'],
    input: () => ({
      version: NOBODY,
      enabled: false,
      host: 'smtp.example.ru',
      port: 587,
      security: 'starttls',
      login: '',
      fromName: 'Журнал',
      fromAddress: 'journal@example.ru',
      siteUrl: '',
    }),
  },
  // No server is set up in the demo: refused as «not set up» before any connection.
  'mail.test': { allowed: ['admin'], input: () => ({ to: 'admin@mail.example' }) },
  'mail.log': { allowed: ['admin'], input: () => ({}) },
  'mail.retry': { allowed: ['admin'], input: () => ({ id: NOBODY }) },
  'mail.recipients': {
    allowed: ['admin', 'depthead'],
    input: (fx) => ({ groupId: fx.groupId }),
    outOfScope: [{ as: 'depthead', input: (fx) => ({ groupId: fx.otherGroupId }) }],
  },
  'mail.subscribe': {
    allowed: ['admin', 'depthead'],
    input: (fx) => ({ studentId: fx.familyStudentId, guardianId: fx.familyGuardianId, ...CHOICE }),
    outOfScope: [{ as: 'depthead', input: (fx) => ({ studentId: fx.otherStudentId, guardianId: null, ...CHOICE }) }],
  },
  'mail.mine': {
    allowed: ['parent', 'student'],
    input: (fx) => ({ studentId: fx.studentId }),
    outOfScope: (['parent', 'student'] as const).map((as) => ({
      as,
      input: (fx) => ({ studentId: fx.otherStudentId }),
    })),
  },
  'mail.setMine': {
    allowed: ['parent', 'student'],
    input: (fx) => ({ studentId: fx.studentId, ...CHOICE }),
    outOfScope: (['parent', 'student'] as const).map((as) => ({
      as,
      input: (fx) => ({ studentId: fx.otherStudentId, ...CHOICE }),
    })),
  },
};
