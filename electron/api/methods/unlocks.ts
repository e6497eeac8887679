// A closed period is read-only; the teacher asks the deputy to unlock it with a reason, and every
// change made while it is unlocked is in the audit log for the deputy to review.
import { z } from 'zod';
import { method } from '../define.js';
import { id, isoDate, optionalText, text } from '../schemas.js';

export type UnlockStatus = 'requested' | 'approved' | 'refused' | 'expired';

export interface UnlockInfo {
  id: number;
  journalId: number;
  groupName: string;
  subjectName: string;
  subgroupNumber: number | null;
  periodId: number;
  periodTitle: string;
  teacherName: string;
  reason: string;
  status: UnlockStatus;
  /** Approved and not past its date: the period is open for this journal now. */
  active: boolean;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  validUntil: string | null;
  /** Changes recorded in the journal since the unlock was approved. */
  changes: number;
  version: number;
}

export interface UnlockChange {
  at: string;
  login: string | null;
  action: string;
  entity: string;
  studentName: string | null;
  before: string | null;
  after: string | null;
}

export const unlockMethods = {
  'unlocks.request': method<UnlockInfo>()({
    summary: 'Запросить разблокировку закрытого периода журнала с указанием причины',
    access: ['teacher'],
    input: z.object({ journalId: id('Журнал'), periodId: id('Период'), reason: text('Причина', 1000) }),
  }),
  'unlocks.list': method<UnlockInfo[]>()({
    summary: 'Запросы на разблокировку: все (заместитель директора, директор) или по своим журналам (преподаватель)',
    access: ['deputy', 'director', 'teacher'],
    input: z.object({ status: z.enum(['requested', 'all']).default('all') }),
  }),
  'unlocks.decide': method<UnlockInfo>()({
    summary: 'Разрешить (до даты) или отклонить разблокировку периода',
    access: ['deputy', 'director'],
    input: z.object({
      unlockId: id('Запрос'),
      version: z.number().int().positive(),
      approve: z.boolean({ error: 'Укажите решение' }),
      note: optionalText('Комментарий', 1000),
      validUntil: isoDate('Срок').nullish(),
    }),
  }),
  'unlocks.changes': method<UnlockChange[]>()({
    summary: 'Изменения в журнале, внесённые после разблокировки (из журнала аудита)',
    access: ['deputy', 'director', 'teacher'],
    input: z.object({ unlockId: id('Запрос') }),
  }),
};
