// The typed model of one institution's journal database (DESIGN.md §2).
// Dates are ISO strings `YYYY-MM-DD`, moments are ISO strings with time; flags are 0/1 integers —
// the same representation on SQLite and PostgreSQL, so every query runs unchanged on both.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  AssessmentKind,
  AssessmentStatus,
  AttendanceCode,
  EnrolmentEndReason,
  EnrolmentReason,
  FinalMarkKind,
  InstitutionKind,
  LessonKind,
  PeriodKind,
  PracticeKind,
  ProgrammeFocus,
  RemarkStatus,
  ResitKind,
  Role,
  SubjectKind,
  TimetableChangeKind,
  WeekParity,
  YearStatus,
} from '../electron/domain/enums.js';
import type { MailOutboxTable, MailSettingsTable, MailSubscriptionTable } from './schema-mail.js';

/** A row version for optimistic locking: a save names the version it saw. */
type Version = ColumnType<number, number | undefined, number>;
type Flag = ColumnType<number, number | undefined, number>;

// The domain's codes live in electron/domain (the screens share them); re-exported for every old import.
export type {
  AttendanceCode,
  EnrolmentEndReason,
  EnrolmentReason,
  FinalMarkKind,
  InstitutionKind,
  LessonKind,
  PeriodKind,
  ProgrammeFocus,
  RemarkStatus,
  Role,
  SubjectKind,
  WeekParity,
  YearStatus,
};

export interface AppMetaTable {
  key: string;
  value: string;
}

export interface InstitutionTable {
  id: Generated<number>;
  full_name: string;
  short_name: string;
  kind: InstitutionKind;
  director_name: string;
  address: string;
  /** Allowed mark values, comma-separated, e.g. `5,4,3,2,зач,незач`. */
  mark_scale: string;
  marks_enabled: Flag;
  period_kind: PeriodKind;
  lessons_per_day: number;
  /** A change of a mark or an attendance mark more than this many days after the lesson asks for a reason. */
  correction_days: ColumnType<number, number | undefined, number>;
  /** A period locks by itself this many days after it ends. */
  auto_lock_days: ColumnType<number, number | undefined, number>;
  updated_at: string;
  version: Version;
}

export interface UserTable {
  id: Generated<number>;
  login: string;
  /** Lower-cased login: the unique key, so logins are case-insensitive on both databases. */
  login_key: string;
  password_hash: string;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  position: string | null;
  phone: string | null;
  email: string | null;
  active: Flag;
  must_change_password: Flag;
  failed_attempts: ColumnType<number, number | undefined, number>;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
  version: Version;
}

export interface UserRoleTable {
  id: Generated<number>;
  user_id: number;
  role: Role;
  department_id: number | null;
  group_id: number | null;
}

export interface AcademicYearTable {
  id: Generated<number>;
  title: string;
  starts_on: string;
  ends_on: string;
  status: YearStatus;
  closed_at: string | null;
  version: Version;
}

export interface PeriodTable {
  id: Generated<number>;
  year_id: number;
  kind: PeriodKind;
  seq: number;
  title: string;
  starts_on: string;
  ends_on: string;
  /** A closed period is read-only for teachers until the deputy approves an unlock. */
  locked: Flag;
  /** The program locked it already, auto_lock_days after its end (0013): reopened by hand, it stays open. */
  auto_locked: ColumnType<number, number | undefined, number>;
  version: Version;
}

export interface PeriodUnlockTable {
  id: Generated<number>;
  journal_id: number;
  period_id: number;
  requested_by: number;
  reason: string;
  status: 'requested' | 'approved' | 'refused' | 'expired';
  decided_by: number | null;
  decided_at: string | null;
  decision_note: string | null;
  valid_until: string | null;
  created_at: string;
  version: Version;
}

export interface DepartmentTable {
  id: Generated<number>;
  name: string;
  short_name: string;
  version: Version;
}

export interface GroupTable {
  id: Generated<number>;
  year_id: number;
  name: string;
  course: number;
  department_id: number | null;
  curator_user_id: number | null;
  /** The programme of a supplementary-education «объединение». */
  programme_subject_id: number | null;
  /** The same group in the previous year, when the year was copied forward. */
  previous_group_id: number | null;
  speciality: string | null;
  version: Version;
}

