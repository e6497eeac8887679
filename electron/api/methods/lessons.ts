// Lessons (date, number, hours, kind, topic from the plan or typed, homework for the group and for
// single students) and their types of work — the columns marks are put in.
import { z } from 'zod';
import { LESSON_KINDS } from '../../domain/enums.js';
import { WORK_KINDS } from '../../domain/labels.js';
import { method } from '../define.js';
import { id, isoDate } from '../schemas.js';
import type { LessonInfo, WorkColumnInfo } from './journal.js';

export { LESSON_KINDS };

/** Types of work a column can be, with their default weight in the weighted average. */
export { WORK_KINDS };

const lessonKind = z.enum(LESSON_KINDS, {
  error: 'Вид занятия: лекция, практическое, лабораторное, контрольное, экскурсия или самостоятельная работа',
});
const hours = z
  .number({ error: 'Часы: ожидается число' })
  .int('Часы: целое число')
  .min(1, 'Часы: не меньше 1')
  .max(8, 'Часы: не больше 8');
const lessonNo = z
  .number({ error: 'Номер занятия: ожидается число' })
  .int('Номер занятия: целое число')
  .min(1, 'Номер занятия: от 1')
  .max(12, 'Номер занятия: не больше 12');
const topic = z
  .string({ error: 'Тема: ожидается текст' })
  .max(500, 'Тема: не длиннее 500 символов')
  .transform((s) => s.replace(/\s+/g, ' ').trim());
const homework = z
  .string({ error: 'Домашнее задание: ожидается текст' })
  .max(2000, 'Домашнее задание: не длиннее 2000 символов')
  .transform((s) => s.trim())
  .nullish()
  .transform((s) => (s ? s : null));
const version = z.number({ error: 'Версия: ожидается число' }).int().positive();
const workKind = z.string().refine((k) => k in WORK_KINDS, 'Неизвестный вид работы');
const weight = z.number({ error: 'Вес: ожидается число' }).min(0.5, 'Вес: от 0,5').max(5, 'Вес: не больше 5');
const columnTitle = z
  .string({ error: 'Название: ожидается текст' })
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(
    z.string().min(1, 'Название вида работы: не заполнено').max(100, 'Название вида работы: не длиннее 100 символов'),
  );

export const lessonMethods = {
  'lessons.create': method<LessonInfo>()({
    summary: 'Записать занятие (из расписания или вне его); запись после даты занятия отмечается как запоздалая',
    access: ['teacher'],
    input: z.object({
      journalId: id('Журнал'),
      date: isoDate('Дата занятия'),
      lessonNo,
      hours: hours.nullish(),
      kind: lessonKind.nullish(),
      planTopicId: id('Тема плана').nullish(),
      topic: topic.nullish(),
      homework,
      attendanceTaken: z.boolean().nullish(),
    }),
  }),
  'lessons.update': method<LessonInfo>()({
    summary: 'Изменить занятие: дата, номер, часы, вид, тема, домашнее задание',
    access: ['teacher'],
    input: z.object({
      lessonId: id('Занятие'),
      version,
      date: isoDate('Дата занятия'),
      lessonNo,
      hours,
      kind: lessonKind,
      planTopicId: id('Тема плана').nullable(),
      topic,
      homework,
      /** The roll call was taken (everyone not marked was present). */
      attendanceTaken: z.boolean().nullish(),
    }),
  }),
  'lessons.delete': method<null>()({
    summary: 'Удалить ошибочно записанное занятие вместе с его отметками и посещаемостью',
    access: ['teacher'],
    input: z.object({ lessonId: id('Занятие'), version }),
  }),
  'lessons.individualHomework': method<LessonInfo>()({
    summary: 'Индивидуальное домашнее задание обучающемуся (пустой текст — снять)',
    access: ['teacher'],
    input: z.object({ lessonId: id('Занятие'), studentId: id('Обучающийся'), text: homework }),
  }),
  'columns.add': method<WorkColumnInfo>()({
    summary: 'Добавить вид работы на занятии (с весом и датой, до которой отметки скрыты от семьи)',
    access: ['teacher'],
    input: z.object({
      lessonId: id('Занятие'),
      kind: workKind,
      title: columnTitle.nullish(),
      weight: weight.nullish(),
      releaseOn: isoDate('Дата открытия отметок').nullish(),
    }),
  }),
  'columns.update': method<WorkColumnInfo>()({
    summary: 'Изменить вид работы: название, вес, дата открытия отметок семье',
    access: ['teacher'],
    input: z.object({
      columnId: id('Вид работы'),
      version,
      kind: workKind,
      title: columnTitle,
      weight,
      releaseOn: isoDate('Дата открытия отметок').nullable(),
    }),
  }),
  'columns.remove': method<null>()({
    summary: 'Удалить вид работы вместе с его отметками',
    access: ['teacher'],
    input: z.object({ columnId: id('Вид работы'), version }),
  }),
};
