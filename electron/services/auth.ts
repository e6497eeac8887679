// Logging in and out, the lockout after wrong passwords, the forced password change and the idle lock.
import crypto from 'node:crypto';
import type { Me, Parsed } from '../api/contract.js';
import { AppError, badInput } from '../api/errors.js';
import { audit } from './audit.js';
import type { AuthedContext, ServiceContext } from './context.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../db/passwords.js';
import { describeMe, loadSession } from './session.js';
import { blockedError, blockOf, recordFailure, recordSuccess, type Attempt } from './login-throttle.js';
import { endUserSessions } from './web-sessions.js';

const WRONG = 'Неверный логин или пароль';

/** Checked against when the login is unknown, so that an unknown login costs what a known one does. */
let decoyHash: Promise<string> | null = null;
const decoy = () => (decoyHash ??= hashPassword(crypto.randomBytes(18).toString('base64')));

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function attemptOf(ctx: ServiceContext, login: string): Attempt {
  return { loginKey: login.toLowerCase(), address: ctx.host.clientAddress?.() ?? 'local', now: ctx.clock.now() };
}

export async function login(ctx: ServiceContext, input: Parsed<'auth.login'>): Promise<Me> {
  const started = Date.now();
  const attempt = attemptOf(ctx, input.login);
  const now = attempt.now;
  const block = await blockOf(ctx.db, attempt);
  if (block) throw blockedError(block, now);
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'login', 'password_hash', 'active'])
    .where('login_key', '=', attempt.loginKey)
    .executeTakeFirst();
  const right = await verifyPassword(input.password, user?.password_hash ?? (await decoy()));
  if (!user || !right) {
    return failedLogin(ctx, attempt, user ?? null, user ? 'wrong_password' : 'unknown_login', started, WRONG);
  }
  const who = { userId: user.id, login: user.login };
  // Told only to whoever knows the password: a stranger cannot learn that an account exists or is off.
  if (!user.active) {
    await audit(ctx.db, who, now, {
      action: 'auth.login_failed',
      entity: 'user',
      entityId: user.id,
      after: { reason: 'inactive' },
    });
    throw new AppError('forbidden', 'Учётная запись отключена. Обратитесь к администратору');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      // `locked_until` stays: it says some address is still refused for this account (it runs out by itself).
      .set({ failed_attempts: 0, last_login_at: now.toISOString() })
      .where('id', '=', user.id)
      .execute();
    await recordSuccess(trx, attempt);
    await audit(trx, who, now, { action: 'auth.login', entity: 'user', entityId: user.id });
  });
  await ctx.host.begin(user.id);
  return me(ctx, user.id, false);
}

export async function logout(ctx: ServiceContext): Promise<null> {
  if (ctx.session) {
    await audit(ctx.db, ctx.session, ctx.clock.now(), {
      action: 'auth.logout',
      entity: 'user',
      entityId: ctx.session.userId,
    });
  }
  await ctx.host.end();
  return null;
}

export async function whoAmI(ctx: ServiceContext): Promise<Me | null> {
  return ctx.session ? describeMe(ctx, ctx.session) : null;
}

export async function changePassword(ctx: AuthedContext, input: Parsed<'auth.changePassword'>): Promise<Me> {
  const started = Date.now();
  const attempt = attemptOf(ctx, ctx.session.login);
  const now = attempt.now;
  const block = await blockOf(ctx.db, attempt);
  if (block) throw blockedError(block, now);
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'login', 'password_hash', 'active'])
    .where('id', '=', ctx.session.userId)
    .executeTakeFirstOrThrow();
  // A session left open somewhere must not become a way to guess the password: wrong ones count as failed logins.
  if (!(await verifyPassword(input.current, user.password_hash))) {
    return failedLogin(
      ctx,
      attempt,
      user,
      'wrong_current_password',
      started,
      badInput('Текущий пароль введён неверно', { current: 'Неверный пароль' }),
    );
  }
  const problem = passwordProblem(input.next, user.login);
  if (problem) throw badInput(problem, { next: problem });
  if (input.next === input.current)
    throw badInput('Новый пароль должен отличаться от текущего', { next: 'Совпадает с текущим' });
  const hash = await hashPassword(input.next);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      // No version bump: the version guards the profile an administrator edits, not the password.
      .set({ password_hash: hash, must_change_password: 0, updated_at: now.toISOString() })
      .where('id', '=', user.id)
      .execute();
    // Whoever else was logged in as this user (a forgotten browser, a stolen cookie) is logged out.
    await endUserSessions(trx, user.id, ctx.host.sessionKey?.() ?? null);
    await audit(trx, ctx.session, now, { action: 'auth.password_changed', entity: 'user', entityId: user.id });
  });
  return me(ctx, user.id, false);
}

export async function lock(ctx: AuthedContext): Promise<null> {
  await ctx.host.setLocked(true);
  return null;
}

export async function unlock(ctx: AuthedContext, input: Parsed<'auth.unlock'>): Promise<Me> {
  const started = Date.now();
  const attempt = attemptOf(ctx, ctx.session.login);
  const block = await blockOf(ctx.db, attempt);
  if (block) {
    await ctx.host.end();
    throw blockedError(block, attempt.now);
  }
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'login', 'password_hash', 'active'])
    .where('id', '=', ctx.session.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.password, user.password_hash))) {
    return failedLogin(
      ctx,
      attempt,
      user,
      'wrong_password_unlock',
      started,
      new AppError('unauthenticated', 'Неверный пароль'),
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_attempts: 0 }).where('id', '=', user.id).execute();
    await recordSuccess(trx, attempt);
  });
  await ctx.host.setLocked(false);
  return me(ctx, user.id, false);
}

/**
 * Count a failed password and answer no sooner than the throttle says — the same time for an unknown
 * login as for a known one. A failure that starts a block ends the session (idle lock, password change)
 * and is refused with the wait. Always throws: `refusal` otherwise.
 */
async function failedLogin(
  ctx: ServiceContext,
  attempt: Attempt,
  user: { id: number; login: string; active: number } | null,
  reason: string,
  started: number,
  refusal: AppError | string,
): Promise<never> {
  const who = user ? { userId: user.id, login: user.login } : null;
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const result = await recordFailure(trx, attempt, who, reason);
    if (user) {
      // The administrator's list shows the account as attacked («заблокирована» for the offending address).
      await trx
        .updateTable('users')
        .set((eb) => ({
          failed_attempts: eb('failed_attempts', '+', 1),
          ...(result.blocked?.scope === 'pair' ? { locked_until: result.blocked.until.toISOString() } : {}),
        }))
        .where('id', '=', user.id)
        .execute();
    }
    return result;
  });
  const wait = outcome.answerAfterMs - (Date.now() - started);
  if (wait > 0) await (ctx.sleep ?? realSleep)(wait);
  if (outcome.blocked) {
    if (ctx.session) await ctx.host.end();
    throw blockedError(outcome.blocked, attempt.now);
  }
  throw typeof refusal === 'string' ? new AppError('unauthenticated', refusal) : refusal;
}

async function me(ctx: ServiceContext, userId: number, locked: boolean): Promise<Me> {
  const session = await loadSession(ctx.db, userId, locked);
  if (!session) throw new AppError('unauthenticated', 'Войдите в программу');
  return describeMe(ctx, session);
}
