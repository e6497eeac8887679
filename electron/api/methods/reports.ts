// Control reports for the deputy director (000 §3.2.1, §3.2.5, §4.1; 003 §1.10–1.11): on-screen data
// here, the same data as PDF and Excel through `reports.start` (a job with progress).
import { z } from 'zod';
import { method, type Role } from '../define.js';
import { id, isoDate, text, yearMonth } from '../schemas.js';
import type { CorrectionRow } from './corrections.js';
import type { JobInfo } from './jobs.js';
import type { ReportRange } from './report-range.js';
import {
  CENTRE_REPORT_ROLES,
  centreReportInputs,
  centreReportMethods,
  type CentreReportData,
} from './centre-reports.js';
import { STIPEND_ROLES, stipendInput, stipendMethods, type StipendSheet } from './stipend.js';
import {
  SUBSTITUTION_REPORT_ROLES,
  substitutionReportMethods,
  substitutionsInput,
  type SubstitutionsReport,
} from './substitution-report.js';

export type { ReportRange };

export const REPORT_KINDS = [
  'completion',
  'keeping',
  'attendance',
  'performance',
  'forecast',
  'hoursSheet',
  'substitutions',
  // A centre's (seed 000) only: reports.filters offers them to no other kind of institution.
  'unionAttendance',
  'personHours',
  'retention',
  'journalCopy',
  'pack',
  // A college's only (issue 15).
  'stipendAttendance',
  // The paper journal of a group for the year (issue 15).
  'boundJournal',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Who may run each report (the services narrow it to the caller's journals). */
export const REPORT_ROLES: Record<ReportKind, readonly Role[]> = {
  completion: ['director', 'deputy', 'dept_head', 'teacher'],
  keeping: ['director', 'deputy', 'dept_head'],
  attendance: ['director', 'deputy', 'dept_head', 'curator', 'teacher'],
  performance: ['director', 'deputy', 'dept_head', 'curator', 'teacher'],
  forecast: ['director', 'deputy', 'dept_head', 'curator', 'teacher'],
  hoursSheet: ['director', 'deputy', 'dept_head', 'teacher'],
  substitutions: SUBSTITUTION_REPORT_ROLES,
  unionAttendance: CENTRE_REPORT_ROLES,
  personHours: CENTRE_REPORT_ROLES,
  retention: CENTRE_REPORT_ROLES,
  journalCopy: ['director', 'deputy'],
  pack: ['director', 'deputy'],
  stipendAttendance: STIPEND_ROLES,
  boundJournal: ['director', 'deputy'],
};
export const REPORT_USERS: readonly Role[] = ['director', 'deputy', 'dept_head', 'curator', 'teacher'];

export type {
  JournalLabel,
  CorrectionBrief,
  CompletionRow,
  CompletionGroup,
  CompletionReport,
  KeepingCounts,
  KeepingRow,
  KeepingSummary,
  GroupAttendance,
  KeepingReport,
  StudentAttendance,
  AttendanceWeek,
  AttendanceReport,
  MarkDistribution,
  PerformanceRow,
  GroupPerformance,
  PerformanceReport,
  RiskFlag,
  ForecastRow,
  ForecastReport,
  HoursColumn,
  HoursRow,
  HoursSheet,
} from './report-types.js';
import type {
  JournalLabel,
  CompletionReport,
  KeepingReport,
  AttendanceReport,
  PerformanceReport,
  ForecastReport,
  HoursSheet,
} from './report-types.js';

export interface ReportFilters {
  /** The program's today (the screens default dates from it). */
  today: string;
  years: Array<{
    id: number;
    title: string;
    status: string;
    periods: Array<{ id: number; title: string; startsOn: string; endsOn: string }>;
  }>;
  currentYearId: number | null;
  currentPeriodId: number | null;
  departments: Array<{ id: number; name: string }>;
  groups: Array<{ id: number; name: string; departmentId: number | null }>;
  teachers: Array<{ id: number; name: string }>;
  journals: JournalLabel[];
  /** The reports this caller may run. */
  reports: ReportKind[];
}

export type ReportData =
  | CompletionReport
  | KeepingReport
  | AttendanceReport
  | PerformanceReport
  | ForecastReport
  | HoursSheet
  | CentreReportData
  | StipendSheet
  | SubstitutionsReport;

/** What a `reports.start` job ends with: the files to save, or (format «screen») the report itself. */
export interface ReportFiles {
  files: Array<{ fileName: string; mime: string; base64: string }>;
  data: ReportData | null;
}

const rangeInput = {
  yearId: id('Учебный год').optional(),
  periodId: id('Период').nullish(),
};
const scopeInput = {
  departmentId: id('Отделение').optional(),
  groupId: id('Группа').optional(),
  teacherId: id('Преподаватель').optional(),
  journalId: id('Журнал').optional(),
};
const month = yearMonth();
/** «screen»: the data for the screen, made in a job so that a long report shows its progress. */
const format = z.enum(['pdf', 'xlsx', 'screen'], { error: 'Формат: pdf, xlsx или screen' });
const signer = z.enum(['director', 'deputy'], { error: 'Заверяет: директор или заместитель' });

export const reportInputs = {
  completion: z.object({ ...rangeInput, ...scopeInput }),
  keeping: z.object({ ...rangeInput, departmentId: scopeInput.departmentId }),
  attendance: z.object({ ...rangeInput, ...scopeInput }),
  performance: z.object({ ...rangeInput, ...scopeInput }),
  forecast: z.object({ ...rangeInput, ...scopeInput, onlyAtRisk: z.boolean().optional() }),
  hoursSheet: z.object({
    yearId: rangeInput.yearId,
    month: month.optional(),
    departmentId: scopeInput.departmentId,
    teacherId: scopeInput.teacherId,
  }),
  journalCopy: z.object({
    journalId: id('Журнал'),
    periodId: rangeInput.periodId,
    from: isoDate('Начало').optional(),
    to: isoDate('Конец').optional(),
    signer: signer.default('director'),
    /** To whom the copy is issued: the register of issued copies records it. */
    recipient: text('Кому выдаётся копия', 300),
  }),
  ...centreReportInputs,
  stipendAttendance: stipendInput,
  substitutions: substitutionsInput,
  boundJournal: z.object({ groupId: id('Группа') }),
  pack: z.object({ ...rangeInput }),
};

export const reportMethods = {
  'reports.filters': method<ReportFilters>()({
    summary: 'Что можно выбрать в отчётах: годы и периоды, отделения, группы, преподаватели, журналы (в пределах прав)',
    access: REPORT_USERS,
    input: z.object({ yearId: rangeInput.yearId }),
  }),
  'reports.completion': method<CompletionReport>()({
    summary:
      'Выполнение программы по журналам: план и проведено часов, % выполнения, отставание от календаря, корректировки',
    access: REPORT_ROLES.completion,
    input: reportInputs.completion,
  }),
  'reports.keeping': method<KeepingReport>()({
    summary:
      'Отчёт о ведении журналов за полугодие (семестр) или год: по журналам, преподавателям, отделениям, ' +
      'посещаемость групп',
    access: REPORT_ROLES.keeping,
    input: reportInputs.keeping,
  }),
  'reports.attendance': method<AttendanceReport>()({
    summary:
      'Посещаемость: пропущено часов, по уважительной и неуважительной причине, по обучающимся, группам и неделям',
    access: REPORT_ROLES.attendance,
    input: reportInputs.attendance,
  }),
  'reports.performance': method<PerformanceReport>()({
    summary: 'Успеваемость: средний балл, качество (доля 4 и 5), успеваемость (доля без 2) по группам и дисциплинам',
    access: REPORT_ROLES.performance,
    input: reportInputs.performance,
  }),
  'reports.forecast': method<ForecastReport>()({
    summary:
      'Прогноз итоговой отметки и группа риска: мало отметок, низкий средний балл, низкая посещаемость — с причиной',
    access: REPORT_ROLES.forecast,
    input: reportInputs.forecast,
  }),
  'reports.hoursSheet': method<HoursSheet>()({
    summary: 'Табель часов преподавателей по журналу: по месяцам года или по дням месяца',
    access: REPORT_ROLES.hoursSheet,
    input: reportInputs.hoursSheet,
  }),
  ...centreReportMethods,
  ...stipendMethods,
  ...substitutionReportMethods,
  'reports.start': method<JobInfo>()({
    summary:
      'Сформировать отчёт в PDF или Excel, заверенную копию страниц журнала или весь пакет за семестр (длительная ' +
      'работа с ходом выполнения)',
    access: REPORT_USERS,
    input: z.discriminatedUnion(
      'report',
      [
        reportInputs.completion.extend({ report: z.literal('completion'), format }),
        reportInputs.keeping.extend({ report: z.literal('keeping'), format }),
        reportInputs.attendance.extend({ report: z.literal('attendance'), format }),
        reportInputs.performance.extend({ report: z.literal('performance'), format }),
        reportInputs.forecast.extend({ report: z.literal('forecast'), format }),
        reportInputs.hoursSheet.extend({ report: z.literal('hoursSheet'), format }),
        reportInputs.unionAttendance.extend({ report: z.literal('unionAttendance'), format }),
        reportInputs.personHours.extend({ report: z.literal('personHours'), format }),
        reportInputs.retention.extend({ report: z.literal('retention'), format }),
        reportInputs.stipendAttendance.extend({ report: z.literal('stipendAttendance'), format }),
        reportInputs.substitutions.extend({ report: z.literal('substitutions'), format }),
        reportInputs.journalCopy.extend({ report: z.literal('journalCopy'), format: z.literal('pdf').default('pdf') }),
        reportInputs.pack.extend({ report: z.literal('pack') }),
        reportInputs.boundJournal.extend({ report: z.literal('boundJournal') }),
      ],
      { error: 'Неизвестный отчёт' },
    ),
  }),
};

export type { CorrectionRow };
