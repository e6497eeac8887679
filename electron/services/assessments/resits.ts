// Resits (issue 15, part 2): a failed exam, credit or period mark is retaken on a direction (экзаменационный
// лист) with its number, date and examiner; the result is recorded on it. The original mark is never
// overwritten — the journal keeps it, the resit stands beside it, and the debt closes when a resit passes.
import type { Parsed, ResitInfo } from '../../api/contract.js';
import { AppError, badInput, forbidden, notFound } from '../../api/errors.js';
import type { ResitKind } from '../../domain/enums.js';
import { finalOutcome, isDebt, type Outcome } from '../../domain/results.js';
import { CREDIT, NOT_CERTIFIED, normalizeValue, numericValue, parseScale } from '../../domain/scale.js';
import { ruDate } from '../../domain/format-dates.js';
import { headedDepartmentIds } from '../access.js';
import { audit } from '../audit.js';
import { hasRole, type AuthedContext, type Db, type Session } from '../context.js';
import { finalKey, finalsOf, resitInfo, resitsOf, sheetHead, statusesOf, type HeadRow } from './data.js';

/** The deputy, or the head of the journal's department: they issue the direction and take the sheet back. */
export function canResit(session: Session, head: Pick<HeadRow, 'departmentId'>): boolean {
  if (hasRole(session, 'deputy')) return true;
  return head.departmentId !== null && headedDepartmentIds(session).includes(head.departmentId);
}

function assertKeeper(session: Session, head: HeadRow): void {
  if (!canResit(session, head))
    throw forbidden('Недостаточно прав: пересдачи оформляют заместитель директора и заведующий отделением');
  if (!head.yearOpen) throw new AppError('locked', 'Учебный год закрыт: пересдачи доступны только для просмотра');
}

/** The original result a resit retakes: the final mark of that kind, or the record sheet's status. */
export async function originalOutcome(
  db: Db,
  journalId: number,
  studentId: number,
  periodId: number,
  kind: ResitKind,
): Promise<Outcome> {
  const finals = await finalsOf(db, [journalId], [kind]);
  const { statuses } = await statusesOf(db, [journalId]);
  const key = finalKey(journalId, studentId, kind, periodId);
  const status = kind === 'period' ? null : (statuses.get(key) ?? null);
  return { value: status ? null : (finals.get(key) ?? null), status };
}

export async function issue(ctx: AuthedContext, input: Parsed<'resits.issue'>): Promise<ResitInfo> {
  const head = await sheetHead(ctx.db, input.journalId, input.periodId);
  assertKeeper(ctx.session, head);
  return ctx.db.transaction().execute(async (trx) => {
    const student = await trx
      .selectFrom('students')
      .select(['last_name', 'first_name'])
      .where('id', '=', input.studentId)
      .executeTakeFirst();
    if (!student) throw notFound('Обучающийся');
    const original = await originalOutcome(trx, head.journalId, input.studentId, head.periodId, input.kind);
    const before = (await resitsOf(trx, [head.journalId])).get(
      finalKey(head.journalId, input.studentId, input.kind, head.periodId),
    );
    const previous = before ?? [];
    const pending = previous.find((r) => r.heldOn === null);
    if (pending)
      throw badInput(
        `По направлению № ${pending.directionNo} от ${ruDate(pending.issuedOn)} пересдача ещё не записана: ` +
          'сначала внесите её результат',
      );
    if (!isDebt(finalOutcome(original, previous)))
      throw badInput(`У ${student.last_name} ${student.first_name} нет задолженности по этой дисциплине за период`);
    if (input.issuedOn < head.periodStart || input.issuedOn > head.yearEnd)
      throw badInput(`Дата направления вне ${head.yearTitle} учебного года`, { issuedOn: 'Дата вне учебного года' });
    const now = ctx.clock.now().toISOString();
    const row = await trx
      .insertInto('resits')
      .values({
        journal_id: head.journalId,
        student_id: input.studentId,
        period_id: head.periodId,
        kind: input.kind,
        attempt: previous.length + 1,
        direction_no: input.directionNo,
        issued_on: input.issuedOn,
        examiner: input.examiner,
        held_on: null,
        value: null,
        absent: 0,
        created_by: ctx.session.userId,
        updated_at: now,
        version: 1,
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('conflict', 'Направление на эту пересдачу только что выдал другой пользователь');
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'resits.issue',
      entity: 'resits',
      entityId: row.id,
      journalId: head.journalId,
      studentId: input.studentId,
      after: { kind: input.kind, periodId: head.periodId, attempt: row.attempt, directionNo: input.directionNo },
    });
    return resitInfo(row);
  });
}

/** The values a resit's result may take: as the final mark of its kind, and «н/а». */
function allowedValues(kind: ResitKind, scale: string[]): string[] {
  const numeric = scale.filter((v) => numericValue(v) !== null);
  if (kind === 'credit') return [...CREDIT, NOT_CERTIFIED];
  if (kind === 'exam') return [...numeric, NOT_CERTIFIED];
  return [...scale, NOT_CERTIFIED];
}

export async function record(ctx: AuthedContext, input: Parsed<'resits.record'>): Promise<ResitInfo> {
  const found = await ctx.db.selectFrom('resits').selectAll().where('id', '=', input.resitId).executeTakeFirst();
  if (!found) throw notFound('Пересдача');
  const head = await sheetHead(ctx.db, found.journal_id, found.period_id);
  assertKeeper(ctx.session, head);
  if (input.heldOn < found.issued_on)
    throw badInput(`Пересдача не может пройти раньше направления (${ruDate(found.issued_on)})`, {
      heldOn: 'Раньше даты направления',
    });
  if (input.heldOn > ctx.clock.today()) throw badInput('Дата пересдачи ещё не наступила', { heldOn: 'Дата в будущем' });
  let value: string | null = null;
  if (!input.absent) {
    const scale = await ctx.db
      .selectFrom('journals')
      .select('mark_scale')
      .where('id', '=', found.journal_id)
      .executeTakeFirstOrThrow();
    value = normalizeValue(input.value ?? '');
    const allowed = allowedValues(found.kind, parseScale(scale.mark_scale));
    if (!allowed.includes(value))
      throw badInput(`Неверная отметка пересдачи «${input.value?.trim()}»: допустимы ${allowed.join(', ')}`, {
        value: 'Нет такой отметки',
      });
  }
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('resits')
      .set({
        held_on: input.heldOn,
        value,
        absent: input.absent ? 1 : 0,
        updated_at: ctx.clock.now().toISOString(),
        version: found.version + 1,
      })
      .where('id', '=', found.id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    if (!row)
      throw new AppError('conflict', 'Результат этой пересдачи уже изменил другой пользователь. Обновите список');
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'resits.record',
      entity: 'resits',
      entityId: row.id,
      journalId: row.journal_id,
      studentId: row.student_id,
      before: found.held_on === null ? undefined : { heldOn: found.held_on, value: found.value, absent: found.absent },
      after: { heldOn: row.held_on, value: row.value, absent: row.absent },
    });
    return resitInfo(row);
  });
}
