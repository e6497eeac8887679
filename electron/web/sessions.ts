// Browser sessions: a random token in an HttpOnly, SameSite=Strict cookie maps to a login state.
import crypto from 'node:crypto';
import type { SessionHost } from '../services/context.js';

interface Entry { userId: number | null; locked: boolean; lastSeen: number }

export const COOKIE = 'zhurnal_session';
/** A browser session ends after this long without any call (the idle lock acts much sooner). */
const MAX_IDLE_MS = 12 * 60 * 60 * 1000;

export class WebSessions {
  private entries = new Map<string, Entry>();

  /** The host for one request: reads and changes the entry behind the cookie's token. */
  hostFor(token: string | null): { host: SessionHost; token: () => string | null } {
    let current = token && this.live(token) ? token : null;
    const entry = () => (current ? this.entries.get(current)! : null);
    const host: SessionHost = {
      userId: () => entry()?.userId ?? null,
      locked: () => entry()?.locked ?? false,
      begin: (userId) => {
        if (current) this.entries.delete(current);
        current = crypto.randomBytes(32).toString('base64url');
        this.entries.set(current, { userId, locked: false, lastSeen: Date.now() });
      },
      end: () => { if (current) this.entries.delete(current); current = null; },
      setLocked: (locked) => { const e = entry(); if (e) e.locked = locked; },
    };
    return { host, token: () => current };
  }

  /** End every login (after a restore: the restored database may have other users). */
  clear(): void {
    this.entries.clear();
  }

  private live(token: string): boolean {
    const e = this.entries.get(token);
    if (!e) return false;
    if (Date.now() - e.lastSeen > MAX_IDLE_MS) { this.entries.delete(token); return false; }
    e.lastSeen = Date.now();
    return true;
  }
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

export function sessionCookie(token: string | null, secure: boolean): string {
  const attrs = ['Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (secure) attrs.push('Secure');
  return token ? `${COOKIE}=${token}; ${attrs.join('; ')}` : `${COOKIE}=; Max-Age=0; ${attrs.join('; ')}`;
}