export interface SubgroupTable {
  id: Generated<number>;
  group_id: number;
  number: number;
  title: string;
}

export interface SubgroupStudentTable {
  subgroup_id: number;
  student_id: number;
}

export interface StudentTable {
  id: Generated<number>;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  birth_date: string | null;
  personal_file_no: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  notes: string | null;
  user_id: number | null;
  created_at: string;
  updated_at: string;
  version: Version;
}

export interface GuardianTable {
  id: Generated<number>;
  student_id: number;
  user_id: number | null;
  full_name: string;
  relation: string;
  phone: string | null;
  email: string | null;
  address: string | null;
}

/** A student's membership of a group: [from_date, until_date) with the orders that began and ended it. */
export interface EnrolmentTable {
  id: Generated<number>;
  student_id: number;
  group_id: number;
  from_date: string;
  until_date: string | null;
  reason: EnrolmentReason;
  order_no: string;
  order_date: string;
  end_reason: EnrolmentEndReason | null;
  end_order_no: string | null;
  end_order_date: string | null;
  version: Version;
}

export interface SubjectTable {
  id: Generated<number>;
  code: string | null;
  name: string;
  kind: SubjectKind;
  parent_id: number | null;
}

/** The passport of a centre's «дополнительная общеразвивающая программа»: one row per subject of kind programme. */
export interface ProgrammeTable {
  id: Generated<number>;
  subject_id: number;
  focus: ProgrammeFocus;
  hours_per_year: number;
  /** Срок реализации, лет. */
  years: number;
  age_from: number;
  age_to: number;
  version: Version;
}

/** The programme's thematic plan for a year of study; copied into the plan of each journal that studies it. */
export interface ProgrammeTopicTable {
  id: Generated<number>;
  programme_id: number;
  seq: number;
  section: string | null;
  title: string;
  hours: number;
  lesson_kind: LessonKind;
}

export interface JournalTable {
  id: Generated<number>;
  year_id: number;
  group_id: number;
  subject_id: number;
  subgroup_id: number | null;
  teacher_user_id: number;
  /** Marks kept in this journal: the institution's flag when the journal was created (it keeps it). */
  marks_enabled: ColumnType<number, number, number>;
  /** This journal's scale, `5,4,3,2,зач,незач`: the institution's when the journal was created. */
  mark_scale: ColumnType<string, string, string>;
  version: Version;
  /** Bumped by triggers on every change of the journal's lessons and types of work that a family page shows. */
  content_version: ColumnType<number, number | undefined, number>;
}

export interface JournalPeriodHoursTable {
  journal_id: number;
  period_id: number;
  hours: number;
}

export interface PlanTopicTable {
  id: Generated<number>;
  journal_id: number;
  seq: number;
  section: string | null;
  title: string;
  hours: number;
  lesson_kind: LessonKind;
  homework: string | null;
}

export type PlanCorrectionKind = 'move' | 'merge' | 'extra_hours' | 'reduce_hours';
export type PlanCorrectionStatus = 'requested' | 'approved' | 'refused';

/** A change to the thematic plan — lessons moved, merged, hours added or cut — asked for by the
 *  teacher with the reason and decided by the deputy. Only approved ones change the planned hours. */
export interface PlanCorrectionTable {
  id: Generated<number>;
  journal_id: number;
  kind: PlanCorrectionKind;
  /** Signed: + for extra hours, − for reduced hours, 0 for a move or merge. */
  hours_delta: number;
  reason: string;
  requested_by: number;
  /** Who decided (approved or refused) and when. */
  approved_by: number | null;
  approved_at: string | null;
  created_at: string;
  status: ColumnType<PlanCorrectionStatus, PlanCorrectionStatus | undefined, PlanCorrectionStatus>;
  /** The period whose planned hours it changes. */
  period_id: number | null;
  /** The plan topic moved or merged, when there is one. */
  plan_topic_id: number | null;
  decision_note: string | null;
  version: Version;
}

