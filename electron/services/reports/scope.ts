// Which journals a report covers: the caller's scope (deputy and director everything, a department
// head their department, a curator their group, a teacher their own journals — as far as the report
// allows each role) narrowed by the filter. A filter naming something the caller sees nothing of is
// refused, never answered with an empty report.
import { institutionWords } from '../words.js';
import type { JournalLabel, ReportKind, ReportRange } from '../../api/contract.js';
import { REPORT_ROLES } from '../../api/contract.js';
import { AppError, forbidden, notFound } from '../../api/errors.js';
import { curatedGroupIds, headedDepartmentIds } from '../access.js';
import { hasRole, type AuthedContext, type Db, type Session } from '../context.js';
import { currentYear } from '../schedule.js';
import { fullName } from '../session.js';
import { withJournalNames } from '../journal-names.js';

export interface ScopeFilter {
  departmentId?: number;
  groupId?: number;
  teacherId?: number;
  journalId?: number;
}

export interface JournalMeta extends JournalLabel {
  yearId: number;
  subjectId: number;
  subgroupId: number | null;
  /** The journal's own marks flag (migration 0010): marks reports cover only journals that keep marks. */
  marksEnabled: boolean;
}

export interface Range extends ReportRange {
  yearStart: string;
  yearEnd: string;
  /** The year's periods (for per-period planned hours of a whole-year report). */
  periodIds: number[];
}

/** The year (default: the current one) and the period (none: the whole year) a report covers. */
export async function resolveRange(
  db: Db,
  today: string,
  yearId: number | undefined,
  periodId: number | null | undefined,
): Promise<Range> {
  const year =
    yearId === undefined
      ? await currentYear(db, today)
      : await db.selectFrom('academic_years').selectAll().where('id', '=', yearId).executeTakeFirst();
  if (!year)
    throw yearId === undefined
      ? new AppError('bad_request', 'Учебный год ещё не открыт: отчёт не за что строить')
      : notFound('Учебный год');
  const periods = await db.selectFrom('periods').selectAll().where('year_id', '=', year.id).orderBy('seq').execute();
  let from = year.starts_on;
  let to = year.ends_on;
  let period: (typeof periods)[number] | null = null;
  if (periodId !== undefined && periodId !== null) {
    period = periods.find((p) => p.id === periodId) ?? null;
    if (!period)
      throw new AppError('bad_request', `Период не относится к учебному году ${year.title}`, {
        periodId: 'Выберите период этого учебного года',
      });
    from = period.starts_on;
    to = period.ends_on;
  }
  const asOf = today < from ? from : today > to ? to : today;
  return {
    yearId: year.id,
    yearTitle: year.title,
    periodId: period?.id ?? null,
    periodTitle: period?.title ?? null,
    title: period ? `${period.title} ${year.title} учебного года` : `${year.title} учебный год`,
    from,
    to,
    asOf,
    yearStart: year.starts_on,
    yearEnd: year.ends_on,
    periodIds: periods.map((p) => p.id),
  };
}

/** Every journal of the year with the names a report prints. */
export async function yearJournals(db: Db, yearId: number): Promise<JournalMeta[]> {
  const rows = await db
    .selectFrom('journals as j')
    .$call(withJournalNames)
    .leftJoin('departments as d', 'd.id', 'g.department_id')
    .select([
      'j.id',
      'j.year_id',
      'j.group_id',
      'g.name as group_name',
      'j.subject_id',
      's.name as subject_name',
      's.code as subject_code',
      'j.subgroup_id',
      'sg.number as subgroup_no',
      'j.teacher_user_id',
      't.last_name',
      't.first_name',
      't.middle_name',
      'g.department_id',
      'd.name as department_name',
      'j.marks_enabled',
    ])
    .where('j.year_id', '=', yearId)
    .execute();
  return rows
    .map((r) => ({
      journalId: r.id,
      yearId: r.year_id,
      groupId: r.group_id,
      groupName: r.group_name,
      subgroup: r.subgroup_no ?? null,
      subjectId: r.subject_id,
      subjectName: r.subject_code ? `${r.subject_code} ${r.subject_name}` : r.subject_name,
      subgroupId: r.subgroup_id,
      teacherId: r.teacher_user_id,
      teacherName: fullName(r),
      departmentId: r.department_id,
      departmentName: r.department_name ?? null,
      marksEnabled: r.marks_enabled === 1,
    }))
    .sort(byGroupSubject);
}

