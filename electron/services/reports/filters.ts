// What the report screens offer to choose from — only what the caller may see.
import type { Parsed, ReportFilters, ReportKind } from '../../api/contract.js';
import { CENTRE_REPORTS, REPORT_KINDS, REPORT_ROLES } from '../../api/contract.js';
import { hasRole, type AuthedContext } from '../context.js';
import { currentPeriod, currentYear } from '../schedule.js';
import { allowedJournals, labelOf, yearJournals, type JournalMeta } from './scope.js';

export async function filters(ctx: AuthedContext, input: Parsed<'reports.filters'>): Promise<ReportFilters> {
  const { db, session } = ctx;
  const today = ctx.clock.today();
  const years = await db.selectFrom('academic_years').selectAll().orderBy('starts_on', 'desc').execute();
  const periods = await db.selectFrom('periods').selectAll().orderBy('seq').execute();
  const current = await currentYear(db, today);
  const yearId = input.yearId ?? current?.id ?? null;
  // An attendance-first centre (000) keeps no marks: no performance or forecast to show. Each journal keeps
  // its own flag (migration 0010): the year's journals decide, the institution's flag when there is no year.
  const all = yearId !== null ? await yearJournals(db, yearId) : [];
  const marks =
    yearId !== null
      ? all.some((j) => j.marksEnabled)
      : (await db.selectFrom('institution').select('marks_enabled').executeTakeFirst())?.marks_enabled !== 0;
  const kind = (await db.selectFrom('institution').select('kind').executeTakeFirst())?.kind;
  const centre = kind === 'supplementary';
  const reports = REPORT_KINDS.filter(
    (k) =>
      hasRole(session, ...REPORT_ROLES[k]) &&
      (marks || (k !== 'performance' && k !== 'forecast')) &&
      (centre || !(CENTRE_REPORTS as readonly string[]).includes(k)) &&
      (kind === 'college' || k !== 'stipendAttendance'),
  );
  const seen = new Map<number, JournalMeta>();
  if (yearId !== null) {
    for (const kind of reports)
      for (const j of allowedJournals(session, kind as ReportKind, all)) seen.set(j.journalId, j);
  }
  const journals = [...seen.values()];
  const unique = <T extends { id: number }>(items: T[]) => [...new Map(items.map((i) => [i.id, i])).values()];
  const period = current ? await currentPeriod(db, current.id, today) : null;
  return {
    today,
    years: years.map((y) => ({
      id: y.id,
      title: y.title,
      status: y.status,
      periods: periods
        .filter((p) => p.year_id === y.id)
        .map((p) => ({ id: p.id, title: p.title, startsOn: p.starts_on, endsOn: p.ends_on })),
    })),
    currentYearId: current?.id ?? null,
    currentPeriodId: period?.id ?? null,
    departments: unique(
      journals
        .filter((j) => j.departmentId !== null)
        .map((j) => ({ id: j.departmentId!, name: j.departmentName ?? '' })),
    ).sort((a, b) => a.name.localeCompare(b.name, 'ru')),
    groups: unique(journals.map((j) => ({ id: j.groupId, name: j.groupName, departmentId: j.departmentId }))).sort(
      (a, b) => a.name.localeCompare(b.name, 'ru'),
    ),
    teachers: unique(journals.map((j) => ({ id: j.teacherId, name: j.teacherName }))).sort((a, b) =>
      a.name.localeCompare(b.name, 'ru'),
    ),
    journals: journals.map(labelOf),
    reports,
  };
}
