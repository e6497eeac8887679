// Taking a copy: online, checked, and written so that it is either complete or absent.
//   copy to `.partial-<name>` → switch the copy to a single file (no WAL) → integrity_check →
//   fsync → SHA-256 → description `<name>.json` → rename to `<name>` → fsync the folder.
// A crash, a full disk or a pulled stick at any step leaves at most a `.partial-` file, which is never
// listed and is swept later.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { AppError } from '../../api/errors.js';
import type { ServiceDeps } from '../context.js';
import { CancelledError } from '../../platform/jobs.js';
import type { AppPaths } from '../paths.js';
import type { Settings } from '../settings.js';
import { deleteBackup, listBackups, sidecarPath, sweepLeftovers, writeSidecar, type BackupInfo } from './catalog.js';
import { onlineCopy } from './copy.js';
import {
  diskError,
  ensureSpace,
  ensureWritableFolder,
  fsyncDir,
  fsyncFileAsync,
  removeQuietly,
  sha256File,
  writeFileAtomic,
} from './disk.js';
import { inspectFile } from './inspect.js';
import { backupFileName, backupFolder, PARTIAL_PREFIX, type BackupFolder, type BackupReason } from './naming.js';
import { KEEP_PER_REASON, planRotation, type RotationPolicy } from './rotation.js';

export type BackupProgress = (step: string, done: number, total: number) => void;

export interface BackupOptions {
  onProgress?: BackupProgress;
  signal?: AbortSignal;
  /** Thin the folder after the copy (default true). */
  rotate?: boolean;
}

const FOLDER = 'Папка резервных копий';

