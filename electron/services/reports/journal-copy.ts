// One journal's pages for a period, read for printing: the roster (with enrolment dates), the
// lessons, attendance and marks. `loadJournalsPages` reads several journals at once — the archive
// reads a group's journals together.
import type { JournalPagesData } from '../../export/journal-pages.js';
import { AppError } from '../../api/errors.js';
import { LESSON_KIND_NAMES } from '../../domain/labels.js';
import { loadJournal } from '../access.js';
import { ruDate } from '../../domain/format-dates.js';
import type { Db } from '../context.js';
import { rosterBetween, type RosterEntry } from '../rosters.js';
import { fullName } from '../session.js';
import { withJournalNames } from '../journal-names.js';
import { taughtByName } from '../journal/page-rows.js';

export async function loadJournalPages(
  db: Db,
  journalId: number,
  from: string,
  to: string,
  periodTitle?: string,
): Promise<JournalPagesData> {
  checkPeriod(from, to);
  await loadJournal(db, journalId); // a clear «not found» before anything is read
  return (await loadJournalsPages(db, [journalId], from, to, periodTitle)).get(journalId)!;
}

function checkPeriod(from: string, to: string): void {
  if (from > to)
    throw new AppError('bad_request', `Начало периода ${ruDate(from)} позже его конца ${ruDate(to)}`, {
      from: 'Проверьте даты',
    });
}

/**
 * Several journals' pages for the same period, each read with one query per kind of row for all of
 * them: the archive reads a group's journals together, ~12 queries instead of ~12 per journal.
 */
