// What every service receives: the database, who is calling, the clock, and the host's facilities.
// Plain TypeScript: nothing here knows Electron or HTTP.
import type { Kysely, Transaction } from 'kysely';
import type { Database, Role } from '../../db/schema.js';
import type { Dialect } from '../../db/connect.js';
import type { RoleGrant, WebServerStatus } from '../api/contract.js';
import type { Clock } from './clock.js';
import type { SettingsStore } from './settings.js';
import type { AppPaths } from './paths.js';
import type { JobRegistry } from './jobs.js';
import type { DatabaseHolder } from './holder.js';
import { AppError } from '../api/errors.js';

export type Db = Kysely<Database> | Transaction<Database>;

export interface Session {
  userId: number;
  login: string;
  fullName: string;
  roles: RoleGrant[];
  studentId: number | null;
  mustChangePassword: boolean;
  locked: boolean;
}

/** The host's per-window (IPC) or per-cookie (HTTP, kept in the database) login state. */
export interface SessionHost {
  userId(): number | null;
  locked(): boolean;
  begin(userId: number): void | Promise<void>;
  end(): void | Promise<void>;
  setLocked(locked: boolean): void | Promise<void>;
  /**
   * The one-time code the first-run methods need from this caller (the browser host: printed by `serve`;
   * null there when none was issued, so they are refused). Absent: the desktop window, which needs none.
   */
  setupCode?(): string | null;
  /** Where the caller is, for login throttling: the client's address on the web host; `local` when absent. */
  clientAddress?(): string;
  /** The caller's session, when the host read it with its own (web host: with the token, in one round trip). */
  loaded?(): Session | null | undefined;
  /** The stored session's key (web host): kept when the user's other sessions end at a password change. */
  sessionKey?(): string | null;
}

/** Everything that lives as long as the host: shared by all calls. */
export interface ServiceDeps {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  settings: SettingsStore;
  paths: AppPaths;
  jobs: JobRegistry;
  /** The SQLite file, when the journal is one (backups, archives). */
  file: string | null;
  /** Optional host hook, told (with a label) after the safety copy that precedes a bulk import, closing a year or
   *  moving groups; the copy itself is always taken by `safetyBackup` in services/year/common.ts. */
  beforeBulkChange?: (reason: string) => Promise<unknown>;
  /** The live database; `db`, `dialect` and `file` read through it (a restore swaps it). */
  database: DatabaseHolder;
  /** The app's own browser server («Доступ через браузер»), when this host has one. */
  webServer?: WebServerControl;
  /** The desktop app: open another database now and remember it in the settings (first run). */
  switchDatabase?: (url: string) => Promise<void>;
  /** Waits before a failed login is answered (tests pass one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
}

/** Started, stopped and restarted by the settings; implemented by the host (electron/web/lan-server.ts). */
export interface WebServerControl {
  status(): WebServerStatus;
  /** Stop the server and start it again as the settings now say. */
  apply(): Promise<WebServerStatus>;
}

export interface ServiceContext extends ServiceDeps {
  session: Session | null;
  host: SessionHost;
}

/** A context whose caller is known (every method but the public ones). */
export interface AuthedContext extends ServiceContext {
  session: Session;
}

export function requireSession(ctx: ServiceContext): Session {
  if (!ctx.session) throw new AppError('unauthenticated', 'Войдите в программу');
  return ctx.session;
}

export function hasRole(session: Session, ...roles: Role[]): boolean {
  return session.roles.some((g) => roles.includes(g.role));
}
