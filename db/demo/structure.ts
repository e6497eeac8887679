// Years, periods, departments and groups. The current year's groups are laid out first — by
// speciality, course and number, spread so that even a few groups cover several courses — and the
// previous year gets the same cohorts one course lower plus the cohorts that graduated.
import { COLLEGE_DEPARTMENTS, COLLEGE_STREAMS, type StreamDef } from './catalogue-college.js';
import { CENTRE_DEPARTMENTS, CENTRE_STREAMS } from './catalogue-supplementary.js';
import { buildYear, type DeptM, type GroupM, type Ids, type Settings, type YearM } from './model.js';
import type { Rng } from './random.js';

export interface Structure {
  previousYear: YearM;
  currentYear: YearM;
  depts: DeptM[];
  /** Previous year's groups first (their ids are lower: current groups point back to them). */
  groups: GroupM[];
  /** Planned roster size of each group at the start of its year. */
  sizes: Map<GroupM, number>;
}

const COURSE_ORDER = [2, 1, 3, 4];

export function buildStructure(settings: Settings, ids: Ids, rng: Rng): Structure {
  const supplementary = settings.kind === 'supplementary';
  const startYear = Number(settings.today.slice(0, 4)) - (Number(settings.today.slice(5, 7)) >= 9 ? 0 : 1);
  const previousYear = buildYear(ids.take('academic_years'), startYear - 1, settings.today, false, supplementary);
  const currentYear = buildYear(ids.take('academic_years'), startYear, settings.today, true, supplementary);
  for (const y of [previousYear, currentYear]) for (const p of y.periods) p.id = ids.take('periods');

  const deptDefs = (supplementary ? CENTRE_DEPARTMENTS : COLLEGE_DEPARTMENTS).slice(0, settings.departments);
  const depts: DeptM[] = deptDefs.map((def) => ({ id: ids.take('departments'), def, headId: 0 }));
  const streams = (supplementary ? CENTRE_STREAMS : COLLEGE_STREAMS).filter((s) => s.dept < depts.length);

  // The current year's layout: number → speciality rank → course → department, until enough groups.
  const byDept = depts.map((_, d) => streams.filter((s) => s.dept === d));
  const maxRank = Math.max(...byDept.map((l) => l.length));
  const layout: Array<{ stream: StreamDef; course: number; number: number }> = [];
  outer: for (let number = 1; ; number++) {
    for (let rank = 0; rank < maxRank; rank++) {
      for (const course of COURSE_ORDER) {
        for (const list of byDept) {
          const stream = list[rank];
          if (!stream || course > stream.courses) continue;
          layout.push({ stream, course, number });
          if (layout.length >= settings.groups) break outer;
        }
      }
    }
  }

  const order = (a: { stream: StreamDef; course: number; number: number }, b: typeof a) =>
    streams.indexOf(a.stream) - streams.indexOf(b.stream) || a.course - b.course || a.number - b.number;
  // The previous year: each continuing cohort one course lower, and the cohorts that graduated.
  const prevLayout = [
    ...layout.filter((g) => g.course >= 2).map((g) => ({ ...g, course: g.course - 1 })),
    ...layout.filter((g) => g.course === g.stream.courses).map((g) => ({ ...g })),
  ].sort(order);
  layout.sort(order);

  const make = (
    year: YearM,
    g: { stream: StreamDef; course: number; number: number },
    previous: GroupM | null,
  ): GroupM => ({
    id: ids.take('groups'),
    year,
    name: '',
    course: g.course,
    number: g.number,
    dept: depts[g.stream.dept]!,
    stream: g.stream,
    curatorId: 0,
    previous,
    programmeSubjectId: null,
    roster: [],
    subgroups: [],
    units: [],
  });
  const previous = prevLayout.map((g) => make(previousYear, g, null));
  const current = layout.map((g) =>
    make(
      currentYear,
      g,
      previous.find((p) => p.stream === g.stream && p.number === g.number && p.course === g.course - 1) ?? null,
    ),
  );
  for (const list of [previous, current]) nameGroups(list, supplementary);

  // Roster sizes: the first course is the largest; the sum over the current year is exact.
  const weights = current.map(
    (g) => 1 + (g.course === 1 ? 0.12 : 0) - (g.course >= 4 ? 0.08 : 0) + (rng.next() - 0.5) * 0.2,
  );
  const sizes = new Map<GroupM, number>();
  const total = weights.reduce((a, b) => a + b, 0);
  let given = 0;
  current.forEach((g, i) => {
    const size =
      i === current.length - 1 ? settings.students - given : Math.round((settings.students * weights[i]!) / total);
    sizes.set(g, Math.max(1, size));
    given += size;
  });
  for (const g of previous) {
    const successor = current.find((c) => c.previous === g);
    const twin = current.find((c) => c.stream === g.stream && c.number === g.number && c.course === g.course);
    // A graduating cohort is about the size of the group with its name this year.
    sizes.set(g, successor ? sizes.get(successor)! : Math.max(1, sizes.get(twin!)! + rng.int(-2, 2)));
  }
  return { previousYear, currentYear, depts, groups: [...previous, ...current], sizes };
}

function nameGroups(groups: GroupM[], supplementary: boolean): void {
  if (!supplementary) {
    for (const g of groups) g.name = `${g.stream.abbr}-${g.course}${g.number}`;
    return;
  }
  // «Робототехника, гр. 2»: groups of one programme numbered by year of study, then by number.
  const seen = new Map<string, number>();
  for (const g of groups) {
    const k = (seen.get(g.stream.key) ?? 0) + 1;
    seen.set(g.stream.key, k);
    g.name = `${g.stream.abbr}, гр. ${k}`;
  }
}