/** Copy a SQLite journal file into a backup folder (see the top of this file). */
export async function backupFile(
  source: string,
  folder: BackupFolder,
  reason: BackupReason,
  now: Date,
  options: Omit<BackupOptions, 'rotate'> = {},
): Promise<BackupInfo> {
  const progress = options.onProgress ?? (() => undefined);
  if (!fs.existsSync(source)) throw new AppError('not_found', `Файл базы данных не найден: ${source}`);
  ensureWritableFolder(folder.path, { create: folder.isDefault, what: FOLDER });
  const wal = `${source}-wal`;
  const sourceSize = fs.statSync(source).size + (fs.existsSync(wal) ? fs.statSync(wal).size : 0);
  ensureSpace(folder.path, Math.ceil(sourceSize * 1.05) + 1024 * 1024, 'в папке резервных копий');
  sweepLeftovers(folder.path, now);
  const name = uniqueName(folder.path, now, reason);
  const final = path.join(folder.path, name);
  const temp = path.join(folder.path, `${PARTIAL_PREFIX}${name}`);
  let sidecarWritten = false;
  try {
    await onlineCopy(source, temp, {
      signal: options.signal,
      onProgress: (done, total) => progress('Копирование базы данных', done, total),
    });
    throwIfCancelled(options.signal);
    progress('Проверка целостности копии', 0, 1);
    singleFile(temp);
    const inspection = await inspectFile(temp, { full: true, what: 'Копия' });
    if (!inspection.ok) {
      const damaged = inspection.problem!.kind === 'damaged';
      throw new AppError(
        damaged ? 'internal' : 'bad_request',
        damaged
          ? `Копия не прошла проверку целостности — вероятно, повреждён сам журнал (${inspection.problem!.message}). ` +
              'Предыдущие копии сохранены; обратитесь к администратору'
          : inspection.problem!.message,
      );
    }
    throwIfCancelled(options.signal);
    await fsyncFileAsync(temp);
    progress('Контрольная сумма', 0, 1);
    const sha256 = await sha256File(temp);
    const summary = inspection.summary!;
    const info: BackupInfo = {
      name,
      path: final,
      createdAt: now.toISOString(),
      reason,
      size: fs.statSync(temp).size,
      sha256,
      checkedAt: now.toISOString(),
      schema: summary.schema,
      institution: summary.institution,
      year: summary.year,
      counts: summary.counts,
      auditMax: summary.auditMax,
      source: path.resolve(source),
    };
    throwIfCancelled(options.signal);
    progress('Запись', 0, 1);
    writeSidecar(final, info);
    sidecarWritten = true;
    fs.renameSync(temp, final);
    fsyncDir(folder.path);
    progress('Готово', 1, 1);
    return info;
  } catch (error) {
    const failure =
      error instanceof CancelledError ? error : diskError(error, `${FOLDER.toLowerCase()} ${folder.path}`, folder.path);
    removeQuietly(temp, `${temp}-journal`, `${temp}-wal`, `${temp}-shm`);
    if (sidecarWritten && !fs.existsSync(final)) removeQuietly(sidecarPath(final));
    throw failure;
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** The backup API copies the source's WAL mode; a copy must be one self-contained file. */
function singleFile(file: string): void {
  const raw = new SQLite(file);
  try {
    raw.pragma('journal_mode = DELETE');
  } finally {
    raw.close();
  }
}

function uniqueName(folder: string, now: Date, reason: BackupReason): string {
  for (let seq = 1; ; seq++) {
    const name = backupFileName(now, reason, seq);
    if (!fs.existsSync(path.join(folder, name)) && !fs.existsSync(path.join(folder, `${PARTIAL_PREFIX}${name}`)))
      return name;
  }
}

export function rotationPolicy(settings: Settings): RotationPolicy {
  const b = settings.backup;
  return {
    keepDaily: b.keepDaily,
    keepWeekly: b.keepWeekly,
    keepMonthly: b.keepMonthly,
    keepPerReason: KEEP_PER_REASON,
  };
}

/** Delete the copies the rotation does not keep; returns their names. */
export function rotateFolder(folder: string, policy: RotationPolicy): string[] {
  const { remove } = planRotation(listBackups(folder), policy);
  for (const b of remove) deleteBackup(b.path);
  return remove.map((b) => b.name);
}

// One copy or restore at a time in this process: a restore must not swap the file under a running copy.
let queue: Promise<unknown> = Promise.resolve();
export function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

export interface BackupState {
  lastSuccess: { at: string; name: string; reason: BackupReason } | null;
  lastFailure: { at: string; reason: BackupReason; message: string } | null;
}

const stateFile = (paths: AppPaths) => path.join(paths.userData, 'backup-state.json');

export function readBackupState(paths: AppPaths): BackupState {
  try {
    return {
      lastSuccess: null,
      lastFailure: null,
      ...(JSON.parse(fs.readFileSync(stateFile(paths), 'utf8')) as Partial<BackupState>),
    };
  } catch {
    return { lastSuccess: null, lastFailure: null };
  }
}

function recordState(paths: AppPaths, patch: Partial<BackupState>): void {
  try {
    fs.mkdirSync(paths.userData, { recursive: true });
    writeFileAtomic(stateFile(paths), JSON.stringify({ ...readBackupState(paths), ...patch }, null, 2));
  } catch (error) {
    // The state only feeds the backup screen; the copy itself succeeded or failed on its own.
    console.warn('Не удалось записать состояние резервного копирования', error);
  }
}

type BackupDeps = Pick<ServiceDeps, 'dialect' | 'file' | 'settings' | 'paths' | 'clock'>;

/**
 * Take a copy of the live journal now, into the configured folder, then rotate. For the import, the
 * year closing and the archive: call it first and stop if it throws (AppError with a Russian message).
 * Returns null when there is no file to copy (PostgreSQL — its server's pg_dump does this — or memory).
 */
export async function backupNow(
  deps: BackupDeps,
  reason: BackupReason,
  options: BackupOptions = {},
): Promise<BackupInfo | null> {
  const file = deps.file;
  if (deps.dialect !== 'sqlite' || !file) return null;
  const settings = deps.settings.get();
  const folder = backupFolder(settings, deps.paths);
  return exclusive(async () => {
    const at = deps.clock.now();
    try {
      const info = await backupFile(file, folder, reason, at, options);
      if (options.rotate !== false) rotateFolder(folder.path, rotationPolicy(settings));
      recordState(deps.paths, { lastSuccess: { at: info.createdAt, name: info.name, reason } });
      return info;
    } catch (error) {
      if (!(error instanceof CancelledError)) {
        recordState(deps.paths, { lastFailure: { at: at.toISOString(), reason, message: (error as Error).message } });
      }
      throw error;
    }
  });
}

export { backupFolder };
