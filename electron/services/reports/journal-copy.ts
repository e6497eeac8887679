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
import { withTaughtBy } from '../journal/page-rows.js';

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
  // In the order of the pages (lesson by lesson): the order corrections of the same day and student keep.
  const attendanceRows = await db
    .selectFrom('attendance as a')
    .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
    .select(['l.journal_id', 'a.lesson_id', 'a.student_id', 'a.code', 'a.corrected_on', 'l.date'])
    .where('l.journal_id', 'in', ids)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .orderBy('l.date')
    .orderBy('l.lesson_no')
    .orderBy('a.student_id')
    .execute();
  const markRows = await db
    .selectFrom('marks as m')
    .innerJoin('work_columns as c', 'c.id', 'm.column_id')
    .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
    .select(['l.journal_id', 'c.lesson_id', 'm.student_id', 'm.value', 'm.corrected_on', 'l.date'])
    .where('l.journal_id', 'in', ids)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .orderBy('c.lesson_id')
    .orderBy('c.seq')
    .execute();

  const counts = new Map(individual.map((r) => [r.lesson_id, Number(r.n)]));
  const byJournal = <T extends { journal_id: number }>(rows: T[]) => {
    const out = new Map<number, T[]>(ids.map((id) => [id, []]));
    for (const r of rows) out.get(r.journal_id)?.push(r);
    return out;
  };
  const lessonsOf = byJournal(lessons);
  const attendanceOf = byJournal(attendanceRows);
  const marksOf = byJournal(markRows);
  for (const names of journals) {
    const roster = rosters.get(names.group_id)!;
    const subgroup = names.subgroup_id === null ? null : members.get(names.subgroup_id)!;
    const students = studentsOf(subgroup ? roster.filter((r) => subgroup.has(r.studentId)) : roster);
    const attendance = new Map<string, string>();
    for (const a of attendanceOf.get(names.id)!) attendance.set(`${a.lesson_id}|${a.student_id}`, a.code);
    const marks = new Map<string, string[]>();
    for (const m of marksOf.get(names.id)!) {
      const key = `${m.lesson_id}|${m.student_id}`;
      const cell = marks.get(key);
      if (cell) cell.push(m.value);
      else marks.set(key, [m.value]);
    }
    const corrections: NonNullable<JournalPagesData['corrections']> = [];
    for (const m of marksOf.get(names.id)!)
      if (m.corrected_on !== null) corrections.push(correction(students, m, m.value, m.corrected_on));
    for (const a of attendanceOf.get(names.id)!)
      if (a.corrected_on !== null) corrections.push(correction(students, a, a.code, a.corrected_on));
    corrections.sort((a, b) => a.date.localeCompare(b.date) || a.student.localeCompare(b.student, 'ru'));
    const subject = names.code ? `${names.code} ${names.subject_name}` : names.subject_name;
    pages.set(names.id, {
      groupName: names.subgroup_no ? `${names.group_name} (подгруппа ${names.subgroup_no})` : names.group_name,
      subjectName: subject,
      teacherName: fullName(names),
      periodTitle: periodTitle ?? `с ${ruDate(from)} по ${ruDate(to)}`,
      students: [...students.values()],
      lessons: withTaughtBy(lessonsOf.get(names.id)!, names.teacher_user_id).map((l) => ({
        id: l.id,
        date: l.date,
        lessonNo: l.lesson_no,
        hours: l.hours,
        topic: l.topic,
        kind: LESSON_KIND_NAMES[l.kind] ?? l.kind,
        homework: l.homework,
        individualHomework: counts.get(l.id) ?? 0,
        taughtBy: l.taught_by_name,
      })),
      attendance,
      marks,
      corrections,
    });
  }
  return pages;
}

type PageStudents = Map<number, JournalPagesData['students'][number]>;

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

function correction(
  students: PageStudents,
  row: { student_id: number; date: string },
  value: string,
  on: string,
): NonNullable<JournalPagesData['corrections']>[number] {
  return { student: students.get(row.student_id)?.name ?? '', date: row.date, value, on };
}
