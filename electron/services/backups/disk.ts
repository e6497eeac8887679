// The file-system side of backups: durable writes (temp name → fsync → rename → fsync the folder),
// free space, and a Russian sentence for every way a disk or a network share can fail.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../api/errors.js';
import { formatBytes } from '../../domain/format-numbers.js';

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export async function fsyncFileAsync(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Make a rename durable. Windows cannot open a folder for fsync; NTFS journals the rename itself. */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Write a small file so that it is either complete or absent. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const temp = path.join(path.dirname(file), `.tmp-${crypto.randomBytes(4).toString('hex')}-${path.basename(file)}`);
  try {
    fs.writeFileSync(temp, data);
    fsyncFile(temp);
    fs.renameSync(temp, file);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
  fsyncDir(path.dirname(file));
}

export function removeQuietly(...files: string[]): void {
  for (const file of files) fs.rmSync(file, { force: true });
}

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Bytes free for this user in the folder's file system, or null when the system can't tell. */
export function freeBytes(dir: string): number | null {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/** A folder we are about to write copies into: it exists (or is the default and is made), and takes a file. */
export function ensureWritableFolder(dir: string, options: { create: boolean; what: string }): void {
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw diskError(error, `${options.what} ${dir}`);
  }
  if (!stat) {
    if (!options.create) {
      throw new AppError(
        'unavailable',
        `${options.what} «${dir}» не найдена. Если это сетевой или съёмный диск — подключите его; ` +
          'иначе выберите другую папку в настройках',
      );
    }
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw diskError(error, `${options.what} ${dir}`);
    }
  } else if (!stat.isDirectory()) {
    throw new AppError('unavailable', `«${dir}» — это файл, а не папка. Выберите папку для резервных копий`);
  }
  const probe = path.join(dir, `.probe-${crypto.randomBytes(4).toString('hex')}`);
  try {
    fs.writeFileSync(probe, 'zhurnal');
  } catch (error) {
    throw diskError(error, `${options.what} ${dir}`);
  } finally {
    removeQuietly(probe);
  }
}

/** Refuse early when the copy clearly won't fit (the margin covers the copy's journal while it is checked). */
export function ensureSpace(dir: string, needed: number, what: string): void {
  const free = freeBytes(dir);
  if (free !== null && free < needed) {
    throw new AppError(
      'unavailable',
      `Недостаточно места: ${what} «${dir}» — свободно ${formatBytes(free)}, ` +
        `а нужно около ${formatBytes(needed)}. Освободите место или выберите другую папку`,
    );
  }
}

const IS_FULL = /ENOSPC|SQLITE_FULL|disk is full|EDQUOT/i;

export function isDiskFull(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return IS_FULL.test(`${e?.code ?? ''} ${e?.message ?? ''}`);
}

/** Below this much free space an unexplained I/O error is taken for a full disk. */
const NEARLY_FULL = 1024 * 1024;

/**
 * A file-system failure as one clear Russian sentence (AppError 'unavailable').
 * SQLite reports some writes on a full disk as a plain «disk I/O error»; when `dir` is given and has
 * next to no free space left, that is called what it is. Call it before removing partial files.
 */
export function diskError(error: unknown, where: string, dir?: string): AppError {
  if (error instanceof AppError) return error;
  const e = error as NodeJS.ErrnoException;
  const code = e?.code ?? '';
  const text = `${code} ${e?.message ?? ''}`;
  const ioError = /SQLITE_IOERR|disk I\/O error|EIO/i.test(text);
  const nearlyFull = ioError && dir !== undefined && (freeBytes(dir) ?? Infinity) < NEARLY_FULL;
  if (isDiskFull(error) || nearlyFull)
    return new AppError(
      'unavailable',
      `Недостаточно места на диске: ${where}. Освободите место или выберите другую папку`,
    );
  if (/EROFS/.test(text))
    return new AppError('unavailable', `Диск доступен только для чтения: ${where}. Выберите другую папку`);
  if (/EACCES|EPERM|SQLITE_READONLY|readonly/i.test(text))
    return new AppError('unavailable', `Нет прав на запись: ${where}. Выберите другую папку или дайте права на запись`);
  if (/ENOENT/.test(text)) return new AppError('unavailable', `Папка или файл не найдены: ${where}`);
  if (/EIO|SQLITE_IOERR|EHOSTDOWN|ENOTCONN|ETIMEDOUT|ESTALE|EBUSY|ENXIO/.test(text)) {
    return new AppError(
      'unavailable',
      `Диск или сетевая папка недоступны (${code || 'ошибка ввода-вывода'}): ${where}. Проверьте подключение`,
    );
  }
  return new AppError('unavailable', `Ошибка записи: ${where}: ${e?.message ?? String(error)}`);
}
