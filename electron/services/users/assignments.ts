// The administrator's assignments: an account's roles (with their department or group) and a journal's
// teacher. Checked first, then written with the audit log in one transaction; both name the version they saw.
import { institutionWords } from '../words.js';
import type { JournalChoice, Parsed, UserRow } from '../../api/contract.js';
import { AppError, badInput, conflict, notFound } from '../../api/errors.js';
import { audit } from '../audit.js';
import type { AuthedContext } from '../context.js';
import { endUserSessions } from '../web-sessions.js';
import { assertAnotherAdmin, replaceStaffGrants, validateGrants, type Grant } from './grants.js';
import { journalChoices } from './read.js';
import { fresh, grantsView, loadUser, staleError } from './write.js';

export async function setRoles(ctx: AuthedContext, input: Parsed<'users.setRoles'>): Promise<UserRow> {
  const user = await loadUser(ctx.db, input.id);
  if (user.version !== input.version) throw staleError(await fresh(ctx, input.id));
  const grants = await validateGrants(ctx.db, input.roles, input.id);
  const current = await ctx.db
    .selectFrom('user_roles')
    .select(['role', 'department_id', 'group_id'])
    .where('user_id', '=', input.id)
    .orderBy('id')
    .execute();
  const hadAdmin = current.some((r) => r.role === 'admin');
  if (hadAdmin && !grants.some((g) => g.role === 'admin')) {
    if (input.id === ctx.session.userId)
      throw badInput('Нельзя снять роль администратора с самого себя: это сделает другой администратор');
    await assertAnotherAdmin(
      ctx.db,
      input.id,
      'Нельзя снять роль у последнего администратора: сначала назначьте другого',
    );
  }
  const staffBefore = grantsView(current.filter((r) => !['student', 'parent'].includes(r.role)));
  const key = (g: { role: string; departmentId: number | null; groupId: number | null }) =>
    `${g.role}|${g.departmentId}|${g.groupId}`;
  if (staffBefore.map(key).sort().join() === grantsView(grants).map(key).sort().join()) return fresh(ctx, input.id);
  const now = ctx.clock.now();
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const result = await trx
        .updateTable('users')
        .set({ updated_at: now.toISOString(), version: input.version + 1 })
        .where('id', '=', input.id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw staleError(null);
      await replaceStaffGrants(trx, input.id, grants as Grant[]);
      // Logged in with the old roles elsewhere: log in again (an administrator changing their own keeps this window).
      await endUserSessions(trx, input.id, input.id === ctx.session.userId ? (ctx.host.sessionKey?.() ?? null) : null);
      await audit(trx, ctx.session, now, {
        action: 'users.roles',
        entity: 'user',
        entityId: input.id,
        before: { roles: staffBefore },
        after: { roles: grantsView(grants) },
      });
    })
    .catch(async (error: unknown) => {
      if (error instanceof AppError && error.code === 'conflict' && error.details === null)
        throw staleError(await fresh(ctx, input.id));
      throw error;
    });
  return fresh(ctx, input.id);
}

export async function assignJournal(ctx: AuthedContext, input: Parsed<'users.assignJournal'>): Promise<JournalChoice> {
  const journal = await ctx.db
    .selectFrom('journals as j')
    .innerJoin('academic_years as y', 'y.id', 'j.year_id')
    .select(['j.id', 'j.version', 'j.teacher_user_id', 'y.status'])
    .where('j.id', '=', input.journalId)
    .executeTakeFirst();
  if (!journal) throw notFound('Журнал');
  if (journal.status !== 'open')
    throw new AppError(
      'locked',
      `Учебный год журнала закрыт: ${(await institutionWords(ctx.db)).short('teacher', 'acc')} сменить нельзя`,
    );
  const teacher = await ctx.db
    .selectFrom('users')
    .select(['id', 'active', 'login'])
    .where('id', '=', input.teacherId)
    .executeTakeFirst();
  const w = await institutionWords(ctx.db);
  if (!teacher) throw notFound(w.Short('teacher'));
  const isTeacher = await ctx.db
    .selectFrom('user_roles')
    .select('id')
    .where('user_id', '=', teacher.id)
    .where('role', '=', 'teacher')
    .executeTakeFirst();
  if (!isTeacher)
    throw badInput(`У пользователя ${teacher.login} нет роли «${w.role('teacher')}»: сначала назначьте её`, {
      teacherId: `Нет роли «${w.role('teacher')}»`,
    });
  if (!teacher.active)
    throw badInput(`Учётная запись ${teacher.login} отключена`, { teacherId: 'Учётная запись отключена' });
  const current = async () => (await journalChoices(ctx.db, ctx.clock.today(), input.journalId))[0] ?? null;
  if (journal.version !== input.version)
    throw conflict('Журнал изменился, пока вы его выбирали. Обновите список и повторите', await current());
  if (journal.teacher_user_id !== input.teacherId) {
    const now = ctx.clock.now();
    const moved = await ctx.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('journals')
        .set({ teacher_user_id: input.teacherId, version: input.version + 1 })
        .where('id', '=', input.journalId)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await audit(trx, ctx.session, now, {
        action: 'journals.teacher',
        entity: 'journal',
        entityId: input.journalId,
        journalId: input.journalId,
        before: { teacherId: journal.teacher_user_id },
        after: { teacherId: input.teacherId },
      });
      return true;
    });
    if (!moved) throw conflict('Журнал изменился, пока вы его выбирали. Обновите список и повторите', await current());
  }
  return (await current())!;
}
