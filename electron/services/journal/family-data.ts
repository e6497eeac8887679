// The family page's reads of one student: every statement depends only on the student and the caller,
// so all go at once (db/prepared.ts: on PostgreSQL one prepared statement, one round trip) — who the
// student is and the caller's link to them with the catalogue version,
// their groups and the versions of their groups' journals, subgroups, reasons of absence, marks,
// attendance, individual homework and final marks. What the groups share is kept per process
// (family-catalogue.ts, family-content.ts); studentLessons() puts the two together.
import { sql } from 'kysely';
import type { JournalDb } from '../../../db/connect.js';
import { param, prepare, runPrepared } from '../../../db/prepared.js';
import type { AttendanceCode } from '../../../db/schema.js';
import { hasRole, type Session } from '../context.js';
import type { CatalogueTag } from './family-catalogue.js';
import { firstFrom, type ContentView, type LessonInfo } from './family-content.js';
import { studentExcusesQuery } from './excuses.js';

const people = prepare((db) =>
  db
    .selectFrom('students as s')
    .select(['s.id', 's.last_name', 's.first_name', 's.middle_name'])
    .select((eb) => [
      eb(
        's.id',
        'in',
        eb.selectFrom('guardians as gu').select('gu.student_id').where('gu.user_id', '=', param<number>('userId')),
      ).as('linked'),
      eb.selectFrom('catalogue_version').select('version').as('cat_version'),
      eb.selectFrom('catalogue_version').select('stamp').as('cat_stamp'),
    ])
    // The student, and whom a parent or student may switch to: their children, themself.
    .where(
      's.id',
      'in',
      db
        .selectNoFrom(sql<number>`cast(${param('studentId')} as integer)`.as('id'))
        .unionAll(db.selectFrom('guardians').select('student_id as id').where('user_id', '=', param<number>('userId')))
        .unionAll(db.selectNoFrom(sql<number>`cast(${param('self')} as integer)`.as('id'))),
    )
    .orderBy('s.last_name')
    .orderBy('s.first_name')
    .orderBy('s.id'),
);

const enrolmentsOf = prepare((db) =>
  db
    .selectFrom('enrolments as e')
    .innerJoin('groups as g', 'g.id', 'e.group_id')
    .select(['e.group_id', 'e.from_date', 'e.until_date', 'g.name', 'g.year_id', 'g.department_id'])
    .where('e.student_id', '=', param<number>('studentId'))
    .orderBy('e.from_date')
    .orderBy('e.id'),
);

/** Every journal of every group the student was in, with the version of its lessons and types of work. */
const journalVersions = prepare((db) =>
  db
    .selectFrom('enrolments as e')
    .innerJoin('groups as g', 'g.id', 'e.group_id')
    .innerJoin('journals as j', (join) => join.onRef('j.year_id', '=', 'g.year_id').onRef('j.group_id', '=', 'g.id'))
    .select(['j.id', 'j.content_version'])
    .where('e.student_id', '=', param<number>('studentId')),
);

const subgroupsOf = prepare((db) =>
  db.selectFrom('subgroup_students').select('subgroup_id').where('student_id', '=', param<number>('studentId')),
);
const excusesOf = prepare((db) => studentExcusesQuery(db, param<number>('studentId')));
const marksOf = prepare((db) =>
  db.selectFrom('marks').select(['id', 'column_id', 'value']).where('student_id', '=', param<number>('studentId')),
);
const attendanceOf = prepare((db) =>
  db
    .selectFrom('attendance')
    .select(['id', 'lesson_id', 'code', 'late_minutes', 'reason', 'excuse_id'])
    .where('student_id', '=', param<number>('studentId')),
);
const homeworkOf = prepare((db) =>
  db
    .selectFrom('homework_individual')
    .select(['lesson_id', 'text'])
    .where('student_id', '=', param<number>('studentId')),
);
const finalsOf = prepare((db) =>
  db
    .selectFrom('final_marks')
    .select(['id', 'journal_id', 'kind', 'value', 'period_id'])
    .where('student_id', '=', param<number>('studentId')),
);

export type StudentData = NonNullable<Awaited<ReturnType<typeof readStudent>>>;

