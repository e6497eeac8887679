// The record sheet of an exam or a credit (issue 15, part 1): the students on the journal's roster at the period's
// end, each with the final mark of this exam or credit from the journal, or «не явился» / «не допущен»; the date,
// the examiners and the counts. The marks are the teacher's (the journal grid); the sheet adds only what is around
// them, and may be printed blank before the exam.
import type { Parsed, RecordSheet, RecordSheetRow } from '../../api/contract.js';
import { AppError, badInput, forbidden } from '../../api/errors.js';
import type { AssessmentKind } from '../../domain/enums.js';
import { countResults, isDebt, outcomeText } from '../../domain/results.js';
import { canReadJournal, headedDepartmentIds } from '../access.js';
import { audit } from '../audit.js';
import { hasRole, type AuthedContext, type Db, type Session } from '../context.js';
import { shortName } from '../session.js';
import { finalKey, finalsOf, publicHead, resitsOf, rosterDay, sheetHead, sheetStudents, type HeadRow } from './data.js';

/** The deputy, the head of the journal's department, and the journal's own teacher (the examiner). */
export function canKeepSheet(session: Session, head: Pick<HeadRow, 'teacherId' | 'departmentId'>): boolean {
  if (hasRole(session, 'deputy')) return true;
  if (head.departmentId !== null && headedDepartmentIds(session).includes(head.departmentId)) return true;
  return hasRole(session, 'teacher') && head.teacherId === session.userId;
}

export async function readableHead(ctx: AuthedContext, journalId: number, periodId: number): Promise<HeadRow> {
  const head = await sheetHead(ctx.db, journalId, periodId);
  const j = { teacher_user_id: head.teacherId, group_id: head.groupId, department_id: head.departmentId };
  if (!canReadJournal(ctx.session, j)) throw forbidden('Недостаточно прав: ведомости этого журнала вам недоступны');
  return head;
}

export async function sheet(ctx: AuthedContext, input: Parsed<'assessments.sheet'>): Promise<RecordSheet> {
  const head = await readableHead(ctx, input.journalId, input.periodId);
  return recordSheet(ctx.db, head, input.kind, ctx.clock.today(), canKeepSheet(ctx.session, head));
}

export async function recordSheet(
  db: Db,
  head: HeadRow,
  kind: AssessmentKind,
  today: string,
  canEdit: boolean,
): Promise<RecordSheet> {
  const saved = await db
    .selectFrom('assessments')
    .selectAll()
    .where('journal_id', '=', head.journalId)
    .where('period_id', '=', head.periodId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  const statuses = saved
    ? await db.selectFrom('assessment_statuses').selectAll().where('assessment_id', '=', saved.id).execute()
    : [];
  const students = await sheetStudents(db, head, rosterDay(head, today));
  const finals = await finalsOf(db, [head.journalId], [kind]);
  const resits = await resitsOf(db, [head.journalId]);
  const rows: RecordSheetRow[] = students.map((s) => {
    const value = finals.get(finalKey(head.journalId, s.studentId, kind, head.periodId)) ?? null;
    const status = statuses.find((x) => x.student_id === s.studentId)?.status ?? null;
    return {
      ...s,
      value,
      status,
      text: outcomeText({ value, status }),
      resits: resits.get(finalKey(head.journalId, s.studentId, kind, head.periodId)) ?? [],
    };
  });
  const outcomes = rows.map((r) => ({ value: r.value, status: r.status }));
  return {
    head: publicHead(head),
    kind,
    heldOn: saved?.held_on ?? null,
    examiners: saved?.examiners ?? shortName(splitName(head.teacherName)),
    version: saved?.version ?? null,
    rows,
    counts: {
      ...countResults(outcomes),
      listed: rows.length,
      passed: outcomes.filter((o) => (o.value !== null || o.status) && !isDebt(o)).length,
      absent: rows.filter((r) => r.status === 'absent').length,
      notAdmitted: rows.filter((r) => r.status === 'not_admitted').length,
    },
    canEdit: canEdit && head.yearOpen,
  };
}

function splitName(full: string) {
  const [last_name = '', first_name = '', middle_name = null] = full.split(' ');
  return { last_name, first_name, middle_name };
}

export async function save(ctx: AuthedContext, input: Parsed<'assessments.save'>): Promise<RecordSheet> {
  const head = await readableHead(ctx, input.journalId, input.periodId);
  if (!canKeepSheet(ctx.session, head))
    throw forbidden(
      'Недостаточно прав: ведомость заполняют заместитель директора, заведующий отделением и экзаменатор',
    );
  if (!head.yearOpen) throw new AppError('locked', 'Учебный год закрыт: ведомости доступны только для просмотра');
  const today = ctx.clock.today();
  if (input.heldOn !== null && (input.heldOn < head.periodStart || input.heldOn > head.yearEnd))
    throw badInput(`Дата: от начала периода «${head.periodTitle}» до конца учебного года ${head.yearTitle}`, {
      heldOn: 'Дата вне учебного года',
    });
  await ctx.db.transaction().execute(async (trx) => {
    const current = await recordSheet(trx, head, input.kind, today, true);
    if (current.version !== input.version)
      throw new AppError('conflict', 'Ведомость уже изменил другой пользователь. Обновите её и повторите');
    const listed = new Map(current.rows.map((r) => [r.studentId, r]));
    for (const s of input.statuses) {
      const row = listed.get(s.studentId);
      if (!row) throw badInput('Обучающийся не в списке ведомости: он не числится в группе на конец периода');
      if (s.status !== null && row.value !== null)
        throw badInput(
          `${row.name}: в журнале стоит отметка «${row.value}», поэтому «не явился» или «не допущен» не ставится. ` +
            'Сначала удалите отметку в журнале',
        );
    }
    const now = ctx.clock.now().toISOString();
    const values = {
      held_on: input.heldOn,
      examiners: input.examiners,
      updated_at: now,
      updated_by: ctx.session.userId,
    };
    const saved =
      current.version === null
        ? await trx
            .insertInto('assessments')
            .values({ journal_id: head.journalId, period_id: head.periodId, kind: input.kind, ...values, version: 1 })
            .onConflict((oc) => oc.doNothing())
            .returning(['id', 'version'])
            .executeTakeFirst()
        : await trx
            .updateTable('assessments')
            .set({ ...values, version: current.version + 1 })
            .where('journal_id', '=', head.journalId)
            .where('period_id', '=', head.periodId)
            .where('kind', '=', input.kind)
            .where('version', '=', current.version)
            .returning(['id', 'version'])
            .executeTakeFirst();
    if (!saved) throw new AppError('conflict', 'Ведомость только что изменил другой пользователь. Обновите её');
    const statuses = new Map(current.rows.filter((r) => r.status).map((r) => [r.studentId, r.status]));
    for (const s of input.statuses) statuses.set(s.studentId, s.status);
    await trx.deleteFrom('assessment_statuses').where('assessment_id', '=', saved.id).execute();
    const kept = [...statuses].filter((e): e is [number, 'absent' | 'not_admitted'] => e[1] !== null);
    if (kept.length > 0)
      await trx
        .insertInto('assessment_statuses')
        .values(kept.map(([studentId, status]) => ({ assessment_id: saved.id, student_id: studentId, status })))
        .execute();
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'assessments.save',
      entity: 'assessments',
      entityId: saved.id,
      journalId: head.journalId,
      before: current.version === null ? undefined : { heldOn: current.heldOn, examiners: current.examiners },
      after: { kind: input.kind, periodId: head.periodId, ...values, statuses: Object.fromEntries(kept) },
    });
  });
  return recordSheet(ctx.db, head, input.kind, today, true);
}
