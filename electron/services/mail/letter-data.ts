// What the letters are made of, read for many children at once (a college has thousands): subscriptions,
// who each child is, today's absences, marks that became visible, and a week's marks, absences, homework,
// decisions on excuses and final marks of locked periods. Each read takes one batch of students.
import { sql } from 'kysely';
import { ABSENCE_CODES, type AttendanceCode, type SubscribableMailKind } from '../../domain/enums.js';
import type { Db } from '../context.js';
import { fullName } from '../session.js';
import { wordsOf, type Words } from '../../domain/vocabulary.js';

export const BATCH = 500;

export async function subscriptionsFor(db: Db, kind: SubscribableMailKind) {
  return db
    .selectFrom('mail_subscriptions')
    .select(['id', 'student_id', 'guardian_id', 'email', 'digest_through', 'finals_sent'])
    .where(kind, '=', 1)
    .orderBy('id')
    .execute();
}

export type Subscription = Awaited<ReturnType<typeof subscriptionsFor>>[number];

/** The children's names and their group on `today` (the latest group when they are in none today). */
export async function childrenOf(db: Db, studentIds: number[], today: string) {
  const rows = await db
    .selectFrom('students as s')
    .leftJoin('enrolments as e', (j) => j.onRef('e.student_id', '=', 's.id').on('e.from_date', '<=', today))
    .leftJoin('groups as g', 'g.id', 'e.group_id')
    .select(['s.id', 's.last_name', 's.first_name', 's.middle_name', 'g.name as group_name', 'e.until_date'])
    .where('s.id', 'in', studentIds)
    .orderBy('s.id')
    .orderBy('e.from_date')
    .execute();
  const children = new Map<number, { name: string; groupName: string | null }>();
  for (const r of rows) {
    const name = fullName(r);
    const current = r.until_date === null || r.until_date > today;
    const known = children.get(r.id);
    if (!known || current || known.groupName === null) children.set(r.id, { name, groupName: r.group_name });
  }
  return children;
}

/** The name letters are signed with, and the institution's words. */
export async function institutionOf(db: Db): Promise<{ name: string; words: Words }> {
  const row = await db
    .selectFrom('institution')
    .select(['full_name', 'short_name', 'kind'])
    .orderBy('id')
    .executeTakeFirst();
  return { name: row ? row.short_name || row.full_name : 'Журнал', words: wordsOf(row?.kind ?? 'college') };
}

/** Marks with their type of work, lesson and subject: what every letter's marks are read from. */
function marksOfLessons(db: Db) {
  return db
    .selectFrom('marks as m')
    .innerJoin('work_columns as c', 'c.id', 'm.column_id')
    .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
    .innerJoin('journals as j', 'j.id', 'l.journal_id')
    .innerJoin('subjects as s', 's.id', 'j.subject_id');
}

/** Attendance marks with their lesson and subject. */
function attendanceOfLessons(db: Db) {
  return db
    .selectFrom('attendance as a')
    .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
    .innerJoin('journals as j', 'j.id', 'l.journal_id')
    .innerJoin('subjects as s', 's.id', 'j.subject_id');
}

/** Absences on `date` (lesson order), with the moment each was last put. */
export async function absencesOn(db: Db, studentIds: number[], date: string) {
  return attendanceOfLessons(db)
    .select(['a.student_id', 'a.code', 'a.updated_at', 'l.lesson_no', 's.name as subject'])
    .where('l.date', '=', date)
    .where('a.code', 'in', ABSENCE_CODES)
    .where('a.student_id', 'in', studentIds)
    .orderBy('a.student_id')
    .orderBy('l.lesson_no')
    .orderBy('s.name')
    .execute() as Promise<
    Array<{ student_id: number; code: AttendanceCode; updated_at: string; lesson_no: number; subject: string }>
  >;
}

/** Marks put since `since` (ISO moment) or released since `sinceDate`, up to `today`'s release. */
export async function marksSince(db: Db, studentIds: number[], since: string, sinceDate: string, today: string) {
  return marksOfLessons(db)
    .select(['m.student_id', 'm.value', 'm.updated_at', 'c.title', 'c.release_on', 'l.date', 'l.lesson_no'])
    .select('s.name as subject')
    .where('m.student_id', 'in', studentIds)
    .where((eb) =>
      eb.or([
        eb('m.updated_at', '>', since),
        eb.and([eb('c.release_on', '>', sinceDate), eb('c.release_on', '<=', today)]),
      ]),
    )
    .orderBy('l.date')
    .orderBy('l.lesson_no')
    .orderBy('c.seq')
    .orderBy('m.id')
    .execute();
}

