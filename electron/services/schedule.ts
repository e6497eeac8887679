// The timetable unrolled into dated slots: which lesson of which journal falls on which day, with the
// dated changes (cancelled, moved, substituted and extra lessons) applied — the one place that does so.
import type { SlotChangeInfo } from '../api/contract.js';
import type { TimetableChangeKind } from '../domain/enums.js';
import type { Db } from './context.js';
import { fromDay, toDay, weekStart, weekdayOfDay } from '../domain/calendar.js';
import { shortName } from './session.js';
import { readTogether, type RowsOf } from './read-together.js';

export interface SlotChange extends SlotChangeInfo {
  id: number;
  substituteId: number | null;
}

export interface Slot {
  date: string;
  journalId: number;
  groupId: number;
  lessonNo: number;
  room: string | null;
  /** The dated change that applies here (absent: the lesson as the weekly timetable has it). */
  change?: SlotChange;
  /**
   * Not an expected lesson here: cancelled, moved away, or (for a teacher's slots) taught by a
   * substitute. Only returned when asked for (`withOff`), to be shown as such.
   */
  off?: true;
}

export interface SlotFilter {
  yearId: number;
  yearStart: string;
  from: string;
  to: string;
  /** The slots this teacher teaches (a journal's own, or as a substitute) — and, with `withOff`, gives up. */
  teacherId?: number;
  journalIds?: number[];
  /** Also the slots that are not held: cancelled, moved away, given to a substitute (marked `off`). */
  withOff?: boolean;
}

/** What a screen shows of a slot's change. */
export function changeInfo(c: SlotChange): SlotChangeInfo {
  return { kind: c.kind, reason: c.reason, substituteName: c.substituteName, from: c.from, to: c.to };
}

/** A dated change as applyChanges needs it: the row and its journal's group and teacher. */
export interface ChangeRow {
  id: number;
  kind: TimetableChangeKind;
  journal_id: number;
  group_id: number;
  teacher_user_id: number;
  date: string;
  lesson_no: number;
  new_date: string | null;
  new_lesson_no: number | null;
  room: string | null;
  substitute_user_id: number | null;
  substitute_name: string | null;
  reason: string | null;
}

export async function scheduledSlots(db: Db, filter: SlotFilter): Promise<Slot[]> {
  if (filter.journalIds?.length === 0) return [];
  return slotsOf(await readTogether(db, slotReads(db, filter)), filter);
}

/** The reads scheduledSlots makes, to be sent with others (readTogether); slotsOf makes the slots of their rows. */
export function slotReads(db: Db, filter: SlotFilter) {
  const { from, to, yearId } = filter;
  // A substitute's slots come from journals not their own: those with a substitution of theirs in the range.
  const substituted = (teacherId: number) =>
    db
      .selectFrom('timetable_changes')
      .select('journal_id')
      .where('year_id', '=', yearId)
      .where('substitute_user_id', '=', teacherId)
      .where('date', '>=', from)
      .where('date', '<=', to);
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
      'j.teacher_user_id',
    ])
    .where('t.year_id', '=', yearId)
    .where('t.valid_from', '<=', to)
    .where((eb) => eb.or([eb('t.valid_to', 'is', null), eb('t.valid_to', '>=', from)]));
  let changes = yearChanges(db, yearId).where((eb) =>
    eb.or([
      eb.and([eb('c.date', '>=', from), eb('c.date', '<=', to)]),
      eb.and([eb('c.new_date', '>=', from), eb('c.new_date', '<=', to)]),
    ]),
  );
  const teacherId = filter.teacherId;
  if (teacherId !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('j.teacher_user_id', '=', teacherId), eb('t.journal_id', 'in', substituted(teacherId))]),
    );
    changes = changes.where((eb) =>
      eb.or([eb('j.teacher_user_id', '=', teacherId), eb('c.journal_id', 'in', substituted(teacherId))]),
    );
  }
  if (filter.journalIds) {
    // No journal: no slot (an empty IN list is not SQL).
    const ids = filter.journalIds.length > 0 ? filter.journalIds : [0];
    query = query.where('t.journal_id', 'in', ids);
    changes = changes.where('c.journal_id', 'in', ids);
  }
  return {
    entries: query,
    holidays: db.selectFrom('holidays').select('date').where('date', '>=', from).where('date', '<=', to),
    changes,
  };
}

export type SlotRows = RowsOf<ReturnType<typeof slotReads>>;

