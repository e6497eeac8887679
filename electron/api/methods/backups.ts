import { z } from 'zod';
import { method } from '../define.js';
import { empty } from '../schemas.js';
import type { JobInfo } from './jobs.js';

export type BackupReasonCode =
  'daily' | 'exit' | 'manual' | 'migration' | 'import' | 'year-close' | 'year-copy' | 'restore' | 'archive';

export interface BackupCounts {
  students: number;
  marks: number;
  attendance: number;
  lessons: number;
  journals: number;
  users: number;
}

export interface BackupContents {
  /** The newest applied migration: the structure version of the copy. */
  schema: string | null;
  institution: string | null;
  year: string | null;
  counts: BackupCounts;
}

export interface BackupItem {
  name: string;
  createdAt: string;
  reason: BackupReasonCode;
  reasonLabel: string;
  size: number;
  /** `integrity_check` passed when the copy was written and the file still has that length. */
  checked: boolean;
  contents: BackupContents | null;
}

export interface BackupOverview {
  dialect: 'sqlite' | 'postgres';
  /** False on PostgreSQL (and a database in memory): `advice` says what to do instead. */
  supported: boolean;
  advice: string | null;
  /** The live journal file. */
  database: string | null;
  folder: string;
  folderIsDefault: boolean;
  /** Why copies can't be written there now (missing share, no rights), or null. */
  folderProblem: string | null;
  freeBytes: number | null;
  schedule: {
    dailyAt: string;
    onExit: boolean;
    keepDaily: number;
    keepWeekly: number;
    keepMonthly: number;
    keepPerReason: number;
  };
  lastSuccess: { at: string; name: string; reason: BackupReasonCode } | null;
  /** Shown when newer than the last success. */
  lastFailure: { at: string; reason: BackupReasonCode; message: string } | null;
  backups: BackupItem[];
}

export interface BackupInspection {
  name: string;
  ok: boolean;
  /** Why it can't be restored, in Russian. */
  problem: string | null;
  createdAt: string;
  reason: BackupReasonCode;
  reasonLabel: string;
  size: number;
  contents: BackupContents | null;
  /** Whether the copy's checksum still matches the one recorded when it was written (null: none recorded). */
  checksumOk: boolean | null;
}

export interface RestoreOutcome {
  restored: { name: string; createdAt: string | null; contents: BackupContents };
  /** The journal as it was just before: restoring it undoes this restore. */
  undoName: string | null;
  /** Every user, this one included, logs in again: the restored database may have other users. */
  reloginRequired: boolean;
}

const backupName = z
  .string({ error: 'Укажите резервную копию' })
  .min(1, 'Укажите резервную копию')
  .max(200, 'Слишком длинное имя файла');

export const backupMethods = {
  'backups.list': method<BackupOverview>()({
    summary: 'Резервные копии журнала: папка, расписание, последние результаты и список копий с их содержимым',
    access: ['admin'],
    input: empty,
  }),
  'backups.create': method<JobInfo>()({
    summary: 'Сделать резервную копию сейчас (длительная работа: ход — в jobs.status, результат — сведения о копии)',
    access: ['admin'],
    input: empty,
  }),
  'backups.inspect': method<BackupInspection>()({
    summary: 'Полная проверка копии перед восстановлением: целостность, версия, что в ней (год, обучающиеся, отметки)',
    access: ['admin'],
    input: z.object({ name: backupName }),
  }),
  'backups.restore': method<RestoreOutcome>()({
    summary:
      'Восстановить журнал из копии; текущее состояние сначала сохраняется копией, чтобы восстановление можно было ' +
      'отменить',
    access: ['admin'],
    input: z.object({
      name: backupName,
      confirm: z.literal(true, {
        error: 'Подтвердите восстановление: текущие данные журнала будут заменены данными копии',
      }),
    }),
  }),
};
