// The administrator's changes to accounts. Each checks its input first (nothing written on a refusal),
// then changes the row and writes the audit log in one transaction; edits name the version they saw.
import type { IssuedPassword, Parsed, UserRow } from '../../api/contract.js';
import { AppError, badInput, conflict, notFound } from '../../api/errors.js';
import { audit } from '../audit.js';
import type { AuthedContext, Db } from '../context.js';
import { generateOneTimePassword, hashOneTimePassword } from '../../../db/passwords.js';
import { fullName } from '../session.js';
import { clearAccount } from '../login-throttle.js';
import { endUserSessions } from '../web-sessions.js';
import { assertAnotherAdmin, replaceStaffGrants, validateGrants } from './grants.js';
import { describeUser } from './rows.js';
import { applyOneTimePassword, newOneTimePassword } from './password-reset.js';

type Profile = Pick<Parsed<'users.create'>, 'lastName' | 'firstName' | 'middleName' | 'position' | 'phone' | 'email'>;

/** What the audit log keeps of a user: never the password hash. */
function snapshot(row: {
  login: string;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  position: string | null;
  phone: string | null;
  email: string | null;
}) {
  return {
    login: row.login,
    lastName: row.last_name,
    firstName: row.first_name,
    middleName: row.middle_name,
    position: row.position,
    phone: row.phone,
    email: row.email,
  };
}

export const grantsView = (
  grants: Array<{
    role: string;
    department_id?: number | null;
    group_id?: number | null;
    departmentId?: number | null;
    groupId?: number | null;
  }>,
) =>
  grants.map((g) => ({
    role: g.role,
    departmentId: g.departmentId ?? g.department_id ?? null,
    groupId: g.groupId ?? g.group_id ?? null,
  }));

export async function loadUser(db: Db, id: number) {
  const user = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user) throw notFound('Пользователь');
  return user;
}

export async function assertLoginFree(db: Db, login: string, exceptUserId: number | null): Promise<void> {
  const taken = await db
    .selectFrom('users')
    .select(['id', 'login'])
    .where('login_key', '=', login.toLowerCase())
    .executeTakeFirst();
  if (taken && taken.id !== exceptUserId) {
    throw new AppError('conflict', `Логин «${login}» уже занят (${taken.login}): выберите другой`, {
      login: 'Логин уже занят',
    });
  }
}

/** The unique index on login_key is the last word when two administrators create the same login at once. */
function isUniqueViolation(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /UNIQUE constraint failed|duplicate key value/i.test(message);
}

export async function fresh(ctx: AuthedContext, id: number): Promise<UserRow> {
  const row = await describeUser(ctx.db, id, ctx.clock.now(), ctx.clock.today());
  if (!row) throw notFound('Пользователь');
  return row;
}

export function staleError(row: UserRow | null): AppError {
  return conflict(
    'Данные пользователя изменились, пока вы их редактировали (другим администратором). Обновите карточку и повторите',
    row,
  );
}

