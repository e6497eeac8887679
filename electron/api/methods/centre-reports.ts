// Reports of a supplementary-education centre (seed 000 §3.2.1: attendance; §3.2.4: arrivals and
// departures of children; §3.2.5, §4.1: the half-year and year report): per объединение and month —
// attendance, человеко-часы (person-hours), сохранность контингента (retention). Offered only to a centre.
import { z } from 'zod';
import { method, type Role } from '../define.js';
import { id } from '../schemas.js';
import type { ReportRange } from './report-range.js';

export const CENTRE_REPORTS = ['unionAttendance', 'personHours', 'retention'] as const;
export type CentreReportKind = (typeof CENTRE_REPORTS)[number];

/** A month of the range: `YYYY-MM`, «сентябрь 2026», and the days of it the report counts. */
export interface ReportMonth {
  key: string;
  title: string;
  from: string;
  to: string;
}

/** Attendance of one объединение in a month (or over the range). */
export interface UnionAttendanceCell {
  /** Children on the list at any day of the month. */
  students: number;
  lessons: number;
  /** Children present, summed over the lessons («н», «у», «б» absent; «оп», «уч» present). */
  attendances: number;
  /** Children on the lesson's list, summed over the lessons: the attendances possible. */
  possible: number;
  /** attendances / possible. */
  presence: number | null;
}

export interface UnionRowBase {
  groupId: number;
  groupName: string;
  departmentId: number | null;
  departmentName: string | null;
  /** The programmes' teachers, «Иванова А. П., Петров Б. В.». */
  teachers: string;
}

export interface UnionAttendanceRow extends UnionRowBase {
  months: UnionAttendanceCell[];
  total: UnionAttendanceCell;
}

export interface UnionAttendanceReport {
  range: ReportRange;
  months: ReportMonth[];
  rows: UnionAttendanceRow[];
  /** Summed over the объединения (children counted once per объединение). */
  totals: { months: UnionAttendanceCell[]; total: UnionAttendanceCell };
}

export interface PersonHoursRow extends UnionRowBase {
  /** Σ over the month's lessons of hours × children present. */
  hours: number[];
  total: number;
  /** Lesson hours held (without the children), for reference. */
  lessonHours: number;
}

export interface PersonHoursGroup {
  key: number | null;
  name: string;
  hours: number[];
  total: number;
}

export interface PersonHoursReport {
  range: ReportRange;
  months: ReportMonth[];
  rows: PersonHoursRow[];
  /** Totals by направленность (the centre's отдел); empty when no объединение has one. */
  departments: PersonHoursGroup[];
  totals: number[];
  total: number;
}

export interface RetentionCell {
  enrolled: number;
  withdrawn: number;
  /** On the list on the month's last counted day. */
  end: number;
  /** Of those on the list at the start, the share still on it at the month's end. */
  retained: number | null;
}

export interface RetentionRow extends UnionRowBase {
  /** On the list on the first day of the range. */
  start: number;
  months: RetentionCell[];
}

export interface RetentionReport {
  range: ReportRange;
  months: ReportMonth[];
  rows: RetentionRow[];
  totals: { start: number; months: RetentionCell[] };
}

export type CentreReportData = UnionAttendanceReport | PersonHoursReport | RetentionReport;

/** Everyone who reads reports; the services narrow each to the объединения of their journals. */
export const CENTRE_REPORT_ROLES: readonly Role[] = ['director', 'deputy', 'dept_head', 'curator', 'teacher'];

const input = z.object({
  yearId: id('Учебный год').optional(),
  periodId: id('Период').nullish(),
  departmentId: id('Отдел').optional(),
  groupId: id('Объединение').optional(),
  teacherId: id('Педагог').optional(),
});

export const centreReportInputs = { unionAttendance: input, personHours: input, retention: input };

export const centreReportMethods = {
  'reports.unionAttendance': method<UnionAttendanceReport>()({
    summary:
      'Посещаемость по объединениям (центр дополнительного образования): по месяцам — детей в списке, занятий, ' +
      'посещений, % посещаемости',
    access: CENTRE_REPORT_ROLES,
    input: centreReportInputs.unionAttendance,
  }),
  'reports.personHours': method<PersonHoursReport>()({
    summary: 'Человеко-часы по объединениям и месяцам (часы занятия × присутствовавшие дети), итоги по направленностям',
    access: CENTRE_REPORT_ROLES,
    input: centreReportInputs.personHours,
  }),
  'reports.retention': method<RetentionReport>()({
    summary:
      'Сохранность контингента по объединениям и месяцам: в списке на начало, зачислено, выбыло, на конец месяца, %',
    access: CENTRE_REPORT_ROLES,
    input: centreReportInputs.retention,
  }),
};
