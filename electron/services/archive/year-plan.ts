// Which rows of which table make up one academic year's standalone database. Every table of the
// schema is either listed here or named in EXCLUDED with the reason (a test holds us to it), so a
// table added later cannot silently go missing from archives.
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Words } from '../../domain/vocabulary.js';

export interface YearScope {
  yearId: number;
  startsOn: string;
  endsOn: string;
}

type Q = SelectQueryBuilder<any, any, any>;

export interface TablePlan {
  table: keyof Database;
  /** Restricts `select … from <table>` to the year's rows; subqueries are built from `db`. */
  where?: (qb: Q, db: Kysely<any>, y: YearScope) => Q;
  /** Column values replaced in the copy. */
  override?: Record<string, RawBuilder<unknown>>;
  /** Has an integer `id`: copied in id ranges (progress, cancel, bounded memory). */
  byId: boolean;
  /** Shown in progress: «База данных года: отметки»; in the institution's words where they differ. */
  label: string | ((w: Words) => string);
}

const yearGroups = (db: Kysely<any>, y: YearScope) =>
  db.selectFrom('groups').select('id').where('year_id', '=', y.yearId);
const yearJournals = (db: Kysely<any>, y: YearScope) =>
  db.selectFrom('journals').select('id').where('year_id', '=', y.yearId);
const yearLessons = (db: Kysely<any>, y: YearScope) =>
  db.selectFrom('lessons').select('id').where('journal_id', 'in', yearJournals(db, y));
const yearStudents = (db: Kysely<any>, y: YearScope) =>
  db.selectFrom('enrolments').select('student_id').where('group_id', 'in', yearGroups(db, y));

