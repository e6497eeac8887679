// The staff: the four administrative demo users and the teachers — split into subject families in
// proportion to the weekly load, each with a room of their own — and their logins.
import type { Role } from '../schema.js';
import { translit } from '../../electron/domain/translit.js';
import { wordsOf, type Words } from '../../electron/domain/vocabulary.js';
import { personName, type Sex } from './names.js';
import type { Ids, PersonM, Settings, TeacherM } from './model.js';
import type { Rng } from './random.js';

export const DEMO_PASSWORD = 'demo12345';

/** The demo's logins and who each one is, in the institution's words (DESIGN.md §10). */
export function demoLogins(w: Words): Array<{ login: string; role: string; who: string }> {
  const ofStudent = `${w.term('group', 'gen')} демо-${w.kind === 'college' ? 'студента' : 'обучающегося'}`;
  const student = w.kind === 'college' ? 'демо-студента' : 'демо-обучающегося';
  return [
    { login: 'admin', role: 'admin', who: 'Администратор: пользователи, учебный год, приказы, настройки' },
    { login: 'director', role: 'director', who: 'Директор: просмотр всего, отчёты и заверенные копии' },
    {
      login: 'deputy',
      role: 'deputy',
      who: 'Заместитель директора по учебной работе: контроль журналов, замечания',
    },
    { login: 'secretary', role: 'secretary', who: `${w.role('secretary')}: архив закрытого года` },
    { login: 'depthead', role: 'dept_head', who: `${w.role('dept_head')} ${ofStudent}` },
    {
      login: 'curator',
      role: 'curator',
      who: w.kind === 'college' ? `Руководитель (куратор) ${ofStudent}` : `${w.role('curator')} ${student}`,
    },
    {
      login: 'teacher',
      role: 'teacher',
      who: `${w.role('teacher')}: журналы в нескольких ${w.term('group', 'loc', 'many')}, занятия каждый день`,
    },
    {
      login: 'student',
      role: 'student',
      who: 'Обучающийся: свои отметки, посещаемость, домашние задания, расписание',
    },
    { login: 'parent', role: 'parent', who: `Родитель ${student}` },
  ];
}

/** The college's list (the logins and roles are the same for every kind). */
export const DEMO_LOGINS = demoLogins(wordsOf('college'));

const MALE_SHARE: Record<string, number> = {
  pe: 0.5,
  bzh: 0.8,
  'prof:energy': 0.55,
  'prof:em': 0.6,
  'prof:it': 0.45,
  info: 0.35,
  physics: 0.4,
};

export function buildStaff(settings: Settings, ids: Ids, rng: Rng): PersonM[] {
  const college = settings.kind === 'college';
  const staff: Array<[string, Role, string, Sex]> = [
    ['admin', 'admin', college ? 'начальник информационно-вычислительного центра' : 'администратор АИС', 'm'],
    ['director', 'director', 'директор', college ? 'm' : 'f'],
    [
      'deputy',
      'deputy',
      college ? 'заместитель директора по учебной работе' : 'заместитель директора по учебно-воспитательной работе',
      'f',
    ],
    ['secretary', 'secretary', 'секретарь учебной части', 'f'],
  ];
  return staff.map(([login, role, position, sex]) => {
    const n = personName(rng, sex, false);
    return {
      id: ids.take('users'),
      sex,
      last: n.last,
      first: n.first,
      middle: n.middle ?? null,
      login,
      position,
      roles: [{ role, departmentId: null, groupId: null }],
    };
  });
}

/** Teachers per family in proportion to the weekly pairs the family has to teach. */
export function buildTeachers(settings: Settings, ids: Ids, rng: Rng, demand: Map<string, number>): TeacherM[] {
  const families = [...demand.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const total = families.reduce((sum, [, d]) => sum + d, 0);
  const quota = families.map(([, d]) => Math.max(1, Math.floor((settings.teachers * d) / total)));
  let sum = quota.reduce((a, b) => a + b, 0);
  while (sum > settings.teachers) {
    // Too few teachers for every family: take from the largest, then leave the smallest families out.
    const i = quota.findIndex((q) => q === Math.max(...quota));
    if (quota[i]! > 1) quota[i] = quota[i]! - 1;
    else quota[quota.findLastIndex((q) => q > 0)] = 0;
    sum--;
  }
  while (sum < settings.teachers) {
    let best = 0;
    let bestGap = -Infinity;
    families.forEach(([, d], i) => {
      const gap = (settings.teachers * d) / total - quota[i]!;
      if (gap > bestGap) {
        bestGap = gap;
        best = i;
      }
    });
    quota[best] = quota[best]! + 1;
    sum++;
  }
  const supplementary = settings.kind === 'supplementary';
  const rooms = roomMaker(supplementary);
  const teachers: TeacherM[] = [];
  families.forEach(([family], i) => {
    for (let k = 0; k < quota[i]!; k++) {
      const sex: Sex = rng.chance(MALE_SHARE[family] ?? (supplementary ? 0.25 : 0.2)) ? 'm' : 'f';
      const n = personName(rng, sex, false);
      teachers.push({
        id: ids.take('users'),
        sex,
        last: n.last,
        first: n.first,
        middle: n.middle ?? null,
        login: '',
        position: supplementary
          ? family === 'prog:tennis' || family === 'prog:chess'
            ? 'педагог дополнительного образования (тренер)'
            : 'педагог дополнительного образования'
          : 'преподаватель',
        roles: [{ role: 'teacher', departmentId: null, groupId: null }],
        family,
        room: rooms(family),
        lazy: rng.chance(0.12),
      });
    }
  });
  return teachers;
}

/** Every teacher has a room of their own, so rooms never clash when teachers do not. */
function roomMaker(supplementary: boolean): (family: string) => string {
  const used = new Map<string, number>();
  let plain = 0;
  const named = (base: string) => {
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base} №${n}`;
  };
  return (family) => {
    if (supplementary) {
      if (family === 'prog:dance') return named('Хореографический зал');
      if (family === 'prog:tennis') return named('Спортивный зал');
      if (family === 'prog:vocal' || family === 'prog:theatre') return named('Актовый зал');
      plain++;
      return `каб. ${plain}`;
    }
    if (family === 'pe') return named('Спортзал');
    plain++;
    const floor = 1 + Math.floor((plain - 1) / 40);
    const room = `${((floor - 1) % 4) + 1}${String(((plain - 1) % 40) + 1).padStart(2, '0')}`;
    return floor > 4 ? `к.2, ${room}` : room;
  };
}

/** Logins of the teachers without a fixed demo login: `t.ivanova`, `t.ivanova2`… */
export function assignLogins(teachers: TeacherM[], fixed: Map<number, string>): void {
  const taken = new Set<string>(['admin', 'director', 'deputy', 'secretary', 'student', 'parent', ...fixed.values()]);
  for (const t of teachers) {
    const preset = fixed.get(t.id);
    if (preset) {
      t.login = preset;
      continue;
    }
    const base = `t.${translit(t.last)}`;
    let login = base;
    for (let k = 2; taken.has(login); k++) login = `${base}${k}`;
    taken.add(login);
    t.login = login;
  }
}
