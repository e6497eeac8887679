// The reports of a supplementary-education centre (seed 000: attendance of the programmes §3.2.1, arrivals
// and departures §3.2.4, the half-year and year report §3.2.5, §4.1), per объединение (a group) and month:
//   attendance — children on the list in the month, lessons held, attendances (children present, summed
//     over the lessons: «н», «у», «б» absent, «оп», «уч» present), attendances possible, % attendance;
//   человеко-часы — Σ over the lessons of the lesson's hours × children present;
//   сохранность контингента — on the list on the first day, enrolled and withdrawn in each month, on the
//     list on the month's last counted day, and the share of the first day's children still on it.
// The months run from the range's first day to its «as of» day (today, or the end of a past range).
import type {
  Parsed,
  PersonHoursReport,
  ReportMonth,
  RetentionCell,
  RetentionReport,
  UnionAttendanceCell,
  UnionAttendanceReport,
  UnionRowBase,
} from '../../api/contract.js';
import { badInput } from '../../api/errors.js';
import { MONTHS_RU } from '../../domain/calendar.js';
import type { AuthedContext, Db } from '../context.js';
import { shortName } from '../../export/pdf/index.js';
import { institutionWords } from '../words.js';
import { publicRange } from './completion.js';
import { loadRosters } from './rosters.js';
import { ratio, resolveRange, scopeJournals, type JournalMeta, type Range } from './scope.js';

type CentreKind = 'unionAttendance' | 'personHours' | 'retention';
type CentreInput = Parsed<'reports.unionAttendance'>;

