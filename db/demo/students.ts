// Students, their guardians and enrolments. A current group's cohort sat in its previous-year group
// the whole last year (except a few who transferred in mid-year or came from another school); a few
// are withdrawn or move to a parallel group this year; last year's final courses graduated.
import type { Insertable } from 'kysely';
import type { GuardianTable } from '../schema.js';
import { addDays, weekday } from '../../electron/domain/calendar.js';
import { translit } from '../../electron/domain/translit.js';
import {
  address,
  byName,
  feminine,
  fullName,
  patronymic,
  personName,
  phone,
  pickAdultFirst,
  pickFather,
  pickSurname,
  type Sex,
} from './names.js';
import { orderNo, type EnrolM, type GroupM, type Ids, type Settings, type StudentM, type YearM } from './model.js';
import type { Rng } from './random.js';
import type { Structure } from './structure.js';

export interface People {
  students: StudentM[];
  enrolments: EnrolM[];
  guardians: Array<Insertable<GuardianTable> & { id: number }>;
  /** The demo student's group (current year) and the student. */
  demoGroup: GroupM;
  demoStudent: StudentM;
  /** The demo student's mother: the `parent` user's guardian row. */
  demoGuardianId: number;
  /** A centre's enrolments in a second or third объединение (the child's others by their own orders). */
  extra: Set<EnrolM>;
}

const MALE_SHARE: Record<string, number> = { energy: 0.85, em: 0.85, it: 0.75, econ: 0.2 };

