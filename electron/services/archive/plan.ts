// When each year's archive is due and what the schedule should do about it — pure, so that the
// schedule is tested with any clock. A year is due on the configured MM-DD after its last day;
// from then on the secretary is reminded until it is in the store and copied to removable media,
// and in automatic mode the program does it itself.
import type { ArchiveDueState, ArchiveSchedule } from '../../api/contract.js';

export interface PlanYear {
  id: number;
  title: string;
  endsOn: string;
  status: string;
}
export interface PlanArchive {
  yearId: number;
  target: string;
  path: string;
  verifyOk: boolean;
}

/** The first MM-DD strictly after the year's last day: year ends 2026-08-31, «09-05» → 2026-09-05. */
export function dueOn(endsOn: string, mmdd: string): string {
  const year = Number(endsOn.slice(0, 4));
  for (const y of [year, year + 1]) {
    const candidate = validDate(y, mmdd);
    if (candidate > endsOn) return candidate;
  }
  return validDate(year + 1, mmdd);
}

/** 02-29 in a year without it becomes 02-28. */
function validDate(year: number, mmdd: string): string {
  const [m, d] = mmdd.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function yearState(
  year: PlanYear,
  archives: readonly PlanArchive[],
  today: string,
  mmdd: string,
): ArchiveDueState {
  const mine = archives.filter((a) => a.yearId === year.id);
  const stored = mine.some((a) => a.target === 'store' && a.verifyOk);
  const transferred = mine.some((a) => a.target !== 'store' && a.verifyOk);
  if (stored && transferred) return 'done';
  if (today < dueOn(year.endsOn, mmdd)) return 'not_due';
  return year.status === 'open' ? 'waiting_close' : 'due';
}

export interface ScheduleAction {
  /** Years the secretary should be reminded of (due, or waiting for the administrator to close them). */
  remind: Array<{ yearId: number; title: string; dueOn: string; state: ArchiveDueState }>;
  /** In automatic mode: the year to archive now, and whether to copy it to the configured folder. */
  archive: { yearId: number; title: string; toStore: boolean; copyTo: string | null } | null;
}

/**
 * What the schedule does at `today`: nothing when off; reminders for every due year; in automatic
 * mode, the oldest due closed year is archived to the store if it is not there yet, and copied to
 * the configured folder when that folder is present (`targetPresent`) and holds no copy yet.
 */
export function planSchedule(input: {
  today: string;
  schedule: Pick<ArchiveSchedule, 'dueDate' | 'mode' | 'targetFolder'>;
  years: readonly PlanYear[];
  archives: readonly PlanArchive[];
  targetPresent: boolean;
}): ScheduleAction {
  const { today, schedule } = input;
  const action: ScheduleAction = { remind: [], archive: null };
  if (schedule.mode === 'off') return action;
  const years = [...input.years].sort((a, b) => a.endsOn.localeCompare(b.endsOn));
  for (const y of years) {
    const state = yearState(y, input.archives, today, schedule.dueDate);
    if (state === 'due' || state === 'waiting_close')
      action.remind.push({ yearId: y.id, title: y.title, dueOn: dueOn(y.endsOn, schedule.dueDate), state });
  }
  if (schedule.mode !== 'auto') return action;
  const target = schedule.targetFolder.trim();
  for (const r of action.remind.filter((x) => x.state === 'due')) {
    const mine = input.archives.filter((a) => a.yearId === r.yearId && a.verifyOk);
    const toStore = !mine.some((a) => a.target === 'store');
    const copied = mine.some((a) => a.target !== 'store' && target !== '' && samePlace(a.path, target));
    const copyTo = target && input.targetPresent && !copied ? target : null;
    if (toStore || copyTo) {
      action.archive = { yearId: r.yearId, title: r.title, toStore, copyTo };
      break;
    }
  }
  return action;
}

/** A copy at `<folder>/<package>` counts as being in the folder. */
function samePlace(copyPath: string, folder: string): boolean {
  const norm = (p: string) => p.replace(/[\\/]+$/, '');
  const parent = norm(copyPath).replace(/[\\/][^\\/]+$/, '');
  return norm(parent) === norm(folder);
}