/** The months of the range up to its «as of» day, each clipped to the range. */
export function monthsOf(range: Pick<Range, 'from' | 'asOf'>): ReportMonth[] {
  const out: ReportMonth[] = [];
  let key = range.from.slice(0, 7);
  while (`${key}-01` <= range.asOf) {
    const [y, m] = key.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const from = `${key}-01` < range.from ? range.from : `${key}-01`;
    out.push({ key, title: `${MONTHS_RU[m - 1]} ${y}`, from, to: last > range.asOf ? range.asOf : last });
    key = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  return out;
}

interface Union extends UnionRowBase {
  journals: JournalMeta[];
}

/** The объединения of the journals, by name; the teachers of their programmes as printed. */
function unionsOf(journals: JournalMeta[]): Union[] {
  const byGroup = new Map<number, Union>();
  for (const j of journals) {
    const u = byGroup.get(j.groupId) ?? {
      groupId: j.groupId,
      groupName: j.groupName,
      departmentId: j.departmentId,
      departmentName: j.departmentName,
      teachers: '',
      journals: [],
    };
    u.journals.push(j);
    byGroup.set(j.groupId, u);
  }
  const unions = [...byGroup.values()];
  for (const u of unions) u.teachers = [...new Set(u.journals.map((j) => shortName(j.teacherName)))].join(', ');
  return unions.sort(
    (a, b) =>
      (a.departmentName ?? '').localeCompare(b.departmentName ?? '', 'ru') ||
      a.groupName.localeCompare(b.groupName, 'ru') ||
      a.groupId - b.groupId,
  );
}

const base = ({ journals: _j, ...u }: Union): UnionRowBase => u;
const monthIndex = (months: ReportMonth[], date: string) => months.findIndex((m) => m.from <= date && date <= m.to);

interface Enrolment {
  group_id: number;
  student_id: number;
  from_date: string;
  until_date: string | null;
}

const onList = (e: Enrolment, day: string) => e.from_date <= day && (e.until_date === null || day < e.until_date);
const overlaps = (e: Enrolment, from: string, to: string) =>
  e.from_date <= to && (e.until_date === null || e.until_date > from);

async function enrolmentsOf(db: Db, unions: Union[]): Promise<Map<number, Enrolment[]>> {
  const ids = unions.map((u) => u.groupId);
  const rows = ids.length
    ? await db
        .selectFrom('enrolments')
        .select(['group_id', 'student_id', 'from_date', 'until_date'])
        .where('group_id', 'in', ids)
        .execute()
    : [];
  const out = new Map<number, Enrolment[]>();
  for (const r of rows) out.set(r.group_id, [...(out.get(r.group_id) ?? []), r]);
  return out;
}

/** Per journal lesson of the range: its month, hours, children on its list and children present. */
async function lessonCounts(db: Db, range: Range, months: ReportMonth[], unions: Union[]) {
  const journals = unions.flatMap((u) => u.journals);
  const ids = journals.map((j) => j.journalId);
  const last = months.at(-1)?.to ?? range.from;
  if (ids.length === 0 || months.length === 0) return [];
  const lessons = await db
    .selectFrom('lessons')
    .select(['id', 'journal_id', 'date', 'hours'])
    .where('journal_id', 'in', ids)
    .where('date', '>=', range.from)
    .where('date', '<=', last)
    .execute();
  const absent = await db
    .selectFrom('attendance as a')
    .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
    .select(['a.lesson_id', 'a.student_id'])
    .where('l.journal_id', 'in', ids)
    .where('l.date', '>=', range.from)
    .where('l.date', '<=', last)
    .where('a.code', 'in', ['н', 'у', 'б'])
    .execute();
  const absentOf = new Map<number, Set<number>>();
  for (const a of absent) absentOf.set(a.lesson_id, (absentOf.get(a.lesson_id) ?? new Set()).add(a.student_id));
  const rosters = await loadRosters(db, range.yearId, range.from, last);
  const byId = new Map(journals.map((j) => [j.journalId, j]));
  return lessons.map((l) => {
    const j = byId.get(l.journal_id)!;
    const list = rosters.on(j.groupId, j.subgroupId, l.date);
    const away = absentOf.get(l.id);
    const present = away ? list.filter((s) => !away.has(s)).length : list.length;
    return {
      groupId: j.groupId,
      month: monthIndex(months, l.date),
      hours: Number(l.hours),
      list: list.length,
      present,
    };
  });
}

const emptyCell = (): UnionAttendanceCell => ({ students: 0, lessons: 0, attendances: 0, possible: 0, presence: null });

function addCell(into: UnionAttendanceCell, from: UnionAttendanceCell): void {
  into.students += from.students;
  into.lessons += from.lessons;
  into.attendances += from.attendances;
  into.possible += from.possible;
  into.presence = ratio(into.attendances, into.possible);
}

export async function unionAttendanceReport(
  db: Db,
  range: Range,
  journals: JournalMeta[],
): Promise<UnionAttendanceReport> {
  const months = monthsOf(range);
  const unions = unionsOf(journals);
  const enrolments = await enrolmentsOf(db, unions);
  const lessons = await lessonCounts(db, range, months, unions);
  const last = months.at(-1)?.to ?? range.from;
  const rows = unions.map((u) => {
    const list = enrolments.get(u.groupId) ?? [];
    const children = (from: string, to: string) =>
      new Set(list.filter((e) => overlaps(e, from, to)).map((e) => e.student_id)).size;
    const cells = months.map((m) => ({ ...emptyCell(), students: children(m.from, m.to) }));
    for (const l of lessons) {
      if (l.groupId !== u.groupId || l.month < 0) continue;
      const c = cells[l.month]!;
      c.lessons += 1;
      c.attendances += l.present;
      c.possible += l.list;
    }
    for (const c of cells) c.presence = ratio(c.attendances, c.possible);
    const total = { ...emptyCell(), students: children(range.from, last) };
    for (const c of cells) addCell(total, { ...c, students: 0 });
    return { ...base(u), months: cells, total };
  });
  const totals = { months: months.map(() => emptyCell()), total: emptyCell() };
  for (const r of rows) {
    r.months.forEach((c, i) => addCell(totals.months[i]!, c));
    addCell(totals.total, r.total);
  }
  return { range: publicRange(range), months, rows, totals };
}

export async function personHoursReport(db: Db, range: Range, journals: JournalMeta[]): Promise<PersonHoursReport> {
  const months = monthsOf(range);
  const unions = unionsOf(journals);
  const lessons = await lessonCounts(db, range, months, unions);
  const w = await institutionWords(db);
  const rows = unions.map((u) => {
    const hours = months.map(() => 0);
    let lessonHours = 0;
    for (const l of lessons) {
      if (l.groupId !== u.groupId || l.month < 0) continue;
      hours[l.month]! += l.hours * l.present;
      lessonHours += l.hours;
    }
    return { ...base(u), hours, total: hours.reduce((s, h) => s + h, 0), lessonHours };
  });
  const departments = new Map<number | null, PersonHoursReport['departments'][number]>();
  if (rows.some((r) => r.departmentId !== null))
    for (const r of rows) {
      const d = departments.get(r.departmentId) ?? {
        key: r.departmentId,
        name: r.departmentName ?? `Без ${w.term('department', 'gen')}`,
        hours: months.map(() => 0),
        total: 0,
      };
      r.hours.forEach((h, i) => (d.hours[i]! += h));
      d.total += r.total;
      departments.set(r.departmentId, d);
    }
  const totals = months.map((_, i) => rows.reduce((s, r) => s + r.hours[i]!, 0));
  return {
    range: publicRange(range),
    months,
    rows,
    departments: [...departments.values()],
    totals,
    total: totals.reduce((s, h) => s + h, 0),
  };
}

export async function retentionReport(db: Db, range: Range, journals: JournalMeta[]): Promise<RetentionReport> {
  const months = monthsOf(range);
  const unions = unionsOf(journals);
  const enrolments = await enrolmentsOf(db, unions);
  const first = range.from;
  const kept = months.map(() => 0);
  const rows = unions.map((u) => {
    const list = enrolments.get(u.groupId) ?? [];
    const starting = new Set(list.filter((e) => onList(e, first)).map((e) => e.student_id));
    let before = first;
    const cells = months.map((m, i): RetentionCell => {
      const within = (day: string | null) => day !== null && before < day && day <= m.to;
      const still = new Set(list.filter((e) => starting.has(e.student_id) && onList(e, m.to)).map((e) => e.student_id));
      kept[i]! += still.size;
      const cell = {
        enrolled: list.filter((e) => within(e.from_date)).length,
        withdrawn: list.filter((e) => within(e.until_date)).length,
        end: list.filter((e) => onList(e, m.to)).length,
        retained: ratio(still.size, starting.size),
      };
      before = m.to;
      return cell;
    });
    return { ...base(u), start: list.filter((e) => onList(e, first)).length, months: cells };
  });
  const start = rows.reduce((s, r) => s + r.start, 0);
  const startChildren = unions.reduce(
    (s, u) =>
      s + new Set((enrolments.get(u.groupId) ?? []).filter((e) => onList(e, first)).map((e) => e.student_id)).size,
    0,
  );
  const totals = {
    start,
    months: months.map((_, i) => ({
      enrolled: rows.reduce((s, r) => s + r.months[i]!.enrolled, 0),
      withdrawn: rows.reduce((s, r) => s + r.months[i]!.withdrawn, 0),
      end: rows.reduce((s, r) => s + r.months[i]!.end, 0),
      retained: ratio(kept[i]!, startChildren),
    })),
  };
  return { range: publicRange(range), months, rows, totals };
}

/** Refuses the centre's reports to a school or a college: their words and figures are a centre's. */
export async function assertCentre(db: Db): Promise<void> {
  const inst = await db.selectFrom('institution').select('kind').executeTakeFirst();
  if (inst?.kind !== 'supplementary')
    throw badInput('Этот отчёт составляется только в организации дополнительного образования');
}

/** The journals a centre report covers, for the caller (scope checked first, then the kind of institution). */
export async function centreScope(
  ctx: AuthedContext,
  kind: CentreKind,
  input: Pick<CentreInput, 'yearId' | 'periodId' | 'departmentId' | 'groupId' | 'teacherId'>,
): Promise<{ range: Range; journals: JournalMeta[] }> {
  const range = await resolveRange(ctx.db, ctx.clock.today(), input.yearId, input.periodId);
  const journals = await scopeJournals(ctx, kind, range, {
    departmentId: input.departmentId,
    groupId: input.groupId,
    teacherId: input.teacherId,
  });
  await assertCentre(ctx.db);
  return { range, journals };
}

export async function unionAttendance(ctx: AuthedContext, input: CentreInput): Promise<UnionAttendanceReport> {
  const { range, journals } = await centreScope(ctx, 'unionAttendance', input);
  return unionAttendanceReport(ctx.db, range, journals);
}

export async function personHours(ctx: AuthedContext, input: CentreInput): Promise<PersonHoursReport> {
  const { range, journals } = await centreScope(ctx, 'personHours', input);
  return personHoursReport(ctx.db, range, journals);
}

export async function retention(ctx: AuthedContext, input: CentreInput): Promise<RetentionReport> {
  const { range, journals } = await centreScope(ctx, 'retention', input);
  return retentionReport(ctx.db, range, journals);
}
