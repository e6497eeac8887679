// Assembles what the services need — database, settings, paths, clock, jobs — for any host:
// the Electron main process, the browser host and the command line.
import { openDatabase, type JournalDb, type OpenOptions } from '../db/connect.js';
import { systemClock, type Clock } from './services/clock.js';
import type { ServiceDeps } from './services/context.js';
import { JobRegistry } from './services/jobs.js';
import { appPaths, type AppPaths } from './services/paths.js';
import type { SettingsStore } from './services/settings.js';

export interface CoreOptions {
  /** Overrides the settings' database URL. */
  databaseUrl?: string;
  userData?: string;
  settings: SettingsStore;
  clock?: Clock;
  open?: OpenOptions;
}

export interface Core {
  deps: ServiceDeps;
  handle: JournalDb;
  paths: AppPaths;
  close(): Promise<void>;
}

export function resolveDatabaseUrl(explicit: string | undefined, settings: SettingsStore, paths: AppPaths): string {
  if (explicit) return explicit;
  const configured = settings.get().databaseUrl.trim();
  return configured || `sqlite:${paths.database}`;
}

export async function openCore(options: CoreOptions): Promise<Core> {
  const paths = appPaths(options.userData);
  const url = resolveDatabaseUrl(options.databaseUrl, options.settings, paths);
  const handle = await openDatabase(url, options.open);
  const deps: ServiceDeps = {
    db: handle.db,
    dialect: handle.dialect,
    file: handle.file,
    clock: options.clock ?? systemClock,
    settings: options.settings,
    paths,
    jobs: new JobRegistry(),
  };
  return { deps, handle, paths, close: () => handle.close() };
}
