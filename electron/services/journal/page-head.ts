// The journal page's header, periods and the parts that depend on the journal's id only.
import { notFound } from '../../api/errors.js';
import { type Db } from '../context.js';
import { planState } from './page-plan.js';

/** The page's parts that depend on the journal's id only, not on its row or the range. */
export function byJournal(db: Db, journalId: number) {
  const reads = Promise.all([
    db
      .selectFrom('period_unlocks')
      .select(['id', 'period_id', 'status', 'valid_until', 'reason', 'version'])
      .where('journal_id', '=', journalId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('final_marks')
      .select(['student_id', 'period_id', 'kind', 'value', 'version'])
      .where('journal_id', '=', journalId)
      .execute(),
    planState(db, journalId),
  ]);
  // Awaited later (or not at all when the header's read or the access check throws first).
  reads.catch(() => undefined);
  return reads;
}

/**
 * The journal with everything its page header needs and the institution's scale, in one query.
 * Each looked-up value is a scalar subquery by primary key rather than a join: PostgreSQL plans a
 * seven-table join afresh on every call (about 3 ms here), the subqueries in a fraction of that.
 */
export async function headOf(db: Db, journalId: number) {
  const row = await db
    .selectFrom('journals as j')
    .select((eb) => {
      const year = eb.selectFrom('academic_years as y').whereRef('y.id', '=', 'j.year_id');
      const group = eb.selectFrom('groups as g').whereRef('g.id', '=', 'j.group_id');
      const subject = eb.selectFrom('subjects as s').whereRef('s.id', '=', 'j.subject_id');
      const teacher = eb.selectFrom('users as t').whereRef('t.id', '=', 'j.teacher_user_id');
      const subgroup = eb.selectFrom('subgroups as sg').whereRef('sg.id', '=', 'j.subgroup_id');
      const inst = eb.selectFrom('institution as i');
      // Rows that always exist (foreign keys, the institution's one row): typed as their columns.
      return [
        'j.id',
        'j.year_id',
        'j.group_id',
        'j.subject_id',
        'j.subgroup_id',
        'j.teacher_user_id',
        'j.version',
        // The journal's own marks flag and scale (migration 0010), not the institution's of today.
        'j.mark_scale',
        'j.marks_enabled',
        group.select('g.department_id').$asScalar().as('department_id'),
        year.select('y.status').$asScalar().as('year_status'),
        year.select('y.title').$asScalar().as('year_title'),
        year.select('y.starts_on').$asScalar().as('starts_on'),
        year.select('y.ends_on').$asScalar().as('ends_on'),
        group.select('g.name').$asScalar().as('group_name'),
        subject.select('s.name').$asScalar().as('subject_name'),
        subject.select('s.code').$asScalar().as('subject_code'),
        subgroup.select('sg.number').as('sg_number'),
        subgroup.select('sg.title').as('sg_title'),
        teacher.select('t.last_name').$asScalar().as('last_name'),
        teacher.select('t.first_name').$asScalar().as('first_name'),
        teacher.select('t.middle_name').$asScalar().as('middle_name'),
        inst.select('i.lessons_per_day').$asScalar().as('lessons_per_day'),
        inst.select('i.kind').$asScalar().as('institution_kind'),
      ];
    })
    .where('j.id', '=', journalId)
    .executeTakeFirst();
  // No institution row (before setup) read as «not found», as the inner join did.
  if (!row || (row.institution_kind as string | null) === null) throw notFound('Журнал');
  return row;
}

/** The periods of the journal's year, in order. */
export function periodsOf(db: Db, journalId: number) {
  return db
    .selectFrom('periods')
    .select(['id', 'seq', 'title', 'starts_on', 'ends_on', 'locked'])
    .where('year_id', '=', (eb) => eb.selectFrom('journals').select('year_id').where('id', '=', journalId))
    .orderBy('seq')
    .execute();
}

export type Head = Awaited<ReturnType<typeof headOf>>;
