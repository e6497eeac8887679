// The timetable unrolled into dated slots: which lesson of which journal falls on which day.
import type { Db } from './context.js';
import { fromDay, toDay, weekStart, weekdayOfDay } from '../domain/calendar.js';

export interface Slot {
  date: string;
  journalId: number;
  groupId: number;
  lessonNo: number;
  room: string | null;
}

export interface SlotFilter {
  yearId: number;
  yearStart: string;
  from: string;
  to: string;
  teacherId?: number;
  journalIds?: number[];
}

export async function scheduledSlots(db: Db, filter: SlotFilter): Promise<Slot[]> {
  let query = db
    .selectFrom('timetable as t')
    .innerJoin('journals as j', 'j.id', 't.journal_id')
    .select([
      't.journal_id',
      't.group_id',
      't.weekday',
      't.lesson_no',
      't.room',
      't.week_parity',
      't.valid_from',
      't.valid_to',
    ])
    .where('t.year_id', '=', filter.yearId)
    .where('t.valid_from', '<=', filter.to)
    .where((eb) => eb.or([eb('t.valid_to', 'is', null), eb('t.valid_to', '>=', filter.from)]));
  if (filter.teacherId !== undefined) query = query.where('j.teacher_user_id', '=', filter.teacherId);
  if (filter.journalIds) {
    if (filter.journalIds.length === 0) return [];
    query = query.where('t.journal_id', 'in', filter.journalIds);
  }
  // The two reads are independent: sent together (on PostgreSQL, one round trip instead of two).
  const [entries, holidayRows] = await Promise.all([
    query.execute(),
    db.selectFrom('holidays').select('date').where('date', '>=', filter.from).where('date', '<=', filter.to).execute(),
  ]);
  return unrollTimetable(entries, new Set(holidayRows.map((h) => h.date)), filter);
}

/** A timetable row as unrollTimetable needs it. */
export interface TimetableEntry {
  journal_id: number;
  group_id: number;
  weekday: number;
  lesson_no: number;
  room: string | null;
  week_parity: string;
  valid_from: string;
  valid_to: string | null;
}

/**
 * The entries' dated slots from `from` to `to` (no slot on a holiday, only in the entry's weeks and
 * validity), by date and lesson number; equal ones keep the entries' order.
 */
export function unrollTimetable(
  entries: readonly TimetableEntry[],
  holidays: ReadonlySet<string>,
  range: Pick<SlotFilter, 'yearStart' | 'from' | 'to'>,
): Slot[] {
  const byWeekday = new Map<number, TimetableEntry[]>();
  for (const e of entries) {
    const list = byWeekday.get(e.weekday);
    if (list) list.push(e);
    else byWeekday.set(e.weekday, [e]);
  }
  const slots: Slot[] = [];
  // Day numbers rather than dates: parityOf and weekday per day were most of the time of a week's slots.
  const firstWeek = toDay(weekStart(range.yearStart));
  for (let day = toDay(range.from), end = toDay(range.to); day <= end; day++) {
    const date = fromDay(day);
    if (holidays.has(date)) continue;
    const dow = weekdayOfDay(day);
    const parity = (Math.floor((day - (dow - 1) - firstWeek) / 7) + 1) % 2 === 1 ? 'odd' : 'even';
    for (const e of byWeekday.get(dow) ?? []) {
      if (e.valid_from > date || (e.valid_to !== null && e.valid_to < date)) continue;
      if (e.week_parity !== 'all' && e.week_parity !== parity) continue;
      slots.push({ date, journalId: e.journal_id, groupId: e.group_id, lessonNo: e.lesson_no, room: e.room });
    }
  }
  // Plain comparison: ISO dates sort as strings, and localeCompare (ICU) made a college's year of
  // slots take a quarter of a second to sort.
  return slots.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.lessonNo - b.lessonNo));
}

/** The open year that holds the date, or else the latest year. */
export async function currentYear(db: Db, today: string) {
  const years = await db.selectFrom('academic_years').selectAll().orderBy('starts_on', 'desc').execute();
  return years.find((y) => y.starts_on <= today && today <= y.ends_on) ?? years[0] ?? null;
}

export async function currentPeriod(db: Db, yearId: number, today: string) {
  const periods = await db.selectFrom('periods').selectAll().where('year_id', '=', yearId).orderBy('seq').execute();
  return periods.find((p) => p.starts_on <= today && today <= p.ends_on) ?? null;
}
