// The student's and parent's page (003 §2.7–2.8, §3.5): only their own (their child's) timetable,
// marks, attendance and homework, by period; marks held back until their release date.
import { z } from 'zod';
import type { AttendanceCode, FinalMarkKind } from '../../../db/schema.js';
import { method } from '../define.js';
import { id, isoDate } from '../schemas.js';
import type { ExcuseInfo } from './excuses.js';
import type { SlotChangeInfo } from './timetable-changes.js';

export interface FamilyLesson {
  journalId: number;
  lessonNo: number;
  time: string | null;
  subject: string;
  teacher: string;
  room: string | null;
  /** Entered in the journal (a held lesson) or only in the timetable. */
  held: boolean;
  topic: string | null;
  homework: string | null;
  individualHomework: string | null;
  marks: Array<{ title: string; value: string; weight: number }>;
  attendance: { code: AttendanceCode; lateMinutes: number | null; reason: string | null } | null;
  /** A dated timetable change of this lesson (absent when there is none). */
  change?: SlotChangeInfo;
}

export interface FamilySubject {
  journalId: number;
  subject: string;
  teacher: string;
  marks: Array<{ date: string; title: string; weight: number; value: string }>;
  /** Weighted average of the numeric marks (null: none yet). */
  average: number | null;
  finals: Array<{ kind: FinalMarkKind; periodTitle: string | null; value: string }>;
  absences: { missed: number; excused: number; late: number };
  /** Marks not yet shown to the family (their columns open later). */
  hidden: number;
}

export interface FamilyAbsence {
  date: string;
  lessonNo: number;
  subject: string;
  code: AttendanceCode;
  lateMinutes: number | null;
  reason: string | null;
  excuseStatus: 'submitted' | 'confirmed' | 'rejected' | null;
}

export interface FamilyPage {
  student: { id: number; fullName: string; groupName: string | null };
  /** Whom the caller may switch to (a parent's children). */
  children: Array<{ studentId: number; fullName: string }>;
  today: string;
  canSendExcuse: boolean;
  periods: Array<{ id: number; title: string; startsOn: string; endsOn: string }>;
  period: { id: number; title: string; startsOn: string; endsOn: string } | null;
  week: { from: string; to: string; days: Array<{ date: string; lessons: FamilyLesson[] }> };
  subjects: FamilySubject[];
  absences: FamilyAbsence[];
  excuses: ExcuseInfo[];
}

export const familyMethods = {
  'family.page': method<FamilyPage>()({
    summary: 'Страница обучающегося и родителя: неделя, отметки, посещаемость, домашние задания своего ребёнка',
    access: ['student', 'parent', 'curator', 'dept_head', 'admin', 'director', 'deputy'],
    input: z.object({
      studentId: id('Обучающийся'),
      periodId: id('Период').nullish(),
      weekOf: isoDate('Неделя').nullish(),
    }),
  }),
};
