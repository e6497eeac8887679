// Corrections of the thematic plan: the teacher asks (what, how many hours, why), the deputy decides.
// Only approved corrections change the planned hours that programme completion counts against.
import { institutionWords } from './words.js';
import type { CorrectionRow, Parsed } from '../api/contract.js';
import { AppError, badInput, conflict, forbidden, notFound } from '../api/errors.js';
import { assertJournalWrite, headedDepartmentIds, loadJournal } from './access.js';
import { audit } from './audit.js';
import { hasRole, type AuthedContext, type Db } from './context.js';
import { currentYear } from './schedule.js';
import { fullName } from './session.js';
import { withJournalNames } from './journal-names.js';

const KIND_WORDS = {
  move: 'перенос занятия',
  merge: 'объединение тем',
  extra_hours: 'добавление часов',
  reduce_hours: 'сокращение часов',
} as const;

function query(db: Db) {
  return db
    .selectFrom('plan_corrections as c')
    .innerJoin('journals as j', 'j.id', 'c.journal_id')
    .$call(withJournalNames)
    .innerJoin('users as rq', 'rq.id', 'c.requested_by')
    .leftJoin('users as dc', 'dc.id', 'c.approved_by')
    .leftJoin('periods as p', 'p.id', 'c.period_id')
    .leftJoin('plan_topics as pt', 'pt.id', 'c.plan_topic_id')
    .select([
      'c.id',
      'c.version',
      'c.journal_id',
      'c.period_id',
      'p.title as period_title',
      'c.kind',
      'c.hours_delta',
      'c.reason',
      'c.plan_topic_id',
      'pt.seq as topic_seq',
      'pt.title as topic_title',
      'c.status',
      'c.created_at',
      'c.approved_at',
      'c.decision_note',
      'g.name as group_name',
      'sg.number as subgroup_no',
      's.name as subject_name',
      'g.year_id',
      'g.department_id',
      'j.teacher_user_id',
      't.last_name as t_last',
      't.first_name as t_first',
      't.middle_name as t_middle',
      'rq.last_name as r_last',
      'rq.first_name as r_first',
      'rq.middle_name as r_middle',
      'dc.last_name as d_last',
      'dc.first_name as d_first',
      'dc.middle_name as d_middle',
    ]);
}

type Raw = Awaited<ReturnType<ReturnType<typeof query>['execute']>>[number];

function toRow(r: Raw): CorrectionRow {
  return {
    id: r.id,
    version: r.version,
    journalId: r.journal_id,
    groupName: r.subgroup_no ? `${r.group_name} (подгр. ${r.subgroup_no})` : r.group_name,
    subjectName: r.subject_name,
    teacherName: fullName({ last_name: r.t_last, first_name: r.t_first, middle_name: r.t_middle }),
    periodId: r.period_id,
    periodTitle: r.period_title ?? null,
    kind: r.kind,
    hoursDelta: r.hours_delta,
    reason: r.reason,
    planTopicId: r.plan_topic_id,
    planTopicTitle: r.topic_title ? `${r.topic_seq}. ${r.topic_title}` : null,
    status: r.status,
    requestedByName: fullName({ last_name: r.r_last, first_name: r.r_first, middle_name: r.r_middle }),
    createdAt: r.created_at,
    decidedByName: r.d_last
      ? fullName({ last_name: r.d_last, first_name: r.d_first ?? '', middle_name: r.d_middle ?? null })
      : null,
    decidedAt: r.approved_at,
    decisionNote: r.decision_note,
  };
}

async function loadRow(db: Db, id: number): Promise<CorrectionRow> {
  const row = await query(db).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Корректировка');
  return toRow(row);
}

