// The journal page's header, periods and the parts that depend on the journal's id only.
import { notFound } from '../../api/errors.js';
import { type Db } from '../context.js';
import { journalHeadColumns } from './head-columns.js';
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

/** The journal with everything its page header needs and its own scale, in one query. */
export async function headOf(db: Db, journalId: number) {
  const row = await db
    .selectFrom('journals as j')
    .select((eb) => {
      const subject = eb.selectFrom('subjects as s').whereRef('s.id', '=', 'j.subject_id');
      const teacher = eb.selectFrom('users as t').whereRef('t.id', '=', 'j.teacher_user_id');
      return [
        ...journalHeadColumns(eb),
        subject.select('s.name').$asScalar().as('subject_name'),
        subject.select('s.code').$asScalar().as('subject_code'),
        teacher.select('t.last_name').$asScalar().as('last_name'),
        teacher.select('t.first_name').$asScalar().as('first_name'),
        teacher.select('t.middle_name').$asScalar().as('middle_name'),
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
