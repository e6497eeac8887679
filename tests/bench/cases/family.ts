// The student's and parent's page (DESIGN §8, §9): families over the Internet open it far more often
// than staff open anything. In-process, in the service layer, as a parent would: 200 random students
// of the current year, each with a parent account made for the bench, one page after another
// (concurrency 1) and 50 families at once. Runs on whichever database `handle` is.
import { performance } from 'node:perf_hooks';
import type { JournalDb } from '../../../db/connect.js';
import { page as familyPage } from '../../../electron/services/journal/family.js';
import { parentsOf, type Family } from '../families.js';
import { timed, timeRuns, timingOf, type BenchResult, type Timing } from '../harness.js';

const RANDOM_FAMILIES = 200;
const CONCURRENT = 50;
const CONCURRENT_PAGES = 1500;

export async function familyCases(handle: JournalDb, prefix = ''): Promise<BenchResult[]> {
  const families = await parentsOf(handle, RANDOM_FAMILIES);
  const open = (i: number) => {
    const f = families[i % families.length]!;
    return familyPage(f.ctx, { studentId: f.studentId });
  };
  // Every family once first: a server process that has served families for a while holds what their
  // groups share; what a change costs to read again is the «after a change» figure.
  await timeRuns(families.length, (i) => open(i));
  let bytes = 0;
  const single = await timeRuns(families.length * 2, async (i) => {
    bytes += JSON.stringify(await open(i)).length;
  });
  const one = 1000 / single.mean;
  const many = await concurrently(CONCURRENT, CONCURRENT_PAGES, open);
  const changed = await afterChange(handle, families);
  const size = `${Math.round(bytes / single.runs / 1024)} KB of JSON per page on average`;
  return [
    ...timed(`${prefix}family.page (service)`, single, {
      note: `${families.length} random students, by a parent; ${size}`,
    }),
    pagesPerSecond(`${prefix}family.page (service) pages/s`, one, 'one family after another'),
    ...timed(`${prefix}family.page ×${CONCURRENT} concurrent (service)`, many.timing, {
      note: `${CONCURRENT} families at once, ${CONCURRENT_PAGES} pages; latency of each page`,
    }),
    pagesPerSecond(
      `${prefix}family.page ×${CONCURRENT} concurrent (service) pages/s`,
      many.perSecond,
      `${CONCURRENT_PAGES} pages in ${(many.wallMs / 1000).toFixed(1)} s`,
    ),
    ...timed(`${prefix}family.page after a change (service)`, changed, {
      note: "a bell and a lesson of each of the group's journals changed just before: all read again",
    }),
  ];
}

/**
 * The page right after the catalogue and every journal of the family's groups changed (the writes are
 * not timed): what keeping them per process costs when it must read them again.
 */
async function afterChange(handle: JournalDb, families: Family[]): Promise<Timing> {
  const db = handle.db;
  const times: number[] = [];
  for (const f of families.slice(0, 30)) {
    await db
      .updateTable('bells')
      .set((eb) => ({ starts_at: eb.ref('starts_at') }))
      .where('lesson_no', '=', 1)
      .execute();
    const groups = db.selectFrom('enrolments').select('group_id').where('student_id', '=', f.studentId);
    const journals = db.selectFrom('journals').select('id').where('group_id', 'in', groups);
    const lessons = await db
      .selectFrom('lessons')
      .select((eb) => eb.fn.min('id').as('id'))
      .where('journal_id', 'in', journals)
      .groupBy('journal_id')
      .execute();
    await db
      .updateTable('lessons')
      .set((eb) => ({ topic: eb.ref('topic') }))
      .where(
        'id',
        'in',
        lessons.map((l) => l.id!),
      )
      .execute();
    const t0 = performance.now();
    await familyPage(f.ctx, { studentId: f.studentId });
    times.push(performance.now() - t0);
  }
  return timingOf(times);
}

function pagesPerSecond(name: string, value: number, note: string): BenchResult {
  return { name, value, unit: 'pages/s', target: null, floor_ratio: null, note };
}

/** `workers` callers at once, `total` calls in all: each call's latency, and calls per second of wall time. */
async function concurrently(workers: number, total: number, fn: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < total) {
        const i = next++;
        const start = performance.now();
        await fn(i);
        times.push(performance.now() - start);
      }
    }),
  );
  const wallMs = performance.now() - t0;
  return { timing: timingOf(times), wallMs, perSecond: total / (wallMs / 1000) };
}
