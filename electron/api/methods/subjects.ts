// Subjects (ОП, МДК inside ПМ, УП/ПП practice, programmes), the teaching load — journals of
// group × subject × optional subgroup × teacher with planned hours per period — and thematic plans.
import { z } from 'zod';
import { LESSON_KINDS, SUBJECT_KINDS } from '../../domain/enums.js';
import { method, STAFF } from '../define.js';
import { empty, id, optionalText, text } from '../schemas.js';
import type { LessonKind, SubjectKind } from '../../../db/schema.js';

export interface SubjectInfo {
  id: number;
  code: string | null;
  name: string;
  kind: SubjectKind;
  parentId: number | null;
  parentCode: string | null;
  /** Journals of this subject in any year: a subject in use cannot be removed. */
  journals: number;
}

export interface LoadInfo {
  id: number;
  yearId: number;
  groupId: number;
  groupName: string;
  subjectId: number;
  subjectCode: string | null;
  subjectName: string;
  subgroupId: number | null;
  subgroupNumber: number | null;
  teacherUserId: number;
  teacherName: string;
  hours: Array<{ periodId: number; hours: number }>;
  totalHours: number;
  planTopics: number;
  planHours: number;
  timetableSlots: number;
  lessons: number;
  version: number;
}

export interface PlanTopicRow {
  id: number;
  seq: number;
  section: string | null;
  title: string;
  hours: number;
  lessonKind: LessonKind;
  homework: string | null;
  /** Lessons already refer to this topic. */
  used: number;
}

export interface PlanInfo {
  journalId: number;
  groupName: string;
  subjectName: string;
  subjectCode: string | null;
  subgroupNumber: number | null;
  teacherName: string;
  yearTitle: string;
  /** Planned hours of the load (sum over periods) against the hours of the topics. */
  plannedHours: number;
  topicHours: number;
  editable: boolean;
  version: number;
  topics: PlanTopicRow[];
}

const hours = z
  .number({ error: 'Часы: ожидается число' })
  .int('Часы: целое число')
  .min(0, 'Часы не могут быть отрицательными')
  .max(2000, 'Часы: не больше 2000');
const periodHours = z.array(z.object({ periodId: id('Период'), hours })).max(6);
const topic = z.object({
  id: id('Тема').optional(),
  section: optionalText('Раздел', 300),
  title: text('Тема', 500),
  hours: z
    .number({ error: 'Часы: ожидается число' })
    .int('Часы: целое число')
    .min(1, 'Часы темы: от 1')
    .max(200, 'Часы темы: не больше 200'),
  lessonKind: z.enum(LESSON_KINDS, {
    error: 'Вид занятия: лекция, практическое, лабораторное, контрольная, экскурсия или самостоятельная работа',
  }),
  homework: optionalText('Домашнее задание', 1000),
});

export const subjectMethods = {
  'subjects.list': method<SubjectInfo[]>()({
    summary: 'Справочник дисциплин, МДК, профессиональных модулей, практик и программ',
    access: STAFF,
    input: empty,
  }),
  'subjects.save': method<SubjectInfo>()({
    summary: 'Создать или изменить дисциплину (код проверяется по виду: ОП.01, МДК.01.01 в ПМ.01, УП.01.01…)',
    access: ['admin'],
    input: z.object({
      id: id('Дисциплина').optional(),
      code: optionalText('Код', 30),
      name: text('Наименование', 300),
      kind: z.enum(SUBJECT_KINDS, { error: 'Вид: дисциплина, МДК, ПМ, практика или программа' }),
      parentId: id('Профессиональный модуль').nullable(),
    }),
  }),
  'subjects.remove': method<null>()({
    summary: 'Удалить дисциплину, по которой нет журналов',
    access: ['admin'],
    input: z.object({ id: id('Дисциплина') }),
  }),
  'journals.list': method<LoadInfo[]>()({
    summary: 'Нагрузка: журналы года (группа × дисциплина × подгруппа × преподаватель) с часами по периодам',
    access: [...STAFF, 'timetabler'],
    input: z.object({
      yearId: id('Учебный год'),
      groupId: id('Группа').optional(),
      teacherUserId: id('Преподаватель').optional(),
    }),
  }),
  'journals.create': method<LoadInfo>()({
    summary:
      'Назначить нагрузку: журнал группы по дисциплине (и подгруппе) преподавателю; роль преподавателя выдаётся сама',
    access: ['admin'],
    input: z.object({
      groupId: id('Группа'),
      subjectId: id('Дисциплина'),
      subgroupId: id('Подгруппа').nullable(),
      teacherUserId: id('Преподаватель'),
      hours: periodHours,
    }),
  }),
  'journals.update': method<LoadInfo>()({
    summary: 'Сменить преподавателя, подгруппу или часы журнала',
    access: ['admin'],
    input: z.object({
      id: id('Журнал'),
      version: z.number().int(),
      subgroupId: id('Подгруппа').nullable(),
      teacherUserId: id('Преподаватель'),
      hours: periodHours,
    }),
  }),
  'journals.remove': method<null>()({
    summary: 'Снять нагрузку: удалить журнал, в котором нет занятий',
    access: ['admin'],
    input: z.object({ id: id('Журнал'), version: z.number().int() }),
  }),
  'plans.get': method<PlanInfo>()({
    summary: 'Календарно-тематический план журнала',
    access: STAFF,
    input: z.object({ journalId: id('Журнал') }),
  }),
  'plans.save': method<PlanInfo>()({
    summary: 'Сохранить тематический план (темы по порядку с часами и видом занятия)',
    access: ['admin', 'teacher'],
    input: z.object({
      journalId: id('Журнал'),
      version: z.number().int(),
      topics: z.array(topic).max(600, 'Не больше 600 тем'),
    }),
  }),
  'plans.copy': method<PlanInfo>()({
    summary: 'Взять тематический план другого журнала (та же дисциплина в другой группе)',
    access: ['admin', 'teacher'],
    input: z.object({ journalId: id('Журнал'), version: z.number().int(), fromJournalId: id('Журнал-образец') }),
  }),
};