/** In dependency order (foreign keys are checked once at the end anyway). Users come last: see USERS_PLAN. */
export const YEAR_PLAN: readonly TablePlan[] = [
  { table: 'institution', byId: true, label: 'организация' },
  { table: 'departments', byId: true, label: (w) => w.term('department', 'nom', 'many') },
  { table: 'subjects', byId: true, label: (w) => w.term('subject', 'nom', 'many') },
  { table: 'programmes', byId: true, label: 'программы' },
  { table: 'programme_topics', byId: true, label: 'темы программ' },
  { table: 'bells', byId: false, label: 'звонки' },
  { table: 'academic_years', byId: true, label: 'учебный год', where: (qb, _db, y) => qb.where('id', '=', y.yearId) },
  { table: 'periods', byId: true, label: 'периоды', where: (qb, _db, y) => qb.where('year_id', '=', y.yearId) },
  {
    table: 'holidays',
    byId: false,
    label: 'праздники',
    where: (qb, _db, y) => qb.where('date', '>=', y.startsOn).where('date', '<=', y.endsOn),
  },
  {
    // The link to last year's group points outside this archive.
    table: 'groups',
    byId: true,
    label: (w) => w.term('group', 'nom', 'many'),
    override: { previous_group_id: sql`null` },
    where: (qb, _db, y) => qb.where('year_id', '=', y.yearId),
  },
  {
    table: 'subgroups',
    byId: true,
    label: 'подгруппы',
    where: (qb, db, y) => qb.where('group_id', 'in', yearGroups(db, y)),
  },
  {
    table: 'subgroup_students',
    byId: false,
    label: (w) => `составы подгрупп ${w.term('group', 'gen', 'many')}`,
    where: (qb, db, y) =>
      qb.where('subgroup_id', 'in', db.selectFrom('subgroups').select('id').where('group_id', 'in', yearGroups(db, y))),
  },
  {
    table: 'students',
    byId: true,
    label: 'обучающиеся',
    where: (qb, db, y) => qb.where('id', 'in', yearStudents(db, y)),
  },
  {
    table: 'guardians',
    byId: true,
    label: 'родители',
    where: (qb, db, y) => qb.where('student_id', 'in', yearStudents(db, y)),
  },
  {
    table: 'enrolments',
    byId: true,
    label: 'приказы',
    where: (qb, db, y) => qb.where('group_id', 'in', yearGroups(db, y)),
  },
  { table: 'journals', byId: true, label: 'журналы', where: (qb, _db, y) => qb.where('year_id', '=', y.yearId) },
  {
    table: 'journal_period_hours',
    byId: false,
    label: 'часы по периодам',
    where: (qb, db, y) => qb.where('journal_id', 'in', yearJournals(db, y)),
  },
  {
    table: 'plan_topics',
    byId: true,
    label: 'тематические планы',
    where: (qb, db, y) => qb.where('journal_id', 'in', yearJournals(db, y)),
  },
  {
    table: 'plan_corrections',
    byId: true,
    label: 'корректировки планов',
    where: (qb, db, y) => qb.where('journal_id', 'in', yearJournals(db, y)),
  },
  { table: 'timetable', byId: true, label: 'расписание', where: (qb, _db, y) => qb.where('year_id', '=', y.yearId) },
  {
    // Cancelled, moved and substituted lessons and extra ones: part of how the year's lessons really went.
    table: 'timetable_changes',
    byId: true,
    label: 'изменения в расписании',
    where: (qb, _db, y) => qb.where('year_id', '=', y.yearId),
  },
  {
    // The register of the year's certified copies: who was given what, as the record of the year.
    table: 'issued_copies',
    byId: true,
    label: 'реестр выданных копий',
    where: (qb, _db, y) => qb.where('year_id', '=', y.yearId),
  },
  {
    table: 'lessons',
    byId: true,
    label: 'занятия',
    where: (qb, db, y) => qb.where('journal_id', 'in', yearJournals(db, y)),
  },
  {
    table: 'homework_individual',
    byId: true,
    label: 'индивидуальные задания',
    where: (qb, db, y) => qb.where('lesson_id', 'in', yearLessons(db, y)),
  },
  {
    table: 'work_columns',
    byId: true,
    label: 'виды работ',
    where: (qb, db, y) => qb.where('lesson_id', 'in', yearLessons(db, y)),
  },
  {
    table: 'marks',
    byId: true,
    label: 'отметки',
    where: (qb, db, y) =>
      qb.where(
        'column_id',
        'in',
        db.selectFrom('work_columns').select('id').where('lesson_id', 'in', yearLessons(db, y)),
      ),
  },
  {
    // Excuses that cover a day of the year, and any an attendance record of the year points to.
    table: 'absence_excuses',
    byId: true,
    label: 'уважительные причины',
    where: (qb, db, y) =>
      qb.where((eb) =>
        eb.or([
          eb.and([
            eb('student_id', 'in', yearStudents(db, y)),
            eb('to_date', '>=', y.startsOn),
            eb('from_date', '<=', y.endsOn),
          ]),
          eb(
            'id',
            'in',
            db
              .selectFrom('attendance')
              .select('excuse_id')
              .where('excuse_id', 'is not', null)
              .where('lesson_id', 'in', yearLessons(db, y)),
          ),
        ]),
      ),
  },
  {
    table: 'attendance',
    byId: true,
    label: 'посещаемость',
    where: (qb, db, y) => qb.where('lesson_id', 'in', yearLessons(db, y)),
  },
  {
    table: 'final_marks',
    byId: true,
    label: 'итоговые отметки',
    where: (qb, db, y) => qb.where('journal_id', 'in', yearJournals(db, y)),
  },
  {
    // Exams and credits: the record sheets' dates and examiners, who did not come, every resit beside its mark.
    table: 'assessments',
    byId: true,
    label: 'ведомости',
    where: (qb, db, y) => qb.where('journal_id', 'in', yearJournals(db, y)),
  },
  {
    table: 'assessment_statuses',
    byId: false,
    label: 'неявки по ведомостям',
    where: (qb, db, y) =>
      qb.where(
        'assessment_id',
        'in',
        db.selectFrom('assessments').select('id').where('journal_id', 'in', yearJournals(db, y)),
      ),
  },
  {
    table: 'resits',
    byId: true,
    label: 'пересдачи',
    where: (qb, db, y) => qb.where('journal_id', 'in', yearJournals(db, y)),
  },
  {
    table: 'practice_details',
    byId: false,
    label: 'сведения о практиках',
    where: (qb, db, y) => qb.where('journal_id', 'in', yearJournals(db, y)),
  },
  {
    table: 'practice_students',
    byId: false,
    label: 'аттестационные листы по практикам',
    where: (qb, db, y) => qb.where('journal_id', 'in', yearJournals(db, y)),
  },
  {
    table: 'qualification_exams',
    byId: true,
    label: 'квалификационные экзамены',
    where: (qb, db, y) => qb.where('group_id', 'in', yearGroups(db, y)),
  },
  {
    table: 'qualification_results',
    byId: false,
    label: 'результаты квалификационных экзаменов',
    where: (qb, db, y) =>
      qb.where(
        'exam_id',
        'in',
        db.selectFrom('qualification_exams').select('id').where('group_id', 'in', yearGroups(db, y)),
      ),
  },
  {
    table: 'period_unlocks',
    byId: true,
    label: 'разблокировки периодов',
    where: (qb, db, y) => qb.where('journal_id', 'in', yearJournals(db, y)),
  },
  {
    table: 'remarks',
    byId: true,
    label: 'замечания',
    where: (qb, db, y) => qb.where('journal_id', 'in', yearJournals(db, y)),
  },
  {
    // The history of every journal of the year: who entered or changed what, and when.
    table: 'audit_log',
    byId: true,
    label: 'журнал изменений',
    where: (qb, db, y) => qb.where('journal_id', 'in', yearJournals(db, y)),
  },
];

/**
 * Everyone the year's rows name (teachers, curators, authors of marks, parents and students with
 * logins) — found from the copied tables' foreign keys. Copied without anything to log in with:
 * an archive is a record, not a second way into the program.
 */
export const USERS_PLAN: TablePlan = {
  table: 'users',
  byId: true,
  label: 'пользователи',
  override: {
    password_hash: sql`'-'`,
    active: sql`0`,
    must_change_password: sql`1`,
    failed_attempts: sql`0`,
    locked_until: sql`null`,
    last_login_at: sql`null`,
    phone: sql`null`,
    email: sql`null`,
  },
};

/** Tables deliberately left out of a year's archive, and why. */
export const EXCLUDED: Readonly<Partial<Record<keyof Database, string>>> = {
  app_meta: 'written by the migrations of the new file, plus the archive keys',
  user_roles: 'who may do what belongs to the live program, not to the record of a year',
  archives: 'the list of archives belongs to the live program',
  catalogue_version: 'a cache-validity counter of the live program; the new file has its own from the migrations',
  web_sessions: 'browser logins of the live program; a year on a USB stick logs nobody in',
  login_throttle: 'counts of failed logins belong to the live program',
  leases: 'which process runs the scheduled jobs belongs to the live program',
  import_mappings: 'the column mappings the import dialog remembers belong to the live program',
  mail_settings: 'the mail server and its encrypted password belong to the live program',
  mail_subscriptions: 'who gets letters belongs to the live program; addresses are not kept with the year',
  mail_outbox: 'the letters and their delivery belong to the live program',
};