export function buildStudents(settings: Settings, ids: Ids, rng: Rng, st: Structure): People {
  const supplementary = settings.kind === 'supplementary';
  const suffix = supplementary ? 'д' : 'к';
  const { previousYear: prevY, currentYear: curY } = st;
  const current = st.groups.filter((g) => g.year === curY);
  const previous = st.groups.filter((g) => g.year === prevY);
  const students: StudentM[] = [];
  const enrolments: EnrolM[] = [];
  const fileSeq = new Map<number, number>();
  const at = (y: YearM, md: string) => `${y.startYear}-${md}`;
  const order = (date: string) => ({ no: orderNo(date, suffix), date });
  const admission = (y: YearM) => order(at(y, '08-25'));
  const promotion = (y: YearM) => order(at(y, '08-31'));
  const graduation = order(`${curY.startYear}-06-30`);

  const newStudent = (group: GroupM, courseNow: number): StudentM => {
    const sex: Sex = rng.chance(supplementary ? 0.5 : (MALE_SHARE[group.dept.def.key] ?? 0.5)) ? 'm' : 'f';
    const name = personName(rng, sex, true);
    const ages = group.stream.ages;
    const age = ages
      ? Math.min(17, ages[0] + courseNow - 1 + rng.int(0, ages[1] - ages[0]))
      : 15 + courseNow + (rng.chance(0.25) ? 1 : 0);
    const birthYear = curY.startYear - age;
    const birth = `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const admitted = curY.startYear - courseNow + 1;
    const seq = (fileSeq.get(admitted) ?? 0) + 1;
    fileSeq.set(admitted, seq);
    const band = rng.weighted<[number, number]>(
      [
        [2.6, 3.1],
        [3.3, 3.9],
        [4.0, 4.4],
        [4.5, 4.9],
      ],
      [10, 45, 33, 12],
    );
    const student: StudentM = {
      id: ids.take('students'),
      sex,
      last: name.last,
      first: name.first,
      middle: name.middle,
      fatherFirst: name.fatherFirst,
      birth,
      fileNo: supplementary ? null : `${String(admitted % 100).padStart(2, '0')}-${String(seq).padStart(4, '0')}`,
      phone: rng.chance(supplementary ? 0.3 : 0.65) ? phone(rng) : null,
      email: rng.chance(supplementary ? 0.05 : 0.25)
        ? `${translit(name.last)}.${translit(name.first).slice(0, 1)}${birthYear % 100}@mail.example`
        : null,
      address: rng.chance(0.55) ? address(rng, supplementary) : null,
      notes: null,
      userId: null,
      ability: band[0] + rng.next() * (band[1] - band[0]),
      truancy: rng.weighted([0.006, 0.025, 0.06, 0.14], [55, 30, 12, 3]),
      illnesses: [],
      overrides: new Map(),
    };
    for (const year of [prevY, curY]) {
      const count = rng.weighted([0, 1, 2, 3], [35, 40, 20, 5]);
      for (let i = 0; i < count; i++) {
        const from = rng.pick(year.days).num;
        student.illnesses.push({ from, to: from + rng.int(2, 8), excuseId: null });
      }
    }
    students.push(student);
    return student;
  };

  const enrol = (
    student: StudentM,
    group: GroupM,
    from: string,
    reason: EnrolM['reason'],
    o: { no: string; date: string },
  ): EnrolM => {
    const e: EnrolM = {
      id: 0,
      student,
      group,
      from,
      until: null,
      reason,
      orderNo: o.no,
      orderDate: o.date,
      endReason: null,
      endOrderNo: null,
      endOrderDate: null,
    };
    enrolments.push(e);
    group.roster.push(e);
    return e;
  };
  const end = (e: EnrolM, until: string, reason: NonNullable<EnrolM['endReason']>, o: { no: string; date: string }) => {
    e.until = until;
    e.endReason = reason;
    e.endOrderNo = o.no;
    e.endOrderDate = o.date;
  };
  // A mid-year date for an order: a school day, away from the year's edges, before today.
  const midYear = (year: YearM): string | null => {
    const days = year.days.filter(
      (d, i) => i >= 15 && i < year.days.length - 10 && d.date < addDays(year.lessonsUntil, -1),
    );
    return days.length > 0 ? rng.pick(days).date : null;
  };
  const orderBefore = (date: string) => {
    const d = weekday(addDays(date, -1)) === 7 ? addDays(date, -2) : addDays(date, -1);
    return order(d);
  };
  const startIn = (group: GroupM, student: StudentM): EnrolM =>
    group.course === 1
      ? enrol(student, group, group.year.start, 'admission', admission(group.year))
      : enrol(student, group, group.year.start, 'transfer', promotion(group.year));

  const currentStudents: StudentM[] = [];
  for (const g of current) {
    const size = st.sizes.get(g)!;
    const parallels = current.filter(
      (o) => o !== g && o.course === g.course && (supplementary ? o.stream === g.stream : o.dept === g.dept),
    );
    for (let i = 0; i < size; i++) {
      const s = newStudent(g, g.course);
      currentStudents.push(s);
      const prev = g.previous;
      const newcomer = prev === null || rng.chance(0.03);
      if (!newcomer) {
        const others = previous.filter((o) => o !== prev && o.course === prev.course && o.dept === prev.dept);
        const d = others.length > 0 && rng.chance(0.02) ? midYear(prevY) : null;
        if (d) {
          const first = startIn(rng.pick(others), s);
          end(first, d, 'transfer', orderBefore(d));
          const second = enrol(s, prev, d, 'transfer', orderBefore(d));
          end(second, curY.start, 'transfer', promotion(curY));
        } else {
          end(startIn(prev, s), curY.start, 'transfer', promotion(curY));
        }
      }
      const e = newcomer && g.course > 1 ? enrol(s, g, curY.start, 'admission', admission(curY)) : startIn(g, s);
      const roll = rng.next();
      if (roll < 0.025) {
        const d = midYear(curY);
        if (d) end(e, d, 'withdrawal', orderBefore(d));
      } else if (roll < 0.035 && parallels.length > 0) {
        const d = midYear(curY);
        if (d) {
          end(e, d, 'transfer', orderBefore(d));
          enrol(s, rng.pick(parallels), d, 'transfer', orderBefore(d));
        }
      }
    }
  }
  // Last year's final courses graduated on 30 June; a few of them left during the year.
  for (const g of previous.filter((p) => !current.some((c) => c.previous === p))) {
    const size = st.sizes.get(g)!;
    for (let i = 0; i < size; i++) {
      const s = newStudent(g, g.course + 1);
      const e = startIn(g, s);
      const d = rng.chance(0.03) ? midYear(prevY) : null;
      if (d) end(e, d, 'withdrawal', orderBefore(d));
      else end(e, `${curY.startYear}-07-01`, 'graduation', graduation);
    }
  }
  // Students of continuing groups who were withdrawn last year.
  for (const g of previous.filter((p) => current.some((c) => c.previous === p))) {
    const extra = rng.weighted([0, 1, 2], [60, 30, 10]);
    for (let i = 0; i < extra; i++) {
      const d = midYear(prevY);
      if (!d) continue;
      end(startIn(g, newStudent(g, g.course + 1)), d, 'withdrawal', orderBefore(d));
    }
  }
  // A centre's child often attends two or three объединения at once, each by its own order (DESIGN §10).
  const extra = new Set<EnrolM>();
  const fits = (s: StudentM, g: GroupM) => ageFits(s, g, curY);
  const joinAnother = (s: StudentM, always: boolean): EnrolM | null => {
    const taken = new Set(
      enrolments.filter((e) => e.student === s && e.group.year === curY).map((e) => e.group.stream),
    );
    const others = current.filter((g) => !taken.has(g.stream));
    const suitable = others.filter((g) => fits(s, g));
    const pool = suitable.length > 0 ? suitable : always ? others : [];
    if (pool.length === 0) return null;
    const d = !always && rng.chance(0.15) ? midYear(curY) : null;
    const e = enrol(s, rng.pick(pool), d ?? curY.start, 'admission', d ? orderBefore(d) : admission(curY));
    extra.add(e);
    if (!always && rng.chance(0.04)) {
      const w = midYear(curY);
      if (w && w > e.from) end(e, w, 'withdrawal', orderBefore(w));
    }
    return e;
  };
  if (supplementary) {
    for (const s of currentStudents) {
      const more = rng.weighted([0, 1, 2], [50, 35, 15]);
      for (let k = 0; k < more; k++) joinAnother(s, false);
    }
  }

  const finish = () => {
    enrolments.sort((a, b) => a.student.id - b.student.id || (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    for (const g of st.groups) g.roster.sort((a, b) => byName(a.student, b.student) || a.student.id - b.student.id);
  };
  finish();

  // The demo student: a steady 2nd-course student who was in the group all last year too.
  const demoGroup =
    current.find((g) => g.course === 2 && g.dept === st.depts[0]) ?? current.find((g) => g.previous) ?? current[0]!;
  const clean = (s: StudentM) =>
    enrolments.filter((e) => e.student === s && !extra.has(e)).length === (demoGroup.previous ? 2 : 1) &&
    enrolments.every(
      (e) =>
        e.student !== s || extra.has(e) || e.until === null || (e.endReason === 'transfer' && e.until === curY.start),
    );
  const demoStudent =
    demoGroup.roster.map((e) => e.student).find((s) => clean(s) && s.ability > 3.6) ?? demoGroup.roster[0]!.student;
  demoStudent.ability = Math.max(demoStudent.ability, 4.1);
  demoStudent.truancy = 0.01;
  // In a centre, the demo child attends a second объединение from the start of the year, all year.
  if (supplementary) {
    for (const e of enrolments.filter((x) => x.student === demoStudent && extra.has(x))) {
      enrolments.splice(enrolments.indexOf(e), 1);
      e.group.roster.splice(e.group.roster.indexOf(e), 1);
      extra.delete(e);
    }
    const second = joinAnother(demoStudent, true);
    if (second) {
      second.from = curY.start;
      second.orderNo = admission(curY).no;
      second.orderDate = admission(curY).date;
      second.until = null;
      second.endReason = null;
      second.endOrderNo = null;
      second.endOrderDate = null;
    }
    finish();
  }
  enrolments.forEach((e) => {
    e.id = ids.take('enrolments');
  });
  for (const g of current) {
    const steady = g.roster.find((e) => e.until === null && e.from === curY.start && e.student !== demoStudent);
    if (steady && !supplementary) steady.student.notes = 'Староста группы';
  }

  const guardians: People['guardians'] = [];
  let demoGuardianId = 0;
  for (const s of students) {
    const male = s.sex === 'm' ? s.last : masculine(s.last);
    const mother = rng.chance(0.92) || s === demoStudent;
    if (mother) {
      const last = rng.chance(0.9) || s === demoStudent ? feminine(male) : feminine(pickSurname(rng));
      const first = pickAdultFirst(rng, 'f');
      const id = ids.take('guardians');
      if (s === demoStudent) demoGuardianId = id;
      guardians.push({
        id,
        student_id: s.id,
        user_id: null,
        full_name: fullName({ last, first, middle: patronymic(pickFather(rng), 'f') }),
        relation: 'мать',
        phone: rng.chance(0.9) ? phone(rng) : null,
        email: null,
        address: s.address,
      });
    }
    if (rng.chance(mother ? 0.6 : 0.5)) {
      guardians.push({
        id: ids.take('guardians'),
        student_id: s.id,
        user_id: null,
        full_name: fullName({ last: male, first: s.fatherFirst, middle: patronymic(pickFather(rng), 'm') }),
        relation: 'отец',
        phone: rng.chance(0.85) ? phone(rng) : null,
        email: null,
        address: s.address,
      });
    } else if (!mother) {
      const n = personName(rng, 'f', false);
      guardians.push({
        id: ids.take('guardians'),
        student_id: s.id,
        user_id: null,
        full_name: fullName(n),
        relation: rng.pick(['бабушка', 'опекун']),
        phone: phone(rng),
        email: null,
        address: s.address,
      });
    }
  }
  return { students, enrolments, guardians, demoGroup, demoStudent, demoGuardianId, extra };
}

/** Whether a child's age suits a group's programme and year of study (a year either side). */
export function ageFits(s: StudentM, g: GroupM, year: YearM): boolean {
  const age = year.startYear - Number(s.birth.slice(0, 4));
  const ages = g.stream.ages ?? [7, 17];
  return age >= ages[0] + g.course - 2 && age <= ages[1] + g.course;
}

/** Back from a feminine surname to the family's masculine form. */
function masculine(surname: string): string {
  if (surname.includes('-')) return surname.split('-').map(masculine).join('-');
  if (/(ова|ева|ёва|ина|ына)$/.test(surname)) return surname.slice(0, -1);
  if (/(ская|цкая)$/.test(surname)) return `${surname.slice(0, -2)}ий`;
  if (/ая$/.test(surname)) return `${surname.slice(0, -2)}ой`;
  return surname;
}
