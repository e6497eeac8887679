// Browser sessions kept in the database (DESIGN §9). The cookie carries a random token; the table keeps
// only its SHA-256, so a copy of the database (a backup, an archive) holds nothing that logs anyone in.
// A session ends when it is idle too long, when it is too old, at logout, and when its user's password,
// roles or state change (`endUserSessions`); a restore ends them all (`endAllSessions`).
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { JournalDb } from '../../db/connect.js';
import { param, prepare, runPrepared } from '../../db/prepared.js';
import type { Db, Session } from './context.js';
import { sessionFrom, sessionRolesQuery, sessionUserQuery } from './session.js';

export interface SessionPolicy {
  /** A session unused for this long ends. */
  idleMinutes: number;
  /** A session ends this long after the login, used or not. */
  maxHours: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 12 * 60, maxHours: 14 * 24 };

/** `last_seen_at` is written at most this often: a page view is not a write. */
const TOUCH_EVERY_MS = 60_000;

export interface StoredSession {
  key: string;
  userId: number;
  locked: boolean;
  /** The caller's account and roles, read in the same round trip; null when deactivated, undefined when not read. */
  session?: Session | null;
}

export function newSessionToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function sessionKey(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

const storedOf = prepare((db) =>
  db
    .selectFrom('web_sessions')
    .select(['user_id', 'created_at', 'last_seen_at', 'locked'])
    .where('token_hash', '=', param<string>('key')),
);
const ownerOf = () => sql<number>`(select user_id from web_sessions where token_hash = ${param<string>('key')})`;
const userOf = prepare((db) => sessionUserQuery(db, ownerOf()));
const rolesOf = prepare((db) => sessionRolesQuery(db, ownerOf()));

/**
 * The live session behind a token, with its user and roles, in one round trip (every page of every
 * family pays it); null when unknown, idle too long or too old — then it is removed.
 */
export async function findSession(
  handle: JournalDb,
  token: string,
  now: Date,
  policy: SessionPolicy,
): Promise<StoredSession | null> {
  if (!/^[\w-]{20,100}$/.test(token)) return null;
  const key = sessionKey(token);
  const [stored, users, roles] = await runPrepared(handle, [
    [storedOf, { key }],
    [userOf, { key }],
    [rolesOf, { key }],
  ] as const);
  const row = stored[0];
  if (!row) return null;
  const t = now.getTime();
  const idle = t - Date.parse(row.last_seen_at) > policy.idleMinutes * 60_000;
  const old = t - Date.parse(row.created_at) > policy.maxHours * 3_600_000;
  if (idle || old) {
    await handle.db.deleteFrom('web_sessions').where('token_hash', '=', key).execute();
    return null;
  }
  if (t - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    await handle.db
      .updateTable('web_sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('token_hash', '=', key)
      .execute();
  }
  const locked = Number(row.locked) === 1;
  return { key, userId: row.user_id, locked, session: sessionFrom(users[0], roles, locked) };
}

/** Start a session for a user; returns the token for the cookie. */
export async function createSession(db: Db, userId: number, now: Date): Promise<{ token: string; key: string }> {
  const token = newSessionToken();
  const key = sessionKey(token);
  const at = now.toISOString();
  await db
    .insertInto('web_sessions')
    .values({ token_hash: key, user_id: userId, created_at: at, last_seen_at: at, locked: 0 })
    .execute();
  return { token, key };
}

export async function deleteSession(db: Db, key: string): Promise<void> {
  await db.deleteFrom('web_sessions').where('token_hash', '=', key).execute();
}

export async function setSessionLocked(db: Db, key: string, locked: boolean): Promise<void> {
  await db
    .updateTable('web_sessions')
    .set({ locked: locked ? 1 : 0 })
    .where('token_hash', '=', key)
    .execute();
}

/** End a user's browser sessions (password, roles or state changed), all but `exceptKey` when given. */
export async function endUserSessions(db: Db, userId: number, exceptKey: string | null = null): Promise<void> {
  let query = db.deleteFrom('web_sessions').where('user_id', '=', userId);
  if (exceptKey) query = query.where('token_hash', '!=', exceptKey);
  await query.execute();
}

/** End every browser session (after a restore: the restored database may have other users). */
export async function endAllSessions(db: Db): Promise<void> {
  await db.deleteFrom('web_sessions').execute();
}

/** Remove sessions that ended by time; called now and then so the table stays small. */
export async function pruneSessions(db: Db, now: Date, policy: SessionPolicy): Promise<void> {
  const idleBefore = new Date(now.getTime() - policy.idleMinutes * 60_000).toISOString();
  const createdBefore = new Date(now.getTime() - policy.maxHours * 3_600_000).toISOString();
  await db
    .deleteFrom('web_sessions')
    .where((eb) => eb.or([eb('last_seen_at', '<', idleBefore), eb('created_at', '<', createdBefore)]))
    .execute();
}
