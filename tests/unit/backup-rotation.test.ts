// The rotation keeps exactly the promised set: the newest copy of each of the last 7 days with a copy,
// of each of the last 4 weeks, of each of the last 12 months — and the last 5 of each other reason.
import { describe, expect, it } from 'vitest';
import { backupFileName, parseBackupFileName, type BackupReason } from '../../electron/services/backups/naming.js';
import { dayKey, planRotation, weekKey, type Rotatable } from '../../electron/services/backups/rotation.js';
import { latestOccurrence } from '../../electron/services/backups/tasks.js';

const POLICY = { keepDaily: 7, keepWeekly: 4, keepMonthly: 12, keepPerReason: 5 };

function copy(y: number, m: number, d: number, h = 18, min = 0, reason: BackupReason = 'daily'): Rotatable {
  const at = new Date(y, m - 1, d, h, min);
  return { name: backupFileName(at, reason), createdAt: at.toISOString(), reason };
}

/** Every day from `from` for `days` days, one copy at 18:00. */
function everyDay(from: Date, days: number, reason: BackupReason = 'daily'): Rotatable[] {
  return Array.from({ length: days }, (_, i) => {
    const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() + i);
    return copy(d.getFullYear(), d.getMonth() + 1, d.getDate(), 18, 0, reason);
  });
}

const days = (items: Rotatable[]) => items.map((b) => dayKey(new Date(b.createdAt))).sort();

describe('planRotation', () => {
  it('keeps exactly 7 daily, 4 weekly and 12 monthly copies of 400 days of daily copies', () => {
    // 01.01.2025 … 04.02.2026 (400 days), the newest on Wednesday 04.02.2026.
    const all = everyDay(new Date(2025, 0, 1), 400);
    expect(dayKey(new Date(all.at(-1)!.createdAt))).toBe('2026-02-04');
    const { keep, remove } = planRotation(all, POLICY);
    expect(days(keep)).toEqual([
      // monthly: the last day of each of the 11 months before, the newest of February
      '2025-03-31',
      '2025-04-30',
      '2025-05-31',
      '2025-06-30',
      '2025-07-31',
      '2025-08-31',
      '2025-09-30',
      '2025-10-31',
      '2025-11-30',
      '2025-12-31',
      // weekly: Sundays 18.01 and 25.01 (the weeks of 12.01 and 19.01); 01.02 and 04.02 are also daily
      '2026-01-18',
      '2026-01-25',
      // daily: the last 7 days (31.01 is also the January monthly)
      '2026-01-29',
      '2026-01-30',
      '2026-01-31',
      '2026-02-01',
      '2026-02-02',
      '2026-02-03',
      '2026-02-04',
    ]);
    expect(keep.length + remove.length).toBe(400);
  });

  it('keeps the newest copy of a day, counting only days that have a copy (holidays never empty the folder)', () => {
    const all = [
      copy(2026, 11, 2, 9),
      copy(2026, 11, 2, 18),
      copy(2026, 11, 2, 21, 30, 'exit'),
      // two weeks with the computer off
      copy(2026, 11, 16, 18),
      copy(2026, 11, 17, 18),
    ];
    const { keep } = planRotation(all, { keepDaily: 7, keepWeekly: 0, keepMonthly: 0, keepPerReason: 5 });
    expect(keep.map((b) => b.name).sort()).toEqual([all[2]!.name, all[3]!.name, all[4]!.name].sort());
  });

  it('keeps the last 5 of each other reason apart from the schedule', () => {
    const imports = Array.from({ length: 8 }, (_, i) => copy(2026, 11, 10 + i, 10, 0, 'import'));
    const yearClose = copy(2026, 8, 31, 12, 0, 'year-close');
    const daily = everyDay(new Date(2026, 10, 1), 20);
    const { keep, remove } = planRotation([...imports, yearClose, ...daily], POLICY);
    expect(keep.filter((b) => b.reason === 'import').map((b) => b.name)).toEqual(
      imports
        .slice(3)
        .reverse()
        .map((b) => b.name),
    );
    expect(keep).toContain(yearClose);
    expect(remove.every((b) => b.reason === 'import' || b.reason === 'daily')).toBe(true);
    // 7 days + the newest of 2 earlier weeks; November is one month
    expect(keep.filter((b) => b.reason === 'daily').length).toBe(7 + 2);
  });

  it('takes weeks from Monday to Sunday in local time', () => {
    expect(weekKey(new Date(2026, 10, 29, 23, 59))).toBe('2026-11-23'); // Sunday
    expect(weekKey(new Date(2026, 10, 30, 0, 1))).toBe('2026-11-30'); // Monday
  });
});

describe('backup names', () => {
  it('carry the local time and the reason, and only our names parse', () => {
    const at = new Date(2026, 10, 25, 18, 0, 4);
    const name = backupFileName(at, 'year-close', 2);
    expect(name).toBe('journal_2026-11-25_18-00-04_year-close-2.sqlite');
    expect(parseBackupFileName(name)).toEqual({ at, reason: 'year-close' });
    expect(parseBackupFileName('journal_2026-11-25_18-00-04_party.sqlite')).toBeNull();
    expect(parseBackupFileName('../journal_2026-11-25_18-00-04_daily.sqlite')).toBeNull();
    expect(parseBackupFileName('.partial-journal_2026-11-25_18-00-04_daily.sqlite')).toBeNull();
  });
});

describe('latestOccurrence', () => {
  it('is today at the set time once it has passed, else yesterday', () => {
    expect(latestOccurrence(new Date(2026, 10, 25, 18, 0), '18:00')).toEqual(new Date(2026, 10, 25, 18, 0));
    expect(latestOccurrence(new Date(2026, 10, 25, 17, 59), '18:00')).toEqual(new Date(2026, 10, 24, 18, 0));
    expect(latestOccurrence(new Date(2026, 11, 1, 8, 0), '18:30')).toEqual(new Date(2026, 10, 30, 18, 30));
  });
});
