// Browser sessions: a random token in an HttpOnly, SameSite=Strict cookie (Secure under TLS); the
// session itself is a row of the database (services/web-sessions.ts), so it survives a restart and is
// valid on every `serve` process of one PostgreSQL.
import type { JournalDb } from '../../db/connect.js';
import type { SessionHost } from '../services/context.js';
import {
  createSession,
  deleteSession,
  findSession,
  setSessionLocked,
  type SessionPolicy,
  type StoredSession,
} from '../services/web-sessions.js';

export const COOKIE = 'zhurnal_session';

export interface RequestSession {
  host: SessionHost;
  /** The Set-Cookie header to send, when the session began, ended or was found gone. */
  cookie(secure: boolean): string | null;
}

/** The session host for one request, over the stored session behind the cookie's token. */
export async function requestSession(
  handle: () => JournalDb,
  token: string | null,
  now: Date,
  policy: SessionPolicy,
  address: string,
): Promise<RequestSession> {
  const db = () => handle().db;
  let current: StoredSession | null = token ? await findSession(handle(), token, now, policy) : null;
  // undefined: unchanged; null: clear the cookie; a string: the new token.
  let next: string | null | undefined = token && !current ? null : undefined;
  const host: SessionHost = {
    userId: () => current?.userId ?? null,
    locked: () => current?.locked ?? false,
    begin: async (userId) => {
      if (current) await deleteSession(db(), current.key);
      const created = await createSession(db(), userId, now);
      current = { key: created.key, userId, locked: false };
      next = created.token;
    },
    end: async () => {
      if (current) await deleteSession(db(), current.key);
      current = null;
      next = null;
    },
    setLocked: async (locked) => {
      if (!current) return;
      await setSessionLocked(db(), current.key, locked);
      current.locked = locked;
      if (current.session) current.session = { ...current.session, locked };
    },
    loaded: () => current?.session,
    clientAddress: () => address,
    sessionKey: () => current?.key ?? null,
  };
  const maxAge = policy.maxHours * 3600;
  return { host, cookie: (secure) => (next === undefined ? null : sessionCookie(next, secure, maxAge)) };
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * The cookie lives as long as the session may (a phone keeps it between visits); the server ends it sooner when idle.
 */
export function sessionCookie(token: string | null, secure: boolean, maxAgeSeconds: number): string {
  const attrs = ['Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (secure) attrs.push('Secure');
  return token
    ? `${COOKIE}=${token}; Max-Age=${maxAgeSeconds}; ${attrs.join('; ')}`
    : `${COOKIE}=; Max-Age=0; ${attrs.join('; ')}`;
}
