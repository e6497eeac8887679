// One journal's pages for a period, read for printing: the roster (with enrolment dates), the
// lessons, attendance and marks. `loadJournalPages` is what the archive reuses for every journal.
import type { JournalPagesData } from '../../export/journal-pages.js';
import { AppError } from '../../api/errors.js';
import { LESSON_KIND_NAMES } from '../../domain/labels.js';
import { loadJournal } from '../access.js';
import { ruDate } from '../../domain/format-dates.js';
import type { Db } from '../context.js';
import { rosterBetween, subgroupMembers } from '../rosters.js';
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
  if (from > to)
    throw new AppError('bad_request', `Начало периода ${ruDate(from)} позже его конца ${ruDate(to)}`, {
      from: 'Проверьте даты',
    });
  const journal = await loadJournal(db, journalId);
  const names = await db
    .selectFrom('journals as j')
    .$call(withJournalNames)
    .select([
      'g.name as group_name',
      's.code',
      's.name as subject_name',
      'sg.number as subgroup_no',
      't.last_name',
      't.first_name',
      't.middle_name',
    ])
    .where('j.id', '=', journalId)
    .executeTakeFirstOrThrow();

  const members = await subgroupMembers(db, journal.subgroup_id);
  const roster = (await rosterBetween(db, journal.group_id, from, to)).filter(
    (r) => !members || members.has(r.studentId),
  );
  const students = new Map<number, JournalPagesData['students'][number]>();
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

  const lessons = await db
    .selectFrom('lessons as l')
    .leftJoin('users as tb', 'tb.id', 'l.taught_by')
    .select([
      'l.id',
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
    .where('l.journal_id', '=', journalId)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .orderBy('l.date')
    .orderBy('l.lesson_no')
    .execute();
  const individual = await db
    .selectFrom('homework_individual as h')
    .innerJoin('lessons as l', 'l.id', 'h.lesson_id')
    .select(['h.lesson_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('l.journal_id', '=', journalId)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .groupBy('h.lesson_id')
    .execute();
  const attendanceRows = await db
    .selectFrom('attendance as a')
    .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
    .select(['a.lesson_id', 'a.student_id', 'a.code', 'a.corrected_on', 'l.date'])
    .where('l.journal_id', '=', journalId)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .execute();
  const markRows = await db
    .selectFrom('marks as m')
    .innerJoin('work_columns as c', 'c.id', 'm.column_id')
    .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
    .select(['c.lesson_id', 'm.student_id', 'm.value', 'm.corrected_on', 'l.date'])
    .where('l.journal_id', '=', journalId)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .orderBy('c.lesson_id')
    .orderBy('c.seq')
    .execute();

  const counts = new Map(individual.map((r) => [r.lesson_id, Number(r.n)]));
  const marks = new Map<string, string[]>();
  for (const m of markRows) {
    const key = `${m.lesson_id}|${m.student_id}`;
    marks.set(key, [...(marks.get(key) ?? []), m.value]);
  }
  const subject = names.code ? `${names.code} ${names.subject_name}` : names.subject_name;
  return {
    groupName: names.subgroup_no ? `${names.group_name} (подгруппа ${names.subgroup_no})` : names.group_name,
    subjectName: subject,
    teacherName: fullName(names),
    periodTitle: periodTitle ?? `с ${ruDate(from)} по ${ruDate(to)}`,
    students: [...students.values()],
    lessons: withTaughtBy(lessons, journal.teacher_user_id).map((l) => ({
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
    attendance: new Map(attendanceRows.map((a) => [`${a.lesson_id}|${a.student_id}`, a.code])),
    marks,
    corrections: [
      ...markRows.map((m) => ({ ...m, shown: m.value })),
      ...attendanceRows.map((a) => ({ ...a, shown: a.code })),
    ]
      .filter((r) => r.corrected_on !== null)
      .map((r) => ({
        student: students.get(r.student_id)?.name ?? '',
        date: r.date,
        value: r.shown,
        on: r.corrected_on!,
      }))
      .sort((a, b) => a.date.localeCompare(b.date) || a.student.localeCompare(b.student, 'ru')),
  };
}
