// When the journal will not open: say why in Russian and offer the newest copy that is itself sound —
// never a crash and never a silently created empty journal. Also the copy taken before a migration.
import fs from 'node:fs';
import path from 'node:path';
import { migrations } from '../../../db/migrations/index.js';
import { DatabaseOpenError } from '../../../db/errors.js';
import { ruDateTime } from '../../domain/format-dates.js';
import { count } from '../../domain/format-numbers.js';
import type { AppPaths } from '../paths.js';
import type { Settings } from '../settings.js';
import { listBackups, type BackupInfo } from './catalog.js';
import { backupFile } from './create.js';
import { inspectFile, type JournalSummary } from './inspect.js';
import { backupFolder, type BackupFolder } from './naming.js';

const FIRST_MIGRATION = Object.keys(migrations).sort()[0]!;

/** The folders that may hold copies of this journal: the chosen one and the default one. */
export function candidateFolders(settings: Settings, paths: AppPaths): BackupFolder[] {
  const chosen = backupFolder(settings, paths);
  const all = [chosen, { path: paths.backups, isDefault: true }];
  return all.filter((f, i) => all.findIndex((g) => path.resolve(g.path) === path.resolve(f.path)) === i);
}

/** Newest first, the first copy that passes a check (and is not from a newer program). */
export async function newestGoodBackup(folders: BackupFolder[]): Promise<BackupInfo | null> {
  const all = folders.flatMap((f) => listBackups(f.path)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  for (const backup of all) {
    const inspection = await inspectFile(backup.path, { full: false, what: 'Резервная копия' });
    if (inspection.ok) return { ...backup, ...summaryFields(inspection.summary) };
  }
  return null;
}

function summaryFields(s: JournalSummary | null): Partial<BackupInfo> {
  return s
    ? { schema: s.schema, institution: s.institution, year: s.year, counts: s.counts, auditMax: s.auditMax }
    : {};
}

export interface StartupProblem {
  /** The whole story in Russian: what is wrong, and what can be done. */
  message: string;
  /** The newest sound copy, when restoring it is the way out. */
  backup: BackupInfo | null;
  /** The journal file that failed. */
  file: string | null;
}

const OFFER_REASONS = new Set(['damaged', 'not_journal', 'missing', 'cannot_open']);

/** Turn a failure to open the journal into a message and, when it helps, the copy to restore. */
export async function explainOpenFailure(
  error: unknown,
  file: string | null,
  settings: Settings,
  paths: AppPaths,
): Promise<StartupProblem> {
  const base = error instanceof Error ? error.message : String(error);
  const reason = error instanceof DatabaseOpenError ? error.reason : null;
  if (!file || !reason || !OFFER_REASONS.has(reason)) return { message: base, backup: null, file };
  const backup = await newestGoodBackup(candidateFolders(settings, paths));
  if (!backup) {
    return {
      message:
        `${base}\n\nИсправных резервных копий журнала не найдено. Обратитесь к администратору: файл не ` + `изменялся.`,
      backup: null,
      file,
    };
  }
  return { message: `${base}\n\nПоследняя исправная резервная копия: ${describeForPeople(backup)}.`, backup, file };
}

/** «24.11.2026 18:00» in local time. */
export function backupTime(b: Pick<BackupInfo, 'createdAt'>): string {
  return ruDateTime(new Date(b.createdAt));
}

/** «от 24.11.2026 18:00 (учебный год 2026/2027; обучающихся: 150, отметок: 12 345), файл …» */
export function describeForPeople(b: BackupInfo): string {
  const when = backupTime(b);
  const parts = [
    b.year ? `учебный год ${b.year}` : null,
    b.counts ? `обучающихся: ${count(b.counts.students)}, отметок: ${count(b.counts.marks)}` : null,
  ].filter(Boolean);
  return `от ${when}${parts.length ? ` (${parts.join('; ')})` : ''}, файл ${b.path}`;
}

/**
 * The journal file vanished (deleted, or on a disk that is not mounted) while copies taken from it
 * exist: refuse to start with an empty journal in its place.
 */
export function checkJournalPresent(file: string | null, settings: Settings, paths: AppPaths): void {
  if (!file || fs.existsSync(file)) return;
  const own = path.resolve(file);
  const copies = candidateFolders(settings, paths)
    .flatMap((f) => listBackups(f.path))
    .filter((b) => b.source === own);
  if (copies.length > 0) {
    throw new DatabaseOpenError(
      'missing',
      `Файл журнала не найден: ${file}. Программа не создаёт пустой журнал на его месте, ` +
        'потому что есть его резервные копии. Если файл на съёмном или сетевом диске — подключите диск и запустите ' +
        'программу снова',
    );
  }
}

/**
 * `OpenOptions.beforeMigrate`: copy the journal before its structure is updated. A new, empty database
 * needs no copy. If the chosen folder fails the default one is tried; if both fail the update is refused.
 */
export function backupBeforeMigration(settings: () => Settings, paths: AppPaths, now: () => Date) {
  return async (file: string | null, pending: string[]): Promise<void> => {
    if (!file || pending.includes(FIRST_MIGRATION) || !fs.existsSync(file)) return;
    const errors: string[] = [];
    for (const folder of candidateFolders(settings(), paths)) {
      try {
        await backupFile(file, folder, 'migration', now());
        return;
      } catch (error) {
        errors.push((error as Error).message);
      }
    }
    throw new DatabaseOpenError(
      'backup_failed',
      'Перед обновлением структуры базы данных не удалось сделать резервную копию, ' +
        `поэтому обновление не выполнено и журнал не изменён: ${errors.join('; ')}`,
    );
  };
}
