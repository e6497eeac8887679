// The family page's week: the timetable's slots of the student's journals on the days they were on
// the group's roster, and the lessons actually held, merged by journal × date × lesson number — with
// the topic, homework, the student's own task, marks and attendance of each held lesson.
import type { FamilyLesson, FamilyPage } from '../../api/contract.js';
import { eachDay, weekday } from '../../domain/calendar.js';
import {
  applyChanges,
  changeInfo,
  unrollTimetable,
  type ChangeRow,
  type Slot,
  type TimetableEntry,
} from '../schedule.js';
import type { Catalogue, JournalLabel } from './family-catalogue.js';
import type { StudentData, StudentLessons } from './family-data.js';

interface WeekInput {
  week: FamilyPage['week'];
  year: { starts_on: string };
  journals: Map<number, JournalLabel>;
  /** The year's timetable by journal (the catalogue's). */
  timetable: Map<number, TimetableEntry[]>;
  /** The year's dated timetable changes (the catalogue's). */
  changes: readonly ChangeRow[];
  catalogue: Catalogue;
  enrolments: StudentData['enrolments'];
  lessons: StudentLessons;
  /** Marks held back from this caller until their column's release date. */
  hidden: (releaseOn: string | null) => boolean;
}

interface Key {
  journalId: number;
  date: string;
  lessonNo: number;
  room: string | null;
  change?: Slot['change'];
}

export function weekDays(input: WeekInput): FamilyPage['week']['days'] {
  const { week, journals, lessons } = input;
  const onRoster = (groupId: number, date: string) =>
    input.enrolments.some(
      (e) => e.group_id === groupId && e.from_date <= date && (e.until_date === null || date < e.until_date),
    );
  // The journals' entries in id order of journal, each journal's in id order: as the timetable was read before.
  const entries: TimetableEntry[] = [];
  for (const id of [...journals.keys()].sort((a, b) => a - b)) {
    for (const e of input.timetable.get(id) ?? []) {
      if (e.valid_from <= week.to && (e.valid_to === null || e.valid_to >= week.from)) entries.push(e);
    }
  }
  const range = { yearStart: input.year.starts_on, from: week.from, to: week.to };
  // The changes of the student's journals: cancelled and moved lessons shown as such, extra ones added.
  const slots = applyChanges(
    unrollTimetable(entries, input.catalogue.holidays, range),
    input.changes.filter((c) => journals.has(c.journal_id)),
    input.catalogue.holidays,
    range,
  );
  const keys = new Map<string, Key>();
  for (const s of slots) {
    if (onRoster(s.groupId, s.date)) {
      const key: Key = { journalId: s.journalId, date: s.date, lessonNo: s.lessonNo, room: s.room };
      if (s.change) key.change = s.change;
      keys.set(`${s.date}|${s.lessonNo}|${s.journalId}`, key);
    }
  }
  const held = new Map<string, StudentLessons['week'][number]>();
  for (const l of lessons.week) {
    const k = `${l.date}|${l.lesson_no}|${l.journal_id}`;
    held.set(k, l);
    if (!keys.has(k)) keys.set(k, { journalId: l.journal_id, date: l.date, lessonNo: l.lesson_no, room: null });
  }
  const byDate = new Map<string, Array<[string, Key]>>();
  for (const entry of keys) {
    const list = byDate.get(entry[1].date);
    if (list) list.push(entry);
    else byDate.set(entry[1].date, [entry]);
  }
  const marks = groupBy(lessons.marks, (m) => m.lesson_id);
  const attendance = new Map(lessons.attendance.map((a) => [a.lesson_id, a]));
  const days: FamilyPage['week']['days'] = [];
  for (const date of eachDay(week.from, week.to)) {
    const day: FamilyLesson[] = [];
    for (const [k, key] of (byDate.get(date) ?? []).sort((a, b) => a[1].lessonNo - b[1].lessonNo)) {
      const j = journals.get(key.journalId)!;
      const l = held.get(k);
      const a = l ? attendance.get(l.id) : undefined;
      day.push({
        journalId: key.journalId,
        lessonNo: key.lessonNo,
        time: input.catalogue.bells.get(key.lessonNo) ?? null,
        subject: j.subject,
        teacher: j.teacher,
        room: key.room,
        held: Boolean(l),
        topic: l?.topic || null,
        homework: l?.homework ?? null,
        individualHomework: l ? (l.individual ?? null) : null,
        marks: l
          ? (marks.get(l.id) ?? [])
              .filter((m) => !input.hidden(m.release_on))
              .map((m) => ({ title: m.title, value: m.value, weight: Number(m.weight) }))
          : [],
        attendance: a ? { code: a.code, lateMinutes: a.late_minutes, reason: a.reason } : null,
        ...(key.change ? { change: changeInfo(key.change) } : {}),
      });
    }
    if (weekday(date) <= 6) days.push({ date, lessons: day });
  }
  return days;
}

export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
