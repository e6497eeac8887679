// The journal page's parts that depend on the journal's id only: its header, the year's periods, the
// unlocks, final marks and thematic plan — read together (on PostgreSQL, one round trip), compiled once.
import type { JournalDb } from '../../../db/connect.js';
import { param, prepare, runPrepared } from '../../../db/prepared.js';
import { notFound } from '../../api/errors.js';
import { type Db } from '../context.js';
import { journalHeadColumns } from './head-columns.js';
import { planReads } from './page-plan.js';

const journalId = () => param<number>('journalId');
const headQ = prepare((db) => headRead(db, journalId()));
const periodsQ = prepare((db) => periodsRead(db, journalId()));
const unlocksQ = prepare((db) =>
  db
    .selectFrom('period_unlocks')
    .select(['id', 'period_id', 'status', 'valid_until', 'reason', 'version'])
    .where('journal_id', '=', journalId())
    .orderBy('id'),
);
const finalsQ = prepare((db) =>
  db
    .selectFrom('final_marks')
    .select(['student_id', 'period_id', 'kind', 'value', 'version'])
    .where('journal_id', '=', journalId()),
);
const topicsQ = prepare((db) => planReads(db, journalId()).topics);
const taughtQ = prepare((db) => planReads(db, journalId()).taught);
const correctionsQ = prepare((db) => planReads(db, journalId()).corrections);

/**
 * Everything of the page that depends on the journal's id alone; nothing of it leaves before the access check.
 * Compiled once (db/prepared.ts): on PostgreSQL one prepared statement, on SQLite kept statements run in turn.
 */
export async function readJournalParts(handle: JournalDb, id: number) {
  const v = { journalId: id };
  const [head, periods, unlocks, finals, topics, taught, corrections] = await runPrepared(handle, [
    [headQ, v],
    [periodsQ, v],
    [unlocksQ, v],
    [finalsQ, v],
    [topicsQ, v],
    [taughtQ, v],
    [correctionsQ, v],
  ] as const);
  return { head, periods, unlocks, finals, topics, taught, corrections };
}

export type JournalParts = Awaited<ReturnType<typeof readJournalParts>>;

/** The journal with everything its page header needs and its own scale, in one query. */
function headRead(db: Db, journalId: number) {
  return db
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
    .where('j.id', '=', journalId);
}

/** The header's row; no journal (or no institution row, before setup) is «not found», as an inner join would be. */
export function headOf(parts: Pick<JournalParts, 'head'>) {
  const row = parts.head[0];
  if (!row || (row.institution_kind as string | null) === null) throw notFound('Журнал');
  return row;
}

/** The periods of the journal's year, in order. */
function periodsRead(db: Db, journalId: number) {
  return db
    .selectFrom('periods')
    .select(['id', 'seq', 'title', 'starts_on', 'ends_on', 'locked'])
    .where('year_id', '=', (eb) => eb.selectFrom('journals').select('year_id').where('id', '=', journalId))
    .orderBy('seq');
}

export type Head = ReturnType<typeof headOf>;
export type PeriodRow = JournalParts['periods'][number];
