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
import { timed, timeRuns, type BenchResult } from '../harness.js';
import type { Floor } from './floor.js';

export async function backupCases(college: College, floor: Floor): Promise<BenchResult[]> {
  const file = workingCopy(college, 'backups');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-bench-backups-'));
  try {
    const open = await timeRuns(5, async () => (await openDatabase(`sqlite:${file}`)).close());
    const withoutCheck = await timeRuns(5, async () =>
      (await openDatabase(`sqlite:${file}`, { skipCheck: true })).close(),
    );
    // How long the event loop (the window, in the app) is held at most while a copy is taken.
    let stall = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      stall = Math.max(stall, now - last);
      last = now;
    }, 10);
    let copyPath = '';
    const copy = await timeRuns(3, async () => {
      copyPath = (await backupFile(file, { path: folder, isDefault: false }, 'manual', new Date())).path;
    });
    clearInterval(ticker);
    const check = await timeRuns(3, () => inspectFile(copyPath, { full: true }));
    const restore = await timeRuns(3, () =>
      restoreFile(file, copyPath, { path: folder, isDefault: false }, new Date()),
    );
    const floorMs = floor.backupMs;
    return [
      ...timed('open with quick_check', open, { note: `${Math.round(withoutCheck.p50)} ms without the check` }),
      ...timed('backup: checked copy (copy, integrity_check, SHA-256)', copy, { floorMs }),
      {
        name: 'backup: longest event-loop stall during the copies',
        value: stall,
        unit: 'ms',
        target: null,
        floor_ratio: null,
        note: 'the window stays responsive (the worst of 3 copies)',
      },
      ...timed('backup: full check of a copy before restore', check, { floorMs }),
      ...timed('restore over a closed journal (with the undo copy)', restore, { floorMs }),
    ];
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
}
