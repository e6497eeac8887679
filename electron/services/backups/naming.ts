// What a backup is called and why it was taken. The name carries the local time and the reason, so a
// folder of copies reads well in Explorer too: `journal_2026-11-25_18-00-04_daily.sqlite`.
import path from 'node:path';
import type { AppPaths } from '../paths.js';
import type { Settings } from '../settings.js';
import { fileStamp } from '../../domain/format-dates.js';

export const BACKUP_REASONS = [
  'daily',
  'exit',
  'manual',
  'migration',
  'import',
  'year-close',
  'year-copy',
  'restore',
  'archive',
] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const REASON_LABELS: Record<BackupReason, string> = {
  daily: 'ежедневная',
  exit: 'при выходе из программы',
  manual: 'создана вручную',
  migration: 'перед обновлением программы',
  import: 'перед загрузкой списков',
  'year-close': 'перед закрытием учебного года',
  'year-copy': 'перед переносом в новый учебный год',
  restore: 'перед восстановлением (для отмены)',
  archive: 'перед архивированием года',
};

/** Scheduled copies thinned by the daily/weekly/monthly rotation; the others are kept per reason. */
export const REGULAR_REASONS: readonly BackupReason[] = ['daily', 'exit'];

export const BACKUP_EXT = '.sqlite';
export const SIDECAR_EXT = '.json';
/** A copy being written; never listed, removed when stale. */
export const PARTIAL_PREFIX = '.partial-';

const NAME = /^journal_(\d{4})-(\d{2})-(\d{2})_(\d{2})-(\d{2})-(\d{2})_([a-z-]+?)(?:-(\d+))?\.sqlite$/;

export function backupFileName(at: Date, reason: BackupReason, seq = 1): string {
  return `journal_${fileStamp(at)}_${reason}${seq > 1 ? `-${seq}` : ''}${BACKUP_EXT}`;
}

/** The time and reason in a backup's name, or null when the file is not one of ours. */
export function parseBackupFileName(name: string): { at: Date; reason: BackupReason } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const reason = m[7] as BackupReason;
  if (!BACKUP_REASONS.includes(reason)) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  return { at: new Date(y, mo - 1, d, h, mi, s), reason };
}

/** A name the user may pass to restore: ours, and with no path in it. */
export function isBackupFileName(name: string): boolean {
  return path.basename(name) === name && parseBackupFileName(name) !== null;
}

export interface BackupFolder {
  path: string;
  /**
   * The default folder in user data is created when missing; a chosen one must exist (a network share or another disk).
   */
  isDefault: boolean;
}

export function backupFolder(settings: Settings, paths: AppPaths): BackupFolder {
  const chosen = settings.backup.folder.trim();
  return chosen ? { path: path.resolve(chosen), isDefault: false } : { path: paths.backups, isDefault: true };
}
