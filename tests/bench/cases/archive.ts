// The year-end archive of the benchmark college's closed year (DESIGN §8: under 60 s on 2 cores,
// within 5× of a plain SQLite backup, memory under 500 MB), and verifying it again.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyArchive } from '../../../electron/export/archive/index.js';
import type { ArchiveChildResult } from '../archive-child.js';
import { bundleForTests, ROOT } from '../../support/bin.js';
import type { College } from '../college.js';
import { timeOnce, type BenchResult } from '../harness.js';
import type { Floor } from './floor.js';

export async function archiveCases(college: College, floor: Floor): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-bench-archive-'));
  try {
    // A process of its own (see archive-child.ts), bundled as the app's main process is and starting the same
    // bundled workers: what a user's archive runs, not the sources compiled as they load.
    bundleForTests();
    const out = execFileSync(
      process.execPath,
      [path.join(ROOT, 'dist-electron', 'archive-bench.cjs'), college.file, dir],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const run = JSON.parse(out.trim().split('\n').pop()!) as ArchiveChildResult;
    const verify = await timeOnce(() => verifyArchive(run.path));
    if (!verify.value.ok) throw new Error(`Архив замера не прошёл проверку: ${verify.value.problems[0]?.message}`);
    const mb = run.bytes / 1024 / 1024;
    return [
      {
        name: 'archive: closed year package',
        value: run.ms,
        unit: 'ms',
        // Issue 17: the secretary should wait for the USB stick (6–17 s for this package), not for the program.
        target: 15_000,
        floor_ratio: run.ms / floor.backupMs,
        note: `${run.journals} журналов, ${run.fileCount} файлов, ${mb.toFixed(0)} MB; ${run.stages}`,
      },
      {
        name: 'archive: CPU time, all threads',
        value: run.cpuMs,
        unit: 'ms',
        target: null,
        floor_ratio: run.cpuMs / floor.backupMs,
        note: `${((run.cpuMs / run.ms) * 100).toFixed(0)} % of one core on average over the run`,
      },
      {
        name: 'archive: peak memory (process, with workers)',
        value: run.peakMb,
        unit: 'MB',
        target: 500,
        floor_ratio: null,
        note: `a process that only archives; ${run.baselineMb.toFixed(0)} MB before it started`,
      },
      {
        name: 'archive: verify (every hash + signature)',
        value: verify.ms,
        unit: 'ms',
        target: null,
        floor_ratio: verify.ms / floor.backupMs,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