export async function loadJournalsPages(
  db: Db,
  journalIds: readonly number[],
  from: string,
  to: string,
  periodTitle?: string,
): Promise<Map<number, JournalPagesData>> {
  checkPeriod(from, to);
  const pages = new Map<number, JournalPagesData>();
  if (journalIds.length === 0) return pages;
  const ids = [...journalIds];
  const journals = await db
    .selectFrom('journals as j')
    .$call(withJournalNames)
    .select([
      'j.id',
      'j.group_id',
      'j.subgroup_id',
      'j.teacher_user_id',
      'g.name as group_name',
      's.code',
      's.name as subject_name',
      'sg.number as subgroup_no',
      't.last_name',
      't.first_name',
      't.middle_name',
    ])
    .where('j.id', 'in', ids)
    .execute();

  const rosters = new Map<number, RosterEntry[]>();
  for (const groupId of new Set(journals.map((j) => j.group_id)))
    rosters.set(groupId, await rosterBetween(db, groupId, from, to));
  const subgroupIds = [...new Set(journals.map((j) => j.subgroup_id).filter((id): id is number => id !== null))];
  const members = new Map<number, Set<number>>(subgroupIds.map((id) => [id, new Set()]));
  if (subgroupIds.length > 0) {
    const rows = await db
      .selectFrom('subgroup_students')
      .select(['subgroup_id', 'student_id'])
      .where('subgroup_id', 'in', subgroupIds)
      .execute();
    for (const r of rows) members.get(r.subgroup_id)!.add(r.student_id);
  }

  const lessons = await db
    .selectFrom('lessons as l')
    .leftJoin('users as tb', 'tb.id', 'l.taught_by')
    .select([
      'l.id',
      'l.journal_id',
      'l.date',
      'l.lesson_no',
      'l.hours',
      'l.topic',
      'l.kind',
      'l.homework',
      'l.taught_by',
      'tb.last_name as tb_last',
      'tb.first_name as tb_first',
      'tb.middle_name as tb_middle',
    ])
    .where('l.journal_id', 'in', ids)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .orderBy('l.journal_id')
    .orderBy('l.date')
    .orderBy('l.lesson_no')
    .execute();
  const individual = await db
    .selectFrom('homework_individual as h')
    .innerJoin('lessons as l', 'l.id', 'h.lesson_id')
    .select(['h.lesson_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('l.journal_id', 'in', ids)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .groupBy('h.lesson_id')
    .execute();
  // Neither is sorted by the database (a temporary B-tree for every group's ~11,000 marks, a third of
  // the query): a cell's marks are put in the order of the lesson's types of work here, and the few
  // corrections in the order of the pages.
  const attendanceRows = await db
    .selectFrom('attendance as a')
    .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
    .select(['a.lesson_id', 'a.student_id', 'a.code', 'a.corrected_on'])
    .where('l.journal_id', 'in', ids)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .execute();
  const markRows = await db
    .selectFrom('marks as m')
    .innerJoin('work_columns as c', 'c.id', 'm.column_id')
    .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
    .select(['c.lesson_id', 'c.seq', 'm.student_id', 'm.value', 'm.corrected_on'])
    .where('l.journal_id', 'in', ids)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .execute();

  const counts = new Map(individual.map((r) => [r.lesson_id, Number(r.n)]));
  const lessonOf = new Map(lessons.map((l) => [l.id, l]));
  const lessonsOf = new Map<number, typeof lessons>(ids.map((id) => [id, []]));
  for (const l of lessons) lessonsOf.get(l.journal_id)!.push(l);
  // The cells by lesson, then student — numbers, not a «lesson|student» string per cell: a year's archive reads
  // ~900,000 marks. Filled for all the journals at once; each journal's pages get its own lessons' (ownCells).
  const attendance = cellMaps<string>(lessons);
  for (const a of attendanceRows) attendance.get(a.lesson_id)?.set(a.student_id, a.code);
  const marks = cellMaps<string>(lessons);
  // A cell's marks in the order of the lesson's types of work: «4/5».
  markRows.sort((a, b) => a.lesson_id - b.lesson_id || a.seq - b.seq);
  for (const m of markRows) {
    const cells = marks.get(m.lesson_id);
    const before = cells?.get(m.student_id);
    cells?.set(m.student_id, before === undefined ? m.value : `${before}/${m.value}`);
  }
  const corrected = markRows.filter((m) => m.corrected_on !== null);
  const correctedAttendance = attendanceRows.filter((a) => a.corrected_on !== null);
  for (const names of journals) {
    const roster = rosters.get(names.group_id)!;
    const subgroup = names.subgroup_id === null ? null : members.get(names.subgroup_id)!;
    const students = studentsOf(subgroup ? roster.filter((r) => subgroup.has(r.studentId)) : roster);
    const corrections = correctionsOf(
      students,
      lessonOf,
      corrected.filter((m) => lessonOf.get(m.lesson_id)!.journal_id === names.id),
      correctedAttendance.filter((a) => lessonOf.get(a.lesson_id)!.journal_id === names.id),
    );
    const subject = names.code ? `${names.code} ${names.subject_name}` : names.subject_name;
    pages.set(names.id, {
      groupName: names.subgroup_no ? `${names.group_name} (подгруппа ${names.subgroup_no})` : names.group_name,
      subjectName: subject,
      teacherName: fullName(names),
      periodTitle: periodTitle ?? `с ${ruDate(from)} по ${ruDate(to)}`,
      students: [...students.values()],
      lessons: lessonsOf.get(names.id)!.map((l) => ({
        id: l.id,
        date: l.date,
        lessonNo: l.lesson_no,
        hours: l.hours,
        topic: l.topic,
        kind: LESSON_KIND_NAMES[l.kind] ?? l.kind,
        homework: l.homework,
        individualHomework: counts.get(l.id) ?? 0,
        taughtBy: taughtByName(l, names.teacher_user_id),
      })),
      attendance: ownCells(attendance, lessonsOf.get(names.id)!),
      marks: ownCells(marks, lessonsOf.get(names.id)!),
      corrections,
    });
  }
  return pages;
}

type PageStudents = Map<number, JournalPagesData['students'][number]>;

/** The cells of these lessons (one journal's) out of those of all the journals read. */
function ownCells<T>(cells: Map<number, Map<number, T>>, lessons: ReadonlyArray<{ id: number }>) {
  return new Map(lessons.map((l) => [l.id, cells.get(l.id)!]));
}

/** An empty map of cells for each lesson. */
function cellMaps<T>(lessons: ReadonlyArray<{ id: number }>): Map<number, Map<number, T>> {
  return new Map(lessons.map((l) => [l.id, new Map<number, T>()]));
}

/** The roster as the pages list it: one line per student, from the first day to the last. */
function studentsOf(roster: readonly RosterEntry[]): PageStudents {
  const students: PageStudents = new Map();
  for (const r of roster) {
    const prior = students.get(r.studentId);
    const name = fullName({ last_name: r.lastName, first_name: r.firstName, middle_name: r.middleName });
    // Left and came back: one line from the first day to the last.
    const until =
      prior && (prior.until === null || r.untilDate === null)
        ? null
        : prior
          ? prior.until! > r.untilDate!
            ? prior.until
            : r.untilDate
          : r.untilDate;
    students.set(r.studentId, { studentId: r.studentId, name, from: prior ? prior.from : r.fromDate, until });
  }
  return students;
}

/**
 * Values corrected late, by the day of the lesson and the student's name; on the same day and student
 * the marks come first in the order of the lessons and their types of work, then the attendance.
 */
function correctionsOf(
  students: PageStudents,
  lessons: ReadonlyMap<number, { date: string; lesson_no: number }>,
  marks: Array<{ lesson_id: number; seq: number; student_id: number; value: string; corrected_on: string | null }>,
  attendance: Array<{ lesson_id: number; student_id: number; code: string; corrected_on: string | null }>,
): NonNullable<JournalPagesData['corrections']> {
  const lessonOrder = (a: { lesson_id: number }, b: { lesson_id: number }) => {
    const x = lessons.get(a.lesson_id)!;
    const y = lessons.get(b.lesson_id)!;
    return x.date.localeCompare(y.date) || x.lesson_no - y.lesson_no;
  };
  const name = (studentId: number) => students.get(studentId)?.name ?? '';
  const list = [
    ...marks
      .sort((a, b) => a.lesson_id - b.lesson_id || a.seq - b.seq)
      .map((m) => ({
        student: name(m.student_id),
        date: lessons.get(m.lesson_id)!.date,
        value: m.value,
        on: m.corrected_on!,
      })),
    ...attendance
      .sort((a, b) => lessonOrder(a, b) || a.student_id - b.student_id)
      .map((a) => ({
        student: name(a.student_id),
        date: lessons.get(a.lesson_id)!.date,
        value: a.code,
        on: a.corrected_on!,
      })),
  ];
  return list.sort((a, b) => a.date.localeCompare(b.date) || a.student.localeCompare(b.student, 'ru'));
}
