// Helpers for backup tests: a demo journal on a real SQLite file with its own user-data folder, small
// tmpfs mounts for full and read-only disks (root only), and ways to damage a file as disks do.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { openDatabase, type JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import type { ServiceDeps } from '../../electron/services/context.js';
import { SMALL_DEMO } from './fixtures.js';
import { makeDeps } from './harness.js';
import type { Clock } from '../../electron/services/clock.js';

export interface Journal {
  dir: string;
  file: string;
  deps: ServiceDeps;
  /** The live handle (it changes after a restore). */
  handle(): JournalDb;
  close(): Promise<void>;
}

/** A demo college (or just an empty journal) in a fresh folder, with services over it. */
export async function demoJournal(options: { demo?: boolean; clock?: Clock } = {}): Promise<Journal> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-bk-'));
  const file = path.join(dir, 'journal.sqlite');
  const handle = await openDatabase(`sqlite:${file}`);
  if (options.demo !== false) await generateDemo(handle.db, SMALL_DEMO);
  const deps = makeDeps(handle, { userData: path.join(dir, 'home'), clock: options.clock });
  return {
    dir,
    file,
    deps,
    handle: () => deps.database.current,
    close: async () => {
      await deps.database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const isRoot = () => process.getuid?.() === 0;

/** Mount a tmpfs of `size` (e.g. '2m') with options; returns the unmount. Root only. */
export function mountTmpfs(dir: string, size: string, readonly = false): () => void {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${readonly ? ',ro' : ''}`, 'tmpfs', dir]);
  return () => execFileSync('umount', ['-l', dir]);
}

/** Count rows straight from a file (read-only), bypassing the program's code. */
export function countIn(file: string, query: string): number {
  const raw = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return (raw.prepare(query).get() as { n: number }).n;
  } finally {
    raw.close();
  }
}

/** Overwrite pages in the middle of a file with garbage, as a failing disk does; the header stays. */
export function damageFile(file: string): void {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  try {
    const garbage = Buffer.alloc(4096 * 8, 0x5a);
    for (const at of [Math.floor(size * 0.3), Math.floor(size * 0.6)])
      fs.writeSync(fd, garbage, 0, garbage.length, at - (at % 4096));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Cut a file to a fraction of its length, as a copy interrupted by a full disk. */
export function truncateFile(file: string, fraction = 0.5): void {
  fs.truncateSync(file, Math.floor(fs.statSync(file).size * fraction));
}
