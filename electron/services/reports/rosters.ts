// Who was on a journal's roster on a day, for many journals and days at once: the groups' enrolments
// and the subgroups' members are read once, then answered from memory.
import type { Db } from '../context.js';
import { fullName } from '../session.js';

export interface RosterStudent {
  studentId: number;
  name: string;
  from: string;
  until: string | null;
}

export interface Rosters {
  /** Everyone enrolled in the group at any time in the range, ordered by name (one entry per student). */
  students(groupId: number, subgroupId: number | null): RosterStudent[];
  /** Students of the journal's roster on the date (the subgroup's, for a subgroup journal). */
  on(groupId: number, subgroupId: number | null, date: string): number[];
}

export async function loadRosters(db: Db, yearId: number, from: string, to: string): Promise<Rosters> {
  const rows = await db
    .selectFrom('enrolments as e')
    .innerJoin('groups as g', 'g.id', 'e.group_id')
    .innerJoin('students as s', 's.id', 'e.student_id')
    .select([
      'e.group_id',
      'e.student_id',
      'e.from_date',
      'e.until_date',
      's.last_name',
      's.first_name',
      's.middle_name',
    ])
    .where('g.year_id', '=', yearId)
    .where('e.from_date', '<=', to)
    .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', from)]))
    .execute();
  const members = await db
    .selectFrom('subgroup_students as m')
    .innerJoin('subgroups as sg', 'sg.id', 'm.subgroup_id')
    .innerJoin('groups as g', 'g.id', 'sg.group_id')
    .select(['m.subgroup_id', 'm.student_id'])
    .where('g.year_id', '=', yearId)
    .execute();
  const bySubgroup = new Map<number, Set<number>>();
  for (const m of members) {
    const set = bySubgroup.get(m.subgroup_id) ?? new Set<number>();
    set.add(m.student_id);
    bySubgroup.set(m.subgroup_id, set);
  }
  const byGroup = new Map<number, Array<{ studentId: number; name: string; from: string; until: string | null }>>();
  for (const r of rows) {
    const list = byGroup.get(r.group_id) ?? [];
    list.push({ studentId: r.student_id, name: fullName(r), from: r.from_date, until: r.until_date });
    byGroup.set(r.group_id, list);
  }
  for (const list of byGroup.values())
    list.sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.from.localeCompare(b.from));
  const cache = new Map<string, number[]>();
  const inSubgroup = (subgroupId: number | null, studentId: number) =>
    subgroupId === null || (bySubgroup.get(subgroupId)?.has(studentId) ?? false);
  return {
    students(groupId, subgroupId) {
      const seen = new Map<number, RosterStudent>();
      for (const e of byGroup.get(groupId) ?? []) {
        if (!inSubgroup(subgroupId, e.studentId)) continue;
        const prior = seen.get(e.studentId);
        // Two enrolments in one group (left and came back): one line spanning both.
        if (prior)
          seen.set(e.studentId, {
            ...prior,
            until: prior.until === null || e.until === null ? null : prior.until > e.until ? prior.until : e.until,
          });
        else seen.set(e.studentId, { ...e });
      }
      return [...seen.values()];
    },
    on(groupId, subgroupId, date) {
      const key = `${groupId}|${subgroupId ?? 0}|${date}`;
      let ids = cache.get(key);
      if (!ids) {
        ids = [];
        for (const e of byGroup.get(groupId) ?? []) {
          if (e.from <= date && (e.until === null || date < e.until) && inSubgroup(subgroupId, e.studentId))
            ids.push(e.studentId);
        }
        cache.set(key, ids);
      }
      return ids;
    },
  };
}
