// The thematic plan (КТП) of a journal: ordered topics with hours and lesson kind, typed in by the
// teacher or the administrator, copied from a journal of the same subject, or imported from Excel.
import { institutionWords } from '../words.js';
import type { LessonKind } from '../../../db/schema.js';
import type { Parsed, PlanInfo } from '../../api/contract.js';
import { AppError, forbidden, notFound } from '../../api/errors.js';
import { assertJournalRead, loadJournal, type JournalRow } from '../access.js';
import { audit } from '../audit.js';
import { hasRole, type AuthedContext, type Db } from '../context.js';
import { shortName } from '../session.js';
import { versionConflict } from './common.js';
import { withJournalNames } from '../journal-names.js';

export interface TopicDraft {
  id?: number | undefined;
  section: string | null;
  title: string;
  hours: number;
  lessonKind: LessonKind;
  homework: string | null;
}

export async function describePlan(db: Db, j: JournalRow, editable: boolean): Promise<PlanInfo> {
  const head = await db
    .selectFrom('journals as j')
    .$call(withJournalNames)
    .innerJoin('academic_years as y', 'y.id', 'j.year_id')
    .select([
      'g.name as group_name',
      's.name as subject_name',
      's.code',
      'sg.number',
      't.last_name',
      't.first_name',
      't.middle_name',
      'y.title',
      'j.version',
    ])
    .where('j.id', '=', j.id)
    .executeTakeFirstOrThrow();
  const planned = await db
    .selectFrom('journal_period_hours')
    .select((eb) => eb.fn.sum<number>('hours').as('h'))
    .where('journal_id', '=', j.id)
    .executeTakeFirst();
  const topics = await db.selectFrom('plan_topics').selectAll().where('journal_id', '=', j.id).orderBy('seq').execute();
  const used =
    topics.length === 0
      ? []
      : await db
          .selectFrom('lessons')
          .select(['plan_topic_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('journal_id', '=', j.id)
          .where('plan_topic_id', 'is not', null)
          .groupBy('plan_topic_id')
          .execute();
  return {
    journalId: j.id,
    groupName: head.group_name,
    subjectName: head.subject_name,
    subjectCode: head.code,
    subgroupNumber: head.number,
    teacherName: shortName(head),
    yearTitle: head.title,
    plannedHours: Number(planned?.h ?? 0),
    topicHours: topics.reduce((s, t) => s + t.hours, 0),
    editable,
    version: head.version,
    topics: topics.map((t) => ({
      id: t.id,
      seq: t.seq,
      section: t.section,
      title: t.title,
      hours: t.hours,
      lessonKind: t.lesson_kind as LessonKind,
      homework: t.homework,
      used: Number(used.find((u) => u.plan_topic_id === t.id)?.n ?? 0),
    })),
  };
}

function mayWritePlan(ctx: AuthedContext, j: JournalRow): boolean {
  return hasRole(ctx.session, 'admin') || (hasRole(ctx.session, 'teacher') && j.teacher_user_id === ctx.session.userId);
}

/** The administrator or the journal's own teacher, while the year is open. */
export async function assertPlanWrite(ctx: AuthedContext, journalId: number): Promise<JournalRow> {
  const j = await loadJournal(ctx.db, journalId);
  if (!mayWritePlan(ctx, j))
    throw forbidden(
      `Недостаточно прав: тематический план ведут ${(await institutionWords(ctx.db)).short('teacher')} журнала и ` +
        `администратор`,
    );
  if (j.year_status !== 'open')
    throw new AppError('locked', 'Учебный год закрыт: тематический план доступен только для просмотра');
  return j;
}

export async function getPlan(ctx: AuthedContext, input: Parsed<'plans.get'>): Promise<PlanInfo> {
  const j = await assertJournalRead(ctx.db, ctx.session, input.journalId);
  return describePlan(ctx.db, j, j.year_status === 'open' && mayWritePlan(ctx, j));
}

/** Replaces the plan: topics keep their ids (and lessons their links) where the caller kept them. */
export async function writePlan(
  trx: Db,
  j: JournalRow,
  seenVersion: number,
  topics: TopicDraft[],
): Promise<{ before: unknown }> {
  const res = await trx
    .updateTable('journals')
    .set({ version: j.version + 1 })
    .where('id', '=', j.id)
    .where('version', '=', seenVersion)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw versionConflict('Тематический план', null);
  const existing = await trx
    .selectFrom('plan_topics')
    .selectAll()
    .where('journal_id', '=', j.id)
    .orderBy('seq')
    .execute();
  const keep = new Set(topics.map((t) => t.id).filter((x): x is number => x !== undefined));
  for (const id of keep) if (!existing.some((e) => e.id === id)) throw notFound('Тема плана');
  const gone = existing.filter((e) => !keep.has(e.id)).map((e) => e.id);
  if (gone.length > 0) await trx.deleteFrom('plan_topics').where('id', 'in', gone).execute();
  for (const e of existing.filter((x) => keep.has(x.id)))
    await trx.updateTable('plan_topics').set({ seq: -e.seq }).where('id', '=', e.id).execute();
  let seq = 0;
  const fresh = [];
  for (const t of topics) {
    seq++;
    const values = {
      seq,
      section: t.section,
      title: t.title,
      hours: t.hours,
      lesson_kind: t.lessonKind,
      homework: t.homework,
    };
    if (t.id !== undefined) await trx.updateTable('plan_topics').set(values).where('id', '=', t.id).execute();
    else fresh.push({ journal_id: j.id, ...values });
  }
  for (let i = 0; i < fresh.length; i += 200)
    await trx
      .insertInto('plan_topics')
      .values(fresh.slice(i, i + 200))
      .execute();
  return { before: existing.map((e) => ({ seq: e.seq, title: e.title, hours: e.hours, kind: e.lesson_kind })) };
}

export async function savePlan(ctx: AuthedContext, input: Parsed<'plans.save'>): Promise<PlanInfo> {
  const j = await assertPlanWrite(ctx, input.journalId);
  await ctx.db.transaction().execute(async (trx) => {
    const { before } = await writePlan(trx, j, input.version, input.topics);
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'plans.save',
      entity: 'plan',
      entityId: j.id,
      journalId: j.id,
      before,
      after: input.topics.map((t, i) => ({ seq: i + 1, title: t.title, hours: t.hours, kind: t.lessonKind })),
    });
  });
  return describePlan(ctx.db, await loadJournal(ctx.db, j.id), true);
}

export async function copyPlan(ctx: AuthedContext, input: Parsed<'plans.copy'>): Promise<PlanInfo> {
  const j = await assertPlanWrite(ctx, input.journalId);
  const source = await assertJournalRead(ctx.db, ctx.session, input.fromJournalId);
  const topics = await ctx.db
    .selectFrom('plan_topics')
    .selectAll()
    .where('journal_id', '=', source.id)
    .orderBy('seq')
    .execute();
  if (topics.length === 0) throw new AppError('bad_request', 'В журнале-образце нет тематического плана');
  const drafts: TopicDraft[] = topics.map((t) => ({
    section: t.section,
    title: t.title,
    hours: t.hours,
    lessonKind: t.lesson_kind as LessonKind,
    homework: t.homework,
  }));
  await ctx.db.transaction().execute(async (trx) => {
    const { before } = await writePlan(trx, j, input.version, drafts);
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'plans.copy',
      entity: 'plan',
      entityId: j.id,
      journalId: j.id,
      before,
      after: { fromJournalId: source.id, topics: drafts.length },
    });
  });
  return describePlan(ctx.db, await loadJournal(ctx.db, j.id), true);
}
