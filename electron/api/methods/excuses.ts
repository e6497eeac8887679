// Reasons of absence (003 §3.5): a parent's note or a medical certificate, sent by the parent or
// brought to the curator; the curator confirms it, which excuses the absences it covers.
import { z } from 'zod';
import { method } from '../define.js';
import { id, isoDate, optionalText, text } from '../schemas.js';

export type ExcuseKind = 'parent_note' | 'medical' | 'order' | 'other';
export type ExcuseStatus = 'submitted' | 'confirmed' | 'rejected';

export interface ExcuseInfo {
  id: number;
  studentId: number;
  studentName: string;
  groupName: string | null;
  fromDate: string;
  toDate: string;
  kind: ExcuseKind;
  text: string;
  status: ExcuseStatus;
  submittedBy: string;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The curator's comment on the decision (why it was rejected). */
  decisionNote: string | null;
  /** Absences (н, у, б) recorded on the days the excuse covers, and how many it excuses. */
  absences: number;
  excused: number;
  version: number;
}

const excuseKind = z.enum(['parent_note', 'medical', 'order', 'other'], {
  error: 'Вид документа: заявление родителя, медицинская справка, приказ или другое',
});

export const excuseMethods = {
  'excuses.submit': method<ExcuseInfo>()({
    summary: 'Сообщить причину отсутствия (родитель — своего ребёнка; куратор — обучающегося группы)',
    access: ['parent', 'curator', 'dept_head', 'admin'],
    input: z.object({
      studentId: id('Обучающийся'),
      fromDate: isoDate('С какого дня'),
      toDate: isoDate('По какой день'),
      kind: excuseKind,
      text: text('Причина', 2000),
    }),
  }),
  'excuses.list': method<ExcuseInfo[]>()({
    summary: 'Причины отсутствия: своих детей (родитель), групп (куратор, заведующий), все (администрация)',
    access: ['parent', 'student', 'curator', 'dept_head', 'admin', 'director', 'deputy'],
    input: z.object({
      status: z.enum(['submitted', 'all']).default('all'),
      studentId: id('Обучающийся').nullish(),
      groupId: id('Группа').nullish(),
    }),
  }),
  'excuses.students': method<Array<{ id: number; fullName: string; groupName: string }>>()({
    summary: 'Обучающиеся, за которых можно записать причину отсутствия (группы куратора, отделение, все)',
    access: ['curator', 'dept_head', 'admin'],
    input: z.object({}).strict(),
  }),
  'excuses.decide': method<ExcuseInfo>()({
    summary: 'Подтвердить причину (пропуски за эти дни становятся уважительными) или отклонить',
    access: ['curator', 'dept_head', 'admin'],
    input: z.object({
      excuseId: id('Причина отсутствия'),
      version: z.number().int().positive(),
      confirm: z.boolean({ error: 'Укажите решение' }),
      note: optionalText('Комментарий', 1000),
    }),
  }),
};
