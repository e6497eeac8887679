// The student's and parent's page (DESIGN §8, §9): families over the Internet open it far more often
// than staff open anything. In-process, in the service layer, as a parent would: 200 random students
// of the current year, each with a parent account made for the bench, one page after another
// (concurrency 1) and 50 families at once. Runs on whichever database `handle` is.
import { performance } from 'node:perf_hooks';
import type { JournalDb } from '../../../db/connect.js';
import { mulberry32 } from '../../../db/demo/random.js';
import type { AuthedContext } from '../../../electron/services/context.js';
import { page as familyPage } from '../../../electron/services/journal/family.js';
import { loadSession } from '../../../electron/services/session.js';
import { MemorySessionHost, makeDeps } from '../../support/harness.js';
import { BENCH_TODAY } from '../college.js';
import { timed, timeRuns, type BenchResult, type Timing } from '../harness.js';

export const RANDOM_FAMILIES = 200;
const CONCURRENT = 50;
const CONCURRENT_PAGES = 1500;
const GUARDIAN = { full_name: 'Родитель для замеров', relation: 'мать', phone: null, email: null, address: null };

export async function familyCases(handle: JournalDb, prefix = ''): Promise<BenchResult[]> {
  const families = await parentsOf(handle, RANDOM_FAMILIES);
  const open = (i: number) => {
    const f = families[i % families.length]!;
    return familyPage(f.ctx, { studentId: f.studentId });
  };
  await timeRuns(40, (i) => open(i + 7));
  let bytes = 0;
  const single = await timeRuns(families.length * 2, async (i) => {
    bytes += JSON.stringify(await open(i)).length;
  });
  const one = 1000 / single.mean;
  const many = await concurrently(CONCURRENT, CONCURRENT_PAGES, open);
  const size = `${Math.round(bytes / single.runs / 1024)} KB of JSON per page on average`;
  return [
    ...timed(`${prefix}family.page (service)`, single,
      { note: `${families.length} random students, by a parent; ${size}` }),
    pagesPerSecond(`${prefix}family.page (service) pages/s`, one, 'one family after another'),
    ...timed(`${prefix}family.page ×${CONCURRENT} concurrent (service)`, many.timing,
      { note: `${CONCURRENT} families at once, ${CONCURRENT_PAGES} pages; latency of each page` }),
    pagesPerSecond(`${prefix}family.page ×${CONCURRENT} concurrent (service) pages/s`, many.perSecond,
      `${CONCURRENT_PAGES} pages in ${(many.wallMs / 1000).toFixed(1)} s`),
  ];
}

function pagesPerSecond(name: string, value: number, note: string): BenchResult {
  return { name, value, unit: 'pages/s', target: null, floor_ratio: null, note };
}

/** `workers` callers at once, `total` calls in all: each call's latency, and calls per second of wall time. */
async function concurrently(workers: number, total: number, fn: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: workers }, async () => {
    while (next < total) {
      const i = next++;
      const start = performance.now();
      await fn(i);
      times.push(performance.now() - start);
    }
  }));
  const wallMs = performance.now() - t0;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const timing: Timing = { p50: at(0.5), p95: at(0.95), mean, runs: times.length, min: times[0]! };
  return { timing, wallMs, perSecond: total / (wallMs / 1000) };
}

/**
 * `count` random students on a roster of the current year today (a fixed seed: the same ones every
 * run), each given a parent account linked as their guardian — the bench college's parents have none.
 */
export async function parentsOf(handle: JournalDb, count: number): Promise<Array<{ studentId: number; ctx: AuthedContext }>> {
  const db = handle.db;
  const deps = makeDeps(handle, { today: BENCH_TODAY });
  const rows = await db.selectFrom('enrolments as e').innerJoin('groups as g', 'g.id', 'e.group_id')
    .innerJoin('academic_years as y', 'y.id', 'g.year_id').select('e.student_id')
    .where('y.starts_on', '<=', BENCH_TODAY).where('y.ends_on', '>=', BENCH_TODAY)
    .where('e.from_date', '<=', BENCH_TODAY)
    .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', BENCH_TODAY)]))
    .orderBy('e.student_id').execute();
  const ids = [...new Set(rows.map((r) => r.student_id))];
  const random = mulberry32(20261207);
  for (let i = ids.length - 1; i > 0; i--) {
    const k = Math.floor(random() * (i + 1));
    [ids[i], ids[k]] = [ids[k]!, ids[i]!];
  }
  const sample = ids.slice(0, Math.min(count, ids.length));
  const now = new Date(`${BENCH_TODAY}T08:00:00Z`).toISOString();
  const userIds = await db.transaction().execute(async (trx) => {
    const made: number[] = [];
    for (const studentId of sample) {
      const login = `bench-parent-${studentId}`;
      const existing = await trx.selectFrom('users').select('id').where('login_key', '=', login).executeTakeFirst();
      const user = existing ?? await trx.insertInto('users').values({
        login, login_key: login, password_hash: 'bench', last_name: 'Родитель', first_name: 'Замер',
        middle_name: null, position: null, phone: null, email: null, active: 1, must_change_password: 0,
        created_at: now, updated_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      if (!existing) {
        await trx.insertInto('user_roles')
          .values({ user_id: user.id, role: 'parent', department_id: null, group_id: null }).execute();
        await trx.insertInto('guardians').values({ student_id: studentId, user_id: user.id, ...GUARDIAN }).execute();
      }
      made.push(user.id);
    }
    return made;
  });
  return Promise.all(sample.map(async (studentId, i) => ({
    studentId,
    ctx: { ...deps, session: (await loadSession(db, userIds[i]!, false))!, host: new MemorySessionHost() },
  })));
}
