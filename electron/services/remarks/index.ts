// The life of a remark (000 §3.2.1, §3.5.3): the deputy writes it (or sends a weekly draft) with a
// due date → the teacher answers → the deputy accepts it or sends it back with a new date. Drafts are
// the deputy's own until sent: teachers never see them. Every change names the version it saw.
import type { Words } from '../../domain/vocabulary.js';
import { institutionWords } from '../words.js';
import type { Parsed, RemarkRow } from '../../api/contract.js';
import { AppError, badInput, conflict, forbidden, notFound } from '../../api/errors.js';
import { headedDepartmentIds, loadJournal } from '../access.js';
import { audit } from '../audit.js';
import { addDays } from '../../domain/calendar.js';
import { ruDate } from '../../domain/format-dates.js';
import { hasRole, type AuthedContext, type Db } from '../context.js';
import { currentYear } from '../schedule.js';
import { loadRemarkRow, remarkQuery, toRemarkRow } from './rows.js';

export { draftWeekly } from './weekly.js';

const isAuthor = (ctx: AuthedContext) => hasRole(ctx.session, 'director', 'deputy');

export async function list(ctx: AuthedContext, input: Parsed<'remarks.list'>): Promise<RemarkRow[]> {
  const today = ctx.clock.today();
  const author = isAuthor(ctx);
  if (input.filter === 'drafts' && !author) throw forbidden('Черновики замечаний видит только заместитель директора');
  const yearId = input.yearId ?? (await currentYear(ctx.db, today))?.id;
  if (yearId === undefined) return [];
  let q = remarkQuery(ctx.db).where('g.year_id', '=', yearId);
  if (!author) {
    q = q.where('r.status', '!=', 'draft');
    const departments = hasRole(ctx.session, 'dept_head') ? headedDepartmentIds(ctx.session) : [];
    const own = hasRole(ctx.session, 'teacher');
    if (input.journalId !== undefined) {
      const j = await loadJournal(ctx.db, input.journalId);
      const mine = own && j.teacher_user_id === ctx.session.userId;
      if (!mine && !(j.department_id !== null && departments.includes(j.department_id))) {
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
  if (input.journalId !== undefined) q = q.where('r.journal_id', '=', input.journalId);
  switch (input.filter) {
    case 'active':
      q = q.where('r.status', 'in', ['open', 'reopened']);
      break;
    case 'answered':
      q = q.where('r.status', '=', 'answered');
      break;
    case 'drafts':
      q = q.where('r.status', '=', 'draft');
      break;
    case 'closed':
      q = q.where('r.status', '=', 'accepted');
      break;
    case 'all':
      break;
  }
  if (input.overdueOnly) q = q.where('r.status', 'in', ['open', 'reopened']).where('r.due_on', '<', today);
  const rows = (await q.orderBy('r.due_on').orderBy('r.id').execute()).map((r) => toRemarkRow(r, today));
  // Overdue first, most overdue on top; then by due date.
  return rows.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      b.daysOverdue - a.daysOverdue ||
      a.dueOn.localeCompare(b.dueOn) ||
      a.id - b.id,
  );
}

function assertDue(dueOn: string, today: string): void {
  if (dueOn < today)
    throw badInput(`Срок устранения ${ruDate(dueOn)} уже прошёл: укажите сегодняшнюю или более позднюю дату`, {
      dueOn: 'Срок не может быть в прошлом',
    });
}

async function resolveLesson(db: Db, journalId: number, input: Parsed<'remarks.create'>): Promise<number | null> {
  if (input.lessonId) {
    const lesson = await db
      .selectFrom('lessons')
      .select(['id', 'journal_id'])
      .where('id', '=', input.lessonId)
      .executeTakeFirst();
    if (!lesson || lesson.journal_id !== journalId)
      throw badInput('Это занятие не из выбранного журнала', { lessonId: 'Выберите занятие этого журнала' });
    return lesson.id;
  }
  if (!input.lessonDate) return null;
  let q = db
    .selectFrom('lessons')
    .select(['id', 'lesson_no'])
    .where('journal_id', '=', journalId)
    .where('date', '=', input.lessonDate);
  if (input.lessonNo) q = q.where('lesson_no', '=', input.lessonNo);
  const lessons = await q.execute();
  if (lessons.length === 0) {
    throw badInput(
      `В журнале нет занятия ${ruDate(input.lessonDate)}${input.lessonNo ? ` (${input.lessonNo}-е по счёту)` : ''}`,
      { lessonDate: 'Занятие не найдено' },
    );
  }
  if (lessons.length > 1)
    throw badInput(`${ruDate(input.lessonDate)} в журнале несколько занятий: укажите номер занятия`, {
      lessonNo: 'Укажите номер',
    });
  return lessons[0]!.id;
}

export async function create(ctx: AuthedContext, input: Parsed<'remarks.create'>): Promise<RemarkRow> {
  const today = ctx.clock.today();
  const journal = await loadJournal(ctx.db, input.journalId);
  if (journal.year_status !== 'open')
    throw new AppError('locked', 'Учебный год закрыт: замечания к его журналам уже не оставляются');
  assertDue(input.dueOn, today);
  const lessonId = await resolveLesson(ctx.db, journal.id, input);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('remarks')
      .values({
        journal_id: journal.id,
        lesson_id: lessonId,
        author_id: ctx.session.userId,
        text: input.text,
        due_on: input.dueOn,
        status: 'open',
        auto: 0,
        created_at: now.toISOString(),
        version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx.session, now, {
      action: 'remark.create',
      entity: 'remark',
      entityId: row.id,
      journalId: journal.id,
      after: { text: input.text, dueOn: input.dueOn, lessonId },
    });
    return row.id;
  });
  return loadRemarkRow(ctx.db, id, today);
}

/** Changes a remark in the states allowed, naming the version seen; a moved row is a conflict with the fresh one. */
async function change(
  ctx: AuthedContext,
  id: number,
  version: number,
  allowed: string[],
  action: string,
  patch: (current: RemarkRow, trx: Db) => Promise<Record<string, unknown>>,
): Promise<RemarkRow> {
  const today = ctx.clock.today();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await loadRemarkRow(trx, id, today);
    if (current.version !== version)
      throw conflict('Замечание уже изменено другим пользователем: обновите страницу', current);
    if (!allowed.includes(current.status)) throw conflict(stateMessage(current, await institutionWords(trx)), current);
    const values = await patch(current, trx);
    const result = await trx
      .updateTable('remarks')
      .set({ ...values, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0)
      throw conflict(
        'Замечание уже изменено другим пользователем: обновите страницу',
        await loadRemarkRow(trx, id, today),
      );
    await audit(trx, ctx.session, now, {
      action,
      entity: 'remark',
      entityId: id,
      journalId: current.journalId,
      before: { status: current.status, text: current.text, dueOn: current.dueOn, answer: current.answer },
      after: values,
    });
  });
  return loadRemarkRow(ctx.db, id, today);
}