/** Null when there is no such student. */
export async function readStudent(handle: JournalDb, session: Session, studentId: number) {
  const who = { studentId, userId: session.userId, self: session.studentId ?? -1 };
  const id = { studentId };
  const [rows, enrolments, versions, subgroups, excuses, marks, attendance, homework, finals] = await runPrepared(
    handle,
    [
      [people, who],
      [enrolmentsOf, id],
      [journalVersions, id],
      [subgroupsOf, id],
      [excusesOf, id],
      [marksOf, id],
      [attendanceOf, id],
      [homeworkOf, id],
      [finalsOf, id],
    ] as const,
  );
  const student = rows.find((r) => r.id === studentId);
  if (!student) return null;
  const tag: CatalogueTag = { version: Number(student.cat_version), stamp: String(student.cat_stamp) };
  const withChildren = hasRole(session, 'parent') || hasRole(session, 'student');
  return {
    student,
    linked: Boolean(student.linked),
    tag,
    enrolments,
    excuses,
    marks,
    homework,
    finals,
    attendance: attendance as Array<(typeof attendance)[number] & { code: AttendanceCode }>,
    children: withChildren ? rows.filter((r) => Boolean(r.linked) || r.id === session.studentId) : [],
    journalVersions: new Map(versions.map((v) => [v.id, Number(v.content_version)])),
    subgroupIds: new Set(subgroups.map((s) => s.subgroup_id)),
  };
}

export interface LessonRange {
  /** Marks and attendance: the week and the period together. */
  from: string;
  to: string;
  week: { from: string; to: string };
  period: { startsOn: string; endsOn: string } | null;
}

export type StudentLessons = ReturnType<typeof studentLessons>;

/** Where a student's row sits: its lesson's journal, date and number. */
interface LessonPlace {
  journal_id: number;
  date: string;
  lesson_no: number;
}

interface MarkRow extends LessonPlace {
  id: number;
  lesson_id: number;
  seq: number;
  title: string;
  weight: number;
  release_on: string | null;
  value: string;
}

/**
 * The student's rows in the given journals and dates, in the order the page lists them: the week's
 * lessons (journal, date, id), marks (date, lesson number, type of work, mark), attendance (journal,
 * date, lesson), final marks (journal, id); and the journals with a lesson in the period.
 */
export function studentLessons(data: StudentData, view: ContentView, range: LessonRange) {
  const individual = new Map(data.homework.map((h) => [h.lesson_id, h.text]));
  const week: Array<LessonInfo & { individual: string | null }> = [];
  const journalsWithLessons = new Set<number>();
  for (const [id, lessons] of view.journals) {
    for (let i = firstFrom(lessons, range.week.from); i < lessons.length && lessons[i]!.date <= range.week.to; i++) {
      const l = lessons[i]!;
      week.push({ ...l, individual: individual.get(l.id) ?? null });
    }
    if (range.period) {
      const first = lessons[firstFrom(lessons, range.period.startsOn)];
      if (first && first.date <= range.period.endsOn) journalsWithLessons.add(id);
    }
  }
  const inRange = (date: string) => date >= range.from && date <= range.to;
  const marks: MarkRow[] = [];
  // A loop, not flatMap: a student's marks of every year go through here on every page.
  for (const m of data.marks) {
    const c = view.columns.get(m.column_id);
    if (!c || !inRange(c.lesson.date)) continue;
    const l = c.lesson;
    marks.push({
      id: m.id,
      lesson_id: l.id,
      journal_id: l.journal_id,
      date: l.date,
      lesson_no: l.lesson_no,
      seq: c.seq,
      title: c.title,
      weight: c.weight,
      release_on: c.release_on,
      value: m.value,
    });
  }
  marks.sort((a, b) => byDate(a.date, b.date) || a.lesson_no - b.lesson_no || a.seq - b.seq || a.id - b.id);
  const attendance: Array<StudentData['attendance'][number] & LessonPlace> = [];
  for (const a of data.attendance) {
    const l = view.lessons.get(a.lesson_id);
    if (!l || !inRange(l.date)) continue;
    attendance.push({ ...a, journal_id: l.journal_id, date: l.date, lesson_no: l.lesson_no });
  }
  attendance.sort((a, b) => a.journal_id - b.journal_id || byDate(a.date, b.date) || a.lesson_id - b.lesson_id);
  const journalIds = new Set(view.journals.map(([id]) => id));
  const finals =
    range.period === null
      ? []
      : data.finals
          .filter((f) => journalIds.has(f.journal_id))
          .sort((a, b) => a.journal_id - b.journal_id || a.id - b.id);
  return { week, marks, attendance, finals, journalsWithLessons };
}

/** ISO dates compare as strings (localeCompare would be slower and no different). */
function byDate(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