/** The week's marks and attendance marks of the students' lessons dated `from`…`to`. */
export async function weekMarks(db: Db, studentIds: number[], from: string, to: string) {
  return marksOfLessons(db)
    .select(['m.student_id', 'm.value', 'c.title', 'c.release_on', 'l.date', 's.name as subject'])
    .where('m.student_id', 'in', studentIds)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .orderBy('l.date')
    .orderBy('l.lesson_no')
    .orderBy('c.seq')
    .execute();
}

export async function weekAttendance(db: Db, studentIds: number[], from: string, to: string) {
  return attendanceOfLessons(db)
    .select(['a.student_id', 'a.code', 'l.date', 'l.lesson_no', 's.name as subject'])
    .where('a.student_id', 'in', studentIds)
    .where('a.code', 'in', [...ABSENCE_CODES, 'оп'])
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .orderBy('l.date')
    .orderBy('l.lesson_no')
    .execute() as Promise<
    Array<{ student_id: number; code: AttendanceCode; date: string; lesson_no: number; subject: string }>
  >;
}

/**
 * Homework given in the week in the students' own journals: their groups' while they were in them, a
 * subgroup's only for its members; a student's individual task replaces the group's.
 */
export async function weekHomework(db: Db, studentIds: number[], from: string, to: string) {
  return db
    .selectFrom('lessons as l')
    .innerJoin('journals as j', 'j.id', 'l.journal_id')
    .innerJoin('subjects as s', 's.id', 'j.subject_id')
    .innerJoin('enrolments as e', (join) =>
      join
        .onRef('e.group_id', '=', 'j.group_id')
        .onRef('e.from_date', '<=', 'l.date')
        .on((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', eb.ref('l.date'))])),
    )
    .leftJoin('homework_individual as h', (join) =>
      join.onRef('h.lesson_id', '=', 'l.id').onRef('h.student_id', '=', 'e.student_id'),
    )
    .select(['e.student_id', 'l.date', 's.name as subject'])
    .select((eb) => eb.fn.coalesce('h.text', 'l.homework').as('text'))
    .where('e.student_id', 'in', studentIds)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .where((eb) =>
      eb.or([
        eb('j.subgroup_id', 'is', null),
        eb.exists(
          eb
            .selectFrom('subgroup_students as ss')
            .select(sql`1`.as('one'))
            .whereRef('ss.subgroup_id', '=', 'j.subgroup_id')
            .whereRef('ss.student_id', '=', 'e.student_id'),
        ),
      ]),
    )
    .where((eb) => eb.or([eb('h.text', 'is not', null), eb(eb.fn('trim', ['l.homework']), '!=', '')]))
    .orderBy('l.date')
    .orderBy('l.lesson_no')
    .execute();
}

/** Excuses the curator decided in the week (from its Monday). */
export async function excusesDecided(db: Db, studentIds: number[], from: string, toNext: string) {
  return db
    .selectFrom('absence_excuses')
    .select(['student_id', 'from_date', 'to_date', 'status', 'decision_note'])
    .where('student_id', 'in', studentIds)
    .where('status', 'in', ['confirmed', 'rejected'])
    .where('decided_at', '>=', from)
    .where('decided_at', '<', toNext)
    .orderBy('decided_at')
    .execute();
}

/** Final marks of locked periods that ended on or after `since`. */
export async function lockedFinals(db: Db, studentIds: number[], since: string) {
  return db
    .selectFrom('final_marks as f')
    .innerJoin('periods as p', 'p.id', 'f.period_id')
    .innerJoin('journals as j', 'j.id', 'f.journal_id')
    .innerJoin('subjects as s', 's.id', 'j.subject_id')
    .select(['f.student_id', 'f.value', 'p.id as period_id', 'p.title as period', 's.name as subject'])
    .where('f.student_id', 'in', studentIds)
    .where('p.locked', '=', 1)
    .where('p.ends_on', '>=', since)
    .orderBy('p.starts_on')
    .orderBy('s.name')
    .execute();
}
