// The file-system side of "complete or absent": fsync of files and folders, the .partial → final
// rename that keeps an older complete archive until the new one is in place, leftovers cleaned on
// the next try, free space, and the errors of a full disk, a pulled stick or a read-only folder
// turned into Russian.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const PARTIAL_PREFIX = '.partial-';
export const OLD_PREFIX = '.old-';

/** A failure the user can act on: the message is shown as it is. */
export class MediaError extends Error {
  constructor(
    message: string,
    readonly code: 'no_space' | 'no_access' | 'gone' | 'io' | 'bad_target',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MediaError';
  }
}

/** Russian words for an error of writing to `target`. */
export function mediaError(error: unknown, target: string): MediaError {
  if (error instanceof MediaError) return error;
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  const detail = (error as Error)?.message ?? String(error);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return new MediaError(
        `Недостаточно места на носителе (${target}). Освободите место или выберите другой носитель — незавершённая ` +
          `копия удалена.`,
        'no_space',
        { cause: error },
      );
    case 'EACCES':
    case 'EPERM':
      return new MediaError(
        `Нет прав на запись в папку ${target}. Выберите другую папку или попросите администратора дать права.`,
        'no_access',
        { cause: error },
      );
    case 'EROFS':
      return new MediaError(
        `Носитель ${target} защищён от записи (только чтение). Снимите защиту или выберите другой носитель.`,
        'no_access',
        { cause: error },
      );
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
    case 'ENOTDIR':
    case 'ESTALE':
      return new MediaError(
        `Носитель или папка ${target} стали недоступны (флешку извлекли?). Вставьте носитель и повторите — ` +
          `незавершённая копия будет удалена.`,
        'gone',
        { cause: error },
      );
    case 'EIO':
      return new MediaError(
        `Ошибка ввода-вывода при записи на ${target}: носитель неисправен или был извлечён. Повторите на другом ` +
          `носителе.`,
        'io',
        { cause: error },
      );
    default:
      return new MediaError(`Не удалось записать архив в ${target}: ${detail}`, 'io', { cause: error });
  }
}

/** Flush a file's data to the device. */
export async function fsyncFile(file: string): Promise<void> {
  const fd = await fs.promises.open(file, 'r+');
  try {
    await fd.sync();
  } finally {
    await fd.close();
  }
}

/** Flush a folder's entries (new names, renames). Windows cannot open a folder for that; NTFS journals it. */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fd = await fs.promises.open(dir, 'r');
  try {
    await fd.sync();
  } finally {
    await fd.close();
  }
}

/** Write bytes to a new file and fsync it. */
export async function writeFileSynced(file: string, bytes: Uint8Array | string): Promise<void> {
  const fd = await fs.promises.open(file, 'wx');
  try {
    await fd.writeFile(bytes);
    await fd.sync();
  } finally {
    await fd.close();
  }
}

export async function freeBytes(dir: string): Promise<number | null> {
  try {
    const s = await fs.promises.statfs(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null; // some network or FUSE folders do not answer statfs: the write itself will tell
  }
}

/** Fails early, in Russian, when the target is not a folder we can write to. */
export async function checkTarget(dir: string): Promise<void> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(dir);
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? new MediaError(`Папка ${dir} не найдена. Вставьте носитель или выберите другую папку.`, 'gone', {
          cause: error,
        })
      : mediaError(error, dir);
  }
  if (!stat.isDirectory()) throw new MediaError(`${dir} — это файл, а не папка`, 'bad_target');
  try {
    await fs.promises.access(dir, fs.constants.W_OK);
  } catch (error) {
    throw mediaError(error, dir);
  }
}

/** `.partial-<name>-<random>` in the target folder. */
export function partialDir(target: string, name: string): string {
  return path.join(target, `${PARTIAL_PREFIX}${name}-${crypto.randomBytes(4).toString('hex')}`);
}

/**
 * Before a new try: remove leftovers of an interrupted one. A `.partial-` folder is never complete;
 * an `.old-` folder is the previous complete archive moved aside — put it back if the new one never
 * took its place, drop it if it did.
 */
export async function cleanLeftovers(target: string, name: string): Promise<{ removed: string[]; restored: boolean }> {
  const removed: string[] = [];
  let restored = false;
  const entries = await fs.promises.readdir(target).catch(() => [] as string[]);
  const final = path.join(target, name);
  for (const entry of entries) {
    const full = path.join(target, entry);
    if (entry.startsWith(`${PARTIAL_PREFIX}${name}-`)) {
      await fs.promises.rm(full, { recursive: true, force: true });
      removed.push(entry);
    } else if (entry.startsWith(`${OLD_PREFIX}${name}-`)) {
      if (!restored && !fs.existsSync(final)) {
        await fs.promises.rename(full, final);
        restored = true;
      } else {
        await fs.promises.rm(full, { recursive: true, force: true });
        removed.push(entry);
      }
    }
  }
  if (removed.length > 0 || restored) await fsyncDir(target).catch(() => undefined);
  return { removed, restored };
}

/**
 * Put the finished `.partial-` folder in place under its final name. An existing archive is moved
 * aside first and deleted only after the new one is in place: at every moment one complete
 * archive is under the final name or in `.old-`.
 */
export async function commitPartial(partial: string, target: string, name: string): Promise<void> {
  const final = path.join(target, name);
  let old: string | null = null;
  if (fs.existsSync(final)) {
    old = path.join(target, `${OLD_PREFIX}${name}-${crypto.randomBytes(4).toString('hex')}`);
    await fs.promises.rename(final, old);
  }
  try {
    await fs.promises.rename(partial, final);
  } catch (error) {
    if (old) await fs.promises.rename(old, final).catch(() => undefined);
    throw error;
  }
  await fsyncDir(target);
  if (old) await fs.promises.rm(old, { recursive: true, force: true });
}

/** Remove a failed `.partial-` folder; if the stick is gone this fails, and the next try cleans up. */
export async function discardPartial(partial: string): Promise<void> {
  await fs.promises.rm(partial, { recursive: true, force: true }).catch(() => undefined);
}
