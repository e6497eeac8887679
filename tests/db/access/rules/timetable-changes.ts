// Dated timetable changes: kept by the deputy and the administrator only. The writes stop harmlessly
// after the access check (a cancel with no slot at lesson 99, an unknown change).
import type { AccessRules } from './types.js';

const KEEPERS = ['admin', 'deputy'] as const;

export const timetableChangeRules: AccessRules = {
  'timetableChanges.list': {
    allowed: KEEPERS,
    input: (fx) => ({ yearId: fx.currentYearId, from: '2026-11-23', to: '2026-11-29' }),
  },
  'timetableChanges.create': {
    allowed: KEEPERS,
    input: (fx) => ({
      kind: 'cancel',
      journalId: fx.teacherJournalId,
      date: '2026-11-30',
      lessonNo: 99,
      reason: 'проверка доступа',
    }),
  },
  'timetableChanges.remove': { allowed: KEEPERS, input: () => ({ id: 999999, version: 1 }) },
};