export async function create(
  ctx: AuthedContext,
  input: Parsed<'users.create'>,
): Promise<IssuedPassword & { user: UserRow }> {
  await assertLoginFree(ctx.db, input.login, null);
  const grants = await validateGrants(ctx.db, input.roles, null);
  const password = generateOneTimePassword();
  const hash = await hashOneTimePassword(password);
  const now = ctx.clock.now();
  const at = now.toISOString();
  let userId: number;
  try {
    userId = await ctx.db.transaction().execute(async (trx) => {
      const values = {
        login: input.login,
        login_key: input.login.toLowerCase(),
        password_hash: hash,
        last_name: input.lastName,
        first_name: input.firstName,
        middle_name: input.middleName,
        position: input.position,
        phone: input.phone,
        email: input.email,
        active: 1,
        must_change_password: 1,
        failed_attempts: 0,
        created_at: at,
        updated_at: at,
      };
      const { id } = await trx.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
      await replaceStaffGrants(trx, id, grants);
      await audit(trx, ctx.session, now, {
        action: 'users.create',
        entity: 'user',
        entityId: id,
        after: { ...snapshot(values), roles: grantsView(grants), mustChangePassword: true },
      });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('conflict', `Логин «${input.login}» уже занят: выберите другой`, { login: 'Логин уже занят' });
    throw error;
  }
  const user = await fresh(ctx, userId);
  return { userId, login: user.login, fullName: user.fullName, oneTimePassword: password, user };
}

export async function update(ctx: AuthedContext, input: Parsed<'users.update'>): Promise<UserRow> {
  const before = await loadUser(ctx.db, input.id);
  if (before.version !== input.version) throw staleError(await fresh(ctx, input.id));
  if (input.login !== before.login) await assertLoginFree(ctx.db, input.login, input.id);
  const profile: Profile & { login: string } = {
    login: input.login,
    lastName: input.lastName,
    firstName: input.firstName,
    middleName: input.middleName,
    position: input.position,
    phone: input.phone,
    email: input.email,
  };
  const old = snapshot(before);
  const changed = (Object.keys(profile) as Array<keyof typeof profile>).filter((k) => profile[k] !== old[k]);
  if (changed.length === 0) return fresh(ctx, input.id);
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('users')
        .set({
          login: profile.login,
          login_key: profile.login.toLowerCase(),
          last_name: profile.lastName,
          first_name: profile.firstName,
          middle_name: profile.middleName,
          position: profile.position,
          phone: profile.phone,
          email: profile.email,
          updated_at: now.toISOString(),
          version: input.version + 1,
        })
        .where('id', '=', input.id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw staleError(null);
      await audit(trx, ctx.session, now, {
        action: 'users.update',
        entity: 'user',
        entityId: input.id,
        before: Object.fromEntries(changed.map((k) => [k, old[k]])),
        after: Object.fromEntries(changed.map((k) => [k, profile[k]])),
      });
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict' && error.details === null)
      throw staleError(await fresh(ctx, input.id));
    if (isUniqueViolation(error))
      throw new AppError('conflict', `Логин «${input.login}» уже занят: выберите другой`, { login: 'Логин уже занят' });
    throw error;
  }
  return fresh(ctx, input.id);
}

export async function setActive(ctx: AuthedContext, input: Parsed<'users.setActive'>): Promise<UserRow> {
  const user = await loadUser(ctx.db, input.id);
  if (user.version !== input.version) throw staleError(await fresh(ctx, input.id));
  if ((user.active === 1) === input.active) return fresh(ctx, input.id);
  if (!input.active) {
    if (input.id === ctx.session.userId) throw badInput('Нельзя отключить собственную учётную запись');
    const isAdmin = await ctx.db
      .selectFrom('user_roles')
      .select('id')
      .where('user_id', '=', input.id)
      .where('role', '=', 'admin')
      .executeTakeFirst();
    if (isAdmin)
      await assertAnotherAdmin(
        ctx.db,
        input.id,
        'Нельзя отключить последнего администратора: сначала назначьте другого',
      );
  }
  const now = ctx.clock.now();
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const result = await trx
        .updateTable('users')
        .set({ active: input.active ? 1 : 0, updated_at: now.toISOString(), version: input.version + 1 })
        .where('id', '=', input.id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw staleError(null);
      if (!input.active) await endUserSessions(trx, input.id);
      await audit(trx, ctx.session, now, {
        action: input.active ? 'users.activate' : 'users.deactivate',
        entity: 'user',
        entityId: input.id,
        before: { active: user.active === 1 },
        after: { active: input.active },
      });
    })
    .catch(async (error: unknown) => {
      if (error instanceof AppError && error.code === 'conflict' && error.details === null)
        throw staleError(await fresh(ctx, input.id));
      throw error;
    });
  return fresh(ctx, input.id);
}

export async function resetPassword(ctx: AuthedContext, input: Parsed<'users.resetPassword'>): Promise<IssuedPassword> {
  const user = await loadUser(ctx.db, input.id);
  if (!user.active) throw badInput(`Учётная запись ${user.login} отключена: сначала включите её`);
  const { password, hash } = await newOneTimePassword();
  const now = ctx.clock.now();
  const wasLocked = Boolean(user.locked_until && user.locked_until > now.toISOString());
  await ctx.db.transaction().execute(async (trx) => {
    await applyOneTimePassword(trx, user, hash, now);
    await audit(trx, ctx.session, now, {
      action: 'users.password_reset',
      entity: 'user',
      entityId: input.id,
      after: { mustChangePassword: true, ...(wasLocked ? { unlocked: true } : {}) },
    });
  });
  return { userId: user.id, login: user.login, fullName: fullName(user), oneTimePassword: password };
}

export async function unlock(ctx: AuthedContext, input: Parsed<'users.unlock'>): Promise<UserRow> {
  const user = await loadUser(ctx.db, input.id);
  const now = ctx.clock.now();
  const locked = Boolean(user.locked_until && user.locked_until > now.toISOString());
  if (!locked && user.failed_attempts === 0) return fresh(ctx, input.id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', input.id).execute();
    await clearAccount(trx, user.login_key);
    await audit(trx, ctx.session, now, {
      action: 'users.unlock',
      entity: 'user',
      entityId: input.id,
      before: { lockedUntil: locked ? user.locked_until : null, failedAttempts: user.failed_attempts },
      after: { lockedUntil: null, failedAttempts: 0 },
    });
  });
  return fresh(ctx, input.id);
}
