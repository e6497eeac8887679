// The teachers' hours sheet from the journal: hours actually conducted per teacher per month of the
// year, or per day of one month — for a supplementary-education centre the basis of the time-sheet.
import type { HoursColumn, HoursRow, HoursSheet, Parsed } from '../../api/contract.js';
import { AppError } from '../../api/errors.js';
import { eachDay, MONTHS_RU } from '../../domain/calendar.js';
import type { AuthedContext, Db } from '../context.js';
import { lessonDays } from './attendance-data.js';
import { publicRange } from './completion.js';
import { resolveRange, scopeJournals, type JournalMeta, type Range } from './scope.js';

export async function hoursSheet(ctx: AuthedContext, input: Parsed<'reports.hoursSheet'>): Promise<HoursSheet> {
  const range = await hoursRange(ctx.db, ctx.clock.today(), input.yearId, input.month);
  const journals = await scopeJournals(ctx, 'hoursSheet', range, {
    departmentId: input.departmentId,
    teacherId: input.teacherId,
  });
  return hoursSheetReport(ctx.db, range, journals, input.month ?? null);
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
): Promise<HoursSheet> {
  const byId = new Map(journals.map((j) => [j.journalId, j]));
  const columns: HoursColumn[] = month
    ? [...eachDay(range.from, range.to)].map((d) => ({ key: d, title: String(Number(d.slice(8))) }))
    : months(range.from, range.to);
  const index = new Map(columns.map((c, i) => [c.key, i]));
  const teachers = new Map<number, HoursRow>();
  for (const j of journals) {
    if (!teachers.has(j.teacherId)) {
      teachers.set(j.teacherId, {
        teacherId: j.teacherId,
        name: j.teacherName,
        position: null,
        hours: columns.map(() => 0),
        total: 0,
        lessons: 0,
      });
    }
  }
  for (const d of await lessonDays(db, range)) {
    const j = byId.get(d.journalId);
    if (!j) continue;
    const row = teachers.get(j.teacherId)!;
    const i = index.get(month ? d.date : d.date.slice(0, 7));
    if (i === undefined) continue;
    row.hours[i] = row.hours[i]! + d.hours;
    row.total += d.hours;
    row.lessons += d.lessons;
  }
  if (teachers.size > 0) {
    const positions = await db
      .selectFrom('users')
      .select(['id', 'position'])
      .where('id', 'in', [...teachers.keys()])
      .execute();
    for (const p of positions) teachers.get(p.id)!.position = p.position;
  }
  const rows = [...teachers.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  const totals = columns.map((_, i) => rows.reduce((s, r) => s + r.hours[i]!, 0));
  return { range: rangeOf(range), month, columns, rows, totals, total: totals.reduce((a, b) => a + b, 0) };
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
