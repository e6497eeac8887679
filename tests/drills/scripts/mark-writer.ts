// A drill process: logs in as a teacher and saves marks through the real services as fast as it can,
// printing «ACK k cell value version» after each save has committed (pipes are synchronous on Linux).
// Usage: node dist-electron/tests/mark-writer.cjs DB_URL CELLS_JSON LOGIN START STEP COUNT [contend]
import fs from 'node:fs';
import { openDatabase } from '../../../db/connect.js';
import { AppError } from '../../../electron/api/errors.js';
import { makeDeps, TestClient } from '../../support/harness.js';
import { valueAt, type DrillCell } from '../cells.js';

// A function, not top-level await: the drills start it from a CommonJS bundle (tests/support/bin.ts).
async function main(): Promise<void> {
  const [url, cellsFile, login, start, step, count, mode] = process.argv.slice(2);
  const cells = JSON.parse(fs.readFileSync(cellsFile!, 'utf8')) as DrillCell[];
  const handle = await openDatabase(url!, { skipCheck: true });
  const client = await new TestClient(makeDeps(handle, { today: process.env.DRILL_TODAY ?? '2026-11-25' })).login(
    login!,
  );
  const versions = cells.map((c) => c.version);
  process.stdout.write('READY\n');
  for (let i = 0, k = Number(start); i < Number(count); i++, k += Number(step)) {
    const index = mode === 'contend' ? 0 : k % cells.length;
    const cell = cells[index]!;
    try {
      const saved = await client.call('marks.set', {
        columnId: cell.columnId,
        studentId: cell.studentId,
        value: valueAt(k),
        version: versions[index]!,
        // The drill's cells are on lessons weeks old: each rewrite is a correction with a reason.
        correction: 'Проверка записи',
      });
      const version = saved.kind === 'mark' ? (saved.cell?.version ?? null) : null;
      versions[index] = version;
      process.stdout.write(`ACK ${k} ${index} ${valueAt(k)} ${version}\n`);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
      const fresh = (error.details as { fresh?: Array<{ cell: { version: number } | null }> } | undefined)?.fresh?.[0];
      versions[index] = fresh?.cell?.version ?? null;
      process.stdout.write(`CONFLICT ${k} ${error.message.replaceAll('\n', ' ')}\n`);
    }
  }
  await handle.close();
  process.stdout.write('DONE\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
