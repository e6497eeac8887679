// The names a journal is shown by — its group, subject, teacher and subgroup — joined one way wherever a
// list, a report or a log names journals: `g` groups, `s` subjects, `t` the teacher (users), `sg`
// subgroups (null for a whole-group journal).
import type { Nullable, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Db } from './context.js';

type Named<DB> = DB & {
  g: Database['groups'];
  s: Database['subjects'];
  t: Database['users'];
  sg: Nullable<Database['subgroups']>;
};

/** Adds the journal's names to a query that has journals as `j`: `.$call(withJournalNames)`. */
export function withJournalNames<DB extends { j: Database['journals'] }, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<Named<DB>, TB | 'g' | 's' | 't' | 'sg', O> {
  // Kysely cannot check joins on a generic table set; the aliases and columns are fixed here, once.
  const q = qb as unknown as SelectQueryBuilder<Database & { j: Database['journals'] }, 'j', O>;
  return q
    .innerJoin('groups as g', 'g.id', 'j.group_id')
    .innerJoin('subjects as s', 's.id', 'j.subject_id')
    .innerJoin('users as t', 't.id', 'j.teacher_user_id')
    .leftJoin('subgroups as sg', 'sg.id', 'j.subgroup_id') as unknown as SelectQueryBuilder<
    Named<DB>,
    TB | 'g' | 's' | 't' | 'sg',
    O
  >;
}

/** Journals with their names: `journalsWithNames(db).select([...])`. */
export function journalsWithNames(db: Db) {
  return db.selectFrom('journals as j').$call(withJournalNames);
}
