import { method } from '../define.js';
import { empty } from '../schemas.js';
import type { YearStatus } from '../../../db/schema.js';
import type { SlotChangeInfo } from './timetable-changes.js';

export interface TodayLesson {
  journalId: number;
  lessonNo: number;
  groupName: string;
  subjectName: string;
  room: string | null;
  /** Id of the lesson if it has been entered already. */
  lessonId: number | null;
  /** A dated timetable change of this lesson: cancelled, moved here or away, a substitution, an extra lesson. */
  change: SlotChangeInfo | null;
  /** Not held here by the caller: cancelled, moved away, or taught by a substitute. */
  off: boolean;
}

export interface HomeSummary {
  today: string;
  year: { id: number; title: string; status: YearStatus; period: string | null } | null;
  /** Teacher: today's lessons from the timetable, whether filled or not. */
  todayLessons: TodayLesson[];
  /** Teacher: lessons in the timetable before today with no entry. */
  unfilledLessons: number;
  /** Teacher: remarks waiting for an answer; deputy: remarks open. */
  openRemarks: number;
  overdueRemarks: number;
  /** Deputy/director: journals with fewer hours conducted than the calendar expects. */
  journalsBehind: number;
  /** Admin: what the current year holds. */
  counts: { groups: number; students: number; journals: number; users: number } | null;
  /**
   * Secretary, deputy, director, admin: archive status per year — the store copy and the transfer to removable media.
   */
  archives: Array<{
    yearTitle: string;
    status: YearStatus;
    dueOn: string;
    state: 'not_due' | 'waiting_close' | 'due' | 'done';
    archivedAt: string | null;
    verified: boolean;
    transferredAt: string | null;
    transferVerified: boolean;
  }>;
  /** Secretary: years whose archive is due by the schedule (or waiting for the administrator to close them). */
  archiveDue: Array<{ yearTitle: string; dueOn: string; waitingClose: boolean }>;
  /** Student/parent: the children this page is about. */
  children: Array<{ studentId: number; fullName: string; groupName: string | null }>;
}

export const homeMethods = {
  'home.summary': method<HomeSummary>()({
    summary: 'Главная страница: сводка для ролей вошедшего пользователя',
    access: 'any',
    input: empty,
  }),
};
