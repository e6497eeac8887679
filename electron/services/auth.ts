// Logging in and out, the lockout after wrong passwords, the forced password change and the idle lock.
import type { Me, Parsed } from '../api/contract.js';
import { AppError, badInput } from '../api/errors.js';
import { audit } from './audit.js';
import type { AuthedContext, ServiceContext } from './context.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { describeMe, loadSession } from './session.js';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;
const WRONG = 'Неверный логин или пароль';

export async function login(ctx: ServiceContext, input: Parsed<'auth.login'>): Promise<Me> {
  const now = ctx.clock.now();
  const user = await ctx.db.selectFrom('users').selectAll().where('login_key', '=', input.login.toLowerCase()).executeTakeFirst();
  if (!user) {
    await audit(ctx.db, null, now, { action: 'auth.login_failed', entity: 'user', after: { login: input.login, reason: 'unknown_login' } });
    throw new AppError('unauthenticated', WRONG);
  }
  const who = { userId: user.id, login: user.login };
  if (!user.active) {
    await audit(ctx.db, who, now, { action: 'auth.login_failed', entity: 'user', entityId: user.id, after: { reason: 'inactive' } });
    throw new AppError('forbidden', 'Учётная запись отключена. Обратитесь к администратору');
  }
  if (user.locked_until && user.locked_until > now.toISOString()) {
    // Tries against a locked account are logged too: a run of them is what a guessing attack looks like.
    await audit(ctx.db, who, now, { action: 'auth.login_failed', entity: 'user', entityId: user.id, after: { reason: 'locked' } });
    throw lockedError(user.locked_until);
  }
  if (!(await verifyPassword(input.password, user.password_hash))) {
    await recordWrongPassword(ctx, user.id, user.login, now);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users')
      .set({ failed_attempts: 0, locked_until: null, last_login_at: now.toISOString() })
      .where('id', '=', user.id).execute();
    await audit(trx, who, now, { action: 'auth.login', entity: 'user', entityId: user.id });
  });
  ctx.host.begin(user.id);
  return me(ctx, user.id, false);
}

export async function logout(ctx: ServiceContext): Promise<null> {
  if (ctx.session) {
    await audit(ctx.db, ctx.session, ctx.clock.now(), { action: 'auth.logout', entity: 'user', entityId: ctx.session.userId });
  }
  ctx.host.end();
  return null;
}

export async function whoAmI(ctx: ServiceContext): Promise<Me | null> {
  return ctx.session ? describeMe(ctx, ctx.session) : null;
}

export async function changePassword(ctx: AuthedContext, input: Parsed<'auth.changePassword'>): Promise<Me> {
  const now = ctx.clock.now();
  const user = await ctx.db.selectFrom('users').select(['id', 'login', 'password_hash'])
    .where('id', '=', ctx.session.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.current, user.password_hash))) {
    throw badInput('Текущий пароль введён неверно', { current: 'Неверный пароль' });
  }
  const problem = passwordProblem(input.next, user.login);
  if (problem) throw badInput(problem, { next: problem });
  if (input.next === input.current) throw badInput('Новый пароль должен отличаться от текущего', { next: 'Совпадает с текущим' });
  const hash = await hashPassword(input.next);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users')
      // No version bump: the version guards the profile an administrator edits, not the password.
      .set({ password_hash: hash, must_change_password: 0, updated_at: now.toISOString() })
      .where('id', '=', user.id).execute();
    await audit(trx, ctx.session, now, { action: 'auth.password_changed', entity: 'user', entityId: user.id });
  });
  return me(ctx, user.id, false);
}

export async function lock(ctx: AuthedContext): Promise<null> {
  ctx.host.setLocked(true);
  return null;
}

export async function unlock(ctx: AuthedContext, input: Parsed<'auth.unlock'>): Promise<Me> {
  const now = ctx.clock.now();
  const user = await ctx.db.selectFrom('users').select(['id', 'login', 'password_hash', 'locked_until'])
    .where('id', '=', ctx.session.userId).executeTakeFirstOrThrow();
  if (user.locked_until && user.locked_until > now.toISOString()) {
    ctx.host.end();
    throw lockedError(user.locked_until);
  }
  if (!(await verifyPassword(input.password, user.password_hash))) {
    await recordWrongPassword(ctx, user.id, user.login, now, true);
  }
  await ctx.db.updateTable('users').set({ failed_attempts: 0 }).where('id', '=', user.id).execute();
  ctx.host.setLocked(false);
  return me(ctx, user.id, false);
}

/** Count a wrong password; the fifth in a row locks the account for 15 minutes. Always throws. */
async function recordWrongPassword(ctx: ServiceContext, userId: number, login: string, now: Date, endSession = false): Promise<never> {
  const who = { userId, login };
  const lockedUntil = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').select('failed_attempts').where('id', '=', userId).executeTakeFirstOrThrow();
    const attempts = row.failed_attempts + 1;
    const until = attempts >= MAX_FAILED_ATTEMPTS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
    await trx.updateTable('users')
      .set({ failed_attempts: until ? 0 : attempts, locked_until: until })
      .where('id', '=', userId).execute();
    await audit(trx, who, now, { action: 'auth.login_failed', entity: 'user', entityId: userId, after: { reason: 'wrong_password', attempts } });
    if (until) await audit(trx, who, now, { action: 'auth.lockout', entity: 'user', entityId: userId, after: { locked_until: until } });
    return until;
  });
  if (lockedUntil) {
    if (endSession) ctx.host.end();
    throw lockedError(lockedUntil);
  }
  throw new AppError('unauthenticated', endSession ? 'Неверный пароль' : WRONG);
}

function lockedError(until: string): AppError {
  const time = new Date(until).toLocaleTimeString('ru-RU', { hour: '2-digit', minute: '2-digit' });
  return new AppError('locked',
    `Учётная запись заблокирована до ${time} после ${MAX_FAILED_ATTEMPTS} неверных попыток входа. ` +
    'Подождите или обратитесь к администратору');
}

async function me(ctx: ServiceContext, userId: number, locked: boolean): Promise<Me> {
  const session = await loadSession(ctx.db, userId, locked);
  if (!session) throw new AppError('unauthenticated', 'Войдите в программу');
  return describeMe(ctx, session);
}
