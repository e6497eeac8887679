// The automatic copies: daily at the set time (caught up at the next start if the computer was off),
// and at exit when anything changed since the last copy.
import path from 'node:path';
import type { ScheduledTask } from '../../platform/scheduled-task.js';
import type { ServiceDeps } from '../context.js';
import type { Settings } from '../settings.js';
import { listBackups, type BackupInfo } from './catalog.js';
import { backupFolder, backupNow } from './create.js';
import { REGULAR_REASONS } from './naming.js';

/** The latest moment at or before `now` whose local time is `HH:MM`. */
export function latestOccurrence(now: Date, hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate(), h, m, 0, 0);
  return today <= now ? today : new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, h, m, 0, 0);
}

/** After a failed copy, wait this long before trying again (the folder may be a share that comes back). */
export const RETRY_AFTER_MS = 30 * 60 * 1000;

export function dailyBackupTask(deps: ServiceDeps): ScheduledTask<Settings> {
  let lastFailure = -Infinity;
  return {
    name: 'backup.daily',
    due(now, settings) {
      if (deps.dialect !== 'sqlite' || !deps.file) return false;
      if (now.getTime() - lastFailure < RETRY_AFTER_MS) return false;
      // A copy at exit after the set time does the day's duty too (the rotation keeps one per day).
      const last = listBackups(backupFolder(settings, deps.paths).path).find((b) => REGULAR_REASONS.includes(b.reason));
      return !last || new Date(last.createdAt) < latestOccurrence(now, settings.backup.dailyAt);
    },
    async run(now) {
      try {
        await backupNow(deps, 'daily');
      } catch (error) {
        lastFailure = now.getTime();
        throw error;
      }
    },
  };
}

/** At exit: a copy when the setting is on and the journal changed since its newest copy. */
export async function backupAtExit(deps: ServiceDeps): Promise<BackupInfo | null> {
  const settings = deps.settings.get();
  if (!settings.backup.onExit || deps.dialect !== 'sqlite' || !deps.file) return null;
  const own = path.resolve(deps.file);
  const newest = listBackups(backupFolder(settings, deps.paths).path).find((b) => b.source === own);
  const row = await deps.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  const auditMax = Number(row?.max ?? 0);
  if (newest && newest.auditMax === auditMax) return null;
  return backupNow(deps, 'exit');
}
