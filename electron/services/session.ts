// Who is calling: the user and their roles, read fresh on every call so that a deactivated
// account or a removed role stops working at once.
import type { Expression, Kysely } from 'kysely';
import type { JournalDb } from '../../db/connect.js';
import { param, prepare, runPrepared } from '../../db/prepared.js';
import type { Database, Role } from '../../db/schema.js';
import type { Me } from '../api/contract.js';
import type { Db, ServiceDeps, Session } from './context.js';

export function fullName(u: { last_name: string; first_name: string; middle_name: string | null }): string {
  return [u.last_name, u.first_name, u.middle_name].filter(Boolean).join(' ');
}

/** «Иванова А. П.» */
export function shortName(u: { last_name: string; first_name: string; middle_name: string | null }): string {
  const initials = [u.first_name, u.middle_name]
    .filter(Boolean)
    .map((s) => `${s![0]}.`)
    .join(' ');
  return initials ? `${u.last_name} ${initials}` : u.last_name;
}

/** The caller's account: a user id, or an expression that yields one (the web host's token lookup). */
export function sessionUserQuery(db: Kysely<Database>, userId: number | Expression<number>) {
  return db
    .selectFrom('users as u')
    .leftJoin('students as s', 's.user_id', 'u.id')
    .select([
      'u.id',
      'u.login',
      'u.last_name',
      'u.first_name',
      'u.middle_name',
      'u.active',
      'u.must_change_password',
      's.id as student_id',
    ])
    .where('u.id', '=', userId);
}

export function sessionRolesQuery(db: Kysely<Database>, userId: number | Expression<number>) {
  return db
    .selectFrom('user_roles')
    .select(['role', 'department_id', 'group_id'])
    .where('user_id', '=', userId)
    .orderBy('id');
}

type UserRow = Awaited<ReturnType<ReturnType<typeof sessionUserQuery>['executeTakeFirst']>>;
type RoleRow = Awaited<ReturnType<ReturnType<typeof sessionRolesQuery>['execute']>>[number];

/** The session of an active account from its rows; null when the account is gone or deactivated. */
export function sessionFrom(user: UserRow, roles: readonly RoleRow[], locked: boolean): Session | null {
  if (!user || !user.active) return null;
  return {
    userId: user.id,
    login: user.login,
    fullName: fullName(user),
    roles: roles.map((r) => ({ role: r.role as Role, departmentId: r.department_id, groupId: r.group_id })),
    studentId: user.student_id ?? null,
    mustChangePassword: Number(user.must_change_password) === 1,
    locked,
  };
}

export async function loadSession(db: Db, userId: number, locked: boolean): Promise<Session | null> {
  const [user, roles] = await Promise.all([
    sessionUserQuery(db, userId).executeTakeFirst(),
    sessionRolesQuery(db, userId).execute(),
  ]);
  return sessionFrom(user, roles, locked);
}

const userOf = prepare((db) => sessionUserQuery(db, param<number>('userId')));
const rolesOf = prepare((db) => sessionRolesQuery(db, param<number>('userId')));

/** loadSession for every call of the hosts: prepared statements, one round trip on PostgreSQL. */
export async function readSession(handle: JournalDb, userId: number, locked: boolean): Promise<Session | null> {
  const [users, roles] = await runPrepared(handle, [
    [userOf, { userId }],
    [rolesOf, { userId }],
  ] as const);
  return sessionFrom(users[0], roles, locked);
}

export async function describeMe(deps: ServiceDeps, session: Session): Promise<Me> {
  const inst = await deps.db.selectFrom('institution').select(['short_name', 'kind']).executeTakeFirst();
  return {
    userId: session.userId,
    login: session.login,
    fullName: session.fullName,
    roles: session.roles,
    studentId: session.studentId,
    mustChangePassword: session.mustChangePassword,
    locked: session.locked,
    idleLockMinutes: deps.settings.get().idleLockMinutes,
    institution: inst ? { shortName: inst.short_name, kind: inst.kind } : null,
    today: deps.clock.today(),
  };
}
