// The journal's thematic plan as its page shows it: topics with what was taught, hours held and planned
// with corrections.
import type { JournalPage } from '../../api/contract.js';
import { type Db } from '../context.js';
import { readTogether, type RowsOf } from '../read-together.js';

/** The thematic plan with what has been taught, the hours held and the plan's hours with corrections. */
export async function planState(db: Db, journalId: number): Promise<JournalPage['plan']> {
  return planOf(await readTogether(db, planReads(db, journalId)));
}

/** The reads planState makes, to be sent with others (readTogether). */
export function planReads(db: Db, journalId: number) {
  return {
    topics: db
      .selectFrom('plan_topics')
      .select(['id', 'seq', 'section', 'title', 'hours', 'lesson_kind', 'homework'])
      .where('journal_id', '=', journalId)
      .orderBy('seq'),
    taught: db
      .selectFrom('lessons')
      .select([
        'plan_topic_id',
        (eb) => eb.fn.min<string>('date').as('first'),
        (eb) => eb.fn.sum<number>('hours').as('hours'),
      ])
      .where('journal_id', '=', journalId)
      .groupBy('plan_topic_id'),
    // The approved corrections and the hours by period (used when there is no plan) in one row.
    corrections: db.selectNoFrom((eb) => [
      eb
        .selectFrom('plan_corrections')
        .select((e) => e.fn.sum<number>('hours_delta').as('h'))
        .where('journal_id', '=', journalId)
        .where('status', '=', 'approved')
        .as('h'),
      eb
        .selectFrom('journal_period_hours')
        .select((e) => e.fn.sum<number>('hours').as('h'))
        .where('journal_id', '=', journalId)
        .as('period_h'),
    ]),
  };
}

export function planOf(rows: RowsOf<ReturnType<typeof planReads>>): JournalPage['plan'] {
  const { topics, taught } = rows;
  const corrections = rows.corrections[0];
  const firstBy = new Map(taught.filter((t) => t.plan_topic_id !== null).map((t) => [t.plan_topic_id!, t.first]));
  const hoursHeld = taught.reduce((sum, t) => sum + Number(t.hours), 0);
  let hoursPlanned: number | null = topics.length > 0 ? topics.reduce((sum, t) => sum + t.hours, 0) : null;
  if (hoursPlanned === null) hoursPlanned = corrections?.period_h != null ? Number(corrections.period_h) : null;
  if (hoursPlanned !== null) hoursPlanned += Number(corrections?.h ?? 0);
  const list = topics.map((t) => ({
    id: t.id,
    seq: t.seq,
    section: t.section,
    title: t.title,
    hours: t.hours,
    kind: t.lesson_kind,
    homework: t.homework,
    taughtOn: firstBy.get(t.id) ?? null,
  }));
  return { topics: list, hoursPlanned, hoursHeld, nextTopicId: list.find((t) => t.taughtOn === null)?.id ?? null };
}
