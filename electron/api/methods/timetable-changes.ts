// Dated timetable changes (issue 14): on a date a lesson is cancelled, moved, taught by a substitute,
// or an extra lesson is added. Kept by the deputy and the administrator; a lesson already held is never
// changed, and a change that puts a teacher, a group or a room in two places at once is refused.
import { z } from 'zod';
import { TIMETABLE_CHANGE_KINDS, type TimetableChangeKind } from '../../domain/enums.js';
import { method } from '../define.js';
import { id, isoDate, optionalText } from '../schemas.js';

/** What a dated slot of the timetable shows of the change that applies to it. */
export interface SlotChangeInfo {
  kind: TimetableChangeKind;
  reason: string | null;
  /** A substitution: who teaches the lesson instead. */
  substituteName: string | null;
  /** A move, at the lesson's new place: where it was. */
  from: { date: string; lessonNo: number } | null;
  /** A move, at the lesson's old place: where it went. */
  to: { date: string; lessonNo: number } | null;
}

export interface TimetableChangeInfo {
  id: number;
  kind: TimetableChangeKind;
  journalId: number;
  groupName: string;
  subjectName: string;
  teacherName: string;
  date: string;
  lessonNo: number;
  newDate: string | null;
  newLessonNo: number | null;
  room: string | null;
  substituteUserId: number | null;
  substituteName: string | null;
  reason: string | null;
  createdBy: string | null;
  createdAt: string;
  version: number;
  /** A lesson has been recorded for it: it can no longer be removed. */
  held: boolean;
}

/** Who keeps the dated changes of the timetable. */
/** The deputy, the administrator and the учебная часть that keeps the timetable (issue 14). */
export const CHANGE_KEEPERS = ['admin', 'deputy', 'timetabler'] as const;

const lessonNo = (what: string) =>
  z
    .number({ error: `${what}: ожидается число` })
    .int(`${what}: целое число`)
    .positive(`${what}: от 1`);

export const timetableChangeMethods = {
  'timetableChanges.list': method<TimetableChangeInfo[]>()({
    summary: 'Изменения в расписании за даты (отмены, переносы, замены, дополнительные занятия)',
    access: CHANGE_KEEPERS,
    input: z.object({ yearId: id('Учебный год'), from: isoDate('С даты'), to: isoDate('По дату') }),
  }),
  'timetableChanges.create': method<TimetableChangeInfo>()({
    summary: 'Изменить расписание на дату: отменить, перенести занятие, назначить замену, добавить занятие',
    access: CHANGE_KEEPERS,
    input: z.object({
      kind: z.enum(TIMETABLE_CHANGE_KINDS, { error: 'Вид изменения: отмена, перенос, замена или дополнительное' }),
      journalId: id('Журнал'),
      date: isoDate('Дата'),
      lessonNo: lessonNo('Номер занятия'),
      newDate: isoDate('Новая дата').nullish(),
      newLessonNo: lessonNo('Новый номер занятия').nullish(),
      room: optionalText('Аудитория', 40),
      substituteUserId: id('Заменяющий преподаватель').nullish(),
      reason: optionalText('Причина', 300),
    }),
  }),
  'timetableChanges.remove': method<null>()({
    summary: 'Убрать изменение в расписании (пока по нему не записано занятие)',
    access: CHANGE_KEEPERS,
    input: z.object({ id: id('Изменение в расписании'), version: z.number().int() }),
  }),
};
