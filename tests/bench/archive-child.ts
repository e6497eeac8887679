// Runs one year-end archive of the benchmark college in a process of its own and prints its figures
// as JSON: the peak memory is then the archive's (with its PDF workers), not what the benchmark's own
// generation and earlier cases left in the heap — as in the app, where the archive runs in a process
// that holds little else. Bundled like the app (build/bundle-node.mjs --tests → dist-electron/archive-bench.cjs).
import { openDatabase } from '../../db/connect.js';
import { writeArchivePackage } from '../../electron/services/archive/writer.js';
import { peakMemory, timeOnce } from './harness.js';

export interface ArchiveChildResult {
  ms: number;
  cpuMs: number;
  peakMb: number;
  baselineMb: number;
  path: string;
  bytes: number;
  fileCount: number;
  journals: number;
  stages: string;
}

async function main(file: string, target: string): Promise<void> {
  const handle = await openDatabase(`sqlite:${file}`);
  try {
    const year = await handle.db
      .selectFrom('academic_years')
      .select('id')
      .where('status', '=', 'closed')
      .orderBy('starts_on', 'desc')
      .executeTakeFirstOrThrow();
    const steps = new Map<string, number>();
    let last = { step: '', at: Date.now() };
    const baselineMb = process.memoryUsage().rss / 1024 / 1024;
    const cpuBefore = process.cpuUsage();
    const { peakMb, value: run } = await peakMemory(() =>
      timeOnce(() =>
        writeArchivePackage({
          source: handle,
          yearId: year.id,
          target: target!,
          keysDir: `${target}/.keys`,
          createdBy: { login: null, fullName: 'замер' },
          madeBy: { position: 'Секретарь', name: '' },
          certifier: { position: 'Директор', name: '' },
          appVersion: 'bench',
          formedAt: new Date(),
          progress: (step) => {
            const stage = step.split(':')[0]!.replace(/ группы .*/, ' групп');
            if (stage === last.step) return;
            steps.set(last.step, (steps.get(last.step) ?? 0) + Date.now() - last.at);
            last = { step: stage, at: Date.now() };
          },
        }),
      ),
    );
    steps.set(last.step, (steps.get(last.step) ?? 0) + Date.now() - last.at);
    // CPU of every thread of the process: what the archive costs whatever else the machine is doing.
    const cpu = process.cpuUsage(cpuBefore);
    const result: ArchiveChildResult = {
      ms: run.ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakMb,
      baselineMb,
      path: run.value.path,
      bytes: run.value.bytes,
      fileCount: run.value.fileCount,
      journals: run.value.manifest.counts.journals,
      stages: [...steps.entries()]
        .filter(([k, ms]) => k && ms >= 500)
        .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} с`)
        .join('; '),
    };
    console.log(JSON.stringify(result));
  } finally {
    await handle.close();
  }
}

const [file, target] = process.argv.slice(2);
main(file!, target!).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
