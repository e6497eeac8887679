// The subject catalogue rows, each group's subjects for its course (one journal per subject, two
// when the group is split into subgroups), and who teaches, curates and heads what.
import { DEPARTMENT_SUBJECTS, SPECIALITY_SUBJECTS } from './catalogue-college.js';
import { PROGRAMME_SUBJECTS } from './catalogue-supplementary.js';
import type { GroupM, Ids, JournalM, Settings, SubjectM, TeacherM } from './model.js';
import type { Rng } from './random.js';
import type { Structure } from './structure.js';
import { GENERAL, type SubjectDef } from './subjects.js';

export interface Catalogue {
  subjects: SubjectM[];
  byKey: Map<string, SubjectM>;
}

/** Subject rows for the departments and streams in use; one row per code × name × module. */
export function buildCatalogue(settings: Settings, ids: Ids, st: Structure): Catalogue {
  const used = new Set(st.groups.flatMap((g) => g.stream.curriculum.flat().flatMap((k) => k.split('/'))));
  const defs: SubjectDef[] =
    settings.kind === 'supplementary'
      ? PROGRAMME_SUBJECTS
      : [...GENERAL, ...DEPARTMENT_SUBJECTS, ...SPECIALITY_SUBJECTS];
  const wanted = defs.filter((d) => used.has(d.key) || defs.some((c) => c.parentKey === d.key && used.has(c.key)));
  const rows = new Map<string, SubjectM>();
  const byKey = new Map<string, SubjectM>();
  for (const def of wanted) {
    const parentId = def.parentKey ? byKey.get(def.parentKey)!.id : null;
    const identity = `${def.code}|${def.name}|${parentId ?? ''}`;
    let row = rows.get(identity);
    if (!row) {
      row = { id: ids.take('subjects'), def, parentId };
      rows.set(identity, row);
    }
    byKey.set(def.key, row);
  }
  return { subjects: [...rows.values()], byKey };
}

/** Professional subjects are taught by the department's own teachers. */
export function familyOf(subject: SubjectM, group: GroupM): string {
  return subject.def.family.startsWith('prof:') ? group.dept.def.family : subject.def.family;
}

export function buildUnits(settings: Settings, ids: Ids, rng: Rng, st: Structure, cat: Catalogue): JournalM[] {
  const journals: JournalM[] = [];
  for (const g of st.groups) {
    const members = [...new Set(g.roster.map((e) => e.student.id))];
    const keys = g.stream.curriculum[g.course - 1]!.map((k) => {
      const options = k.split('/');
      return options[(g.number - 1) % options.length]!;
    });
    // Some groups are divided into two subgroups for a foreign language and computer science.
    const split = members.length >= 14 && keys.some((k) => cat.byKey.get(k)!.def.split) && rng.chance(0.55);
    if (split) {
      const half = Math.ceil(members.length / 2);
      g.subgroups = [1, 2].map((number) => ({
        id: ids.take('subgroups'),
        number,
        members: new Set(number === 1 ? members.slice(0, half) : members.slice(half)),
      }));
    }
    if (settings.kind === 'supplementary') g.programmeSubjectId = cat.byKey.get(keys[0]!)!.id;
    for (const key of keys) {
      const subject = cat.byKey.get(key)!;
      const parts = split && subject.def.split ? g.subgroups : [null];
      const unit = { subject, weekly: subject.def.weekly, journals: [] as JournalM[] };
      for (const subgroup of parts) {
        const j: JournalM = {
          id: ids.take('journals'),
          group: g,
          subject,
          subgroup,
          teacherId: 0,
          entries: [],
          periodSlots: [0, 0],
          topics: [],
        };
        unit.journals.push(j);
        journals.push(j);
      }
      g.units.push(unit);
    }
  }
  return journals;
}

/** Weekly pairs each family teaches in the current year. */
export function demandOf(groups: GroupM[]): Map<string, number> {
  const demand = new Map<string, number>();
  for (const g of groups)
    for (const u of g.units) {
      const f = familyOf(u.subject, g);
      demand.set(f, (demand.get(f) ?? 0) + u.weekly * u.journals.length);
    }
  return demand;
}

