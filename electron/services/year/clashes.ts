// Timetable clashes: a teacher, a room or a group in two places at once. Two entries meet when they
// share the weekday and lesson number, their week parities overlap and their validity overlaps.
// Two subgroups of a group may sit at once (with different teachers and rooms); the whole group may not.
import type { WeekParity } from '../../../db/schema.js';
import { WEEKDAYS_RU } from '../../domain/calendar.js';
import { wordsOf, type Words } from '../../domain/vocabulary.js';
import type { Db } from '../context.js';
import { institutionWords } from '../words.js';
import { shortName } from '../session.js';

export interface SlotEntry {
  id: number | null;
  groupId: number;
  groupName: string;
  journalId: number;
  subjectName: string;
  subgroupId: number | null;
  subgroupNumber: number | null;
  teacherUserId: number;
  teacherName: string;
  room: string | null;
  weekday: number;
  lessonNo: number;
  parity: WeekParity;
  validFrom: string;
  validTo: string | null;
}

const PARITY_WORDS: Record<WeekParity, string> = {
  all: 'каждая неделя',
  odd: 'нечётная неделя',
  even: 'чётная неделя',
};
const WEEKDAY_IN: Record<number, string> = {
  1: 'в понедельник',
  2: 'во вторник',
  3: 'в среду',
  4: 'в четверг',
  5: 'в пятницу',
  6: 'в субботу',
  7: 'в воскресенье',
};

export function slotWords(e: Pick<SlotEntry, 'weekday' | 'lessonNo' | 'parity'>): string {
  return `${WEEKDAY_IN[e.weekday] ?? WEEKDAYS_RU[e.weekday]}, ${e.lessonNo}-е занятие (${PARITY_WORDS[e.parity]})`;
}

export function roomKey(room: string | null): string | null {
  const r = room
    ?.replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/^(ауд\.?|каб\.?|аудитория|кабинет)\s*/, '');
  return r ? r : null;
}

export function meet(a: SlotEntry, b: SlotEntry): boolean {
  if (a.weekday !== b.weekday || a.lessonNo !== b.lessonNo) return false;
  if (a.parity !== 'all' && b.parity !== 'all' && a.parity !== b.parity) return false;
  return a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');
}

function what(e: SlotEntry, w: Words): string {
  const sub = e.subgroupNumber ? ` (подгруппа ${e.subgroupNumber})` : '';
  return `«${e.subjectName}» в ${w.term('group', 'loc')} ${e.groupName}${sub}`;
}

/** Russian sentences naming each way `b` already occupies what `a` needs; empty when they do not clash. */
export function clashesBetween(a: SlotEntry, b: SlotEntry, w: Words = wordsOf('college')): string[] {
  if (!meet(a, b)) return [];
  const when = slotWords(b);
  const out: string[] = [];
  if (a.teacherUserId === b.teacherUserId)
    out.push(`${w.Short('teacher')} ${b.teacherName} ${when} уже ведёт ${what(b, w)}`);
  const ra = roomKey(a.room);
  if (ra !== null && ra === roomKey(b.room))
    out.push(`Аудитория ${b.room} ${when} уже занята: ${what(b, w)}, ${b.teacherName}`);
  const bothSubgroups = a.subgroupId !== null && b.subgroupId !== null && a.subgroupId !== b.subgroupId;
  if (a.groupId === b.groupId && !bothSubgroups) {
    out.push(
      `${w.Term('group')} ${b.groupName}${b.subgroupNumber ? ` (подгруппа ${b.subgroupNumber})` : ''} ${when} уже ` +
        `занят${{ f: 'а', m: '', n: 'о' }[w.gender('group')]}: ` +
        `«${b.subjectName}», ${b.teacherName}`,
    );
  }
  return out;
}

/** Every timetable entry of a year (or only some weekdays), with what the clash messages need. */
export async function slotEntries(db: Db, yearId: number, ids?: number[]): Promise<SlotEntry[]> {
  let q = db
    .selectFrom('timetable as t')
    .innerJoin('journals as j', 'j.id', 't.journal_id')
    .innerJoin('groups as g', 'g.id', 't.group_id')
    .innerJoin('subjects as s', 's.id', 'j.subject_id')
    .innerJoin('users as u', 'u.id', 'j.teacher_user_id')
    .leftJoin('subgroups as sg', 'sg.id', 'j.subgroup_id')
    .select([
      't.id',
      't.group_id',
      'g.name as group_name',
      't.journal_id',
      's.name as subject_name',
      'j.subgroup_id',
      'sg.number as subgroup_number',
      'j.teacher_user_id',
      'u.last_name',
      'u.first_name',
      'u.middle_name',
      't.room',
      't.weekday',
      't.lesson_no',
      't.week_parity',
      't.valid_from',
      't.valid_to',
    ])
    .where('t.year_id', '=', yearId);
  if (ids) q = q.where('t.id', 'in', ids);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    groupId: r.group_id,
    groupName: r.group_name,
    journalId: r.journal_id,
    subjectName: r.subject_name,
    subgroupId: r.subgroup_id,
    subgroupNumber: r.subgroup_number,
    teacherUserId: r.teacher_user_id,
    teacherName: shortName({ last_name: r.last_name, first_name: r.first_name, middle_name: r.middle_name }),
    room: r.room,
    weekday: r.weekday,
    lessonNo: r.lesson_no,
    parity: r.week_parity,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
}

/** Index entries by weekday × lesson so a check looks at a handful of rows, not the whole year. */
export class SlotIndex {
  private cells = new Map<string, SlotEntry[]>();
  /** `w`: the institution's words for the clash messages. */
  constructor(
    entries: SlotEntry[] = [],
    private readonly w: Words = wordsOf('college'),
  ) {
    for (const e of entries) this.add(e);
  }
  add(e: SlotEntry): void {
    const key = `${e.weekday}|${e.lessonNo}`;
    const list = this.cells.get(key);
    if (list) list.push(e);
    else this.cells.set(key, [e]);
  }
  clashes(a: SlotEntry): string[] {
    const out: string[] = [];
    for (const b of this.cells.get(`${a.weekday}|${a.lessonNo}`) ?? []) {
      if (a.id !== null && b.id === a.id) continue;
      out.push(...clashesBetween(a, b, this.w));
    }
    return out;
  }
}

export async function allClashes(db: Db, yearId: number): Promise<string[]> {
  const entries = await slotEntries(db, yearId);
  const w = await institutionWords(db);
  const seen = new SlotIndex([], w);
  const out = new Set<string>();
  for (const e of entries.sort(
    (a, b) => a.weekday - b.weekday || a.lessonNo - b.lessonNo || (a.id ?? 0) - (b.id ?? 0),
  )) {
    for (const c of seen.clashes(e)) out.add(`${c} — и одновременно ${what(e, w)}, ${e.teacherName}`);
    seen.add(e);
  }
  return [...out];
}