function stateMessage(r: RemarkRow, w: Words): string {
  switch (r.status) {
    case 'draft':
      return `Замечание ещё не отправлено ${w.short('teacher', 'dat')}`;
    case 'open':
    case 'reopened':
      return `Замечание ждёт ответа ${w.short('teacher', 'gen')}`;
    case 'answered':
      return 'На замечание уже ответили: его можно принять или вернуть';
    case 'accepted':
      return 'Замечание уже принято как устранённое';
  }
}

export async function update(ctx: AuthedContext, input: Parsed<'remarks.update'>): Promise<RemarkRow> {
  assertDue(input.dueOn, ctx.clock.today());
  return change(ctx, input.id, input.version, ['draft', 'open', 'reopened'], 'remark.update', async () => ({
    text: input.text,
    due_on: input.dueOn,
  }));
}

export async function discard(ctx: AuthedContext, input: Parsed<'remarks.discard'>): Promise<{ id: number }> {
  const today = ctx.clock.today();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await loadRemarkRow(trx, input.id, today);
    if (current.status !== 'draft')
      throw conflict('Удалить можно только черновик: отправленное замечание остаётся в истории журнала', current);
    const result = await trx
      .deleteFrom('remarks')
      .where('id', '=', input.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0)
      throw conflict('Черновик уже изменён другим пользователем: обновите страницу', current);
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'remark.discard',
      entity: 'remark',
      entityId: input.id,
      journalId: current.journalId,
      before: { text: current.text, dueOn: current.dueOn, auto: current.auto },
    });
  });
  return { id: input.id };
}

