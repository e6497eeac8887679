// The journal page: one journal (group × subject × optional subgroup × teacher) over a period or
// a date range, with its roster, lessons, types of work, marks, attendance and final marks; and
// the grid's cell saves (one cell or a pasted block, all-or-nothing).
import { z } from 'zod';
import type { AuditPage } from './audit.js';
import { ATTENDANCE_CODES } from '../../domain/enums.js';
import type { AttendanceCode, FinalMarkKind, LessonKind } from '../../../db/schema.js';
import { method, STAFF } from '../define.js';
import { id, isoDate } from '../schemas.js';

export interface WorkColumnInfo {
  id: number;
  seq: number;
  kind: string;
  title: string;
  weight: number;
  /** Marks of this column are hidden from students and parents before this date. */
  releaseOn: string | null;
  version: number;
}

export interface LessonInfo {
  id: number;
  date: string;
  lessonNo: number;
  hours: number;
  kind: LessonKind;
  planTopicId: number | null;
  topic: string;
  homework: string | null;
  /** The day the lesson was first entered; later than `date` means a late entry (000 §3.5.2). */
  enteredOn: string;
  late: boolean;
  /** The roll call was taken: a lesson without absences and without it counts as «attendance not marked». */
  attendanceTaken: boolean;
  /** Who held the lesson when it was not the journal's teacher (a substitute, «замена»): short name. */
  taughtBy: string | null;
  version: number;
  columns: WorkColumnInfo[];
  individualHomework: Array<{ studentId: number; text: string }>;
}

export interface RosterStudent {
  id: number;
  fullName: string;
  shortName: string;
  /** Membership of the group (and subgroup) over the page's range: [from, until). */
  intervals: Array<{ from: string; until: string | null }>;
}

export interface MarkCell {
  columnId: number;
  studentId: number;
  value: string;
  /** Corrected after the days allowed, with a reason: the day (the grid and the copies say «исправлено»). */
  correctedOn?: string | null;
  version: number;
}
export interface AttendanceCell {
  lessonId: number;
  studentId: number;
  code: AttendanceCode;
  lateMinutes: number | null;
  reason: string | null;
  excuseId: number | null;
  /** Corrected after the days allowed, with a reason: the day. */
  correctedOn?: string | null;
  version: number;
}
export interface FinalCell {
  studentId: number;
  periodId: number | null;
  kind: FinalMarkKind;
  value: string;
  version: number;
}

export interface PeriodState {
  id: number;
  seq: number;
  title: string;
  startsOn: string;
  endsOn: string;
  locked: boolean;
  /** The latest unlock request of this journal for the period, if any. */
  unlock: {
    id: number;
    status: 'requested' | 'approved' | 'refused' | 'expired';
    validUntil: string | null;
    reason: string;
    version: number;
  } | null;
  /** May the caller change lessons, marks and attendance dated in this period now? */
  editable: boolean;
}

export interface PlanTopicInfo {
  id: number;
  seq: number;
  section: string | null;
  title: string;
  hours: number;
  kind: LessonKind;
  homework: string | null;
  /** The first date the topic was taught, or null. */
  taughtOn: string | null;
}

export interface JournalHeader {
  id: number;
  yearId: number;
  yearTitle: string;
  yearStartsOn: string;
  yearEndsOn: string;
  groupId: number;
  groupName: string;
  subjectId: number;
  subjectName: string;
  subjectCode: string | null;
  subgroup: { id: number; number: number; title: string } | null;
  teacherName: string;
  /** Journals of the same group and subject (the other subgroup's), for the combined view. */
  siblingIds: number[];
}

export interface JournalPage {
  journal: JournalHeader;
  /** Whether the caller may write here at all, and if not, why (shown as a notice). */
  canWrite: boolean;
  readOnlyReason: string | null;
  scale: string[];
  marksEnabled: boolean;
  lessonsPerDay: number;
  today: string;
  range: { from: string; to: string; periodId: number | null };
  periods: PeriodState[];
  students: RosterStudent[];
  lessons: LessonInfo[];
  marks: MarkCell[];
  attendance: AttendanceCell[];
  finals: FinalCell[];
  plan: {
    topics: PlanTopicInfo[];
    /** Hours of the thematic plan plus approved corrections (null: no plan set). */
    hoursPlanned: number | null;
    hoursHeld: number;
    nextTopicId: number | null;
  };
  /** The caller writes here only as a substitute, in these lessons (null: not a substitute). */
  substituteSlots: Array<{ date: string; lessonNo: number }> | null;
  /** Timetable slots up to today in the range with no lesson entered yet: offered ready to fill. */
  pending: Array<{ date: string; lessonNo: number; room: string | null }>;
}

export interface JournalListItem {
  id: number;
  yearTitle: string;
  groupId: number;
  groupName: string;
  subjectName: string;
  subjectCode: string | null;
  subgroupNumber: number | null;
  teacherName: string;
  mine: boolean;
  /** The caller substitutes in one or more of its lessons (not their own journal). */
  substitute: boolean;
  hoursHeld: number;
  hoursPlanned: number | null;
  lastLessonOn: string | null;
}

export { ATTENDANCE_CODES };

