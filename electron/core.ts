// Assembles what the services need — database, settings, paths, clock, jobs — for any host:
// the Electron main process, the browser host and the command line.
import { openDatabase, parseDatabaseUrl, type JournalDb, type OpenOptions } from '../db/connect.js';
import { systemClock, type Clock } from './services/clock.js';
import type { ServiceDeps } from './services/context.js';
import { DatabaseHolder, depsOver } from './services/holder.js';
import { JobRegistry } from './services/jobs.js';
import { appPaths, type AppPaths } from './services/paths.js';
import type { SettingsStore } from './services/settings.js';
import { backupBeforeMigration, checkJournalPresent } from './services/backups/startup.js';

export { DatabaseHolder } from './services/holder.js';

export interface CoreOptions {
  /** Overrides the settings' database URL. */
  databaseUrl?: string;
  userData?: string;
  settings: SettingsStore;
  clock?: Clock;
  /** Open options; by default a copy is taken before every migration. */
  open?: OpenOptions;
  /** Create an empty journal even where the old one is missing but copies of it exist (init, demo data). */
  allowNew?: boolean;
}

export interface Core {
  deps: ServiceDeps;
  /** The live database; it changes when a backup is restored. */
  readonly handle: JournalDb;
  holder: DatabaseHolder;
  paths: AppPaths;
  url: string;
  close(): Promise<void>;
}

export function resolveDatabaseUrl(explicit: string | undefined, settings: SettingsStore, paths: AppPaths): string {
  if (explicit) return explicit;
  const configured = settings.get().databaseUrl.trim();
  return configured || `sqlite:${paths.database}`;
}

/** The SQLite file behind a URL, or null for PostgreSQL and memory. */
export function sqliteFileOf(url: string): string | null {
  const parsed = parseDatabaseUrl(url);
  return parsed.dialect === 'sqlite' ? parsed.file : null;
}

export async function openCore(options: CoreOptions): Promise<Core> {
  const paths = appPaths(options.userData);
  const url = resolveDatabaseUrl(options.databaseUrl, options.settings, paths);
  const clock = options.clock ?? systemClock;
  const open: OpenOptions = {
    beforeMigrate: backupBeforeMigration(
      () => options.settings.get(),
      paths,
      () => clock.now(),
    ),
    ...options.open,
  };
  if (!options.allowNew) checkJournalPresent(sqliteFileOf(url), options.settings.get(), paths);
  const holder = new DatabaseHolder(await openDatabase(url, open), open);
  const deps = depsOver(holder, { clock, settings: options.settings, paths, jobs: new JobRegistry() });
  return {
    deps,
    holder,
    paths,
    url,
    get handle() {
      return holder.current;
    },
    close: () => holder.close(),
  };
}