/** A non-working day: no lessons are expected on it. */
export interface HolidayTable {
  date: string;
  title: string;
}

/**
 * One row: bumped (with a new random stamp) by triggers on every change of the tables that every family
 * page shares — years, periods, bells, holidays, subjects, journals, the timetable and the names of
 * users — so that each server process may keep them and ask only whether they changed.
 */
export interface CatalogueVersionTable {
  id: number;
  version: number;
  stamp: string;
}

export interface BellTable {
  lesson_no: number;
  starts_at: string;
  ends_at: string;
}

export interface TimetableTable {
  id: Generated<number>;
  year_id: number;
  group_id: number;
  weekday: number;
  lesson_no: number;
  journal_id: number;
  room: string | null;
  week_parity: WeekParity;
  valid_from: string;
  valid_to: string | null;
  version: Version;
}

/**
 * A dated change of the timetable: on `date` the lesson `lesson_no` of the journal is cancelled, moved
 * (to `new_date`, `new_lesson_no`, `room`), taught by `substitute_user_id`, or an extra lesson is added there.
 */
export interface TimetableChangeTable {
  id: Generated<number>;
  year_id: number;
  kind: TimetableChangeKind;
  journal_id: number;
  date: string;
  lesson_no: number;
  new_date: string | null;
  new_lesson_no: number | null;
  room: string | null;
  substitute_user_id: number | null;
  reason: string | null;
  created_by: number | null;
  created_at: string;
  version: Version;
}

/** A certified copy the program made (0016): its number, what, to whom, who certified it. */
export interface IssuedCopyTable {
  id: Generated<number>;
  number: number;
  year_id: number;
  journal_id: number | null;
  issued_at: string;
  what: string;
  recipient: string;
  certified_by: string;
  pages: number;
  created_by: number | null;
}

/** A record sheet of a journal's period (0017): the exam's or the credit's date and examiners. */
export interface AssessmentTable {
  id: Generated<number>;
  journal_id: number;
  period_id: number;
  kind: AssessmentKind;
  held_on: string | null;
  examiners: string;
  updated_at: string;
  updated_by: number | null;
  version: Version;
}

/** A student of a record sheet who did not come or was not admitted (0017). */
export interface AssessmentStatusTable {
  assessment_id: number;
  student_id: number;
  status: AssessmentStatus;
}

/** A retake of a failed result, kept beside the original mark (0017). */
export interface ResitTable {
  id: Generated<number>;
  journal_id: number;
  student_id: number;
  period_id: number;
  kind: ResitKind;
  attempt: number;
  direction_no: string;
  issued_on: string;
  examiner: string;
  held_on: string | null;
  value: string | null;
  absent: Flag;
  created_by: number | null;
  updated_at: string;
  version: Version;
}

/** A practice journal's place, dates and supervisors (0018). */
export interface PracticeDetailsTable {
  journal_id: number;
  kind: PracticeKind;
  place: string;
  starts_on: string | null;
  ends_on: string | null;
  college_supervisor: string;
  employer_supervisor: string;
  updated_at: string;
  updated_by: number | null;
  version: Version;
}

/** A student's аттестационный лист of a practice (0018). */
export interface PracticeStudentTable {
  journal_id: number;
  student_id: number;
  place: string | null;
  hours: number | null;
  works: string;
  characteristic: string;
  updated_at: string;
}

/** The qualification exam of a professional module, per group (0018). */
export interface QualificationExamTable {
  id: Generated<number>;
  group_id: number;
  subject_id: number;
  held_on: string | null;
  commission: string;
  updated_at: string;
  updated_by: number | null;
  version: Version;
}

/** «Вид деятельности освоен / не освоен» and the mark, per student (0018). */
export interface QualificationResultTable {
  exam_id: number;
  student_id: number;
  mastered: number;
  mark: string | null;
}

