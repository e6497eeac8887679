// Putting a copy back. The copy is first staged beside the live file and checked there (so what is
// checked is exactly what goes live, and a bad copy never touches the journal); the current journal is
// itself copied to the backup folder, so the restore can be undone; then the staged file is renamed
// over the journal while no connection is open.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { AppError } from '../../api/errors.js';
import { audit } from '../audit.js';
import type { ServiceDeps, Session } from '../context.js';
import type { BackupInfo } from './catalog.js';
import { describeBackup } from './catalog.js';
import { backupFile, exclusive } from './create.js';
import { diskError, fsyncDir, fsyncFileAsync, removeQuietly } from './disk.js';
import { checkHeader, inspectFile, type JournalSummary } from './inspect.js';
import { backupFolder, isBackupFileName, type BackupFolder } from './naming.js';
import { fileStamp } from '../../domain/format-dates.js';

export const POSTGRES_ADVICE =
  'Журнал хранится на сервере PostgreSQL: резервные копии делает сервер. Настройте на нём ежедневный запуск ' +
  '`pg_dump --format=custom --file=journal-ГГГГ-ММ-ДД.dump <адрес базы>` (cron или Планировщик заданий Windows) ' +
  'и храните копии на другом диске; восстановление — `pg_restore --clean --dbname=<адрес базы> <файл>`. ' +
  'Команда `npm run cli -- backup --db <адрес базы> --out <папка>` делает такую копию, если pg_dump установлен.';

export interface RestoreResult {
  /** The copy that is now live. */
  restored: { name: string; createdAt: string | null; summary: JournalSummary };
  /** The journal as it was just before: restoring it undoes this restore. */
  undo: BackupInfo | null;
  /** A damaged journal is not copied but kept beside, under this name. */
  damagedKeptAs: string | null;
}

/**
 * Copy the backup beside the target, fsync it and check it in full. Throws a Russian AppError; the target is untouched.
 */
export async function stageCopy(backup: string, targetDir: string): Promise<string> {
  const header = checkHeader(backup, 'Файл резервной копии');
  if (header) throw new AppError('bad_request', `${header.message}. Восстановление отменено, журнал не изменён`);
  const stage = path.join(targetDir, `.restoring-${crypto.randomBytes(4).toString('hex')}-${path.basename(backup)}`);
  try {
    // Asynchronous: a journal of hundreds of megabytes must not stall the window while it is copied.
    await fs.promises.copyFile(backup, stage);
    await fsyncFileAsync(stage);
  } catch (error) {
    const failure = diskError(error, `папка журнала ${targetDir}`, targetDir);
    removeQuietly(stage);
    throw failure;
  }
  const inspection = await inspectFile(stage, { full: true, what: 'Резервная копия' });
  if (!inspection.ok) {
    removeQuietly(stage, `${stage}-journal`);
    throw new AppError('bad_request', `${inspection.problem!.message}. Восстановление отменено, журнал не изменён`);
  }
  return stage;
}

/** Rename the staged file over the target. Only while no connection to the target is open. */
export function installFile(stage: string, target: string): void {
  endStoredSessions(stage);
  // A WAL left beside the old file would be replayed into the new one: it must go (a clean close empties it).
  removeQuietly(`${target}-wal`, `${target}-shm`, `${target}-journal`);
  fs.renameSync(stage, target);
  fsyncDir(path.dirname(target));
}

/**
 * A restored journal logs every browser out: the copy's sessions were live when it was made, and the
 * restored database may have other users (the desktop windows are ended by the holder's listeners).
 */
function endStoredSessions(file: string): void {
  const raw = new SQLite(file, { fileMustExist: true });
  try {
    const has = raw.prepare("select 1 from sqlite_master where type = 'table' and name = 'web_sessions'").get();
    if (has) raw.prepare('delete from web_sessions').run();
  } finally {
    raw.close();
  }
}

async function summaryOf(stage: string): Promise<JournalSummary> {
  return (await inspectFile(stage, { full: false })).summary!;
}