/** Requests a unit makes of the timetable each week (a half pair is a pair every other week). */
export const requestsOf = (weekly: number) => Math.ceil(weekly);

/**
 * Teachers for every journal of one year: the least loaded teacher of the subject's family; in the
 * current year the demo teacher first takes their family's journals in the demo group and then more
 * until they teach every weekday.
 */
export function assignTeachers(
  groups: GroupM[],
  teachers: TeacherM[],
  rng: Rng,
  demo: { teacher: TeacherM; group: GroupM; target: number } | null,
): void {
  const load = new Map<number, number>(teachers.map((t) => [t.id, rng.next() * 0.01]));
  const byFamily = new Map<string, TeacherM[]>();
  for (const t of teachers) byFamily.set(t.family, [...(byFamily.get(t.family) ?? []), t]);
  const least = (pool: TeacherM[], exclude: Set<number>) =>
    pool
      .filter((t) => !exclude.has(t.id) && t !== demo?.teacher)
      .sort((a, b) => load.get(a.id)! - load.get(b.id)! || a.id - b.id)[0];
  const ordered = demo ? [demo.group, ...groups.filter((g) => g !== demo.group)] : groups;
  for (const g of ordered) {
    for (const u of g.units) {
      const family = familyOf(u.subject, g);
      const busy = new Set<number>();
      for (const j of u.journals) {
        const wantsDemo =
          demo &&
          family === demo.teacher.family &&
          !busy.has(demo.teacher.id) &&
          (g === demo.group || load.get(demo.teacher.id)! < demo.target);
        const t = wantsDemo ? demo.teacher : (least(byFamily.get(family) ?? [], busy) ?? least(teachers, busy)!);
        j.teacherId = t.id;
        busy.add(t.id);
        load.set(t.id, load.get(t.id)! + u.weekly);
      }
    }
  }
  if (!demo) return;
  // The demo teacher teaches the demo group, and with too few pairs for six weekdays takes over
  // more whole-group subjects.
  const ownsIn = (g: GroupM) => g.units.some((u) => u.journals.some((j) => j.teacherId === demo.teacher.id));
  const single = demo.group.units.find((u) => u.journals.length === 1);
  if (!ownsIn(demo.group) && single) single.journals[0]!.teacherId = demo.teacher.id;
  const mine = () =>
    groups.flatMap((g) => g.units).filter((u) => u.journals.some((j) => j.teacherId === demo.teacher.id));
  const requests = () => mine().reduce((sum, u) => sum + requestsOf(u.weekly), 0);
  const near = [...ordered].sort((a, b) => Number(a.dept !== demo.group.dept) - Number(b.dept !== demo.group.dept));
  for (const g of near) {
    for (const u of g.units) {
      if (requests() >= 7) return;
      if (u.journals.length === 1 && u.journals[0]!.teacherId !== demo.teacher.id)
        u.journals[0]!.teacherId = demo.teacher.id;
    }
  }
}

/** A curator per group: preferably someone teaching the group, one group each while there are enough. */
export function assignCurators(
  groups: GroupM[],
  teachers: TeacherM[],
  exclude: Set<number>,
  first: GroupM | null,
  already: GroupM[] = [],
): void {
  const count = new Map<number, number>(
    teachers.map((t) => [t.id, already.filter((g) => g.curatorId === t.id).length]),
  );
  const pool = teachers.filter((t) => !exclude.has(t.id));
  const ordered = first ? [first, ...groups.filter((g) => g !== first)] : groups;
  for (const g of ordered) {
    const teaching = new Set(g.units.flatMap((u) => u.journals.map((j) => j.teacherId)));
    const sameDept = (t: TeacherM) => g.units.some((u) => familyOf(u.subject, g) === t.family);
    const pick = [...pool].sort(
      (a, b) =>
        count.get(a.id)! - count.get(b.id)! ||
        Number(teaching.has(b.id)) - Number(teaching.has(a.id)) ||
        Number(sameDept(b)) - Number(sameDept(a)) ||
        a.id - b.id,
    )[0]!;
    g.curatorId = pick.id;
    count.set(pick.id, count.get(pick.id)! + 1);
  }
}
