// Which copies to keep. Scheduled copies (daily, at exit) are thinned grandfather–father–son style:
// the newest copy of each of the last `keepDaily` days that have one, of each of the last `keepWeekly`
// weeks (Monday to Sunday), of each of the last `keepMonthly` months. Counting days *with a copy*
// (not calendar days) means a fortnight of holidays with the computer off never empties the folder.
// Copies taken for a reason (before an update, an import, a year closing, a restore, by hand) are kept
// apart: the last `keepPerReason` of each reason, so a burst of imports can't push out the copy taken
// before closing the year.
import type { BackupReason } from './naming.js';
import { REGULAR_REASONS } from './naming.js';

export interface RotationPolicy {
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
  keepPerReason: number;
}

export const KEEP_PER_REASON = 5;

export interface Rotatable {
  name: string;
  /** ISO moment. */
  createdAt: string;
  reason: BackupReason;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function dayKey(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The Monday that starts the (local) week of this moment. */
export function weekKey(d: Date): string {
  const monday = new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7));
  return dayKey(monday);
}

export function monthKey(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

/** Newest first: keep the first copy of each of the first `n` distinct buckets. */
function newestPerBucket<T extends Rotatable>(sorted: T[], n: number, key: (d: Date) => string): T[] {
  const kept: T[] = [];
  const seen = new Set<string>();
  for (const item of sorted) {
    if (seen.size >= n) break;
    const k = key(new Date(item.createdAt));
    if (seen.has(k)) continue;
    seen.add(k);
    kept.push(item);
  }
  return kept;
}

export function planRotation<T extends Rotatable>(
  items: readonly T[],
  policy: RotationPolicy,
): { keep: T[]; remove: T[] } {
  const sorted = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
  const keep = new Set<T>();
  const regular = sorted.filter((b) => REGULAR_REASONS.includes(b.reason));
  for (const b of newestPerBucket(regular, policy.keepDaily, dayKey)) keep.add(b);
  for (const b of newestPerBucket(regular, policy.keepWeekly, weekKey)) keep.add(b);
  for (const b of newestPerBucket(regular, policy.keepMonthly, monthKey)) keep.add(b);
  const byReason = new Map<BackupReason, T[]>();
  for (const b of sorted.filter((x) => !REGULAR_REASONS.includes(x.reason))) {
    const list = byReason.get(b.reason) ?? [];
    list.push(b);
    byReason.set(b.reason, list);
  }
  for (const list of byReason.values()) for (const b of list.slice(0, policy.keepPerReason)) keep.add(b);
  return { keep: sorted.filter((b) => keep.has(b)), remove: sorted.filter((b) => !keep.has(b)) };
}
