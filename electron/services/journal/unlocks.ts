// Unlocking a closed period of one journal: the teacher asks with a reason, the deputy approves
// until a date or refuses; changes made meanwhile carry the unlock's id in the audit log.
import { institutionWords } from '../words.js';
import type { UnlockChange, Parsed, UnlockInfo } from '../../api/contract.js';
import { badInput, conflict, forbidden, notFound } from '../../api/errors.js';
import { assertJournalWrite } from '../access.js';
import { audit } from '../audit.js';
import { addDays } from '../../domain/calendar.js';
import { ruDate } from '../../domain/format-dates.js';
import { hasRole, type AuthedContext, type Db } from '../context.js';
import { fullName, shortName } from '../session.js';
import { withJournalNames } from '../journal-names.js';

const DEFAULT_DAYS = 7;

function baseQuery(db: Db) {
  return db
    .selectFrom('period_unlocks as u')
    .innerJoin('journals as j', 'j.id', 'u.journal_id')
    .$call(withJournalNames)
    .innerJoin('periods as p', 'p.id', 'u.period_id')
    .leftJoin('users as d', 'd.id', 'u.decided_by')
    .select([
      'u.id',
      'u.journal_id',
      'u.period_id',
      'u.reason',
      'u.status',
      'u.created_at',
      'u.decided_at',
      'u.decision_note',
      'u.valid_until',
      'u.version',
      'g.name as group_name',
      's.name as subject_name',
      'sg.number as sg_number',
      'p.title as period_title',
      'j.teacher_user_id',
      't.last_name',
      't.first_name',
      't.middle_name',
      'd.last_name as d_last',
      'd.first_name as d_first',
      'd.middle_name as d_middle',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

/** Audit rows written under an unlock carry `"unlockId":N` in their `after` JSON. */
function changesOf(db: Db, unlockId: number, journalId: number) {
  return db
    .selectFrom('audit_log')
    .where('journal_id', '=', journalId)
    .where((eb) =>
      eb.or([eb('after', 'like', `%"unlockId":${unlockId},%`), eb('after', 'like', `%"unlockId":${unlockId}}%`)]),
    );
}

async function toInfo(db: Db, rows: Row[], today: string): Promise<UnlockInfo[]> {
  const result: UnlockInfo[] = [];
  for (const r of rows) {
    const changes =
      r.status === 'approved' || r.status === 'expired'
        ? Number(
            (
              await changesOf(db, r.id, r.journal_id)
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirst()
            )?.n ?? 0,
          )
        : 0;
    const expired = r.status === 'approved' && r.valid_until !== null && r.valid_until < today;
    result.push({
      id: r.id,
      journalId: r.journal_id,
      groupName: r.group_name,
      subjectName: r.subject_name,
      subgroupNumber: r.sg_number ?? null,
      periodId: r.period_id,
      periodTitle: r.period_title,
      teacherName: shortName(r),
      reason: r.reason,
      status: expired ? 'expired' : r.status,
      active: r.status === 'approved' && !expired,
      createdAt: r.created_at,
      decidedBy: r.d_last ? shortName({ last_name: r.d_last, first_name: r.d_first!, middle_name: r.d_middle }) : null,
      decidedAt: r.decided_at,
      decisionNote: r.decision_note,
      validUntil: r.valid_until,
      changes,
      version: r.version,
    });
  }
  return result;
}

async function one(db: Db, id: number, today: string): Promise<UnlockInfo> {
  const row = await baseQuery(db).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Запрос на разблокировку');
  return (await toInfo(db, [row], today))[0]!;
}

export async function request(ctx: AuthedContext, input: Parsed<'unlocks.request'>): Promise<UnlockInfo> {
  return ctx.db.transaction().execute(async (trx) => {
    const j = await assertJournalWrite(trx, ctx.session, input.journalId);
    const today = ctx.clock.today();
    const period = await trx.selectFrom('periods').selectAll().where('id', '=', input.periodId).executeTakeFirst();
    if (!period || period.year_id !== j.year_id) throw badInput('Период не относится к учебному году этого журнала');
    if (!period.locked) throw badInput(`Период «${period.title}» не закрыт: разблокировка не нужна`);
    const open = await trx
      .selectFrom('period_unlocks')
      .select(['status', 'created_at', 'valid_until'])
      .where('journal_id', '=', j.id)
      .where('period_id', '=', period.id)
      .where('status', 'in', ['requested', 'approved'])
      .execute();
    if (open.some((u) => u.status === 'requested'))
      throw conflict('Запрос на разблокировку этого периода уже отправлен и ждёт решения заместителя директора');
    const active = open.find((u) => u.status === 'approved' && (u.valid_until === null || u.valid_until >= today));
    if (active)
      throw conflict(`Период уже разблокирован${active.valid_until ? ` до ${ruDate(active.valid_until)}` : ''}`);
    const row = await trx
      .insertInto('period_unlocks')
      .values({
        journal_id: j.id,
        period_id: period.id,
        requested_by: ctx.session.userId,
        reason: input.reason,
        status: 'requested',
        decided_by: null,
        decided_at: null,
        decision_note: null,
        valid_until: null,
        created_at: ctx.clock.now().toISOString(),
        version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'unlocks.request',
      entity: 'period_unlocks',
      entityId: row.id,
      journalId: j.id,
      after: { periodId: period.id, period: period.title, reason: input.reason },
    });
    return one(trx, row.id, today);
  });
}

export async function list(ctx: AuthedContext, input: Parsed<'unlocks.list'>): Promise<UnlockInfo[]> {
  let q = baseQuery(ctx.db);
  if (!hasRole(ctx.session, 'deputy', 'director')) q = q.where('j.teacher_user_id', '=', ctx.session.userId);
  if (input.status === 'requested') q = q.where('u.status', '=', 'requested');
  const rows = await q.orderBy('u.created_at', 'desc').limit(500).execute();
  return toInfo(ctx.db, rows, ctx.clock.today());
}

export async function decide(ctx: AuthedContext, input: Parsed<'unlocks.decide'>): Promise<UnlockInfo> {
  return ctx.db.transaction().execute(async (trx) => {
    const today = ctx.clock.today();
    const u = await trx.selectFrom('period_unlocks').selectAll().where('id', '=', input.unlockId).executeTakeFirst();
    if (!u) throw notFound('Запрос на разблокировку');
    if (u.status !== 'requested' || u.version !== input.version) {
      throw conflict('По этому запросу решение уже принято. Обновите список', await one(trx, u.id, today));
    }
    if (!input.approve && !input.note)
      throw badInput(`Укажите причину отказа: её увидит ${(await institutionWords(trx)).short('teacher')}`, {
        note: 'Обязательно при отказе',
      });
    const validUntil = input.approve ? (input.validUntil ?? addDays(today, DEFAULT_DAYS)) : null;
    if (validUntil !== null && validUntil < today)
      throw badInput('Срок разблокировки не может быть в прошлом', { validUntil: 'В прошлом' });
    const res = await trx
      .updateTable('period_unlocks')
      .set({
        status: input.approve ? 'approved' : 'refused',
        decided_by: ctx.session.userId,
        decided_at: ctx.clock.now().toISOString(),
        decision_note: input.note,
        valid_until: validUntil,
        version: u.version + 1,
      })
      .where('id', '=', u.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw conflict('По этому запросу решение уже принято. Обновите список');
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: input.approve ? 'unlocks.approve' : 'unlocks.refuse',
      entity: 'period_unlocks',
      entityId: u.id,
      journalId: u.journal_id,
      before: { status: u.status },
      after: { status: input.approve ? 'approved' : 'refused', validUntil, note: input.note },
    });
    return one(trx, u.id, today);
  });
}

export async function changes(ctx: AuthedContext, input: Parsed<'unlocks.changes'>): Promise<UnlockChange[]> {
  const u = await ctx.db
    .selectFrom('period_unlocks as u')
    .innerJoin('journals as j', 'j.id', 'u.journal_id')
    .select(['u.id', 'u.journal_id', 'j.teacher_user_id'])
    .where('u.id', '=', input.unlockId)
    .executeTakeFirst();
  if (!u) throw notFound('Запрос на разблокировку');
  if (!hasRole(ctx.session, 'deputy', 'director') && u.teacher_user_id !== ctx.session.userId) {
    throw forbidden(
      `Недостаточно прав: это журнал другого ${(await institutionWords(ctx.db)).short('teacher', 'gen')}`,
    );
  }
  const rows = await changesOf(ctx.db, u.id, u.journal_id)
    .leftJoin('students as s', 's.id', 'audit_log.student_id')
    .select([
      'audit_log.at',
      'audit_log.login',
      'audit_log.action',
      'audit_log.entity',
      'audit_log.before',
      'audit_log.after',
      's.last_name',
      's.first_name',
      's.middle_name',
    ])
    .orderBy('audit_log.id')
    .execute();
  return rows.map((r) => ({
    at: r.at,
    login: r.login,
    action: r.action,
    entity: r.entity,
    before: r.before,
    after: r.after,
    studentName: r.last_name
      ? fullName({ last_name: r.last_name, first_name: r.first_name!, middle_name: r.middle_name })
      : null,
  }));
}
