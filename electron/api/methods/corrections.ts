// Corrections of the thematic plan (a lesson moved or merged, hours added or cut): the teacher asks
// with the reason, the deputy approves or refuses; approved ones count in programme completion.
import { z } from 'zod';
import { method } from '../define.js';
import { id, optionalText, text } from '../schemas.js';
import type { PlanCorrectionKind, PlanCorrectionStatus } from '../../../db/schema.js';

export interface CorrectionRow {
  id: number;
  version: number;
  journalId: number;
  groupName: string;
  subjectName: string;
  teacherName: string;
  periodId: number | null;
  periodTitle: string | null;
  kind: PlanCorrectionKind;
  /** Signed hours: + added, − cut, 0 for a move or merge. */
  hoursDelta: number;
  reason: string;
  planTopicId: number | null;
  planTopicTitle: string | null;
  status: PlanCorrectionStatus;
  requestedByName: string;
  createdAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export const CORRECTION_KINDS = ['move', 'merge', 'extra_hours', 'reduce_hours'] as const;

export const correctionMethods = {
  'corrections.list': method<CorrectionRow[]>()({
    summary: 'Корректировки тематического плана: заместителю — все, заведующему — отделения, преподавателю — свои',
    access: ['director', 'deputy', 'dept_head', 'teacher'],
    input: z.object({
      yearId: id('Учебный год').optional(),
      journalId: id('Журнал').optional(),
      status: z
        .enum(['requested', 'approved', 'refused'], { error: 'Состояние: requested, approved или refused' })
        .optional(),
    }),
  }),
  'corrections.request': method<CorrectionRow>()({
    summary: 'Преподаватель просит корректировку плана: перенос, объединение тем, добавление или сокращение часов',
    access: ['teacher'],
    input: z.object({
      journalId: id('Журнал'),
      periodId: id('Период'),
      kind: z.enum(CORRECTION_KINDS, {
        error: 'Вид корректировки: перенос, объединение, добавление или сокращение часов',
      }),
      hours: z
        .number({ error: 'Часы: ожидается число' })
        .int('Часы: целое число')
        .min(0, 'Часы не могут быть отрицательными')
        .max(200, 'Часы: не более 200'),
      reason: text('Причина', 1000),
      planTopicId: id('Тема плана').nullish(),
    }),
  }),
  'corrections.decide': method<CorrectionRow>()({
    summary: 'Заместитель директора утверждает или отклоняет корректировку',
    access: ['director', 'deputy'],
    input: z.object({
      id: id('Корректировка'),
      version: z.number({ error: 'Версия: ожидается число' }).int().min(0),
      approve: z.boolean({ error: 'Решение: утвердить или отклонить' }),
      note: optionalText('Комментарий', 1000),
    }),
  }),
};
