// `npm run bench`: the figures of DESIGN §8 on the generated 2,000-student college, each with its
// target and its ratio to the SQLite floor; writes tests/bench/results.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFlags, flagNumber } from '../../electron/args.js';
import { benchCollege } from './college.js';
import { measureFloor } from './cases/floor.js';
import { pdfPagesPerSecond, xlsxRowsPerSecond } from './cases/exports.js';
import { serviceCases } from './cases/services.js';
import { backupCases } from './cases/backups.js';
import { printTable, type BenchResult } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const { flags } = parseFlags(process.argv.slice(2));
  const students = flagNumber(flags, 'students') ?? 2000;
  const groups = flagNumber(flags, 'groups') ?? 80;
  const seed = flagNumber(flags, 'seed') ?? 11;
  const started = Date.now();
  const college = await benchCollege(seed, students, groups);
  console.log(`Колледж: ${college.counts.students} обучающихся, ${college.counts.journals} журналов, ` +
    `${college.counts.marks} отметок, ${college.counts.attendance} отметок посещаемости`);
  const floor = await measureFloor(college);
  const results: BenchResult[] = [
    { name: 'floor: SQLite online backup', value: floor.backupMs, unit: 'ms', target: null, floor_ratio: 1, note: `${floor.fileMb.toFixed(0)} MB file` },
    { name: 'floor: full scan of marks', value: floor.scanMs, unit: 'ms', target: null, floor_ratio: 1 },
  ];
  results.push(...await serviceCases(college, floor));
  results.push(...await backupCases(college, floor));
  results.push({ name: 'xlsx rows per second (streaming)', value: await xlsxRowsPerSecond(), unit: 'rows/s', target: null, floor_ratio: null });
  const pdf = await pdfPagesPerSecond();
  results.push({ name: 'PDF table pages per second', value: pdf.pagesPerSecond, unit: 'pages/s', target: null, floor_ratio: null, note: `${pdf.pages} pages` });
  printTable(results);
  fs.writeFileSync(path.join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`\ntests/bench/results.json записан; всего ${((Date.now() - started) / 1000).toFixed(0)} с`);
}

main().catch((error) => { console.error(error); process.exit(1); });
