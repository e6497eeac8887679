// The floor: what SQLite itself costs on the same file — a plain online backup and a full scan of marks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { timeRuns, type Timing } from '../harness.js';
import type { College } from '../college.js';

export interface Floor {
  /** p50 of the online backup and of the scan: what the other figures are divided by. */
  backupMs: number;
  scanMs: number;
  backup: Timing;
  scan: Timing;
  fileMb: number;
}

export async function measureFloor(college: College): Promise<Floor> {
  const raw = new SQLite(college.file, { readonly: true });
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-floor-')), 'backup.sqlite');
  const backup = await timeRuns(5, async () => {
    fs.rmSync(out, { force: true });
    await raw.backup(out);
  });
  const scan = await timeRuns(10, () => raw.prepare('select count(*) n, sum(length(value)) s from marks').get());
  raw.close();
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return { backupMs: backup.p50, scanMs: scan.p50, backup, scan, fileMb: fs.statSync(college.file).size / 1024 / 1024 };
}