export interface LessonTable {
  id: Generated<number>;
  journal_id: number;
  date: string;
  lesson_no: number;
  hours: number;
  plan_topic_id: number | null;
  topic: string;
  kind: LessonKind;
  homework: string | null;
  /** The calendar day the lesson was first entered: later than `date` means a late entry. */
  entered_on: string;
  /** The teacher confirmed the roll call (attendance is «present unless marked», so a lesson with no
   *  attendance rows and this flag 0 counts as «attendance not marked» in the keeping report). */
  attendance_taken: Flag;
  /** Who held the lesson: the journal's teacher, or the substitute of a dated change (0012). Null only in
   *  rows written before it by older programs; every insert names it. */
  taught_by: ColumnType<number | null, number, number>;
  created_at: string;
  created_by: number;
  updated_at: string;
  version: Version;
}

export interface HomeworkIndividualTable {
  id: Generated<number>;
  lesson_id: number;
  student_id: number;
  text: string;
}

export interface WorkColumnTable {
  id: Generated<number>;
  lesson_id: number;
  seq: number;
  kind: string;
  title: string;
  weight: number;
  /** Marks of this column are hidden from students and parents before this date. */
  release_on: string | null;
  version: Version;
}

export interface MarkTable {
  id: Generated<number>;
  column_id: number;
  student_id: number;
  value: string;
  comment: string | null;
  updated_at: string;
  updated_by: number;
  /** The day it was last corrected (a change with a reason, 0013); null: as first put. */
  corrected_on: ColumnType<string | null, string | null | undefined, string | null>;
  version: Version;
}

export interface AttendanceTable {
  id: Generated<number>;
  lesson_id: number;
  student_id: number;
  code: AttendanceCode;
  late_minutes: number | null;
  reason: string | null;
  reason_by: number | null;
  excuse_id: number | null;
  updated_at: string;
  updated_by: number;
  /** The day it was last corrected (a change with a reason, 0013); null: as first put. */
  corrected_on: ColumnType<string | null, string | null | undefined, string | null>;
  version: Version;
}

/** A parent's note or a medical certificate covering days of absence; the curator confirms it. */
export interface AbsenceExcuseTable {
  id: Generated<number>;
  student_id: number;
  from_date: string;
  to_date: string;
  kind: 'parent_note' | 'medical' | 'order' | 'other';
  text: string;
  submitted_by: number;
  status: 'submitted' | 'confirmed' | 'rejected';
  decided_by: number | null;
  decided_at: string | null;
  /** The curator's comment on the decision (why a note was rejected). */
  decision_note: string | null;
  created_at: string;
  version: Version;
}

export interface FinalMarkTable {
  id: Generated<number>;
  journal_id: number;
  student_id: number;
  period_id: number | null;
  kind: FinalMarkKind;
  value: string;
  updated_at: string;
  updated_by: number;
  version: Version;
}

export interface RemarkTable {
  id: Generated<number>;
  journal_id: number;
  lesson_id: number | null;
  author_id: number;
  text: string;
  due_on: string;
  status: RemarkStatus;
  answer: string | null;
  answered_by: number | null;
  answered_at: string | null;
  decided_at: string | null;
  /** Drafted by the program's weekly check rather than written by the deputy. */
  auto: Flag;
  created_at: string;
  version: Version;
  /** Monday of the week an automatic draft checked; unique per journal, so the check drafts once. */
  auto_week: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Append-only: the database refuses UPDATE and DELETE on this table. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  login: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  journal_id: number | null;
  student_id: number | null;
  before: string | null;
  after: string | null;
  /** Why a correction was made (0013): the reason the user gave. */
  reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ArchiveTable {
  id: Generated<number>;
  year_id: number;
  created_at: string;
  created_by: number | null;
  target: 'store' | 'removable' | 'folder';
  path: string;
  manifest_sha256: string;
  signature: string;
  file_count: number;
  bytes: number;
  verified_at: string | null;
  verify_ok: Flag;
}

/** A browser session of the web host: the token itself lives only in the user's cookie. */
export interface WebSessionTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  locked: Flag;
}

/** Failed logins counted per key (an address, an account, an account from one address) in a window. */
export interface LoginThrottleTable {
  key: string;
  /** The account a `pair:`, `acct:` or `known:` row is about (so an administrator's unlock can clear them). */
  login_key: string | null;
  failures: ColumnType<number, number | undefined, number>;
  window_start: string;
  blocked_until: string | null;
  updated_at: string;
}

