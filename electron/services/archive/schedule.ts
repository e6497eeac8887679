// The archive's scheduled task: checked when the program starts and every hour. On or after the
// configured date it reminds the secretary (the home page shows the due years; the time of the last
// reminder is kept in the settings) and, in automatic mode, archives the year to the store by itself
// and copies it to the chosen folder on removable media whenever that folder is present.
import fs from 'node:fs';
import type { ServiceDeps } from '../context.js';
import type { Settings } from '../settings.js';
import { scheduleOf } from './overview.js';
import { planSchedule, type ScheduleAction } from './plan.js';
import { checkRequest, runningArchiveJob, SCHEDULE_ARCHIVIST, startArchiveJob } from './run.js';

export interface ScheduleOutcome {
  action: ScheduleAction;
  /** The archive job started by this check, if any. */
  jobId: string | null;
  /** Why the automatic archive did not start (another archive running, the year reopened…). */
  skipped: string | null;
}

export const ARCHIVE_TASK_INTERVAL_MS = 60 * 60 * 1000;

function folderPresent(folder: string): boolean {
  if (!folder.trim()) return false;
  try {
    return fs.statSync(folder).isDirectory();
  } catch {
    return false; // the stick is not in: the copy waits for the next check
  }
}

export async function runArchiveSchedule(deps: ServiceDeps): Promise<ScheduleOutcome> {
  const schedule = scheduleOf(deps.settings);
  const years = await deps.db.selectFrom('academic_years').select(['id', 'title', 'ends_on', 'status']).execute();
  const archives = await deps.db.selectFrom('archives').select(['year_id', 'target', 'path', 'verify_ok']).execute();
  const action = planSchedule({
    today: deps.clock.today(),
    schedule,
    years: years.map((y) => ({ id: y.id, title: y.title, endsOn: y.ends_on, status: y.status })),
    archives: archives.map((a) => ({ yearId: a.year_id, target: a.target, path: a.path, verifyOk: a.verify_ok === 1 })),
    targetPresent: folderPresent(schedule.targetFolder),
  });
  const outcome: ScheduleOutcome = { action, jobId: null, skipped: null };
  if (action.remind.length > 0) deps.settings.update({ archive: { lastReminderAt: deps.clock.now().toISOString() } });
  if (!action.archive) return outcome;
  if (runningArchiveJob(deps.jobs)) {
    outcome.skipped = 'Архив уже формируется';
    return outcome;
  }
  const request = { yearId: action.archive.yearId, destination: action.archive.copyTo, rebuild: false };
  try {
    await checkRequest(deps, request);
  } catch (error) {
    outcome.skipped = (error as Error).message;
    return outcome;
  }
  outcome.jobId = startArchiveJob(deps, SCHEDULE_ARCHIVIST, request).id;
  return outcome;
}

/**
 * The task for electron/scheduler.ts (which checks every few minutes): due at the first check after
 * start and then hourly while the schedule is on; running it starts the archive job (if any is due)
 * and returns — the job goes on by itself, with its progress visible on the archive screen.
 */
export function archiveScheduledTask(
  deps: ServiceDeps,
  log: { error(message: string, error: unknown): void } = console,
) {
  let last: number | null = null;
  return {
    name: 'archive.yearEnd',
    due: (now: Date, settings: Settings) =>
      settings.archive.mode !== 'off' && (last === null || now.getTime() - last >= ARCHIVE_TASK_INTERVAL_MS),
    run: async (now: Date) => {
      last = now.getTime();
      const outcome = await runArchiveSchedule(deps);
      if (outcome.skipped && outcome.action.archive)
        log.error(`Архив ${outcome.action.archive.title} по расписанию не начат: ${outcome.skipped}`, null);
    },
  };
}
