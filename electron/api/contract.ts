// THE API. Every method the renderer may call, keyed `domain.action`, with its input schema, roles
// and output type. Each domain's entries live in methods/<domain>.ts and are gathered here; the
// preload, IPC registration, HTTP host, renderer client and access test are all derived from this.
import type { z } from 'zod';
import type { MethodDef } from './define.js';
import type { Result } from './errors.js';
import { authMethods } from './methods/auth.js';
import { homeMethods } from './methods/home.js';
import { setupMethods } from './methods/setup.js';
import { jobMethods } from './methods/jobs.js';
import { archiveMethods } from './methods/archive.js';
import { yearMethods } from './methods/years.js';
import { groupMethods } from './methods/groups.js';
import { subjectMethods } from './methods/subjects.js';
import { programmeMethods } from './methods/programmes.js';
import { timetableMethods } from './methods/timetable.js';
import { timetableChangeMethods } from './methods/timetable-changes.js';
import { studentMethods } from './methods/students.js';
import { importMethods } from './methods/imports.js';
import { backupMethods } from './methods/backups.js';
import { settingsMethods } from './methods/settings.js';
import { institutionMethods } from './methods/institution.js';
import { userMethods } from './methods/users.js';
import { auditMethods } from './methods/audit.js';
import { remarkMethods } from './methods/remarks.js';
import { correctionMethods } from './methods/corrections.js';
import { reportMethods } from './methods/reports.js';
import { journalMethods } from './methods/journal.js';
import { lessonMethods } from './methods/lessons.js';
import { unlockMethods } from './methods/unlocks.js';
import { excuseMethods } from './methods/excuses.js';
import { familyMethods } from './methods/family.js';
import { registerMethods } from './methods/registers.js';
import { copyMethods } from './methods/copies.js';
import { assessmentMethods } from './methods/assessments.js';
export type {
  ModuleBrief,
  PracticeInfo,
  PracticeStudentInfo,
  QualificationRow,
  QualificationSheet,
} from './methods/practice.js';
import { practiceMethods } from './methods/practice.js';
import { mailMethods } from './methods/mail.js';

export const contract = {
  ...setupMethods,
  ...authMethods,
  ...homeMethods,
  ...jobMethods,
  ...archiveMethods,
  ...yearMethods,
  ...groupMethods,
  ...subjectMethods,
  ...programmeMethods,
  ...timetableMethods,
  ...timetableChangeMethods,
  ...studentMethods,
  ...importMethods,
  ...backupMethods,
  ...settingsMethods,
  ...institutionMethods,
  ...userMethods,
  ...auditMethods,
  ...remarkMethods,
  ...correctionMethods,
  ...reportMethods,
  ...journalMethods,
  ...lessonMethods,
  ...unlockMethods,
  ...excuseMethods,
  ...familyMethods,
  ...registerMethods,
  ...copyMethods,
  ...assessmentMethods,
  ...practiceMethods,
  ...mailMethods,
} satisfies Record<string, MethodDef>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What a caller sends. */
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a service receives after validation. */
export type Parsed<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = Exclude<Contract[M]['output'], undefined>;

export type Domain = MethodName extends `${infer D}.${string}` ? D : never;
type ActionsOf<D extends string> = { [M in MethodName]: M extends `${D}.${infer A}` ? A : never }[MethodName];
type MethodOf<D extends string, A extends string> = `${D}.${A}` & MethodName;