const version = z.number({ error: 'Версия: ожидается число' }).int().nonnegative().nullable();

/** The reason of a late correction, as the teacher gives it: «Ошибка при вводе: перепутал строки». */
const correction = z
  .string({ error: 'Причина исправления: ожидается текст' })
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(
    z.string().min(5, 'Причина исправления: не короче 5 символов').max(300, 'Причина исправления: до 300 символов'),
  );

const markCell = z.object({
  kind: z.literal('mark'),
  columnId: id('Вид работы'),
  studentId: id('Обучающийся'),
  /** null clears the mark. */
  value: z.string({ error: 'Отметка: ожидается текст' }).max(20, 'Отметка слишком длинная').nullable(),
  /** The version seen, or null when the cell was empty. */
  version,
  comment: z.string().max(500, 'Комментарий не длиннее 500 символов').nullish(),
  /** Why an earlier value is changed late (a correction): the audit log keeps it. */
  correction: correction.nullish(),
});

const attendanceCell = z.object({
  kind: z.literal('attendance'),
  lessonId: id('Занятие'),
  studentId: id('Обучающийся'),
  /** null clears the attendance mark (present). */
  code: z.string({ error: 'Посещаемость: ожидается текст' }).max(20).nullable(),
  lateMinutes: z.number().int().nullish(),
  reason: z.string().max(500, 'Причина не длиннее 500 символов').nullish(),
  /** Why an earlier value is changed late (a correction): the audit log keeps it. */
  correction: correction.nullish(),
  version,
});

export type CellInput = z.input<typeof markCell> | z.input<typeof attendanceCell>;
export type SavedCell =
  | { kind: 'mark'; columnId: number; studentId: number; cell: MarkCell | null }
  | { kind: 'attendance'; lessonId: number; studentId: number; cell: AttendanceCell | null };

/** What a refused save carries in `details`: the cells in error and the fresh values of conflicts. */
export interface CellErrors {
  errors: Array<{ index: number; message: string }>;
  fresh: SavedCell[];
}

export const rangeInput = {
  periodId: id('Период').nullish(),
  from: isoDate('Начало').nullish(),
  to: isoDate('Конец').nullish(),
};

export const journalMethods = {
  'journal.list': method<JournalListItem[]>()({
    summary: 'Журналы, доступные пользователю: свои (преподаватель), группы (куратор, заведующий), все (администрация)',
    access: STAFF,
    input: z.object({ yearId: id('Учебный год').nullish(), groupId: id('Группа').nullish() }),
  }),
  'journal.open': method<JournalPage>()({
    summary: 'Страница журнала за период или диапазон дат: список, занятия, отметки, посещаемость, итоги',
    access: STAFF,
    input: z.object({ journalId: id('Журнал'), ...rangeInput }),
  }),
  'journal.combined': method<JournalPage[]>()({
    summary: 'Все журналы группы по дисциплине (подгруппы вместе), только для просмотра',
    access: STAFF,
    input: z.object({ journalId: id('Журнал'), ...rangeInput }),
  }),
  'journal.history': method<AuditPage>()({
    summary: 'История изменений журнала: кто, когда, что было и стало, причина исправления (новые сверху)',
    access: ['admin', 'director', 'deputy', 'dept_head', 'teacher'],
    input: z.object({
      journalId: id('Журнал'),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(10).max(200).default(50),
      /** Only the late corrections (those with a reason). */
      onlyCorrections: z.boolean().optional(),
    }),
  }),
  'journal.saveCells': method<SavedCell[]>()({
    summary: 'Сохранить ячейки журнала (отметки и посещаемость) одной транзакцией: всё или ничего',
    access: ['teacher'],
    input: z.object({
      journalId: id('Журнал'),
      cells: z
        .array(z.discriminatedUnion('kind', [markCell, attendanceCell]), { error: 'Ожидается список ячеек' })
        .min(1, 'Нет ячеек для сохранения')
        .max(2000, 'Слишком много ячеек за один раз (не больше 2000)'),
    }),
  }),
  'marks.set': method<SavedCell>()({
    summary: 'Поставить, изменить или удалить отметку (с версией, которую видел пользователь)',
    access: ['teacher'],
    input: markCell.omit({ kind: true }),
  }),
  'attendance.set': method<SavedCell>()({
    summary: 'Отметить посещаемость: н, у, б, оп (с минутами), уч; null — присутствовал',
    access: ['teacher'],
    input: attendanceCell.omit({ kind: true }),
  }),
  'finals.set': method<FinalCell[]>()({
    summary: 'Итоговые отметки (за период, экзамен, зачёт, год): одна или несколько сразу',
    access: ['teacher'],
    input: z.object({
      journalId: id('Журнал'),
      cells: z
        .array(
          z.object({
            studentId: id('Обучающийся'),
            periodId: id('Период').nullable(),
            kind: z.enum(['period', 'exam', 'year', 'credit'], {
              error: 'Вид итоговой отметки: период, экзамен, зачёт или год',
            }),
            value: z.string().max(20).nullable(),
            version,
          }),
        )
        .min(1, 'Нет отметок для сохранения')
        .max(500),
    }),
  }),
};

export type { AttendanceCode, FinalMarkKind, LessonKind };
