// The codes of the domain (DESIGN.md §2), as lists a schema or a menu can walk and as the types the
// database, the services and the screens share. db/schema.ts re-exports the types.

export const ROLES = [
  'admin',
  'director',
  'deputy',
  'dept_head',
  'secretary',
  'curator',
  'teacher',
  'student',
  'parent',
  // The учебная часть that keeps the timetable and its dated changes (issue 14): nothing else of the journal.
  'timetabler',
] as const;
export type Role = (typeof ROLES)[number];
/** Roles that work for the institution: given by the administrator, with a scope where one applies. */
export const STAFF_ROLES = ['admin', 'director', 'deputy', 'dept_head', 'secretary', 'curator', 'teacher'] as const;
/**
 * The roles the administrator grants to staff: the staff roles and the учебная часть (timetabler), which works
 * only with the timetable — so it is no staff reader of journals, lists or reports.
 */
export const GRANTED_STAFF_ROLES = [...STAFF_ROLES, 'timetabler'] as const;
/** Those who keep the weekly timetable (entries, bells). */
export const TIMETABLE_KEEPERS = ['admin', 'timetabler'] as const;
/** Roles that come with the account made for a student or a guardian (credential slips). */
export const FAMILY_ROLES = ['student', 'parent'] as const;

export const INSTITUTION_KINDS = ['school', 'college', 'supplementary'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export const PERIOD_KINDS = ['half_year', 'semester', 'quarter'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const YEAR_STATUSES = ['open', 'closed', 'archived'] as const;
export type YearStatus = (typeof YEAR_STATUSES)[number];

export const SUBJECT_KINDS = ['discipline', 'mdk', 'pm', 'practice', 'programme'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/**
 * The six направленности of an additional general-development programme (Порядок организации и осуществления
 * образовательной деятельности по дополнительным общеобразовательным программам, Приказ Минпросвещения № 629, п. 9).
 */
export const PROGRAMME_FOCUSES = ['technical', 'science', 'sport', 'art', 'tourism', 'social'] as const;
export type ProgrammeFocus = (typeof PROGRAMME_FOCUSES)[number];

export const LESSON_KINDS = ['lecture', 'practical', 'lab', 'test', 'excursion', 'self_study'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

export const ENROLMENT_REASONS = ['admission', 'transfer'] as const;
export type EnrolmentReason = (typeof ENROLMENT_REASONS)[number];

export const ENROLMENT_END_REASONS = ['withdrawal', 'transfer', 'graduation'] as const;
export type EnrolmentEndReason = (typeof ENROLMENT_END_REASONS)[number];

/** н absent, у valid reason, б ill, оп late, уч on the institution's business (counts as present). */
export const ATTENDANCE_CODES = ['н', 'у', 'б', 'оп', 'уч'] as const;
export type AttendanceCode = (typeof ATTENDANCE_CODES)[number];

export const FINAL_MARK_KINDS = ['period', 'exam', 'year', 'credit'] as const;
export type FinalMarkKind = (typeof FINAL_MARK_KINDS)[number];

/** What a record sheet (ведомость) is for: an exam or a credit of a period. */
export const ASSESSMENT_KINDS = ['exam', 'credit'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/** A student on a record sheet with no mark: did not come, or was not admitted. */
export const ASSESSMENT_STATUSES = ['absent', 'not_admitted'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** What a resit retakes: an exam, a credit, or the period's mark when there was neither. */
export const RESIT_KINDS = ['period', 'exam', 'credit'] as const;
export type ResitKind = (typeof RESIT_KINDS)[number];

/** Учебная or производственная практика. */
export const PRACTICE_KINDS = ['educational', 'industrial'] as const;
export type PracticeKind = (typeof PRACTICE_KINDS)[number];

export const REMARK_STATUSES = ['draft', 'open', 'answered', 'accepted', 'reopened'] as const;
export type RemarkStatus = (typeof REMARK_STATUSES)[number];

export const WEEK_PARITIES = ['all', 'odd', 'even'] as const;
export type WeekParity = (typeof WEEK_PARITIES)[number];

/** A dated timetable change: a lesson cancelled, moved, taught by a substitute, or an extra lesson added. */
export const TIMETABLE_CHANGE_KINDS = ['cancel', 'move', 'substitute', 'extra'] as const;
export type TimetableChangeKind = (typeof TIMETABLE_CHANGE_KINDS)[number];

/** Attendance codes that are an absence (late and «on the institution's business» are not). */
export const ABSENCE_CODES = ['н', 'у', 'б'] as const;

/** Letters to families (issue 16): a same-day absence notice, the daily marks digest, the weekly summary. */
export const MAIL_KINDS = ['absence', 'daily', 'weekly', 'test'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
/** What a subscriber may choose (a test letter is the administrator's). */
export const SUBSCRIBABLE_MAIL_KINDS = ['absence', 'daily', 'weekly'] as const;
export type SubscribableMailKind = (typeof SUBSCRIBABLE_MAIL_KINDS)[number];
/** `sending`: claimed by the sender; left so by a crash it becomes `interrupted` (never sent again by itself). */
export const MAIL_STATUSES = ['waiting', 'sending', 'sent', 'failed', 'interrupted'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
export const MAIL_SECURITIES = ['starttls', 'tls', 'none'] as const;
export type MailSecurity = (typeof MAIL_SECURITIES)[number];