export async function list(ctx: AuthedContext, input: Parsed<'corrections.list'>): Promise<CorrectionRow[]> {
  const yearId = input.yearId ?? (await currentYear(ctx.db, ctx.clock.today()))?.id;
  if (yearId === undefined) return [];
  let q = query(ctx.db).where('g.year_id', '=', yearId);
  if (!hasRole(ctx.session, 'director', 'deputy')) {
    const departments = hasRole(ctx.session, 'dept_head') ? headedDepartmentIds(ctx.session) : [];
    const own = hasRole(ctx.session, 'teacher');
    if (input.journalId !== undefined) {
      const j = await loadJournal(ctx.db, input.journalId);
      if (
        !(own && j.teacher_user_id === ctx.session.userId) &&
        !(j.department_id !== null && departments.includes(j.department_id))
      ) {
        throw forbidden(
          `Недостаточно прав: это журнал другого ${(await institutionWords(ctx.db)).short('teacher', 'gen')}`,
        );
      }
    }
    q = q.where((eb) =>
      eb.or([
        ...(own ? [eb('j.teacher_user_id', '=', ctx.session.userId)] : []),
        ...(departments.length ? [eb('g.department_id', 'in', departments)] : []),
        eb.lit(false),
      ]),
    );
  }
  if (input.journalId !== undefined) q = q.where('c.journal_id', '=', input.journalId);
  if (input.status) q = q.where('c.status', '=', input.status);
  const rows = (await q.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').execute()).map(toRow);
  // Requests waiting for a decision first.
  return rows.sort((a, b) => Number(b.status === 'requested') - Number(a.status === 'requested'));
}

export async function request(ctx: AuthedContext, input: Parsed<'corrections.request'>): Promise<CorrectionRow> {
  const journal = await assertJournalWrite(ctx.db, ctx.session, input.journalId);
  const period = await ctx.db
    .selectFrom('periods')
    .select(['id', 'year_id', 'title'])
    .where('id', '=', input.periodId)
    .executeTakeFirst();
  if (!period || period.year_id !== journal.year_id)
    throw badInput('Период не относится к учебному году журнала', { periodId: 'Выберите период этого учебного года' });
  const changesHours = input.kind === 'extra_hours' || input.kind === 'reduce_hours';
  if (changesHours && input.hours === 0)
    throw badInput(`Для вида «${KIND_WORDS[input.kind]}» укажите число часов`, { hours: 'Укажите часы' });
  if (!changesHours && input.hours !== 0) {
    throw badInput(
      `«${KIND_WORDS[input.kind]}» не меняет число часов: укажите 0 или выберите добавление/сокращение часов`,
      { hours: 'Должно быть 0' },
    );
  }
  if (input.planTopicId) {
    const topic = await ctx.db
      .selectFrom('plan_topics')
      .select('journal_id')
      .where('id', '=', input.planTopicId)
      .executeTakeFirst();
    if (!topic || topic.journal_id !== journal.id)
      throw badInput('Тема не из тематического плана этого журнала', { planTopicId: 'Выберите тему этого журнала' });
  }
  if (input.kind === 'reduce_hours') {
    const planned = await ctx.db
      .selectFrom('journal_period_hours')
      .select('hours')
      .where('journal_id', '=', journal.id)
      .where('period_id', '=', period.id)
      .executeTakeFirst();
    if (planned && input.hours > planned.hours) {
      throw badInput(`Нельзя сократить на ${input.hours} ч: по плану на ${period.title} всего ${planned.hours} ч`, {
        hours: 'Больше, чем по плану',
      });
    }
  }
  const now = ctx.clock.now();
  const hoursDelta = input.kind === 'reduce_hours' ? -input.hours : changesHours ? input.hours : 0;
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('plan_corrections')
      .values({
        journal_id: journal.id,
        period_id: period.id,
        kind: input.kind,
        hours_delta: hoursDelta,
        reason: input.reason,
        plan_topic_id: input.planTopicId ?? null,
        requested_by: ctx.session.userId,
        created_at: now.toISOString(),
        status: 'requested',
        version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx.session, now, {
      action: 'correction.request',
      entity: 'plan_correction',
      entityId: row.id,
      journalId: journal.id,
      after: { kind: input.kind, hoursDelta, reason: input.reason, periodId: period.id },
    });
    return row.id;
  });
  return loadRow(ctx.db, id);
}

export async function decide(ctx: AuthedContext, input: Parsed<'corrections.decide'>): Promise<CorrectionRow> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await loadRow(trx, input.id);
    if (current.version !== input.version)
      throw conflict('Корректировка уже изменена другим пользователем: обновите страницу', current);
    if (current.status !== 'requested')
      throw conflict(
        `Решение по корректировке уже принято: ${current.status === 'approved' ? 'утверждена' : 'отклонена'}`,
        current,
      );
    if (!input.approve && !input.note)
      throw badInput(`Укажите причину отказа: ${(await institutionWords(trx)).short('teacher')} увидит её`, {
        note: 'Причина отказа',
      });
    const journal = await loadJournal(trx, current.journalId);
    if (journal.year_status !== 'open')
      throw new AppError('locked', 'Учебный год закрыт: корректировки плана не утверждаются');
    const values = {
      status: input.approve ? ('approved' as const) : ('refused' as const),
      approved_by: ctx.session.userId,
      approved_at: now.toISOString(),
      decision_note: input.note,
    };
    const result = await trx
      .updateTable('plan_corrections')
      .set({ ...values, version: input.version + 1 })
      .where('id', '=', input.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0)
      throw conflict(
        'Корректировка уже изменена другим пользователем: обновите страницу',
        await loadRow(trx, input.id),
      );
    await audit(trx, ctx.session, now, {
      action: input.approve ? 'correction.approve' : 'correction.refuse',
      entity: 'plan_correction',
      entityId: input.id,
      journalId: current.journalId,
      before: { status: current.status },
      after: values,
    });
  });
  return loadRow(ctx.db, input.id);
}
