// `npx tsx tests/bench/online.ts`: only the online load figures of `npm run bench` (the family page
// through serve, and through nginx + TLS + two serve processes on PostgreSQL), for working on them.
import { openDatabase } from '../../db/connect.js';
import { benchCollege, workingCopy } from './college.js';
import { onlinePostgres, onlineSqlite } from './cases/online.js';
import { printTable, type BenchResult } from './harness.js';
import { pgCollege, pgUnavailable } from './pg.js';

async function main(): Promise<void> {
  const college = await benchCollege(11, 2000, 80);
  const results: BenchResult[] = [];
  const file = workingCopy(college, 'online');
  const handle = await openDatabase(`sqlite:${file}`);
  try {
    if (!process.argv.includes('--no-sqlite')) results.push(...(await onlineSqlite(file, handle)));
  } finally {
    await handle.close();
  }
  if (!pgUnavailable() && !process.argv.includes('--no-pg')) {
    const pgc = await pgCollege(college);
    try {
      results.push(...(await onlinePostgres(pgc.url, pgc.handle)));
    } finally {
      await pgc.close();
    }
  }
  printTable(results);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
