// The audit log: the administrator and the director browse and export it; nobody else.
import type { AccessRules } from './types.js';

const READERS = ['admin', 'director'] as const;

export const auditRules: AccessRules = {
  'audit.list': { allowed: READERS, input: (fx) => ({ userId: fx.userIds.teacher, page: 1, pageSize: 10 }) },
  'audit.options': { allowed: READERS, input: () => ({}) },
  'audit.lookup': { allowed: READERS, input: () => ({ kind: 'student', query: 'а' }) },
  'audit.export': { allowed: READERS, input: (fx) => ({ userId: fx.userIds.admin }) },
};
