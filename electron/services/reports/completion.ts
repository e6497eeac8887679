// Programme completion (000 §3.2.1 «выполнение программы», 003 §1.11): per journal, the hours of the
// plan for the range with the approved corrections, the hours conducted, the share done and the lag
// against the calendar — what the timetable would have had conducted by today.
import type { Words } from '../../domain/vocabulary.js';
import { institutionWords } from '../words.js';
import type { CompletionGroup, CompletionReport, CompletionRow, CorrectionBrief, Parsed } from '../../api/contract.js';
import type { AuthedContext, Db } from '../context.js';
import { scheduledSlots, type Slot } from '../schedule.js';
import { fullName } from '../session.js';
import { labelOf, ratio, resolveRange, round, scopeJournals, type JournalMeta, type Range } from './scope.js';

/** A journal is «behind» when it lags the calendar by more than one double lesson. */
export const BEHIND_HOURS = 2;

export async function completion(ctx: AuthedContext, input: Parsed<'reports.completion'>): Promise<CompletionReport> {
  const range = await resolveRange(ctx.db, ctx.clock.today(), input.yearId, input.periodId);
  const journals = await scopeJournals(ctx, 'completion', range, input);
  const rows = await completionRows(ctx.db, range, journals, ctx.clock.today());
  return {
    range: publicRange(range),
    rows,
    departments: byDepartment(rows, await institutionWords(ctx.db)),
    totals: summarise(null, 'Всего', rows),
  };
}

export function publicRange(range: Range) {
  const { yearStart: _s, yearEnd: _e, periodIds: _p, ...rest } = range;
  return rest;
}

/** `slots`: the range's timetable lessons, when the caller has them already (the keeping report does). */
export async function completionRows(
  db: Db,
  range: Range,
  journals: JournalMeta[],
  today: string,
  slots?: Slot[],
): Promise<CompletionRow[]> {
  if (journals.length === 0) return [];
  const wanted = new Set(journals.map((j) => j.journalId));
  const periodIds = range.periodId !== null ? [range.periodId] : range.periodIds;

  const planned = new Map<number, number>();
  if (periodIds.length > 0) {
    const rows = await db
      .selectFrom('journal_period_hours as h')
      .innerJoin('journals as j', 'j.id', 'h.journal_id')
      .select(['h.journal_id', (eb) => eb.fn.sum<number>('h.hours').as('hours')])
      .where('j.year_id', '=', range.yearId)
      .where('h.period_id', 'in', periodIds)
      .groupBy('h.journal_id')
      .execute();
    for (const r of rows) planned.set(r.journal_id, Number(r.hours));
  }

  const corrections = await approvedCorrections(db, range, periodIds);

  const held = new Map<number, number>();
  for (const r of await db
    .selectFrom('lessons as l')
    .innerJoin('journals as j', 'j.id', 'l.journal_id')
    .select(['l.journal_id', (eb) => eb.fn.sum<number>('l.hours').as('hours')])
    .where('j.year_id', '=', range.yearId)
    .where('l.date', '>=', range.from)
    .where('l.date', '<=', range.to)
    .groupBy('l.journal_id')
    .execute())
    held.set(r.journal_id, Number(r.hours));

  const calendar = await calendarShare(
    db,
    range,
    today,
    journals.map((j) => j.journalId),
    slots,
  );

  return journals
    .filter((j) => wanted.has(j.journalId))
    .map((j) => {
      const list = corrections.get(j.journalId) ?? [];
      const plannedHours = planned.get(j.journalId) ?? 0;
      const correctionHours = list.reduce((sum, c) => sum + c.hoursDelta, 0);
      const plannedTotal = Math.max(0, plannedHours + correctionHours);
      const conductedHours = held.get(j.journalId) ?? 0;
      const expectedHours = round(plannedTotal * (calendar.get(j.journalId) ?? calendar.get(0) ?? 0), 1);
      const lagHours = round(expectedHours - conductedHours, 1);
      const label = labelOf(j);
      return {
        ...label,
        plannedHours,
        correctionHours,
        plannedTotal,
        conductedHours,
        done: ratio(conductedHours, plannedTotal),
        expectedHours,
        lagHours,
        behind: lagHours > BEHIND_HOURS,
        corrections: list,
      };
    });
}