/** A journal's label as the contract shows it (without the ids a report needs only inside). */
export function labelOf(j: JournalMeta): JournalLabel {
  const { yearId: _y, subjectId: _s, subgroupId: _g, marksEnabled: _m, ...label } = j;
  return label;
}

export function byGroupSubject(a: JournalLabel, b: JournalLabel): number {
  return (
    a.groupName.localeCompare(b.groupName, 'ru') ||
    a.subjectName.localeCompare(b.subjectName, 'ru') ||
    (a.subgroup ?? 0) - (b.subgroup ?? 0) ||
    a.journalId - b.journalId
  );
}

/** Does the caller hold a role that lets them run this report at all? */
export function assertReportRole(session: Session, kind: ReportKind): void {
  if (!hasRole(session, ...REPORT_ROLES[kind])) throw forbidden('Недостаточно прав для этого отчёта');
}

/** The journals of the year this caller may see in this report, before any filter. */
export function allowedJournals(session: Session, kind: ReportKind, journals: JournalMeta[]): JournalMeta[] {
  assertReportRole(session, kind);
  const roles = REPORT_ROLES[kind];
  const grants = (role: 'director' | 'deputy' | 'dept_head' | 'curator' | 'teacher') =>
    roles.includes(role) && hasRole(session, role);
  if (grants('director') || grants('deputy')) return journals;
  const departments = grants('dept_head') ? new Set(headedDepartmentIds(session)) : new Set<number>();
  const groups = grants('curator') ? new Set(curatedGroupIds(session)) : new Set<number>();
  const own = grants('teacher');
  return journals.filter(
    (j) =>
      (j.departmentId !== null && departments.has(j.departmentId)) ||
      groups.has(j.groupId) ||
      (own && j.teacherId === session.userId),
  );
}

export function hasFilter(filter: ScopeFilter): boolean {
  return (
    filter.departmentId !== undefined ||
    filter.groupId !== undefined ||
    filter.teacherId !== undefined ||
    filter.journalId !== undefined
  );
}

export function matches(j: JournalMeta, filter: ScopeFilter): boolean {
  return (
    (filter.departmentId === undefined || j.departmentId === filter.departmentId) &&
    (filter.groupId === undefined || j.groupId === filter.groupId) &&
    (filter.teacherId === undefined || j.teacherId === filter.teacherId) &&
    (filter.journalId === undefined || j.journalId === filter.journalId)
  );
}

/** The journals the report covers: allowed ∩ filter; refused when the filter aims outside the scope. */
export async function scopeJournals(
  ctx: AuthedContext,
  kind: ReportKind,
  range: Range,
  filter: ScopeFilter,
): Promise<JournalMeta[]> {
  const all = await yearJournals(ctx.db, range.yearId);
  const allowed = allowedJournals(ctx.session, kind, all);
  if (!hasFilter(filter)) return allowed;
  const named = all.filter((j) => matches(j, filter));
  const chosen = allowed.filter((j) => matches(j, filter));
  if (named.length > 0 && chosen.length === 0) {
    const w = await institutionWords(ctx.db);
    throw forbidden(
      `Недостаточно прав: выбранные журналы вне вашей области ` +
        `(${{ f: 'другая', m: 'другой', n: 'другое' }[w.gender('department')]} ${w.term('department')}, ` +
        `${w.term('group')} или ${w.short('teacher')})`,
    );
  }
  return chosen;
}

/** The day after an ISO date, for «created_at < next day» comparisons of moments. */
export function dayAfter(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
