// The whole model of DESIGN.md §2. Runs unchanged on SQLite and PostgreSQL.
import { sql, type Kysely } from 'kysely';
import { forbidChanges, isPostgres, withId } from './dialect.js';

const FLOAT = 'double precision';

export async function up(db: Kysely<any>): Promise<void> {
  // SQLite DDL is not wrapped by Kysely's Migrator: make this migration all-or-nothing ourselves.
  if (isPostgres(db)) return create(db);
  await db.transaction().execute((trx) => create(trx));
}

async function create(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const version = (t: any) => t.addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1));

  await s
    .createTable('app_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await version(
    withId(db, s.createTable('institution'))
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('short_name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['school', 'college', 'supplementary'])))
      .addColumn('director_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('mark_scale', 'text', (c) => c.notNull())
      .addColumn('marks_enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('period_kind', 'text', (c) => c.notNull())
      .addColumn('lessons_per_day', 'integer', (c) => c.notNull().defaultTo(8))
      .addColumn('updated_at', 'text', (c) => c.notNull()),
  ).execute();

  await version(
    withId(db, s.createTable('users'))
      .addColumn('login', 'text', (c) => c.notNull())
      .addColumn('login_key', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('middle_name', 'text')
      .addColumn('position', 'text')
      .addColumn('phone', 'text')
      .addColumn('email', 'text')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'text')
      .addColumn('last_login_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull()),
  ).execute();

  await version(
    withId(db, s.createTable('departments'))
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('short_name', 'text', (c) => c.notNull()),
  ).execute();

  await version(
    withId(db, s.createTable('academic_years'))
      .addColumn('title', 'text', (c) => c.notNull().unique())
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('open')
          .check(sqlIn('status', ['open', 'closed', 'archived'])),
      )
      .addColumn('closed_at', 'text'),
  ).execute();

  await version(
    withId(db, s.createTable('periods'))
      .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_years.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text', (c) => c.notNull())
      .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('periods_year_seq', ['year_id', 'seq']),
  ).execute();

  await withId(db, s.createTable('subjects'))
    .addColumn('code', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sqlIn('kind', ['discipline', 'mdk', 'pm', 'practice', 'programme'])),
    )
    .addColumn('parent_id', 'integer', (c) => c.references('subjects.id').onDelete('set null'))
    .execute();

  await version(
    withId(db, s.createTable('groups'))
      .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_years.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('course', 'integer', (c) => c.notNull())
      .addColumn('department_id', 'integer', (c) => c.references('departments.id').onDelete('set null'))
      .addColumn('curator_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('programme_subject_id', 'integer', (c) => c.references('subjects.id').onDelete('set null'))
      .addColumn('previous_group_id', 'integer', (c) => c.references('groups.id').onDelete('set null'))
      .addColumn('speciality', 'text')
      .addUniqueConstraint('groups_year_name', ['year_id', 'name']),
  ).execute();

  await withId(db, s.createTable('user_roles'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.references('groups.id').onDelete('cascade'))
    .execute();

  await withId(db, s.createTable('subgroups'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addUniqueConstraint('subgroups_group_number', ['group_id', 'number'])
    .execute();

  await version(
    withId(db, s.createTable('students'))
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('middle_name', 'text')
      .addColumn('birth_date', 'text')
      .addColumn('personal_file_no', 'text')
      .addColumn('phone', 'text')
      .addColumn('email', 'text')
      .addColumn('address', 'text')
      .addColumn('notes', 'text')
      .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null').unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull()),
  ).execute();

  await s
    .createTable('subgroup_students')
    .addColumn('subgroup_id', 'integer', (c) => c.notNull().references('subgroups.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('subgroup_students_pk', ['subgroup_id', 'student_id'])
    .execute();

  await withId(db, s.createTable('guardians'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('address', 'text')
    .execute();

  await version(
    withId(db, s.createTable('enrolments'))
      .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
      .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id').onDelete('cascade'))
      .addColumn('from_date', 'text', (c) => c.notNull())
      .addColumn('until_date', 'text')
      .addColumn('reason', 'text', (c) => c.notNull().check(sqlIn('reason', ['admission', 'transfer'])))
      .addColumn('order_no', 'text', (c) => c.notNull())
      .addColumn('order_date', 'text', (c) => c.notNull())
      .addColumn('end_reason', 'text')
      .addColumn('end_order_no', 'text')
      .addColumn('end_order_date', 'text'),
  ).execute();

  await version(
    withId(db, s.createTable('journals'))
      .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_years.id').onDelete('cascade'))
      .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id').onDelete('cascade'))
      .addColumn('subject_id', 'integer', (c) => c.notNull().references('subjects.id'))
      .addColumn('subgroup_id', 'integer', (c) => c.references('subgroups.id').onDelete('cascade'))
      .addColumn('teacher_user_id', 'integer', (c) => c.notNull().references('users.id')),
  ).execute();

  await s
    .createTable('journal_period_hours')
    .addColumn('journal_id', 'integer', (c) => c.notNull().references('journals.id').onDelete('cascade'))
    .addColumn('period_id', 'integer', (c) => c.notNull().references('periods.id').onDelete('cascade'))
    .addColumn('hours', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('journal_period_hours_pk', ['journal_id', 'period_id'])
    .execute();

  await withId(db, s.createTable('plan_topics'))
    .addColumn('journal_id', 'integer', (c) => c.notNull().references('journals.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('section', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('hours', 'integer', (c) => c.notNull())
    .addColumn('lesson_kind', 'text', (c) => c.notNull())
    .addColumn('homework', 'text')
    .addUniqueConstraint('plan_topics_journal_seq', ['journal_id', 'seq'])
    .execute();

  await withId(db, s.createTable('plan_corrections'))
    .addColumn('journal_id', 'integer', (c) => c.notNull().references('journals.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('hours_delta', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('approved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('approved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('bells')
    .addColumn('lesson_no', 'integer', (c) => c.primaryKey())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .execute();

  await version(
    withId(db, s.createTable('timetable'))
      .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_years.id').onDelete('cascade'))
      .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id').onDelete('cascade'))
      .addColumn('weekday', 'integer', (c) => c.notNull())
      .addColumn('lesson_no', 'integer', (c) => c.notNull())
      .addColumn('journal_id', 'integer', (c) => c.notNull().references('journals.id').onDelete('cascade'))
      .addColumn('room', 'text')
      .addColumn('week_parity', 'text', (c) => c.notNull().defaultTo('all'))
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('valid_to', 'text'),
  ).execute();

  await version(
    withId(db, s.createTable('lessons'))
      .addColumn('journal_id', 'integer', (c) => c.notNull().references('journals.id').onDelete('cascade'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('lesson_no', 'integer', (c) => c.notNull())
      .addColumn('hours', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('plan_topic_id', 'integer', (c) => c.references('plan_topics.id').onDelete('set null'))
      .addColumn('topic', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('homework', 'text')
      .addColumn('entered_on', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('lessons_journal_date_no', ['journal_id', 'date', 'lesson_no']),
  ).execute();

  await withId(db, s.createTable('homework_individual'))
    .addColumn('lesson_id', 'integer', (c) => c.notNull().references('lessons.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addUniqueConstraint('homework_individual_lesson_student', ['lesson_id', 'student_id'])
    .execute();

  await version(
    withId(db, s.createTable('work_columns'))
      .addColumn('lesson_id', 'integer', (c) => c.notNull().references('lessons.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('weight', FLOAT, (c) => c.notNull().defaultTo(1))
      .addColumn('release_on', 'text'),
  ).execute();

  await version(
    withId(db, s.createTable('marks'))
      .addColumn('column_id', 'integer', (c) => c.notNull().references('work_columns.id').onDelete('cascade'))
      .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.notNull().references('users.id'))
      .addUniqueConstraint('marks_column_student', ['column_id', 'student_id']),
  ).execute();

  await version(
    withId(db, s.createTable('absence_excuses'))
      .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
      .addColumn('from_date', 'text', (c) => c.notNull())
      .addColumn('to_date', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('submitted_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('submitted'))
      .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
      .addColumn('decided_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull()),
  ).execute();

  await version(
    withId(db, s.createTable('attendance'))
      .addColumn('lesson_id', 'integer', (c) => c.notNull().references('lessons.id').onDelete('cascade'))
      .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
      .addColumn('code', 'text', (c) => c.notNull().check(sqlIn('code', ['н', 'у', 'б', 'оп', 'уч'])))
      .addColumn('late_minutes', 'integer')
      .addColumn('reason', 'text')
      .addColumn('reason_by', 'integer', (c) => c.references('users.id'))
      .addColumn('excuse_id', 'integer', (c) => c.references('absence_excuses.id').onDelete('set null'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.notNull().references('users.id'))
      .addUniqueConstraint('attendance_lesson_student', ['lesson_id', 'student_id']),
  ).execute();

  await version(
    withId(db, s.createTable('final_marks'))
      .addColumn('journal_id', 'integer', (c) => c.notNull().references('journals.id').onDelete('cascade'))
      .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
      .addColumn('period_id', 'integer', (c) => c.references('periods.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['period', 'exam', 'year', 'credit'])))
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'integer', (c) => c.notNull().references('users.id')),
  ).execute();

  await version(
    withId(db, s.createTable('period_unlocks'))
      .addColumn('journal_id', 'integer', (c) => c.notNull().references('journals.id').onDelete('cascade'))
      .addColumn('period_id', 'integer', (c) => c.notNull().references('periods.id').onDelete('cascade'))
      .addColumn('requested_by', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('requested'))
      .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
      .addColumn('decided_at', 'text')
      .addColumn('decision_note', 'text')
      .addColumn('valid_until', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull()),
  ).execute();

  await version(
    withId(db, s.createTable('remarks'))
      .addColumn('journal_id', 'integer', (c) => c.notNull().references('journals.id').onDelete('cascade'))
      .addColumn('lesson_id', 'integer', (c) => c.references('lessons.id').onDelete('set null'))
      .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
      .addColumn('answer', 'text')
      .addColumn('answered_by', 'integer', (c) => c.references('users.id'))
      .addColumn('answered_at', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('auto', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull()),
  ).execute();

  // No foreign keys here on purpose: the log outlives the rows it describes.
  await withId(db, s.createTable('audit_log'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('login', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('journal_id', 'integer')
    .addColumn('student_id', 'integer')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await forbidChanges(db, 'audit_log', 'Журнал аудита нельзя изменять или удалять: разрешено только добавление');

  await withId(db, s.createTable('archives'))
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_years.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('manifest_sha256', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('file_count', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('verified_at', 'text')
    .addColumn('verify_ok', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  const indexes: Array<[string, string, string[]]> = [
    ['user_roles_user', 'user_roles', ['user_id']],
    ['groups_year', 'groups', ['year_id']],
    ['guardians_student', 'guardians', ['student_id']],
    ['guardians_user', 'guardians', ['user_id']],
    ['enrolments_group', 'enrolments', ['group_id', 'from_date']],
    ['enrolments_student', 'enrolments', ['student_id', 'from_date']],
    ['journals_year_group', 'journals', ['year_id', 'group_id']],
    ['journals_teacher', 'journals', ['teacher_user_id', 'year_id']],
    ['timetable_group_day', 'timetable', ['group_id', 'weekday', 'lesson_no']],
    ['timetable_journal', 'timetable', ['journal_id']],
    ['lessons_journal_date', 'lessons', ['journal_id', 'date']],
    ['work_columns_lesson', 'work_columns', ['lesson_id']],
    ['marks_student', 'marks', ['student_id']],
    ['attendance_student', 'attendance', ['student_id']],
    ['final_marks_journal', 'final_marks', ['journal_id', 'student_id']],
    ['remarks_journal', 'remarks', ['journal_id', 'status']],
    ['audit_log_at', 'audit_log', ['at']],
    ['audit_log_user', 'audit_log', ['user_id', 'at']],
    ['audit_log_journal', 'audit_log', ['journal_id']],
    ['audit_log_student', 'audit_log', ['student_id']],
    ['absence_excuses_student', 'absence_excuses', ['student_id', 'from_date']],
    ['archives_year', 'archives', ['year_id']],
  ];
  for (const [name, table, columns] of indexes) {
    await s.createIndex(name).on(table).columns(columns).execute();
  }
}

function sqlIn(column: string, values: string[]) {
  // A CHECK constraint is the last line of defence; services refuse bad values first, in Russian.
  return sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
}

export async function down(db: Kysely<any>): Promise<void> {
  const tables = [
    'archives',
    'audit_log',
    'remarks',
    'period_unlocks',
    'final_marks',
    'attendance',
    'absence_excuses',
    'marks',
    'work_columns',
    'homework_individual',
    'lessons',
    'timetable',
    'bells',
    'plan_corrections',
    'plan_topics',
    'journal_period_hours',
    'journals',
    'enrolments',
    'guardians',
    'subgroup_students',
    'students',
    'subgroups',
    'user_roles',
    'groups',
    'subjects',
    'periods',
    'academic_years',
    'departments',
    'users',
    'institution',
    'app_meta',
  ];
  for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
  if (isPostgres(db)) {
    await sql`DROP FUNCTION IF EXISTS audit_log_append_only()`.execute(db);
  }
}
