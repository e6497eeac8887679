// The timetable unrolled into dated slots: which lesson of which journal falls on which day.
import type { Db } from './context.js';
import { eachDay, parityOf, weekday } from '../domain/calendar.js';

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
  let query = db.selectFrom('timetable as t')
    .innerJoin('journals as j', 'j.id', 't.journal_id')
    .select(['t.journal_id', 't.group_id', 't.weekday', 't.lesson_no', 't.room', 't.week_parity', 't.valid_from', 't.valid_to'])
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
  const byWeekday = new Map<number, typeof entries>();
  for (const e of entries) byWeekday.set(e.weekday, [...(byWeekday.get(e.weekday) ?? []), e]);
  const holidays = new Set(holidayRows.map((h) => h.date));
  const slots: Slot[] = [];
  for (const date of eachDay(filter.from, filter.to)) {
    if (holidays.has(date)) continue;
    const parity = parityOf(filter.yearStart, date);
    for (const e of byWeekday.get(weekday(date)) ?? []) {
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
