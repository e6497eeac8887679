// What each journal report returns (the screens draw these, the documents print them): the rows and totals of
// completion, keeping, attendance, performance, the forecast and the hours sheet.
import type { PlanCorrectionKind } from '../../../db/schema.js';
import type { ReportRange } from './report-range.js';

export interface JournalLabel {
  journalId: number;
  groupId: number;
  groupName: string;
  /** The subgroup a journal is kept for, or null for the whole group. */
  subgroup: number | null;
  subjectName: string;
  teacherId: number;
  teacherName: string;
  departmentId: number | null;
  departmentName: string | null;
}

export interface CorrectionBrief {
  id: number;
  kind: PlanCorrectionKind;
  hoursDelta: number;
  reason: string;
  planTopicTitle: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
}

export interface CompletionRow extends JournalLabel {
  /** Hours of the plan for the range, before corrections. */
  plannedHours: number;
  /** Approved corrections' hours (signed). */
  correctionHours: number;
  /** planned + corrections: what must be conducted. */
  plannedTotal: number;
  conductedHours: number;
  /** conducted / plannedTotal, a fraction; null when nothing is planned. */
  done: number | null;
  /** What the calendar expects by asOf: plannedTotal × (timetable lessons up to asOf / all in the range). */
  expectedHours: number;
  /** expected − conducted: positive means behind the calendar. */
  lagHours: number;
  behind: boolean;
  corrections: CorrectionBrief[];
}

export interface CompletionGroup {
  key: number | null;
  name: string;
  journals: number;
  plannedTotal: number;
  conductedHours: number;
  expectedHours: number;
  done: number | null;
  behind: number;
}

export interface CompletionReport {
  range: ReportRange;
  rows: CompletionRow[];
  departments: CompletionGroup[];
  totals: CompletionGroup;
}

export interface KeepingCounts {
  lessons: number;
  /** Lessons with an empty topic. */
  withoutTopic: number;
  /** Lessons entered after their date (000 §3.5.2: on the day of the lesson). */
  late: number;
  /** Lessons with no attendance row and the roll call not confirmed. */
  attendanceNotTaken: number;
  /** Lessons without homework for the group. */
  withoutHomework: number;
  /** Timetable lessons up to yesterday with no entry at all. */
  unfilled: number;
  /** Remarks made in the range; waiting for the teacher now; of those, past due. */
  remarks: number;
  remarksOpen: number;
  remarksOverdue: number;
}

export interface KeepingRow extends CompletionRow, KeepingCounts {}

export interface KeepingSummary extends KeepingCounts {
  key: number | null;
  name: string;
  journals: number;
  plannedTotal: number;
  conductedHours: number;
  done: number | null;
  behind: number;
}

export interface GroupAttendance {
  groupId: number;
  groupName: string;
  departmentName: string | null;
  students: number;
  /** Student-hours the lessons offered (each student on the roster × the lesson's hours). */
  possibleHours: number;
  missedHours: number;
  /** Missed for a valid reason (у, б, or н covered by a confirmed excuse). */
  validHours: number;
  invalidHours: number;
  lateCount: number;
  /** 1 − missed / possible. */
  presence: number | null;
}

export interface KeepingReport {
  range: ReportRange;
  rows: KeepingRow[];
  teachers: KeepingSummary[];
  departments: KeepingSummary[];
  totals: KeepingSummary;
  groups: GroupAttendance[];
}

export interface StudentAttendance {
  studentId: number;
  name: string;
  possibleHours: number;
  missedHours: number;
  validHours: number;
  invalidHours: number;
  lateCount: number;
  presence: number | null;
}

export interface AttendanceWeek {
  weekStart: string;
  possibleHours: number;
  missedHours: number;
  validHours: number;
  invalidHours: number;
  presence: number | null;
}

export interface AttendanceReport {
  range: ReportRange;
  groups: Array<GroupAttendance & { studentRows: StudentAttendance[] }>;
  weeks: AttendanceWeek[];
  totals: Omit<GroupAttendance, 'groupId' | 'groupName' | 'departmentName'>;
}

export type MarkDistribution = Record<'5' | '4' | '3' | '2' | '1' | 'зач' | 'незач', number>;

export interface PerformanceRow extends JournalLabel {
  students: number;
  /** Students with a result (a period mark, or current marks to average). */
  attested: number;
  marks: number;
  /** Weighted average of the numeric current marks. */
  average: number | null;
  /** Share of students whose result is 4 or 5 (of those with a numeric result). */
  quality: number | null;
  /** Share of students whose result is not 2/1/незач (of those with a result). */
  success: number | null;
  distribution: MarkDistribution;
}

export interface GroupPerformance {
  groupId: number;
  groupName: string;
  departmentName: string | null;
  students: number;
  average: number | null;
  /** Students whose every result is 4 or 5. */
  quality: number | null;
  /** Students without a single failing result. */
  success: number | null;
}

export interface PerformanceReport {
  range: ReportRange;
  rows: PerformanceRow[];
  groups: GroupPerformance[];
  distribution: MarkDistribution;
}

export type RiskFlag = 'few_marks' | 'low_average' | 'low_attendance' | 'falling';

export interface ForecastRow {
  studentId: number;
  name: string;
  groupName: string;
  journalId: number;
  subjectName: string;
  teacherName: string;
  marks: number;
  average: number | null;
  /** Change of the mark per 30 days (least squares over the marks' dates). */
  trend: number | null;
  /** average + trend carried to the end of the range, bounded by ±0.5. */
  projected: number | null;
  forecast: string | null;
  possibleHours: number;
  missedHours: number;
  presence: number | null;
  flags: RiskFlag[];
  /** The flags in words, with the numbers behind them. */
  reasons: string[];
}

export interface ForecastReport {
  range: ReportRange;
  rows: ForecastRow[];
  /** The rules, printed with the list so it explains itself. */
  rules: { minMarks: number; lowAverage: number; lowPresence: number; trendCap: number };
  atRisk: number;
}

export interface HoursColumn {
  key: string;
  title: string;
}

export interface HoursRow {
  teacherId: number;
  name: string;
  position: string | null;
  /** Hours per column (month or day). */
  hours: number[];
  total: number;
  lessons: number;
}

export interface HoursSheet {
  range: ReportRange;
  /** null: months of the year; 'YYYY-MM': the days of that month (the time-sheet). */
  month: string | null;
  columns: HoursColumn[];
  rows: HoursRow[];
  totals: number[];
  total: number;
}
