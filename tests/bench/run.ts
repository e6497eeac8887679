// `npm run bench`: the figures of DESIGN §8 on the generated 2,000-student college, each timed figure
// as p50 and p95 with its target and its ratio to the floor; the same service-layer figures on
// PostgreSQL when a server is available («pg: »); writes tests/bench/results.json.
// Flags: --students, --groups, --seed (the college), --no-pg (SQLite only), --only family|journal|archive|grid|mail
// (just those figures — the family page or the journal page and mark on both databases, the year archive, or
// the journal grid in Chromium — for iterating on them; results.json is left as it is).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type JournalDb } from '../../db/connect.js';
import { parseOptions, flagNumber } from '../../electron/args.js';
import { benchCollege, workingCopy, type College } from './college.js';
import { measureFloor } from './cases/floor.js';
import { pdfPagesPerSecond, xlsxRowsPerSecond } from './cases/exports.js';
import { familyCases } from './cases/family.js';
import { serviceCases } from './cases/services.js';
import { journalCases } from './cases/journal.js';
import { backupCases } from './cases/backups.js';
import { archiveCases } from './cases/archive.js';
import { gridCases } from './cases/grid.js';
import { mailCases } from './cases/mail.js';
import { onlinePostgres, onlineSqlite } from './cases/online.js';
import { printTable, timed, type BenchResult } from './harness.js';
import { pgCollege, pgFloor, pgFloorRows, pgUnavailable } from './pg.js';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const { flags } = parseOptions(
    process.argv.slice(2),
    { students: 'string', groups: 'string', seed: 'string', 'no-pg': 'boolean', only: 'string' },
    'замеров (npm run bench --)',
  );
  const students = flagNumber(flags, 'students') ?? 2000;
  const groups = flagNumber(flags, 'groups') ?? 80;
  const seed = flagNumber(flags, 'seed') ?? 11;
  const started = Date.now();
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`Нагрузка машины (loadavg 1/5/15 мин): ${load()}; ядер: ${os.cpus().length}`);
  // The grid needs no college: it builds its own small one.
  if (flags.only === 'grid') {
    printTable(await gridCases());
    return;
  }
  const college = await benchCollege(seed, students, groups);
  console.log(
    `Колледж: ${college.counts.students} обучающихся, ${college.counts.journals} журналов, ` +
      `${college.counts.marks} отметок, ${college.counts.attendance} отметок посещаемости`,
  );

  if (flags.only === 'family') {
    await familyOnly(college, flags['no-pg'] === undefined);
    return;
  }
  if (flags.only === 'mail') {
    await onBoth(college, flags['no-pg'] === undefined, (handle, prefix) => mailCases(handle, prefix));
    return;
  }
  if (flags.only === 'journal') {
    await journalOnly(college, flags['no-pg'] === undefined);
    return;
  }
  if (flags.only === 'archive') {
    const floor = await measureFloor(college);
    printTable(await archiveCases(college, floor));
    return;
  }
  const floor = await measureFloor(college);
  const results: BenchResult[] = [
    ...timed('floor: SQLite online backup', floor.backup, {
      floorMs: floor.backupMs,
      note: `${floor.fileMb.toFixed(0)} MB file`,
    }),
    ...timed('floor: full scan of marks', floor.scan, { floorMs: floor.scanMs }),
  ];
  // The archive runs in a process of its own (its peak memory is the archive's); first, while the
  // machine's caches hold the college file as the floor left them.
  results.push(...(await archiveCases(college, floor)));
  const servicesFile = workingCopy(college, 'services');
  const handle = await openDatabase(`sqlite:${servicesFile}`);
  try {
    results.push(...(await serviceCases(handle, floor.scanMs)));
    results.push(...(await onlineSqlite(servicesFile, handle)));
    results.push(...(await mailCases(handle)));
  } finally {
    await handle.close();
  }
  results.push(...(await backupCases(college, floor)));
  results.push(...(await xlsxRowsPerSecond()));
  results.push(...(await pdfPagesPerSecond()));
  results.push(...(await gridCases()));

  if (flags['no-pg'] !== undefined) {
    console.log('PostgreSQL: пропущено (--no-pg)');
  } else {
    results.push(...(await postgresCases(college)));
  }

  printTable(results);
  fs.writeFileSync(path.join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(
    `\ntests/bench/results.json записан; всего ${((Date.now() - started) / 1000).toFixed(0)} с; нагрузка теперь: ` +
      `${load()}`,
  );
}

/** The service-layer figures on PostgreSQL, or none with the reason printed. */
async function postgresCases(college: College): Promise<BenchResult[]> {
  const reason = pgUnavailable();
  if (reason) {
    console.log(`PostgreSQL: замеры пропущены — ${reason}`);
    return [];
  }
  console.log('PostgreSQL: загружаю тот же колледж…');
  const pgc = await pgCollege(college);
  try {
    console.log(`PostgreSQL: колледж загружен за ${(pgc.loaded.ms / 1000).toFixed(1)} с (${pgc.loaded.how})`);
    const floor = await pgFloor(college, pgc);
    return [
      ...pgFloorRows(floor, pgc),
      ...(await serviceCases(pgc.handle, floor.scan.p50, { prefix: 'pg: ', files: false })),
      ...(await onlinePostgres(pgc.url, pgc.handle)),
      ...(await mailCases(pgc.handle, 'pg: ')),
    ];
  } finally {
    await pgc.close();
  }
}

async function journalOnly(college: College, withPg: boolean): Promise<void> {
  await onBoth(college, withPg, (handle, prefix) => journalCases(handle, prefix));
}

async function familyOnly(college: College, withPg: boolean): Promise<void> {
  await onBoth(college, withPg, (handle, prefix) => familyCases(handle, prefix));
}

/** One group of figures on a working copy of the SQLite college and then on PostgreSQL (unless `withPg` is false). */
async function onBoth(
  college: College,
  withPg: boolean,
  cases: (handle: JournalDb, prefix: string) => Promise<BenchResult[]>,
): Promise<void> {
  const handle = await openDatabase(`sqlite:${workingCopy(college, 'only')}`);
  const results: BenchResult[] = [];
  try {
    results.push(...(await cases(handle, '')));
  } finally {
    await handle.close();
  }
  const reason = withPg ? pgUnavailable() : '--no-pg';
  if (reason) console.log(`PostgreSQL: пропущено — ${reason}`);
  else {
    const pgc = await pgCollege(college);
    try {
      // The first run makes the cached dump that later runs restore.
      if (pgc.loaded.how.startsWith('demo')) await pgFloor(college, pgc);
      results.push(...(await cases(pgc.handle, 'pg: ')));
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
