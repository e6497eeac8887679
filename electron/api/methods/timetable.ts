// The weekly timetable: weekday × lesson number × week parity × room, each cell a journal.
// A teacher, a room or a group in two places at once is refused with the clash named.
import { z } from 'zod';
import { method, STAFF } from '../define.js';
import { TIMETABLE_KEEPERS } from '../../domain/enums.js';
import { id, optionalText } from '../schemas.js';
import { day } from './dates.js';
import type { WeekParity } from '../../../db/schema.js';
import type { SlotChangeInfo } from './timetable-changes.js';

export interface TimetableEntryInfo {
  id: number;
  groupId: number;
  groupName: string;
  weekday: number;
  lessonNo: number;
  parity: WeekParity;
  journalId: number;
  subjectName: string;
  subjectCode: string | null;
  subgroupNumber: number | null;
  teacherUserId: number;
  teacherName: string;
  room: string | null;
  validFrom: string;
  validTo: string | null;
  version: number;
}

/** A lesson of the asked week that a dated change touches (issue 14): drawn over the weekly grid. */
export interface WeekChange {
  date: string;
  weekday: number;
  lessonNo: number;
  journalId: number;
  groupName: string;
  subjectName: string;
  teacherName: string;
  room: string | null;
  change: SlotChangeInfo;
  /** Not held here: cancelled or moved away (or, in a teacher's view, given to a substitute). */
  off: boolean;
}

export interface TimetableView {
  yearId: number;
  lessonsPerDay: number;
  bells: Array<{ lessonNo: number; startsAt: string; endsAt: string }>;
  entries: TimetableEntryInfo[];
  /** With `weekOf`: that week (Monday to Sunday) and its dated changes in the same view. */
  week?: { from: string; to: string; changes: WeekChange[] };
}

export const PARITIES = ['all', 'odd', 'even'] as const;

export const timetableMethods = {
  'timetable.list': method<TimetableView>()({
    summary: 'Расписание года: группы, преподавателя или аудитории (обучающимся и родителям — только своё)',
    access: 'any',
    input: z.object({
      yearId: id('Учебный год'),
      groupId: id('Группа').optional(),
      teacherUserId: id('Преподаватель').optional(),
      room: z.string().trim().max(40).optional(),
      /** A day of the week whose dated changes to draw over the grid. */
      weekOf: day('Неделя').optional(),
    }),
  }),
  'timetable.save': method<TimetableEntryInfo>()({
    summary: 'Поставить занятие в расписание (проверка: преподаватель, аудитория и группа не в двух местах сразу)',
    access: TIMETABLE_KEEPERS,
    input: z.object({
      id: id('Занятие расписания').optional(),
      version: z.number().int().optional(),
      journalId: id('Журнал'),
      weekday: z
        .number({ error: 'День недели: ожидается число' })
        .int()
        .min(1, 'День недели: от понедельника (1)')
        .max(7, 'День недели: до воскресенья (7)'),
      lessonNo: z.number({ error: 'Номер занятия: ожидается число' }).int('Номер занятия: целое число'),
      parity: z.enum(PARITIES, { error: 'Неделя: каждая, нечётная или чётная' }),
      room: optionalText('Аудитория', 40),
      validFrom: day('Действует с').optional(),
      validTo: day('Действует по').nullable().optional(),
    }),
  }),
  'timetable.remove': method<null>()({
    summary: 'Убрать занятие из расписания',
    access: TIMETABLE_KEEPERS,
    input: z.object({ id: id('Занятие расписания'), version: z.number().int() }),
  }),
  'timetable.clashes': method<string[]>()({
    summary: 'Все накладки расписания года (преподаватель, аудитория или группа в двух местах сразу)',
    access: [...STAFF, 'timetabler'],
    input: z.object({ yearId: id('Учебный год') }),
  }),
};
