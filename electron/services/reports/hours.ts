// The teachers' hours sheet from the journal: hours actually conducted per teacher per month of the
// year, or per day of one month — for a supplementary-education centre the basis of the time-sheet.
import type { HoursColumn, HoursRow, HoursSheet, Parsed, ReportKind } from '../../api/contract.js';
import { AppError } from '../../api/errors.js';
import { eachDay, MONTHS_RU } from '../../domain/calendar.js';
import { sql } from 'kysely';
import { hasRole, type AuthedContext, type Db } from '../context.js';
import { shortName } from '../session.js';
import { publicRange } from './completion.js';
import { resolveRange, scopeJournals, type JournalMeta, type Range, type ScopeFilter } from './scope.js';

export async function hoursSheet(ctx: AuthedContext, input: Parsed<'reports.hoursSheet'>): Promise<HoursSheet> {
  const range = await hoursRange(ctx.db, ctx.clock.today(), input.yearId, input.month);
  const { journals, teacherId } = await hoursScope(ctx, range, input);
  return hoursSheetReport(ctx.db, range, journals, input.month ?? null, teacherId);
}

/**
 * Whose hours the sheet shows (issue 14: credited to whoever held each lesson). The journals the caller may see —
 * a teacher filter checked against them as every report checks it —, and the one teacher the sheet is about: the
 * one filtered for, or a teacher who sees only their own journals, whose lessons held as a substitute in other
 * journals count too.
 */
export async function hoursScope(
  ctx: AuthedContext,
  range: Range,
  input: { departmentId?: number; teacherId?: number },
): Promise<{ journals: JournalMeta[]; teacherId: number | null }> {
  const filtered = await scopeJournals(ctx, 'hoursSheet', range, {
    departmentId: input.departmentId,
    teacherId: input.teacherId,
  });
  if (input.teacherId !== undefined) {
    const journals = await scopeJournals(ctx, 'hoursSheet', range, { departmentId: input.departmentId });
    return { journals, teacherId: input.teacherId };
  }
  const ownOnly = !hasRole(ctx.session, 'director', 'deputy', 'dept_head');
  return { journals: filtered, teacherId: ownOnly ? ctx.session.userId : null };
}

/** A monthly report's month and the journals of it the caller sees (the stipend sheet, the substitutions). */
export async function monthScope(
  ctx: AuthedContext,
  kind: ReportKind,
  input: { yearId?: number; month: string },
  filter: ScopeFilter,
): Promise<{ range: Range; journals: JournalMeta[] }> {
  const range = await hoursRange(ctx.db, ctx.clock.today(), input.yearId, input.month);
  return { range, journals: await scopeJournals(ctx, kind, range, filter) };
}

/** The year, or one month of it (the time-sheet). */
export async function hoursRange(
  db: Db,
  today: string,
  yearId: number | undefined,
  month: string | undefined,
): Promise<Range> {
  const year = await resolveRange(db, today, yearId, null);
  return month ? monthRange(year, month) : year;
}

function monthRange(year: Range, month: string): Range {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = `${month}-01`;
  const to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  if (to < year.from || from > year.to) {
    throw new AppError('bad_request', `Месяц ${MONTHS_RU[m - 1]} ${y} не входит в ${year.yearTitle} учебный год`, {
      month: 'Выберите месяц учебного года',
    });
  }
  const title = `${MONTHS_RU[m - 1]} ${y}`;
  return {
    ...year,
    periodId: null,
    periodTitle: null,
    title,
    from,
    to,
    asOf: year.asOf < from ? from : year.asOf > to ? to : year.asOf,
  };
}

export async function hoursSheetReport(
  db: Db,
  range: Range,
  journals: JournalMeta[],
  month: string | null,
  teacherId: number | null = null,
): Promise<HoursSheet> {
  const columns: HoursColumn[] = month
    ? [...eachDay(range.from, range.to)].map((d) => ({ key: d, title: String(Number(d.slice(8))) }))
    : months(range.from, range.to);
  const index = new Map(columns.map((c, i) => [c.key, i]));
  const teachers = new Map<number, HoursRow>();
  const row = (id: number, name: string) => {
    let r = teachers.get(id);
    if (!r) {
      r = { teacherId: id, name, position: null, hours: columns.map(() => 0), total: 0, lessons: 0 };
      teachers.set(id, r);
    }
    return r;
  };
  // Every teacher of the journals in the sheet has a line, even with no hours yet.
  for (const j of journals) if (teacherId === null || j.teacherId === teacherId) row(j.teacherId, j.teacherName);
  const held = await heldHours(db, range, journals, teacherId);
  const unnamed = [...new Set(held.map((h) => h.teacher).filter((id) => !teachers.has(id)))];
  const people =
    unnamed.length === 0 && teachers.size === 0
      ? []
      : await db
          .selectFrom('users')
          .select(['id', 'position', 'last_name', 'first_name', 'middle_name'])
          .where('id', 'in', [...new Set([...teachers.keys(), ...unnamed])])
          .execute();
  for (const p of people) {
    if (!teachers.has(p.id)) row(p.id, shortName(p));
    teachers.get(p.id)!.position = p.position;
  }
  for (const h of held) {
    const r = teachers.get(h.teacher);
    const i = index.get(month ? h.date : h.date.slice(0, 7));
    if (!r || i === undefined) continue;
    r.hours[i] = r.hours[i]! + h.hours;
    r.total += h.hours;
    r.lessons += h.lessons;
  }
  const rows = [...teachers.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  const totals = columns.map((_, i) => rows.reduce((s, r) => s + r.hours[i]!, 0));
  return { range: rangeOf(range), month, columns, rows, totals, total: totals.reduce((a, b) => a + b, 0) };
}

/**
 * Lessons held per teacher and day: whoever held each (lessons.taught_by; the journal's teacher for a lesson from
 * before it was recorded), in the sheet's journals — and, for the one teacher of the sheet, wherever they held one.
 */
async function heldHours(db: Db, range: Range, journals: JournalMeta[], teacherId: number | null) {
  const ids = journals.map((j) => j.journalId);
  if (ids.length === 0 && teacherId === null) return [];
  const teacher = sql<number>`coalesce(l.taught_by, j.teacher_user_id)`;
  const rows = await db
    .selectFrom('lessons as l')
    .innerJoin('journals as j', 'j.id', 'l.journal_id')
    .select([
      teacher.as('teacher'),
      'l.date',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>('l.hours').as('hours'),
    ])
    .where('j.year_id', '=', range.yearId)
    .where('l.date', '>=', range.from)
    .where('l.date', '<=', range.to)
    .where((eb) =>
      eb.or([
        ...(ids.length > 0 ? [eb('l.journal_id', 'in', ids)] : []),
        ...(teacherId !== null ? [eb('l.taught_by', '=', teacherId)] : []),
      ]),
    )
    .$if(teacherId !== null, (q) => q.where(teacher, '=', teacherId!))
    .groupBy([teacher, 'l.date'])
    .execute();
  return rows.map((r) => ({ teacher: Number(r.teacher), date: r.date, lessons: Number(r.n), hours: Number(r.hours) }));
}

function rangeOf(range: Range) {
  return publicRange(range);
}

function months(from: string, to: string): HoursColumn[] {
  const out: HoursColumn[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (`${key}-01` > to) break;
    out.push({ key, title: `${MONTHS_RU[m - 1]} ${y}` });
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
