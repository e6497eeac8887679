// What every write in a journal needs to know, loaded once per call: the journal (its own teacher,
// year open), the year's dates, the periods with their locks and this journal's active unlocks, the
// institution's scale, and who is on the roster on which dates.
import { AppError, badInput } from '../../api/errors.js';
import { assertJournalWrite, type JournalRow } from '../access.js';
import type { AuthedContext, Db } from '../context.js';
import { ruDate } from '../calendar.js';
import { shortName } from '../session.js';
import { parseScale } from './scale.js';

export interface PeriodRow { id: number; seq: number; title: string; starts_on: string; ends_on: string; locked: number }

export interface WriteScope {
  journal: JournalRow;
  today: string;
  year: { title: string; starts_on: string; ends_on: string };
  groupName: string;
  subgroupNumber: number | null;
  periods: PeriodRow[];
  /** Approved, unexpired unlock per locked period of this journal. */
  unlocks: Map<number, number>;
  scale: string[];
  marksEnabled: boolean;
  lessonsPerDay: number;
  kind: string;
}

export async function writeScope(ctx: AuthedContext, db: Db, journalId: number): Promise<WriteScope> {
  const journal = await assertJournalWrite(db, ctx.session, journalId);
  const today = ctx.clock.today();
  const head = await db.selectFrom('academic_years as y')
    .innerJoin('groups as g', 'g.year_id', 'y.id')
    .innerJoin('institution as i', (join) => join.onTrue())
    .leftJoin('subgroups as sg', (join) => join.on('sg.id', '=', journal.subgroup_id ?? -1))
    .select(['y.title', 'y.starts_on', 'y.ends_on', 'g.name as group_name', 'sg.number as subgroup_number',
      'i.mark_scale', 'i.marks_enabled', 'i.lessons_per_day', 'i.kind'])
    .where('y.id', '=', journal.year_id).where('g.id', '=', journal.group_id)
    .executeTakeFirstOrThrow();
  const periods = await db.selectFrom('periods').select(['id', 'seq', 'title', 'starts_on', 'ends_on', 'locked'])
    .where('year_id', '=', journal.year_id).orderBy('seq').execute();
  const unlocks = new Map<number, number>();
  if (periods.some((p) => p.locked)) {
    const rows = await db.selectFrom('period_unlocks').select(['id', 'period_id', 'valid_until'])
      .where('journal_id', '=', journalId).where('status', '=', 'approved').execute();
    for (const u of rows) if (u.valid_until === null || u.valid_until >= today) unlocks.set(u.period_id, u.id);
  }
  const inst = head;
  return {
    journal, today, periods, unlocks,
    year: { title: head.title, starts_on: head.starts_on, ends_on: head.ends_on },
    groupName: head.group_name, subgroupNumber: head.subgroup_number ?? null,
    scale: parseScale(inst.mark_scale), marksEnabled: inst.marks_enabled === 1, lessonsPerDay: inst.lessons_per_day, kind: inst.kind,
  };
}

export function periodOf(periods: PeriodRow[], date: string): PeriodRow | null {
  return periods.find((p) => p.starts_on <= date && date <= p.ends_on) ?? null;
}

/** Refuses a change dated in a closed period without an active unlock; returns the unlock in use. */
export function assertEditable(scope: WriteScope, date: string): number | null {
  const p = periodOf(scope.periods, date);
  if (!p || !p.locked) return null;
  const unlock = scope.unlocks.get(p.id);
  if (unlock) return unlock;
  throw new AppError('locked', `Период «${p.title}» закрыт: изменения за ${ruDate(date)} возможны только после разблокировки. `
    + 'Запросите разблокировку у заместителя директора, указав причину');
}

/** A lesson date must be inside the academic year and not in the future (000 §3.5.2). */
export function assertLessonDate(scope: WriteScope, date: string): void {
  if (date < scope.year.starts_on || date > scope.year.ends_on) {
    throw badInput(`Дата занятия ${ruDate(date)} вне учебного года ${scope.year.title} (${ruDate(scope.year.starts_on)} – ${ruDate(scope.year.ends_on)})`, { date: 'Вне учебного года' });
  }
  if (date > scope.today) {
    throw badInput(`Нельзя записать занятие на будущую дату ${ruDate(date)}: журнал заполняется в день занятия`, { date: 'Дата в будущем' });
  }
}

export interface Membership {
  name: string;
  intervals: Array<{ from: string; until: string | null }>;
  inSubgroup: boolean;
}

/** Enrolment intervals in the journal's group (and subgroup membership) of the given students. */
export async function memberships(db: Db, scope: WriteScope, studentIds: number[]): Promise<Map<number, Membership>> {
  const result = new Map<number, Membership>();
  if (studentIds.length === 0) return result;
  const ids = [...new Set(studentIds)];
  // Each student with their enrolments in the journal's group (none: a row with null dates).
  const rows = await db.selectFrom('students as s')
    .leftJoin('enrolments as e', (join) => join.onRef('e.student_id', '=', 's.id').on('e.group_id', '=', scope.journal.group_id))
    .select(['s.id', 's.last_name', 's.first_name', 's.middle_name', 'e.from_date', 'e.until_date'])
    .where('s.id', 'in', ids).execute();
  for (const r of rows) {
    let m = result.get(r.id);
    if (!m) { m = { name: shortName(r), intervals: [], inSubgroup: scope.journal.subgroup_id === null }; result.set(r.id, m); }
    if (r.from_date !== null) m.intervals.push({ from: r.from_date, until: r.until_date });
  }
  if (scope.journal.subgroup_id !== null) {
    const members = await db.selectFrom('subgroup_students').select('student_id')
      .where('subgroup_id', '=', scope.journal.subgroup_id).where('student_id', 'in', ids).execute();
    for (const m of members) { const r = result.get(m.student_id); if (r) r.inSubgroup = true; }
  }
  return result;
}

/** Why a student gets no cell on this date, or null when they are on the journal's roster. */
export function notOnRoster(scope: WriteScope, m: Membership | undefined, date: string): string | null {
  if (!m) return 'Обучающийся не найден';
  const enrolled = m.intervals.some((i) => i.from <= date && (i.until === null || date < i.until));
  if (!enrolled) {
    const later = m.intervals.some((i) => i.from > date);
    const why = later ? 'ещё не зачислен(а)' : m.intervals.length > 0 ? 'уже отчислен(а) или переведён(а)' : 'не числится';
    return `${m.name} не в списке группы ${scope.groupName} на ${ruDate(date)} (${why}): отметка не ставится`;
  }
  if (!m.inSubgroup) return `${m.name} не в подгруппе ${scope.subgroupNumber ?? ''} этого журнала`;
  return null;
}