/** `window.journal`: one named function per method, grouped by domain; each returns a Result. */
export type JournalBridge = {
  [D in Domain]: { [A in ActionsOf<D>]: (input: Input<MethodOf<D, A>>) => Promise<Result<Output<MethodOf<D, A>>>> };
};

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export type { Me, RoleGrant } from './methods/auth.js';
export type {
  MailLog,
  MailLogRow,
  MailRecipient,
  MailSettingsView,
  MailSubscriptionInfo,
  MailTestResult,
} from './methods/mail.js';
export type { FileOutput, JobInfo } from './methods/jobs.js';
export { PDF_MIME, XLSX_MIME } from './methods/jobs.js';
export type { FirstRunRestore, SetupStatus } from './methods/setup.js';
export type { HomeSummary, TodayLesson } from './methods/home.js';
export type {
  YearInfo,
  YearClosed,
  PeriodInfo,
  YearOverview,
  HolidayInfo,
  BellInfo,
  CopyProposal,
  CopyResult,
} from './methods/years.js';
export type { DepartmentInfo, GroupInfo, SubgroupInfo, StaffOption } from './methods/groups.js';
export type { SubjectInfo, LoadInfo, PlanInfo, PlanTopicRow } from './methods/subjects.js';
export type { ProgrammeBrief, ProgrammeInfo, ProgrammeSaved, ProgrammeTopicInfo } from './methods/programmes.js';
export type { TimetableEntryInfo, TimetableView, WeekChange } from './methods/timetable.js';
export type { SlotChangeInfo, TimetableChangeInfo } from './methods/timetable-changes.js';
export type { RegisterCompleteness, RegisterGroup, RegisterStudentGaps } from './methods/registers.js';
export type { IssuedCopyInfo } from './methods/copies.js';
export type {
  DebtList,
  DebtRow,
  RecordSheet,
  RecordSheetRow,
  ResitInfo,
  SheetHead,
  SummaryCell,
  SummaryRow,
  SummarySheet,
  SummarySubject,
} from './methods/assessments.js';
export type {
  RosterView,
  GroupStudent,
  StudentCard,
  StudentFound,
  GuardianInfo,
  EnrolmentInfo,
  MovementRow,
  MovementsView,
  MovementKind,
  MyGroup,
  EnrolledChild,
} from './methods/students.js';
export type { ImportList, ExportList, ImportProblem, ImportReport } from './methods/imports.js';
export type {
  AttendanceCell,
  CellErrors,
  CellInput,
  FinalCell,
  JournalHeader,
  JournalListItem,
  JournalPage,
  LessonInfo,
  MarkCell,
  PeriodState,
  PlanTopicInfo,
  RosterStudent,
  SavedCell,
  WorkColumnInfo,
} from './methods/journal.js';
export { ATTENDANCE_CODES } from './methods/journal.js';
export { LESSON_KINDS, WORK_KINDS } from './methods/lessons.js';
export type { UnlockChange, UnlockInfo, UnlockStatus } from './methods/unlocks.js';
export type { ExcuseInfo, ExcuseKind, ExcuseStatus } from './methods/excuses.js';
export type { FamilyAbsence, FamilyLesson, FamilyPage, FamilySubject } from './methods/family.js';
export type {
  BackupContents,
  BackupCounts,
  BackupInspection,
  BackupItem,
  BackupOverview,
  BackupReasonCode,
  RestoreOutcome,
} from './methods/backups.js';
export type { DatabaseChange, DatabaseTest, FolderCheck, SettingsView, WebServerStatus } from './methods/settings.js';
export type { InstitutionDetails, SignerInfo } from './methods/institution.js';
export type { ErrorBody, ErrorCode, Result } from './errors.js';
export type {
  ArchiveCopy,
  ArchiveDueState,
  ArchivedJournal,
  ArchivedJournalPage,
  ArchivedYear,
  ArchiveOverview,
  ArchiveSchedule,
  ArchiveTarget,
  ArchiveYear,
  Drive,
  FolderListing,
  VerifyReport,
} from './methods/archive.js';
export type {
  FamilyAccount,
  FamilyList,
  FamilyStudent,
  IssuedPassword,
  JournalChoice,
  LinkedStudent,
  RoleView,
  ScopeChoices,
  SlipsResult,
  UserDetail,
  UserPage,
  UserRow,
} from './methods/users.js';
export type { AuditChange, AuditOptions, AuditPage, AuditRow, LookupItem } from './methods/audit.js';
export type { RemarkFilter, RemarkRow, WeeklyDraftResult } from './methods/remarks.js';
export type { CorrectionRow } from './methods/corrections.js';
export type {
  AttendanceReport,
  AttendanceWeek,
  CompletionGroup,
  CompletionReport,
  CompletionRow,
  CorrectionBrief,
  ForecastReport,
  ForecastRow,
  GroupAttendance,
  GroupPerformance,
  HoursColumn,
  HoursRow,
  HoursSheet,
  JournalLabel,
  KeepingCounts,
  KeepingReport,
  KeepingRow,
  KeepingSummary,
  MarkDistribution,
  PerformanceReport,
  PerformanceRow,
  ReportData,
  ReportFiles,
  ReportFilters,
  ReportKind,
  ReportRange,
  RiskFlag,
  StudentAttendance,
} from './methods/reports.js';
export { REPORT_KINDS, REPORT_ROLES } from './methods/reports.js';
export { CENTRE_REPORTS } from './methods/centre-reports.js';
export type { StipendGroup, StipendHours, StipendSheet, StipendStudentRow } from './methods/stipend.js';
export type { SubstitutionRow, SubstitutionsReport } from './methods/substitution-report.js';
export type {
  CentreReportData,
  CentreReportKind,
  PersonHoursGroup,
  UnionRowBase,
  PersonHoursReport,
  PersonHoursRow,
  ReportMonth,
  RetentionCell,
  RetentionReport,
  RetentionRow,
  UnionAttendanceCell,
  UnionAttendanceReport,
  UnionAttendanceRow,
} from './methods/centre-reports.js';