/** The columns of an Excel file mapped to a list's fields, remembered for files with the same headers. */
export interface ImportMappingTable {
  id: Generated<number>;
  list: string;
  /** SHA-256 of the normalised headers, sorted. */
  headers_key: string;
  /** JSON array of the headers as in the file. */
  headers: string;
  /** JSON object: header → field key, or null for «не загружать». */
  mapping: string;
  updated_at: string;
  updated_by: number | null;
}

/** A lease held by one process at a time (the scheduler), renewed while it lives. */
export interface LeaseTable {
  name: string;
  holder: string;
  expires_at: string;
}

export interface Database {
  app_meta: AppMetaTable;
  institution: InstitutionTable;
  users: UserTable;
  user_roles: UserRoleTable;
  academic_years: AcademicYearTable;
  periods: PeriodTable;
  period_unlocks: PeriodUnlockTable;
  departments: DepartmentTable;
  groups: GroupTable;
  subgroups: SubgroupTable;
  subgroup_students: SubgroupStudentTable;
  students: StudentTable;
  guardians: GuardianTable;
  enrolments: EnrolmentTable;
  subjects: SubjectTable;
  programmes: ProgrammeTable;
  programme_topics: ProgrammeTopicTable;
  journals: JournalTable;
  journal_period_hours: JournalPeriodHoursTable;
  plan_topics: PlanTopicTable;
  plan_corrections: PlanCorrectionTable;
  bells: BellTable;
  holidays: HolidayTable;
  catalogue_version: CatalogueVersionTable;
  timetable: TimetableTable;
  timetable_changes: TimetableChangeTable;
  lessons: LessonTable;
  issued_copies: IssuedCopyTable;
  assessments: AssessmentTable;
  assessment_statuses: AssessmentStatusTable;
  resits: ResitTable;
  practice_details: PracticeDetailsTable;
  practice_students: PracticeStudentTable;
  qualification_exams: QualificationExamTable;
  qualification_results: QualificationResultTable;
  homework_individual: HomeworkIndividualTable;
  work_columns: WorkColumnTable;
  marks: MarkTable;
  attendance: AttendanceTable;
  absence_excuses: AbsenceExcuseTable;
  final_marks: FinalMarkTable;
  remarks: RemarkTable;
  audit_log: AuditLogTable;
  archives: ArchiveTable;
  web_sessions: WebSessionTable;
  login_throttle: LoginThrottleTable;
  leases: LeaseTable;
  import_mappings: ImportMappingTable;
  mail_settings: MailSettingsTable;
  mail_subscriptions: MailSubscriptionTable;
  mail_outbox: MailOutboxTable;
}

export type DB = Database;

export type Institution = Selectable<InstitutionTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type UserRole = Selectable<UserRoleTable>;
export type AcademicYear = Selectable<AcademicYearTable>;
export type Period = Selectable<PeriodTable>;
export type Department = Selectable<DepartmentTable>;
export type Group = Selectable<GroupTable>;
export type Subgroup = Selectable<SubgroupTable>;
export type Student = Selectable<StudentTable>;
export type NewStudent = Insertable<StudentTable>;
export type Guardian = Selectable<GuardianTable>;
export type Enrolment = Selectable<EnrolmentTable>;
export type Subject = Selectable<SubjectTable>;
export type Journal = Selectable<JournalTable>;
export type PlanTopic = Selectable<PlanTopicTable>;
export type TimetableEntry = Selectable<TimetableTable>;
export type TimetableChange = Selectable<TimetableChangeTable>;
export type Lesson = Selectable<LessonTable>;
export type NewLesson = Insertable<LessonTable>;
export type WorkColumn = Selectable<WorkColumnTable>;
export type Mark = Selectable<MarkTable>;
export type Attendance = Selectable<AttendanceTable>;
export type AbsenceExcuse = Selectable<AbsenceExcuseTable>;
export type FinalMark = Selectable<FinalMarkTable>;
export type Remark = Selectable<RemarkTable>;
export type PlanCorrection = Selectable<PlanCorrectionTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
export type Archive = Selectable<ArchiveTable>;