async function approvedCorrections(db: Db, range: Range, periodIds: number[]): Promise<Map<number, CorrectionBrief[]>> {
  let query = db
    .selectFrom('plan_corrections as c')
    .innerJoin('journals as j', 'j.id', 'c.journal_id')
    .leftJoin('users as u', 'u.id', 'c.approved_by')
    .leftJoin('plan_topics as t', 't.id', 'c.plan_topic_id')
    .select([
      'c.id',
      'c.journal_id',
      'c.kind',
      'c.hours_delta',
      'c.reason',
      'c.approved_at',
      't.title as topic',
      'u.last_name',
      'u.first_name',
      'u.middle_name',
    ])
    .where('j.year_id', '=', range.yearId)
    .where('c.status', '=', 'approved');
  // A correction without a period belongs to the year: it counts only in a whole-year report.
  query =
    range.periodId !== null
      ? query.where('c.period_id', 'in', periodIds)
      : query.where((eb) =>
          eb.or([eb('c.period_id', 'is', null), ...(periodIds.length ? [eb('c.period_id', 'in', periodIds)] : [])]),
        );
  const out = new Map<number, CorrectionBrief[]>();
  for (const r of await query.orderBy('c.approved_at').orderBy('c.id').execute()) {
    const list = out.get(r.journal_id) ?? [];
    list.push({
      id: r.id,
      kind: r.kind,
      hoursDelta: r.hours_delta,
      reason: r.reason,
      planTopicTitle: r.topic ?? null,
      approvedByName: r.last_name
        ? fullName({ last_name: r.last_name, first_name: r.first_name ?? '', middle_name: r.middle_name ?? null })
        : null,
      approvedAt: r.approved_at,
    });
    out.set(r.journal_id, list);
  }
  return out;
}

/**
 * The share of the range's teaching the calendar has reached by today, per journal: its timetable
 * lessons before today over all its timetable lessons in the range. A journal without a timetable
 * gets the share of working days (Monday–Saturday, holidays excluded) under key 0.
 */
export async function calendarShare(
  db: Db,
  range: Range,
  today: string,
  journalIds: number[],
  known?: Slot[],
): Promise<Map<number, number>> {
  const share = new Map<number, number>();
  const slots = known ?? (await rangeSlots(db, range, journalIds));
  const all = new Map<number, number>();
  const past = new Map<number, number>();
  for (const s of slots) {
    all.set(s.journalId, (all.get(s.journalId) ?? 0) + 1);
    if (s.date < today) past.set(s.journalId, (past.get(s.journalId) ?? 0) + 1);
  }
  for (const [journalId, n] of all) share.set(journalId, (past.get(journalId) ?? 0) / n);
  share.set(0, await workingDayShare(db, range, today));
  return share;
}

/** Every timetable lesson of the journals in the range (holidays left out). */
export function rangeSlots(db: Db, range: Range, journalIds: number[]): Promise<Slot[]> {
  return scheduledSlots(db, {
    yearId: range.yearId,
    yearStart: range.yearStart,
    from: range.from,
    to: range.to,
    journalIds,
  });
}

async function workingDayShare(db: Db, range: Range, today: string): Promise<number> {
  const holidays = new Set(
    (
      await db
        .selectFrom('holidays')
        .select('date')
        .where('date', '>=', range.from)
        .where('date', '<=', range.to)
        .execute()
    ).map((h) => h.date),
  );
  let total = 0;
  let past = 0;
  for (
    let d = new Date(`${range.from}T00:00:00Z`);
    d.toISOString().slice(0, 10) <= range.to;
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    const iso = d.toISOString().slice(0, 10);
    if (d.getUTCDay() === 0 || holidays.has(iso)) continue;
    total++;
    if (iso < today) past++;
  }
  return total > 0 ? past / total : 0;
}

export function summarise(key: number | null, name: string, rows: CompletionRow[]): CompletionGroup {
  const sum = (f: (r: CompletionRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const plannedTotal = sum((r) => r.plannedTotal);
  const conductedHours = sum((r) => r.conductedHours);
  return {
    key,
    name,
    journals: rows.length,
    plannedTotal,
    conductedHours,
    expectedHours: round(
      sum((r) => r.expectedHours),
      1,
    ),
    done: ratio(conductedHours, plannedTotal),
    behind: rows.filter((r) => r.behind).length,
  };
}

/** Rows summed by department; `w` names the rows of no department («Без отделения»). */
export function byDepartment(rows: CompletionRow[], w: Words): CompletionGroup[] {
  const groups = new Map<number | null, CompletionRow[]>();
  for (const r of rows) groups.set(r.departmentId, [...(groups.get(r.departmentId) ?? []), r]);
  return [...groups.entries()]
    .map(([key, list]) => summarise(key, list[0]!.departmentName ?? `Без ${w.term('department', 'gen')}`, list))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}
