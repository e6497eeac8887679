// The deputy's remarks on journals (000 §3.2.1, §3.5.3): written or drafted by the weekly check,
// sent to the teacher with a due date, answered, then accepted or sent back.
import { z } from 'zod';
import { method } from '../define.js';
import { id, isoDate, text } from '../schemas.js';
import type { RemarkStatus } from '../../../db/schema.js';

export const REMARK_AUTHORS = ['director', 'deputy'] as const;
export const REMARK_READERS = ['director', 'deputy', 'dept_head', 'teacher'] as const;

export interface RemarkRow {
  id: number;
  version: number;
  journalId: number;
  groupName: string;
  subjectName: string;
  teacherId: number;
  teacherName: string;
  departmentName: string | null;
  /** The one lesson the remark is about, if any. */
  lessonId: number | null;
  lessonDate: string | null;
  lessonNo: number | null;
  authorName: string;
  text: string;
  dueOn: string;
  status: RemarkStatus;
  answer: string | null;
  answeredAt: string | null;
  answeredByName: string | null;
  decidedAt: string | null;
  /** Drafted by the weekly check; the Monday of the week it checked. */
  auto: boolean;
  autoWeek: string | null;
  createdAt: string;
  /** Waiting for the teacher (open or reopened) past its due date. */
  overdue: boolean;
  daysOverdue: number;
}

export interface WeeklyDraftResult {
  /** The week checked, Monday to Sunday. */
  from: string;
  to: string;
  /** Journals with something unfilled that week. */
  journals: number;
  /** Drafts made now (a journal drafted for that week before is skipped). */
  created: number;
  skipped: number;
}

export const REMARK_FILTERS = ['active', 'answered', 'drafts', 'closed', 'all'] as const;
export type RemarkFilter = (typeof REMARK_FILTERS)[number];

const remarkText = text('Текст замечания', 2000);
const dueOn = isoDate('Срок устранения');
const version = z.number({ error: 'Версия: ожидается число' }).int().min(0);

export const remarkMethods = {
  'remarks.list': method<RemarkRow[]>()({
    summary:
      'Замечания по журналам: заместителю — все, заведующему — своего отделения, преподавателю — по его журналам ' +
      '(без черновиков)',
    access: REMARK_READERS,
    input: z.object({
      filter: z.enum(REMARK_FILTERS, { error: 'Отбор: active, answered, drafts, closed или all' }).default('active'),
      journalId: id('Журнал').optional(),
      overdueOnly: z.boolean().optional(),
      yearId: id('Учебный год').optional(),
    }),
  }),
  'remarks.create': method<RemarkRow>()({
    summary: 'Оставить замечание по журналу (или одному занятию) со сроком устранения',
    access: REMARK_AUTHORS,
    input: z.object({
      journalId: id('Журнал'),
      /** The lesson by id, or by its date (and number when the day has several). */
      lessonId: id('Занятие').nullish(),
      lessonDate: isoDate('Дата занятия').nullish(),
      lessonNo: z.number({ error: 'Номер занятия: ожидается число' }).int().min(1).max(12).nullish(),
      text: remarkText,
      dueOn,
    }),
  }),
  'remarks.update': method<RemarkRow>()({
    summary: 'Исправить текст или срок черновика или неотвеченного замечания',
    access: REMARK_AUTHORS,
    input: z.object({ id: id('Замечание'), version, text: remarkText, dueOn }),
  }),
  'remarks.discard': method<{ id: number }>()({
    summary: 'Удалить черновик замечания (отправленные не удаляются)',
    access: REMARK_AUTHORS,
    input: z.object({ id: id('Замечание'), version }),
  }),
  'remarks.send': method<{ sent: number }>()({
    summary: 'Отправить черновики преподавателям (черновик → открыто)',
    access: REMARK_AUTHORS,
    input: z.object({
      ids: z
        .array(id('Замечание'), { error: 'Укажите замечания' })
        .min(1, 'Выберите хотя бы один черновик')
        .max(500, 'Не более 500 за раз'),
      dueOn: dueOn.optional(),
    }),
  }),
  'remarks.answer': method<RemarkRow>()({
    summary: 'Ответ преподавателя на замечание: что исправлено',
    access: ['teacher'],
    input: z.object({ id: id('Замечание'), version, answer: text('Ответ', 2000) }),
  }),
  'remarks.accept': method<RemarkRow>()({
    summary: 'Принять ответ: замечание устранено',
    access: REMARK_AUTHORS,
    input: z.object({ id: id('Замечание'), version }),
  }),
  'remarks.reopen': method<RemarkRow>()({
    summary: 'Вернуть замечание преподавателю с пояснением и новым сроком',
    access: REMARK_AUTHORS,
    input: z.object({ id: id('Замечание'), version, comment: text('Пояснение', 1000), dueOn }),
  }),
  'remarks.draftWeekly': method<WeeklyDraftResult>()({
    summary: 'Еженедельная проверка: черновики замечаний по незаполненным журналам за прошедшую неделю',
    access: REMARK_AUTHORS,
    input: z.object({ weekOf: isoDate('Неделя').optional() }),
  }),
};
