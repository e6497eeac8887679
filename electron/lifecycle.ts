// What every long-running host does around its core: the scheduler with the automatic backups at
// start, the copy at exit, and — when the journal will not open — the explanation with the newest
// sound copy. Used by the Electron main process and the browser host; no Electron here.
import type { Core } from './core.js';
import { sqliteFileOf } from './core.js';
import { Scheduler } from './scheduler.js';
import { backupAtExit, dailyBackupTask, explainOpenFailure, type StartupProblem } from './services/backups/index.js';
import { archiveScheduledTask } from './services/archive/schedule.js';
import type { Clock } from './services/clock.js';
import { appPaths } from './services/paths.js';
import { weeklyRemarkTask } from './services/remarks/weekly.js';
import { mailTask } from './services/mail/task.js';
import { DatabaseLease } from './services/lease.js';
import type { SettingsStore } from './services/settings.js';

export interface Log {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export const consoleLog: Log = {
  info: (m) => console.log(m),
  error: (m, e) => console.error(m, e instanceof Error ? e.message : (e ?? '')),
};

/**
 * The scheduler with the program's own tasks; other features register theirs on the returned object
 * before `start()`. It runs them only while this process holds the scheduler lease in the database, so
 * that processes sharing one journal (`serve` processes, staff PCs on one server) do each job once.
 * `dailyBackup: false` leaves the day's copy out (a throwaway demo host, which a test starts for a few seconds).
 */
export function createScheduler(
  core: Core,
  clock: Clock,
  log: Log = consoleLog,
  { intervalMs, dailyBackup = true }: { intervalMs?: number; dailyBackup?: boolean } = {},
): Scheduler {
  const gate = new DatabaseLease(() => core.deps.db, { name: 'scheduler', log });
  const scheduler = new Scheduler({
    clock,
    settings: core.deps.settings,
    log: { error: (m, e) => log.error(m, e) },
    gate,
    intervalMs,
  });
  if (dailyBackup) scheduler.register(dailyBackupTask(core.deps));
  scheduler.register(archiveScheduledTask(core.deps, { error: (m, e) => log.error(m, e) }));
  // Each week the program drafts remarks on journals left unfilled; the deputy reviews and sends them.
  scheduler.register(weeklyRemarkTask(core.deps));
  // Letters to families (absences, marks, the week) from the outbox, through the institution's SMTP server.
  scheduler.register(mailTask(core.deps));
  return scheduler;
}

/** Stop the scheduler (waiting for a running copy), take the copy at exit, close the database. */
export async function shutdown(core: Core, scheduler: Scheduler | null, log: Log = consoleLog): Promise<void> {
  await scheduler?.stop();
  try {
    const copy = await backupAtExit(core.deps);
    if (copy) log.info(`Резервная копия при выходе: ${copy.path}`);
  } catch (error) {
    log.error('Не удалось сделать резервную копию при выходе', error);
  }
  await core.close();
}

/** Why the journal did not open, with the newest sound copy when restoring it would help. */
export function startupProblem(
  error: unknown,
  url: string,
  settings: SettingsStore,
  userData?: string,
): Promise<StartupProblem> {
  return explainOpenFailure(error, sqliteFileOf(url), settings.get(), appPaths(userData));
}

/** The same for a console: the message and the command that restores the copy. */
export function startupProblemText(problem: StartupProblem): string {
  if (!problem.backup || !problem.file) return problem.message;
  return (
    `${problem.message}\n\nЧтобы восстановить журнал из этой копии (повреждённый файл будет сохранён рядом):\n` +
    `  npm run cli -- restore --db "${problem.file}" --from "${problem.backup.path}"`
  );
}
