// The list of journals the caller may open, for a year.
import type { JournalListItem, Parsed } from '../../api/contract.js';
import { curatedGroupIds, headedDepartmentIds, READ_ALL } from '../access.js';
import { hasRole, type AuthedContext } from '../context.js';
import { shortName } from '../session.js';
import { withJournalNames } from '../journal-names.js';

export async function list(ctx: AuthedContext, input: Parsed<'journal.list'>): Promise<JournalListItem[]> {
  const { db, session } = ctx;
  const today = ctx.clock.today();
  let yearId = input.yearId ?? null;
  if (yearId === null) {
    const years = await db
      .selectFrom('academic_years')
      .select(['id', 'starts_on', 'ends_on'])
      .orderBy('starts_on', 'desc')
      .execute();
    yearId = (years.find((y) => y.starts_on <= today && today <= y.ends_on) ?? years[0])?.id ?? null;
  }
  if (yearId === null) return [];
  let q = db
    .selectFrom('journals as j')
    .$call(withJournalNames)
    .innerJoin('academic_years as y', 'y.id', 'j.year_id')
    .select([
      'j.id',
      'j.group_id',
      'j.teacher_user_id',
      'y.title as year_title',
      'g.name as group_name',
      'g.department_id',
      's.name as subject_name',
      's.code as subject_code',
      'sg.number as sg_number',
      't.last_name',
      't.first_name',
      't.middle_name',
    ])
    .where('j.year_id', '=', yearId);
  if (input.groupId) q = q.where('j.group_id', '=', input.groupId);
  const substituted = hasRole(session, 'teacher')
    ? new Set(
        (
          await db
            .selectFrom('timetable_changes')
            .select('journal_id')
            .distinct()
            .where('year_id', '=', yearId)
            .where('kind', '=', 'substitute')
            .where('substitute_user_id', '=', session.userId)
            .execute()
        ).map((r) => r.journal_id),
      )
    : new Set<number>();
  if (!hasRole(session, ...READ_ALL)) {
    const curated = curatedGroupIds(session);
    const departments = headedDepartmentIds(session);
    q = q.where((eb) =>
      eb.or([
        eb('j.teacher_user_id', '=', hasRole(session, 'teacher') ? session.userId : -1),
        ...(curated.length ? [eb('j.group_id', 'in', curated)] : []),
        ...(departments.length ? [eb('g.department_id', 'in', departments)] : []),
        // The journals the teacher substitutes in (issue 14): open to write their lessons only.
        ...(substituted.size ? [eb('j.id', 'in', [...substituted])] : []),
      ]),
    );
  }
  const rows = await q.orderBy('g.name').orderBy('s.name').orderBy('sg.number').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const held = await db
    .selectFrom('lessons')
    .select([
      'journal_id',
      (eb) => eb.fn.sum<number>('hours').as('hours'),
      (eb) => eb.fn.max<string>('date').as('last'),
    ])
    .where('journal_id', 'in', ids)
    .groupBy('journal_id')
    .execute();
  const planned = await db
    .selectFrom('plan_topics')
    .select(['journal_id', (eb) => eb.fn.sum<number>('hours').as('hours')])
    .where('journal_id', 'in', ids)
    .groupBy('journal_id')
    .execute();
  const heldBy = new Map(held.map((h) => [h.journal_id, h]));
  const plannedBy = new Map(planned.map((p) => [p.journal_id, Number(p.hours)]));
  return rows.map((r) => ({
    id: r.id,
    yearTitle: r.year_title,
    groupId: r.group_id,
    groupName: r.group_name,
    subjectName: r.subject_name,
    subjectCode: r.subject_code,
    subgroupNumber: r.sg_number ?? null,
    teacherName: shortName(r),
    mine: r.teacher_user_id === session.userId,
    substitute: r.teacher_user_id !== session.userId && substituted.has(r.id),
    hoursHeld: Number(heldBy.get(r.id)?.hours ?? 0),
    hoursPlanned: plannedBy.get(r.id) ?? null,
    lastLessonOn: heldBy.get(r.id)?.last ?? null,
  }));
}
