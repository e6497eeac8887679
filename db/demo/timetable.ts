// The weekly timetable of one year and the thematic plans that fit it. Placement is greedy with a
// score: a group's pairs are spread over Mon–Sat without gaps, a subject over different days, and
// a cell is taken only when the group, every teacher of the unit and their rooms are free in that
// week parity — so there are no clashes by construction.
import type { EntryM, GroupM, Ids, JournalM, Settings, TeacherM, UnitM, YearM } from './model.js';
import { buildPlan } from './plan.js';
import type { Rng } from './random.js';

const DAYS = 6;
const SLOTS = 9; // lesson numbers 1..8 (index 0 unused)
const cell = (day: number, lesson: number) => day * SLOTS + lesson;
const PARITY = { 3: 'all', 1: 'odd', 2: 'even' } as const;

export function buildTimetable(
  settings: Settings,
  ids: Ids,
  rng: Rng,
  year: YearM,
  groups: GroupM[],
  teachers: Map<number, TeacherM>,
  demoTeacherId: number | null,
): EntryM[] {
  const college = settings.kind === 'college';
  const lessons = college ? [1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5, 6, 7, 8];
  const preferred = (day: number, lesson: number) =>
    college ? lesson <= 4 : day === 6 ? lesson <= 4 : lesson >= 3 && lesson <= 6;
  const teacherBusy = new Map<number, Uint8Array>();
  const roomBusy = new Map<string, Uint8Array>();
  const grid = (map: Map<any, Uint8Array>, key: unknown) => {
    let g = map.get(key);
    if (!g) {
      g = new Uint8Array((DAYS + 1) * SLOTS);
      map.set(key, g);
    }
    return g;
  };
  const teacherDays = (busy: Uint8Array, day: number) => {
    let n = 0;
    for (const l of lessons) if (busy[cell(day, l)]) n++;
    return n;
  };
  const entries: EntryM[] = [];
  for (const g of groups) {
    const own = new Uint8Array((DAYS + 1) * SLOTS);
    const requests: Array<{ unit: UnitM; half: boolean }> = [];
    const units = [...g.units].sort((a, b) => b.journals.length - a.journals.length || b.weekly - a.weekly);
    for (const unit of units) {
      for (let i = 0; i < Math.floor(unit.weekly); i++) requests.push({ unit, half: false });
      if (unit.weekly % 1 !== 0) requests.push({ unit, half: true });
    }
    const unitDays = new Map<UnitM, number[]>(units.map((u) => [u, new Array<number>(DAYS + 1).fill(0)]));
    for (const { unit, half } of requests) {
      const people = unit.journals.map((j) => teachers.get(j.teacherId)!);
      let best: { day: number; lesson: number; mask: number; score: number } | null = null;
      for (let day = 1; day <= DAYS; day++) {
        let used = 0;
        let firstFree = 0;
        for (const l of lessons) {
          if (own[cell(day, l)]) used++;
          else if (!firstFree) firstFree = l;
        }
        for (const lesson of lessons) {
          for (const mask of half ? [1, 2] : [3]) {
            const c = cell(day, lesson);
            if (own[c]! & mask) continue;
            if (people.some((t) => grid(teacherBusy, t.id)[c]! & mask || grid(roomBusy, t.room)[c]! & mask)) continue;
            let score = preferred(day, lesson) ? 0 : 1000;
            if (own[c] === 0) {
              score += used * 20 + (used >= 4 ? 400 : 0);
              if (college && lesson !== firstFree) score += 40;
            } else {
              score -= 25; // pair up two half-pairs (odd and even weeks) in one cell
            }
            score += unitDays.get(unit)![day]! * (college ? 60 : 300);
            for (const t of people) {
              const n = teacherDays(grid(teacherBusy, t.id), day);
              score += n * 3;
              if (t.id === demoTeacherId && n === 0) score -= 300;
            }
            if (day === 6) score += 12;
            score += rng.next() * 4;
            if (!best || score < best.score) best = { day, lesson, mask, score };
          }
        }
      }
      if (!best)
        throw new Error(`Не удалось составить расписание группы ${g.name}: у преподавателей нет свободных пар`);
      const c = cell(best.day, best.lesson);
      own[c]! |= best.mask;
      unitDays.get(unit)![best.day]!++;
      for (const j of unit.journals) {
        const t = teachers.get(j.teacherId)!;
        grid(teacherBusy, t.id)[c]! |= best.mask;
        grid(roomBusy, t.room)[c]! |= best.mask;
        const e: EntryM = {
          id: 0,
          journal: j,
          weekday: best.day,
          lessonNo: best.lesson,
          parity: PARITY[best.mask as 1 | 2 | 3],
          room: t.room,
        };
        j.entries.push(e);
        entries.push(e);
      }
    }
  }
  entries.sort(
    (a, b) =>
      a.journal.group.id - b.journal.group.id ||
      a.weekday - b.weekday ||
      a.lessonNo - b.lessonNo ||
      a.journal.id - b.journal.id,
  );
  for (const e of entries) e.id = ids.take('timetable');
  countSlots(year, entries);
  return entries;
}

/** Timetable entries of each weekday in lesson order: what the day-by-day generator walks. */
export function entriesByWeekday(entries: EntryM[]): EntryM[][] {
  const out: EntryM[][] = Array.from({ length: 8 }, () => []);
  for (const e of entries) out[e.weekday]!.push(e);
  for (const list of out)
    list.sort(
      (a, b) => a.journal.group.id - b.journal.group.id || a.lessonNo - b.lessonNo || a.journal.id - b.journal.id,
    );
  return out;
}

export const fits = (e: EntryM, parity: 1 | 2) => e.parity === 'all' || (e.parity === 'odd') === (parity === 1);

/** How many lessons each journal has in each period of the year, walking its teaching days. */
function countSlots(year: YearM, entries: EntryM[]): void {
  const byDay = entriesByWeekday(entries);
  for (const day of year.days) {
    for (const e of byDay[day.weekday]!) if (fits(e, day.parity)) e.journal.periodSlots[day.period]!++;
  }
}

/** The thematic plan of every journal: as many 2-hour topics as the timetable gives lessons. */
export function buildPlans(ids: Ids, rng: Rng, journals: JournalM[]): void {
  for (const j of journals) {
    const n = j.periodSlots.reduce((a, b) => a + b, 0);
    j.topics = buildPlan(j.subject.def, n, rng).map((item) => ({ id: ids.take('plan_topics'), ...item }));
  }
}
