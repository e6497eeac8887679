// The student's and parent's page: the week (timetable, topics, homework, marks, attendance) and
// the period (marks by subject with the weighted average, final marks, absences and their reasons)
// of one student whom the caller may see — their own child or themself (003 §2.7–2.8).
// Served to every family over the Internet, so it is kept cheap: one round of prepared statements about
// the student (family-data.ts); what the institution's and the group's pages share is kept per process
// while unchanged (family-catalogue.ts, family-content.ts).
import type { FamilyPage, Parsed } from '../../api/contract.js';
import { badInput, notFound } from '../../api/errors.js';
import { assertFamilyScope, ownChild } from '../access.js';
import { addDays, weekStart } from '../../domain/calendar.js';
import { markReleased } from '../../domain/mail.js';
import { hasRole, type AuthedContext } from '../context.js';
import { fullName } from '../session.js';
import { excuseInfo } from './excuses.js';
import { catalogue, type JournalLabel } from './family-catalogue.js';
import { contentView, journalContents } from './family-content.js';
import { readStudent, studentLessons } from './family-data.js';
import { periodAbsences, periodSubjects } from './family-period.js';
import { weekDays } from './family-week.js';

export async function page(ctx: AuthedContext, input: Parsed<'family.page'>): Promise<FamilyPage> {
  const { db, session } = ctx;
  const data = await readStudent(ctx.database.current, session, input.studentId);
  if (!data) throw notFound('Обучающийся');
  const { student, enrolments } = data;
  const own = ownChild(session, student.id, data.linked);
  assertFamilyScope(
    session,
    own,
    enrolments.map((e) => ({ id: e.group_id, department_id: e.department_id })),
  );
  const cat = await catalogue(db, data.tag);
  const today = ctx.clock.today();
  const focus = input.weekOf ?? today;
  const covering = enrolments.filter((e) => e.from_date <= focus && (e.until_date === null || focus < e.until_date));
  const current = covering[0] ?? enrolments.at(-1);
  // A centre's child may be in several объединения at once: the page names them all.
  const groupNames = [...new Set(covering.map((e) => e.name))];

  const year = current ? (cat.years.get(current.year_id) ?? null) : null;
  const periods = current ? (cat.periods.get(current.year_id) ?? []).map((p) => ({ ...p })) : [];
  let period =
    periods.find((p) => p.startsOn <= focus && focus <= p.endsOn) ??
    [...periods].reverse().find((p) => p.startsOn <= focus) ??
    periods[0] ??
    null;
  if (input.periodId) {
    period = periods.find((p) => p.id === input.periodId) ?? null;
    if (!period) throw badInput('Период не относится к учебному году обучающегося');
  }
  const from = weekStart(focus);
  const base: FamilyPage = {
    student: {
      id: student.id,
      fullName: fullName(student),
      groupName: groupNames.length > 1 ? groupNames.join('; ') : (current?.name ?? null),
    },
    children: data.children.map((r) => ({ studentId: r.id, fullName: fullName(r) })),
    today,
    canSendExcuse: own && hasRole(session, 'parent'),
    periods,
    period,
    week: { from, to: addDays(from, 5), days: [] },
    subjects: [],
    absences: [],
    excuses: data.excuses.map((r) => excuseInfo(r, enrolments, Number(r.absences), Number(r.excused))),
  };
  if (!year) return base;

  // The student's journals this year: their groups' journals, a subgroup's only when they are in it.
  const groupIds = new Set(enrolments.filter((e) => e.year_id === year.id).map((e) => e.group_id));
  const journals = new Map<number, JournalLabel>();
  for (const j of await cat.journals(year.id)) {
    if (groupIds.has(j.groupId) && (j.subgroupId === null || data.subgroupIds.has(j.subgroupId))) journals.set(j.id, j);
  }
  if (journals.size === 0) return base;

  const week = base.week;
  const range = {
    from: period && period.startsOn < week.from ? period.startsOn : week.from,
    to: period && period.endsOn > week.to ? period.endsOn : week.to,
    week,
    period,
  };
  const versions = new Map([...journals.keys()].map((id) => [id, data.journalVersions.get(id) ?? -1]));
  const [contents, timetable, changes] = await Promise.all([
    journalContents(db, versions),
    cat.timetable(year.id),
    cat.changes(year.id),
  ]);
  const lessons = studentLessons(data, contentView(db, contents), range);
  // Marks of a column held back until its release date are not shown to the family (nor counted).
  const hidden = (releaseOn: string | null) => own && !markReleased(releaseOn, today);
  week.days = weekDays({ week, year, journals, timetable, changes, catalogue: cat, enrolments, lessons, hidden });
  if (!period) return base;
  const byPeriod = { period, journals, lessons, periodTitles: cat.periodTitles, hidden };
  base.subjects = periodSubjects(byPeriod);
  base.absences = periodAbsences(byPeriod, base.excuses);
  return base;
}
