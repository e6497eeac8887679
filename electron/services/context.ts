// What every service receives: the database, who is calling, the clock, and the host's facilities.
// Plain TypeScript: nothing here knows Electron or HTTP.
import type { Kysely, Transaction } from 'kysely';
import type { Database, Role } from '../../db/schema.js';
import type { Dialect } from '../../db/connect.js';
import type { RoleGrant } from '../api/contract.js';
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

/** The host's per-window (IPC) or per-cookie (HTTP) login state. */
export interface SessionHost {
  userId(): number | null;
  locked(): boolean;
  begin(userId: number): void;
  end(): void;
  setLocked(locked: boolean): void;
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
  /** Optional safety net set by the backups feature: called before a bulk import or closing a year. */
  beforeBulkChange?: (reason: string) => Promise<unknown>;
  /** The live database; `db`, `dialect` and `file` read through it (a restore swaps it). */
  database: DatabaseHolder;
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
