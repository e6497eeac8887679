// The year-end archive of the benchmark college's closed year (DESIGN §8: under 60 s on 2 cores,
// within 5× of a plain SQLite backup, memory under 500 MB), and verifying it again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../db/connect.js';
import { verifyArchive, writeArchivePackage } from '../../../electron/export/archive/index.js';
import type { College } from '../college.js';
import { peakMemory, timeOnce, type BenchResult } from '../harness.js';
import type { Floor } from './floor.js';

export async function archiveCases(college: College, floor: Floor): Promise<BenchResult[]> {
  const handle = await openDatabase(`sqlite:${college.file}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-bench-archive-'));
  try {
    const year = await handle.db.selectFrom('academic_years').select('id').where('status', '=', 'closed').orderBy('starts_on', 'desc').executeTakeFirstOrThrow();
    const steps = new Map<string, number>();
    let last = { step: '', at: Date.now() };
    const cpuBefore = process.cpuUsage();
    const { peakMb, value: run } = await peakMemory(() => timeOnce(() => writeArchivePackage({
      source: handle, yearId: year.id, target: dir, keysDir: path.join(dir, '.keys'),
      createdBy: { login: null, fullName: 'замер' }, madeBy: { position: 'Секретарь', name: '' }, certifier: { position: 'Директор', name: '' },
      appVersion: 'bench', formedAt: new Date(),
      progress: (step) => {
        const stage = step.split(':')[0]!.replace(/ группы .*/, ' групп');
        if (stage === last.step) return;
        steps.set(last.step, (steps.get(last.step) ?? 0) + Date.now() - last.at);
        last = { step: stage, at: Date.now() };
      },
    })));
    steps.set(last.step, (steps.get(last.step) ?? 0) + Date.now() - last.at);
    // CPU of every thread of the process: what the archive costs whatever else the machine is doing.
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const stages = [...steps.entries()].filter(([k, ms]) => k && ms >= 500).map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} с`).join('; ');
    const verify = await timeOnce(() => verifyArchive(run.value.path));
    if (!verify.value.ok) throw new Error(`Архив замера не прошёл проверку: ${verify.value.problems[0]?.message}`);
    const mb = run.value.bytes / 1024 / 1024;
    return [
      { name: 'archive: closed year package', value: run.ms, unit: 'ms', target: 60_000, floor_ratio: run.ms / floor.backupMs,
        note: `${run.value.manifest.counts.journals} журналов, ${run.value.fileCount} файлов, ${mb.toFixed(0)} MB; ${stages}` },
      { name: 'archive: CPU time, all threads', value: cpuMs, unit: 'ms', target: null, floor_ratio: cpuMs / floor.backupMs,
        note: `${(cpuMs / run.ms * 100).toFixed(0)} % of one core on average over the run` },
      { name: 'archive: peak memory (process, with workers)', value: peakMb, unit: 'MB', target: 500, floor_ratio: null },
      { name: 'archive: verify (every hash + signature)', value: verify.ms, unit: 'ms', target: null, floor_ratio: verify.ms / floor.backupMs },
    ];
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
