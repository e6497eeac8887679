// The benchmark college (DESIGN §8): 2,000 students, 80 groups, ~600 journals, a full year — built
// once with the demo generator and cached by seed and size.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../../db/connect.js';
import { generateDemo, type DemoCounts } from '../../db/demo/index.js';
import { migrations } from '../../db/migrations/index.js';

export const BENCH_TODAY = '2026-11-25';
const here = path.dirname(fileURLToPath(import.meta.url));

export interface College {
  file: string;
  counts: DemoCounts;
  seed: number;
  students: number;
  groups: number;
}

/** The schema the cache was built with: a new migration builds a new college (and PostgreSQL dump). */
export function schemaTag(): string {
  return crypto.createHash('sha256').update(Object.keys(migrations).sort().join(',')).digest('hex').slice(0, 8);
}

export async function benchCollege(seed: number, students: number, groups: number): Promise<College> {
  const dir = path.join(here, 'cache');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `college-s${seed}-n${students}-g${groups}-${BENCH_TODAY}-${schemaTag()}.sqlite`);
  const countsFile = `${file}.counts.json`;
  if (fs.existsSync(file) && fs.existsSync(countsFile)) {
    return { file, counts: JSON.parse(fs.readFileSync(countsFile, 'utf8')) as DemoCounts, seed, students, groups };
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  console.log(`Строю колледж для замеров: ${students} студентов, ${groups} групп (один раз, затем из кэша)…`);
  const handle = await openDatabase(`sqlite:${file}`);
  const counts = await generateDemo(handle.db, { seed, students, groups, today: BENCH_TODAY });
  await handle.close();
  const raw = new SQLite(file);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.exec('ANALYZE');
  raw.close();
  fs.writeFileSync(countsFile, JSON.stringify(counts));
  return { file, counts, seed, students, groups };
}

/** A private copy of the cached college for benchmarks that write. */
export function workingCopy(college: College, name: string): string {
  const dir = path.join(here, 'cache', 'work');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.sqlite`);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(college.file, file);
  return file;
}
