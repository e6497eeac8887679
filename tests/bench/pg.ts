// The benchmark college on PostgreSQL: a throwaway cluster (the tests' own code, started with the
// server's default durability) or the server in ZHURNAL_PG_URL, one database holding the same college
// as the SQLite file. Loading: from a cached pg_dump of an earlier run when there is one (pg_restore,
// two jobs), otherwise the demo generator writes it straight into PostgreSQL with the same seed and
// size — the same rows as the SQLite file, which the row counts confirm — and the floor's first
// pg_dump becomes the cache for the next run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import { findPgTool } from '../../electron/services/backups/pgdump.js';
import { withPg } from '../support/db-templates.js';
import { postgresUnavailableReason, startCluster, type Cluster } from '../support/postgres-cluster.js';
import { BENCH_TODAY, type College } from './college.js';
import { timed, timeOnce, timeRuns, type BenchResult, type Timing } from './harness.js';

export interface PgCollege {
  url: string;
  handle: JournalDb;
  /** How the college got there, and how long it took. */
  loaded: { ms: number; how: string };
  close(): Promise<void>;
}

export interface PgFloor {
  dump: Timing;
  scan: Timing;
  /** One durable single-row insert, committed on its own: a round trip and the server's flush of its log. */
  commit: Timing;
  dumpMb: number;
}

/** The reason PostgreSQL figures cannot be measured here, or null. */
export function pgUnavailable(): string | null {
  if (process.env.ZHURNAL_PG_URL) return null;
  const reason = postgresUnavailableReason();
  if (reason) return reason;
  if (!findPgTool('pg_dump')) return 'pg_dump not found: the PostgreSQL floor cannot be measured';
  return null;
}

export async function pgCollege(college: College): Promise<PgCollege> {
  let cluster: Cluster | null = null;
  let admin = process.env.ZHURNAL_PG_URL ?? '';
  if (!admin) {
    cluster = startCluster({ durable: true });
    admin = cluster.url;
  }
  const name = `zhurnal_bench_${process.pid}`;
  const url = admin.replace(/\/[^/]*$/, `/${name}`);
  const closeAll = async (handle?: JournalDb) => {
    await handle?.close();
    try {
      await withPg(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    } finally {
      cluster?.stop();
    }
  };
  try {
    await withPg(admin, (c) => c.query(`CREATE DATABASE ${name}`));
    const dump = dumpCacheOf(college);
    const restore = findPgTool('pg_restore');
    let how: string;
    const load = await timeOnce(async () => {
      if (fs.existsSync(dump) && restore) {
        await run(restore, ['--no-owner', '--no-privileges', '--jobs=2', `--dbname=${url}`, dump]);
        how = 'pg_restore of the cached dump';
      } else {
        const handle = await openDatabase(url);
        try {
          await generateDemo(handle.db, {
            seed: college.seed,
            students: college.students,
            groups: college.groups,
            today: BENCH_TODAY,
          });
        } finally {
          await handle.close();
        }
        how = 'demo generator, same seed and size';
      }
      await withPg(url, (c) => c.query('VACUUM ANALYZE'));
    });
    const handle = await openDatabase(url);
    try {
      await sameCollege(handle, college);
    } catch (error) {
      await closeAll(handle);
      throw error;
    }
    return { url, handle, loaded: { ms: load.ms, how: how! }, close: () => closeAll(handle) };
  } catch (error) {
    await closeAll().catch(() => undefined);
    throw error;
  }
}

/** The cached dump sits beside the SQLite file and shares its key (seed, size, day, schema). */
function dumpCacheOf(college: College): string {
  return college.file.replace(/\.sqlite$/, '.pgdump');
}

/** The copy holds what the SQLite file holds: the generator's counts, table by table. */
async function sameCollege(handle: JournalDb, college: College): Promise<void> {
  const db = handle.db;
  const count = async (table: 'students' | 'journals' | 'lessons' | 'marks' | 'attendance' | 'final_marks') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const expected = {
    students: college.counts.students,
    journals: college.counts.journals,
    lessons: college.counts.lessons,
    marks: college.counts.marks,
    attendance: college.counts.attendance,
    final_marks: college.counts.finalMarks,
  };
  for (const [table, n] of Object.entries(expected)) {
    const got = await count(table as keyof typeof expected);
    if (got !== n)
      throw new Error(`PostgreSQL copy of the college differs: ${table} has ${got} rows, the SQLite file ${n}`);
  }
}

/**
 * The floor on PostgreSQL: pg_dump of the database (custom format, as the program's backups make it), a full scan of
 * marks, and the least a durable write costs — one row inserted and committed, on a table of its own (a temporary table
 * would skip the log), with the bench cluster's fsync and synchronous commit.
 */
export async function pgFloor(college: College, pgc: PgCollege): Promise<PgFloor> {
  const pgDump = findPgTool('pg_dump')!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-pgfloor-'));
  const out = path.join(dir, 'college.pgdump');
  try {
    const dump = await timeRuns(3, async () => {
      fs.rmSync(out, { force: true });
      await run(pgDump, ['--format=custom', '--no-owner', '--no-privileges', `--file=${out}`, `--dbname=${pgc.url}`]);
    });
    const cache = dumpCacheOf(college);
    if (!fs.existsSync(cache)) {
      fs.copyFileSync(out, `${cache}.partial`);
      fs.renameSync(`${cache}.partial`, cache);
    }
    const dumpMb = fs.statSync(out).size / 1024 / 1024;
    const scan = await withPg(pgc.url, (c) =>
      timeRuns(10, () => c.query('select count(*) n, sum(length(value)) s from marks')),
    );
    const commit = await withPg(pgc.url, async (c) => {
      await c.query('CREATE TABLE bench_floor_commit (id serial PRIMARY KEY, value text NOT NULL)');
      try {
        await timeRuns(20, () => c.query("INSERT INTO bench_floor_commit (value) VALUES ('5')"));
        return await timeRuns(300, () => c.query("INSERT INTO bench_floor_commit (value) VALUES ('5')"));
      } finally {
        await c.query('DROP TABLE bench_floor_commit');
      }
    });
    return { dump, scan, commit, dumpMb };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function pgFloorRows(floor: PgFloor, pgc: PgCollege): BenchResult[] {
  return [
    ...timed('pg: floor: pg_dump (custom format)', floor.dump, {
      floorMs: floor.dump.p50,
      note: `${floor.dumpMb.toFixed(0)} MB dump`,
    }),
    ...timed('pg: floor: full scan of marks', floor.scan, { floorMs: floor.scan.p50 }),
    ...timed('pg: floor: one row inserted and committed', floor.commit, {
      floorMs: floor.commit.p50,
      note: 'a round trip and the log flushed; what a durable save cannot go below',
    }),
    {
      name: 'pg: loading the college',
      value: pgc.loaded.ms,
      unit: 'ms',
      target: null,
      floor_ratio: null,
      note: `${pgc.loaded.how}; not a product figure`,
    },
  ];
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)}: ${stderr.trim() || `exit ${code}`}`)),
    );
  });
}