/** Drafts go to their teachers; a draft whose due date has passed gets a week from today. */
export async function send(ctx: AuthedContext, input: Parsed<'remarks.send'>): Promise<{ sent: number }> {
  const today = ctx.clock.today();
  if (input.dueOn) assertDue(input.dueOn, today);
  const now = ctx.clock.now();
  const ids = [...new Set(input.ids)];
  return ctx.db.transaction().execute(async (trx) => {
    const drafts = await trx
      .selectFrom('remarks')
      .select(['id', 'status', 'due_on', 'journal_id', 'version'])
      .where('id', 'in', ids)
      .execute();
    const missing = ids.filter((id) => !drafts.some((d) => d.id === id));
    if (missing.length) throw notFound(`Замечание № ${missing.join(', ')}`);
    const sent = drafts.filter((d) => d.status !== 'draft');
    if (sent.length)
      throw conflict(`Уже отправлены: № ${sent.map((d) => d.id).join(', ')}. Обновите список черновиков`);
    for (const d of drafts) {
      const dueOn = input.dueOn ?? (d.due_on >= today ? d.due_on : addDays(today, 7));
      const result = await trx
        .updateTable('remarks')
        .set({ status: 'open', due_on: dueOn, created_at: now.toISOString(), version: d.version + 1 })
        .where('id', '=', d.id)
        .where('status', '=', 'draft')
        .where('version', '=', d.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0)
        throw conflict('Черновики изменены другим пользователем: обновите список');
      await audit(trx, ctx.session, now, {
        action: 'remark.send',
        entity: 'remark',
        entityId: d.id,
        journalId: d.journal_id,
        before: { status: 'draft' },
        after: { status: 'open', dueOn },
      });
    }
    return { sent: drafts.length };
  });
}

export async function answer(ctx: AuthedContext, input: Parsed<'remarks.answer'>): Promise<RemarkRow> {
  const journalId = (
    await ctx.db.selectFrom('remarks').select('journal_id').where('id', '=', input.id).executeTakeFirst()
  )?.journal_id;
  if (journalId === undefined) throw notFound('Замечание');
  const journal = await loadJournal(ctx.db, journalId);
  if (journal.teacher_user_id !== ctx.session.userId)
    throw forbidden(`Отвечает на замечание ${(await institutionWords(ctx.db)).short('teacher')}, который ведёт журнал`);
  const status = (await ctx.db.selectFrom('remarks').select('status').where('id', '=', input.id).executeTakeFirst())
    ?.status;
  if (status === 'draft') throw notFound('Замечание');
  return change(ctx, input.id, input.version, ['open', 'reopened'], 'remark.answer', async () => ({
    answer: input.answer,
    answered_by: ctx.session.userId,
    answered_at: ctx.clock.now().toISOString(),
    status: 'answered',
  }));
}

export async function accept(ctx: AuthedContext, input: Parsed<'remarks.accept'>): Promise<RemarkRow> {
  return change(ctx, input.id, input.version, ['answered'], 'remark.accept', async () => ({
    status: 'accepted',
    decided_at: ctx.clock.now().toISOString(),
  }));
}

export async function reopen(ctx: AuthedContext, input: Parsed<'remarks.reopen'>): Promise<RemarkRow> {
  const today = ctx.clock.today();
  assertDue(input.dueOn, today);
  return change(ctx, input.id, input.version, ['answered'], 'remark.reopen', async (current) => ({
    status: 'reopened',
    due_on: input.dueOn,
    decided_at: ctx.clock.now().toISOString(),
    text: `${current.text}\n\nВозвращено ${ruDate(today)}: ${input.comment}`,
  }));
}
