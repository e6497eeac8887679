// A group's roster on a day is computed from the enrolment orders: [from_date, until_date).
import type { Db } from './context.js';

export interface RosterEntry {
  studentId: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  fromDate: string;
  untilDate: string | null;
}

/** Everyone enrolled in the group at any time in [from, to], with their dates, ordered by name. */
export async function rosterBetween(db: Db, groupId: number, from: string, to: string): Promise<RosterEntry[]> {
  const rows = await db
    .selectFrom('enrolments as e')
    .innerJoin('students as s', 's.id', 'e.student_id')
    .select(['s.id', 's.last_name', 's.first_name', 's.middle_name', 'e.from_date', 'e.until_date'])
    .where('e.group_id', '=', groupId)
    .where('e.from_date', '<=', to)
    .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', from)]))
    .orderBy('s.last_name')
    .orderBy('s.first_name')
    .orderBy('s.middle_name')
    .orderBy('e.from_date')
    .execute();
  return rows.map((r) => ({
    studentId: r.id,
    lastName: r.last_name,
    firstName: r.first_name,
    middleName: r.middle_name,
    fromDate: r.from_date,
    untilDate: r.until_date,
  }));
}

export async function rosterOn(db: Db, groupId: number, date: string): Promise<RosterEntry[]> {
  return rosterBetween(db, groupId, date, date);
}

/** Whether a student was on the group's roster on the date. */
export async function onRoster(db: Db, groupId: number, studentId: number, date: string): Promise<boolean> {
  const row = await db
    .selectFrom('enrolments')
    .select('id')
    .where('group_id', '=', groupId)
    .where('student_id', '=', studentId)
    .where('from_date', '<=', date)
    .where((eb) => eb.or([eb('until_date', 'is', null), eb('until_date', '>', date)]))
    .executeTakeFirst();
  return Boolean(row);
}

export function enrolledOn(entries: Array<{ fromDate: string; untilDate: string | null }>, date: string): boolean {
  return entries.some((e) => e.fromDate <= date && (e.untilDate === null || date < e.untilDate));
}

/** Students of a subgroup (for a subgroup journal); null means the whole group. */
export async function subgroupMembers(db: Db, subgroupId: number | null): Promise<Set<number> | null> {
  if (subgroupId === null) return null;
  const rows = await db
    .selectFrom('subgroup_students')
    .select('student_id')
    .where('subgroup_id', '=', subgroupId)
    .execute();
  return new Set(rows.map((r) => r.student_id));
}
