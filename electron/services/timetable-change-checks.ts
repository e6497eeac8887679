// What a dated timetable change must pass before it is written: the slot it names exists on that date
// (after earlier changes), no lesson has been recorded there, and its new place puts no teacher, group
// or room in two places at once — each refusal in Russian, naming the clash.
import { badInput } from '../api/errors.js';
import { ruDate } from '../domain/format-dates.js';
import type { Db } from './context.js';
import { journalsWithNames } from './journal-names.js';
import { scheduledSlots, type Slot } from './schedule.js';
import { shortName } from './session.js';
import { roomKey } from './year/clashes.js';

export interface JournalFacts {
  id: number;
  yearId: number;
  groupId: number;
  groupName: string;
  subgroupId: number | null;
  subgroupNumber: number | null;
  subject: string;
  teacherId: number;
  teacherName: string;
}

export async function journalFacts(db: Db, ids: number[]): Promise<Map<number, JournalFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await journalsWithNames(db)
    .select(['j.id', 'j.year_id', 'j.group_id', 'g.name', 'j.subgroup_id', 'sg.number', 's.name as subject'])
    .select(['j.teacher_user_id', 't.last_name', 't.first_name', 't.middle_name'])
    .where('j.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        yearId: r.year_id,
        groupId: r.group_id,
        groupName: r.name,
        subgroupId: r.subgroup_id,
        subgroupNumber: r.number,
        subject: r.subject,
        teacherId: r.teacher_user_id,
        teacherName: shortName(r),
      },
    ]),
  );
}

export interface Year {
  id: number;
  starts_on: string;
}

/** «12.01.2027, 3-е занятие». */
export const placeWords = (date: string, lessonNo: number) => `${ruDate(date)}, ${lessonNo}-е занятие`;

const what = (j: JournalFacts) =>
  `«${j.subject}» в группе ${j.groupName}${j.subgroupNumber ? ` (подгруппа ${j.subgroupNumber})` : ''}`;

/** The journal's slot on that date and lesson number after earlier changes; refused when there is none. */
export async function slotOf(db: Db, y: Year, j: JournalFacts, date: string, lessonNo: number): Promise<Slot> {
  const slots = await scheduledSlots(db, {
    yearId: y.id,
    yearStart: y.starts_on,
    from: date,
    to: date,
    journalIds: [j.id],
  });
  const slot = slots.find((s) => s.lessonNo === lessonNo);
  if (!slot) {
    throw badInput(`В расписании на ${placeWords(date, lessonNo)} нет занятия ${what(j)}`, {
      lessonNo: 'Нет такого занятия',
    });
  }
  return slot;
}

/** Refused when a lesson of the journal has been recorded at that place. */
export async function refuseHeld(db: Db, j: JournalFacts, date: string, lessonNo: number, message: string) {
  const held = await db
    .selectFrom('lessons')
    .select('id')
    .where('journal_id', '=', j.id)
    .where('date', '=', date)
    .where('lesson_no', '=', lessonNo)
    .executeTakeFirst();
  if (held) throw badInput(`${message}: занятие ${placeWords(date, lessonNo)} ${what(j)} уже записано в журнале`);
}

export interface Placement {
  journal: JournalFacts;
  date: string;
  lessonNo: number;
  /** Who teaches it there (the journal's teacher or the substitute). */
  teacherId: number;
  teacherName: string;
  room: string | null;
  /** Check the group too (not for a substitution: the group stays where it was). */
  group: boolean;
  /** The slot being moved or substituted, which does not clash with itself. */
  self: { date: string; lessonNo: number } | null;
}

/**
 * Russian sentences naming each way the place is already taken at that date and lesson number: by the
 * timetable after the changes made so far. Empty when it is free.
 */
export async function clashesAt(db: Db, y: Year, p: Placement): Promise<string[]> {
  const slots = (await scheduledSlots(db, { yearId: y.id, yearStart: y.starts_on, from: p.date, to: p.date })).filter(
    (s) =>
      s.lessonNo === p.lessonNo &&
      !(s.journalId === p.journal.id && p.self && s.date === p.self.date && s.lessonNo === p.self.lessonNo),
  );
  if (slots.length === 0) return [];
  const journals = await journalFacts(
    db,
    slots.map((s) => s.journalId),
  );
  const when = placeWords(p.date, p.lessonNo);
  const out: string[] = [];
  for (const s of slots) {
    const other = journals.get(s.journalId)!;
    if (other.id === p.journal.id) {
      out.push(`${when} уже стоит занятие ${what(other)}`);
      continue;
    }
    const substitute = s.change?.kind === 'substitute' ? s.change : null;
    const teacherId = substitute?.substituteId ?? other.teacherId;
    const teacherName = substitute?.substituteName ?? other.teacherName;
    if (teacherId === p.teacherId) out.push(`Преподаватель ${p.teacherName} ${when} уже ведёт ${what(other)}`);
    const room = roomKey(p.room);
    if (room !== null && room === roomKey(s.room)) {
      out.push(`Аудитория ${s.room} ${when} уже занята: ${what(other)}, ${teacherName}`);
    }
    const bothSubgroups =
      p.journal.subgroupId !== null && other.subgroupId !== null && p.journal.subgroupId !== other.subgroupId;
    if (p.group && other.groupId === p.journal.groupId && !bothSubgroups) {
      out.push(
        `Группа ${other.groupName}${other.subgroupNumber ? ` (подгруппа ${other.subgroupNumber})` : ''} ${when} ` +
          `уже занята: «${other.subject}», ${teacherName}`,
      );
    }
  }
  return out;
}

export async function refuseClashes(db: Db, y: Year, p: Placement, lead = 'Накладка в расписании'): Promise<void> {
  const clashes = await clashesAt(db, y, p);
  if (clashes.length > 0) throw badInput(`${lead}. ${clashes.join('. ')}`, { lessonNo: clashes[0]! });
}
