// archive.drives, archive.folders: where a copy can go — the removable drives, or any folder the
// secretary browses to (the program runs on this computer, so its folders are what the secretary sees;
// in a browser there is no native folder picker, and this works the same in both hosts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Drive, FolderListing, Parsed } from '../../api/contract.js';
import { AppError } from '../../api/errors.js';
import { freeBytes } from '../../export/archive/fsutil.js';
import type { AuthedContext } from '../context.js';
import { listDrives } from './drives.js';

export async function drives(_ctx: AuthedContext): Promise<Drive[]> {
  return listDrives();
}

const MAX_FOLDERS = 500;

export async function folders(_ctx: AuthedContext, input: Parsed<'archive.folders'>): Promise<FolderListing> {
  const found = await listDrives().catch(() => [] as Drive[]);
  const places = [
    { label: 'Домашняя папка', path: os.homedir() },
    ...found.map((d) => ({ label: `${d.label} (съёмный носитель)`, path: d.path })),
    ...(process.platform === 'win32' ? [] : [{ label: 'Корень диска', path: '/' }]),
  ];
  const dir = path.resolve(input.path ?? os.homedir());
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('not_found', `Папка ${dir} не найдена`);
    if (code === 'EACCES' || code === 'EPERM') throw new AppError('forbidden', `Нет доступа к папке ${dir}`);
    throw new AppError('unavailable', `Папка ${dir} недоступна: ${(error as Error).message}`);
  }
  const list = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('$'))
    .map((e) => ({ name: e.name, path: path.join(dir, e.name) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
    .slice(0, MAX_FOLDERS);
  const writable = await fs.promises.access(dir, fs.constants.W_OK).then(
    () => true,
    () => false,
  );
  const parent = path.dirname(dir);
  return {
    path: dir,
    parent: parent === dir ? null : parent,
    folders: list,
    freeBytes: await freeBytes(dir),
    writable,
    places,
  };
}
