// The journal with its year, group, subgroup and the institution, as one row: what a journal's page
// and every write in it read first. Each looked-up value is a scalar subquery by primary key rather
// than a join: PostgreSQL plans a five-table join afresh on every call, the subqueries in a fraction of that.
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../../db/schema.js';

type JournalEb = ExpressionBuilder<Database & { j: Database['journals'] }, 'j'>;

/** The selection for `selectFrom('journals as j')`; rows that always exist (foreign keys, the
 *  institution's one row) are typed as their columns. */
export function journalHeadColumns(eb: JournalEb) {
  const year = eb.selectFrom('academic_years as y').whereRef('y.id', '=', 'j.year_id');
  const group = eb.selectFrom('groups as g').whereRef('g.id', '=', 'j.group_id');
  const subgroup = eb.selectFrom('subgroups as sg').whereRef('sg.id', '=', 'j.subgroup_id');
  const inst = eb.selectFrom('institution as i');
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
    subgroup.select('sg.number').as('sg_number'),
    subgroup.select('sg.title').as('sg_title'),
    inst.select('i.lessons_per_day').$asScalar().as('lessons_per_day'),
    inst.select('i.correction_days').$asScalar().as('correction_days'),
    inst.select('i.kind').$asScalar().as('institution_kind'),
  ] as const;
}
