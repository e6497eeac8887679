// Backups on the benchmark college: the check at open, a checked copy (copy + integrity_check +
// SHA-256, written atomically) against the floor of a plain online backup, the full check of a copy
// before a restore, and a restore over a closed journal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../../db/connect.js';
import { backupFile, inspectFile, restoreFile } from '../../../electron/services/backups/index.js';
import { workingCopy, type College } from '../college.js';
import { timeOnce, type BenchResult } from '../harness.js';
import type { Floor } from './floor.js';

export async function backupCases(college: College, floor: Floor): Promise<BenchResult[]> {
  const file = workingCopy(college, 'backups');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-bench-backups-'));
  try {
    const open = await timeOnce(async () => (await openDatabase(`sqlite:${file}`)).close());
    const withoutCheck = await timeOnce(async () => (await openDatabase(`sqlite:${file}`, { skipCheck: true })).close());
    // How long the event loop (the window, in the app) is held at most while a copy is taken.
    let stall = 0;
    let last = performance.now();
    const ticker = setInterval(() => { const now = performance.now(); stall = Math.max(stall, now - last); last = now; }, 10);
    const copy = await timeOnce(() => backupFile(file, { path: folder, isDefault: false }, 'manual', new Date()));
    clearInterval(ticker);
    const check = await timeOnce(() => inspectFile(copy.value.path, { full: true }));
    const restore = await timeOnce(() => restoreFile(file, copy.value.path, { path: folder, isDefault: false }, new Date()));
    const ratio = (ms: number) => Math.round((ms / floor.backupMs) * 10) / 10;
    return [
      { name: 'open with quick_check', value: open.ms, unit: 'ms', target: null, floor_ratio: null, note: `${Math.round(withoutCheck.ms)} ms without the check` },
      { name: 'backup: checked copy (copy, integrity_check, SHA-256)', value: copy.ms, unit: 'ms', target: null, floor_ratio: ratio(copy.ms) },
      { name: 'backup: longest event-loop stall during the copy', value: stall, unit: 'ms', target: null, floor_ratio: null, note: 'the window stays responsive' },
      { name: 'backup: full check of a copy before restore', value: check.ms, unit: 'ms', target: null, floor_ratio: ratio(check.ms) },
      { name: 'restore over a closed journal (with the undo copy)', value: restore.ms, unit: 'ms', target: null, floor_ratio: ratio(restore.ms) },
    ];
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
}