export function slotsOf(rows: SlotRows, filter: SlotFilter): Slot[] {
  const { entries, holidays: holidayRows, changes: changeRows } = rows;
  const holidays = new Set(holidayRows.map((h) => h.date));
  const slots = applyChanges(unrollTimetable(entries, holidays, filter), changeRows.map(changeRow), holidays, {
    ...filter,
    teachers: new Map(entries.map((e) => [e.journal_id, e.teacher_user_id])),
  });
  return filter.withOff ? slots : slots.filter((s) => !s.off);
}

/** A year's dated changes in the order they were made, with what applyChanges needs; narrowed by the caller. */
export function yearChanges(db: Db, yearId: number) {
  return db
    .selectFrom('timetable_changes as c')
    .innerJoin('journals as j', 'j.id', 'c.journal_id')
    .leftJoin('users as u', 'u.id', 'c.substitute_user_id')
    .select([
      'c.id',
      'c.kind',
      'c.journal_id',
      'j.group_id',
      'j.teacher_user_id',
      'c.date',
      'c.lesson_no',
      'c.new_date',
      'c.new_lesson_no',
      'c.room',
      'c.substitute_user_id',
      'c.reason',
      'u.last_name',
      'u.first_name',
      'u.middle_name',
    ])
    .where('c.year_id', '=', yearId)
    .orderBy('c.id');
}

type YearChangeRow = Awaited<ReturnType<ReturnType<typeof yearChanges>['execute']>>[number];

export function changeRow(r: YearChangeRow): ChangeRow {
  const { last_name, first_name, middle_name, ...rest } = r;
  const named = last_name !== null && first_name !== null;
  return { ...rest, substitute_name: named ? shortName({ last_name, first_name, middle_name }) : null };
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

const slotKey = (date: string, lessonNo: number, journalId: number) => `${date}|${lessonNo}|${journalId}`;

/**
 * The slots with the dated changes applied in the order they were made (a later change may act on the
 * place an earlier one made): a cancelled lesson and the old place of a moved one are marked `off`, a
 * moved lesson appears at its new place, an extra lesson is added, a substitution is noted. With a
 * teacher, only the slots they teach or give up to a substitute (`off`). Includes the `off` slots.
 */
export function applyChanges(
  slots: Slot[],
  changes: readonly ChangeRow[],
  holidays: ReadonlySet<string>,
  range: { from: string; to: string; teacherId?: number; teachers?: ReadonlyMap<number, number> },
): Slot[] {
  if (changes.length === 0 && range.teacherId === undefined) return slots;
  const live = new Map<string, Slot>();
  for (const s of slots) live.set(slotKey(s.date, s.lessonNo, s.journalId), s);
  const teachers = new Map(range.teachers);
  const out = [...slots];
  const add = (c: ChangeRow, date: string, lessonNo: number, change: SlotChange) => {
    if (date < range.from || date > range.to || holidays.has(date)) return;
    const slot: Slot = { date, journalId: c.journal_id, groupId: c.group_id, lessonNo, room: c.room, change };
    out.push(slot);
    live.set(slotKey(date, lessonNo, c.journal_id), slot);
  };
  for (const c of [...changes].sort((a, b) => a.id - b.id)) {
    teachers.set(c.journal_id, c.teacher_user_id);
    const key = slotKey(c.date, c.lesson_no, c.journal_id);
    const slot = live.get(key);
    const change: SlotChange = {
      id: c.id,
      kind: c.kind,
      reason: c.reason,
      substituteId: c.substitute_user_id,
      substituteName: c.substitute_name,
      from: null,
      to: null,
    };
    if (c.kind === 'extra') {
      add(c, c.date, c.lesson_no, change);
    } else if (c.kind === 'substitute') {
      if (slot) {
        slot.change = change;
        if (c.room !== null) slot.room = c.room;
      }
    } else {
      const to = c.kind === 'move' ? { date: c.new_date!, lessonNo: c.new_lesson_no! } : null;
      if (slot) {
        slot.change = { ...change, to };
        slot.off = true;
        live.delete(key);
      }
      if (to) add(c, to.date, to.lessonNo, { ...change, from: { date: c.date, lessonNo: c.lesson_no } });
    }
  }
  let result = out;
  const teacherId = range.teacherId;
  if (teacherId !== undefined) {
    result = [];
    for (const s of out) {
      const own = teachers.get(s.journalId) === teacherId;
      const substitute = s.change?.kind === 'substitute' ? s.change.substituteId : null;
      if (substitute === teacherId) result.push(s);
      else if (own) result.push(substitute === null ? s : { ...s, off: true });
    }
  }
  return result.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.lessonNo - b.lessonNo));
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