/** Restore a copy into the live journal of a running program (the admin's «Восстановить»). */
export async function restoreLive(
  deps: ServiceDeps,
  name: string,
  who: Pick<Session, 'userId' | 'login'>,
): Promise<RestoreResult> {
  if (deps.dialect !== 'sqlite' || !deps.file) throw new AppError('bad_request', POSTGRES_ADVICE);
  if (!isBackupFileName(name)) throw new AppError('bad_request', `«${name}» — не имя резервной копии журнала`);
  const folder = backupFolder(deps.settings.get(), deps.paths);
  const source = path.join(folder.path, name);
  if (!fs.existsSync(source))
    throw new AppError('not_found', `Резервная копия «${name}» не найдена в папке ${folder.path}`);
  const live = deps.file;
  const holder = deps.database;
  return exclusive(async () => {
    const stage = await stageCopy(source, path.dirname(live));
    try {
      const summary = await summaryOf(stage);
      const undo = await backupFile(live, folder, 'restore', deps.clock.now());
      try {
        await holder.replace(async () => installFile(stage, live));
      } catch (error) {
        await putBack(undo.path, live, holder);
        throw new AppError(
          'internal',
          `Не удалось открыть восстановленную базу (${(error as Error).message}). ` +
            'Журнал возвращён в состояние до восстановления',
        );
      }
      await audit(holder.current.db, who, deps.clock.now(), {
        action: 'backups.restore',
        entity: 'database',
        entityId: name,
        after: { from: name, createdAt: describeBackup(source)?.createdAt ?? null, undo: undo.name },
      });
      return {
        restored: { name, createdAt: describeBackup(source)?.createdAt ?? null, summary },
        undo,
        damagedKeptAs: null,
      };
    } finally {
      removeQuietly(stage, `${stage}-journal`);
    }
  });
}

async function putBack(undo: string, live: string, holder: ServiceDeps['database']): Promise<void> {
  const stage = await stageCopy(undo, path.dirname(live));
  installFile(stage, live);
  await holder.reopen();
}

/**
 * Restore a copy over a journal file that no program has open (the command line, or the Electron
 * app at start when the journal is damaged). A healthy journal is copied to `undoFolder` first; a
 * damaged or unreadable one is kept beside as `<file>.damaged-<time>`, never deleted.
 */
export async function restoreFile(
  target: string,
  backup: string,
  undoFolder: BackupFolder,
  now: Date,
): Promise<RestoreResult> {
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const stage = await stageCopy(backup, dir);
  try {
    const summary = await summaryOf(stage);
    let undo: BackupInfo | null = null;
    let damagedKeptAs: string | null = null;
    if (fs.existsSync(target) && fs.statSync(target).size > 0) {
      const current = await inspectFile(target, { full: false, what: 'Журнал' });
      if (current.ok || current.problem?.kind === 'newer') {
        undo = await backupFile(target, undoFolder, 'restore', now);
      } else {
        damagedKeptAs = `${target}.damaged-${fileStamp(now)}`;
        for (const suffix of ['', '-wal']) {
          if (fs.existsSync(`${target}${suffix}`)) fs.renameSync(`${target}${suffix}`, `${damagedKeptAs}${suffix}`);
        }
      }
    }
    installFile(stage, target);
    return {
      restored: { name: path.basename(backup), createdAt: describeBackup(backup)?.createdAt ?? null, summary },
      undo,
      damagedKeptAs,
    };
  } finally {
    removeQuietly(stage, `${stage}-journal`);
  }
}

/**
 * Is another process (a running «Журнал») holding the file? The last connection to close removes the
 * WAL: open and close one ourselves, and if the WAL outlives it, someone else is connected.
 */
export function fileInUse(file: string): boolean {
  if (!fs.existsSync(`${file}-wal`)) return false;
  try {
    const raw = new SQLite(file, { fileMustExist: true });
    raw.prepare('select count(*) from sqlite_master').get();
    raw.close();
  } catch {
    return false; // unreadable or damaged: nobody can be working in it
  }
  return fs.existsSync(`${file}-wal`);
}
