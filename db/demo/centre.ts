// A centre's child in several объединения cannot be in two places at once: once the timetable is
// known, a second or third объединение whose hours meet one of the child's others moves to one of
// another programme that fits the child's age and hours, or is given up.
import type { EntryM, GroupM, YearM } from './model.js';
import { byName } from './names.js';
import type { Rng } from './random.js';
import { ageFits, type People } from './students.js';

type Slot = { weekday: number; lessonNo: number; parity: EntryM['parity'] };

const meet = (a: Slot, b: Slot) =>
  a.weekday === b.weekday &&
  a.lessonNo === b.lessonNo &&
  (a.parity === 'all' || b.parity === 'all' || a.parity === b.parity);

export function separateClashes(people: People, entries: EntryM[], year: YearM, rng: Rng): void {
  const slots = new Map<GroupM, Slot[]>();
  for (const e of entries) slots.set(e.journal.group, [...(slots.get(e.journal.group) ?? []), e]);
  const clash = (g: GroupM, others: GroupM[]) =>
    (slots.get(g) ?? []).some((a) => others.some((o) => (slots.get(o) ?? []).some((b) => meet(a, b))));
  const groups = [...slots.keys()].filter((g) => g.year === year);
  const byStudent = new Map<number, typeof people.enrolments>();
  for (const e of people.enrolments)
    if (e.group.year === year) byStudent.set(e.student.id, [...(byStudent.get(e.student.id) ?? []), e]);
  const dropped = new Set<(typeof people.enrolments)[number]>();
  for (const list of byStudent.values()) {
    const kept = list.filter((e) => !people.extra.has(e)).map((e) => e.group);
    for (const e of list.filter((x) => people.extra.has(x))) {
      if (clash(e.group, kept)) {
        // Not a programme the child already attends (nor one of their later extras, checked in turn).
        const streams = new Set(list.filter((x) => x !== e).map((x) => x.group.stream));
        const free = groups.filter((g) => !streams.has(g.stream) && ageFits(e.student, g, year) && !clash(g, kept));
        const demo = e.student === people.demoStudent;
        if (free.length > 0) {
          e.group.roster.splice(e.group.roster.indexOf(e), 1);
          e.group = rng.pick(free);
          e.group.roster.push(e);
        } else if (!demo) {
          e.group.roster.splice(e.group.roster.indexOf(e), 1);
          dropped.add(e);
          continue;
        }
      }
      kept.push(e.group);
    }
  }
  people.enrolments.splice(0, people.enrolments.length, ...people.enrolments.filter((e) => !dropped.has(e)));
  for (const g of groups) g.roster.sort((a, b) => byName(a.student, b.student) || a.student.id - b.student.id);
}
