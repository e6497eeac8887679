// Practice and the qualification exam of a professional module (issue 15, part 5): a practice journal's place,
// dates and supervisors with each student's аттестационный лист; a group's ПМ exam — «вид деятельности освоен /
// не освоен» — with the marks of the module's МДК and practices beside.
import { z } from 'zod';
import { PRACTICE_KINDS, type PracticeKind } from '../../domain/enums.js';
import { method } from '../define.js';
import { id, isoDate, optionalText, text } from '../schemas.js';
import type { SheetHead } from './assessments.js';
import type { FileOutput } from './jobs.js';

export interface PracticeStudentInfo {
  studentId: number;
  name: string;
  place: string | null;
  hours: number | null;
  works: string;
  characteristic: string;
  /** The practice's final mark in the journal (the last period's, or the year's). */
  mark: string | null;
}

export interface PracticeInfo {
  head: Omit<SheetHead, 'periodId' | 'periodTitle'>;
  kind: PracticeKind;
  place: string;
  startsOn: string | null;
  endsOn: string | null;
  collegeSupervisor: string;
  employerSupervisor: string;
  /** null: never saved. */
  version: number | null;
  students: PracticeStudentInfo[];
  canEdit: boolean;
}

export interface ModuleBrief {
  subjectId: number;
  subjectName: string;
  /** The module's МДК and practices kept in journals of the group. */
  parts: Array<{ journalId: number; subjectName: string; kind: 'mdk' | 'practice' }>;
}

export interface QualificationRow {
  studentId: number;
  name: string;
  /** The year's (or last period's) final marks of the module's parts, in the order of `parts`. */
  partMarks: Array<string | null>;
  mastered: boolean | null;
  mark: string | null;
}

export interface QualificationSheet {
  groupId: number;
  groupName: string;
  course: number;
  departmentName: string | null;
  speciality: string | null;
  yearTitle: string;
  module: ModuleBrief;
  heldOn: string | null;
  commission: string;
  version: number | null;
  rows: QualificationRow[];
  mastered: number;
  notMastered: number;
  canEdit: boolean;
}

const READERS = ['admin', 'director', 'deputy', 'secretary', 'dept_head', 'curator', 'teacher'] as const;
const KEEPERS = ['deputy', 'dept_head'] as const;
const format = z.enum(['pdf', 'xlsx'], { error: 'Формат: pdf или xlsx' });
const moduleKey = z.object({ groupId: id('Группа'), subjectId: id('Профессиональный модуль') });

export const practiceMethods = {
  'practice.get': method<PracticeInfo>()({
    summary: 'Практика: вид, место, сроки, руководители от колледжа и от организации, аттестационные листы',
    access: READERS,
    input: z.object({ journalId: id('Журнал практики') }),
  }),
  'practice.save': method<PracticeInfo>()({
    summary: 'Сведения о практике: вид, место, сроки, руководители',
    access: [...KEEPERS, 'teacher'],
    input: z.object({
      journalId: id('Журнал практики'),
      kind: z.enum(PRACTICE_KINDS, { error: 'Вид практики: учебная или производственная' }),
      place: text('Место практики', 300),
      startsOn: isoDate('Начало практики').nullable(),
      endsOn: isoDate('Окончание практики').nullable(),
      collegeSupervisor: text('Руководитель от колледжа', 200),
      employerSupervisor: optionalText('Руководитель от организации', 200),
      students: z
        .array(
          z.object({
            studentId: id('Обучающийся'),
            place: optionalText('Место практики обучающегося', 300),
            hours: z.number().int().min(0, 'Часы: не меньше 0').max(2000, 'Часы: не больше 2000').nullable(),
            works: z.string().max(2000, 'Виды работ: не длиннее 2000 символов'),
            characteristic: z.string().max(2000, 'Характеристика: не длиннее 2000 символов'),
          }),
        )
        .max(200),
      version: z.number().int().nullable(),
    }),
  }),
  'practice.sheetFile': method<FileOutput>()({
    summary: 'Аттестационные листы по практике (PDF): по листу на обучающегося или один',
    access: READERS,
    input: z.object({ journalId: id('Журнал практики'), studentId: id('Обучающийся').optional() }),
  }),
  'qualification.modules': method<ModuleBrief[]>()({
    summary: 'Профессиональные модули группы с их МДК и практиками',
    access: READERS,
    input: z.object({ groupId: id('Группа') }),
  }),
  'qualification.get': method<QualificationSheet>()({
    summary: 'Квалификационный экзамен по модулю: вид деятельности освоен / не освоен',
    access: READERS,
    input: moduleKey,
  }),
  'qualification.save': method<QualificationSheet>()({
    summary: 'Дата, комиссия и результаты квалификационного экзамена',
    access: KEEPERS,
    input: moduleKey.extend({
      heldOn: isoDate('Дата экзамена').nullable(),
      commission: text('Комиссия', 400),
      results: z
        .array(
          z.object({
            studentId: id('Обучающийся'),
            mastered: z.boolean().nullable(),
            mark: z.string().max(10).nullable(),
          }),
        )
        .max(200),
      version: z.number().int().nullable(),
    }),
  }),
  'qualification.sheetFile': method<FileOutput>()({
    summary: 'Ведомость квалификационного экзамена (PDF или Excel)',
    access: READERS,
    input: moduleKey.extend({ format }),
  }),
};
