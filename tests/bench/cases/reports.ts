// The half-year journal-keeping report on the benchmark college (DESIGN §8: under 5 s): the data, the
// data and its PDF, the data and its workbook — the same services `reports.start` and the CLI run.
import type { JournalDb } from '../../../db/connect.js';
import { reportData, reportFile } from '../../../electron/services/reports/documents.js';
import { resolveRange, yearJournals } from '../../../electron/services/reports/scope.js';
import { defaultSettings } from '../../../electron/services/settings.js';
import { BENCH_TODAY } from '../college.js';
import { timed, timeOnce, timeRuns, type BenchResult } from '../harness.js';

/** `scanMs`: the floor the figures are compared with (a full scan of marks on the same database). */
export async function reportCases(
  handle: JournalDb,
  scanMs: number,
  options: { prefix?: string; files?: boolean } = {},
): Promise<BenchResult[]> {
  const prefix = options.prefix ?? '';
  const files = options.files ?? true;
  const db = handle.db;
  const year = await db
    .selectFrom('academic_years')
    .select('id')
    .where('starts_on', '<=', BENCH_TODAY)
    .where('ends_on', '>=', BENCH_TODAY)
    .executeTakeFirstOrThrow();
  const period = await db
    .selectFrom('periods')
    .select('id')
    .where('year_id', '=', year.id)
    .where('seq', '=', 1)
    .executeTakeFirstOrThrow();
  const range = await resolveRange(db, BENCH_TODAY, year.id, period.id);
  const journals = await yearJournals(db, year.id);
  const request = { kind: 'keeping' as const, range, journals };
  const deps = { db, today: BENCH_TODAY, now: new Date(), settings: defaultSettings() };
  const note = `${journals.length} журналов, 1 семестр`;
  const out: BenchResult[] = [];
  if (files) {
    // The first run in a fresh process pays for parsing the fonts and warming the code: what a user
    // waits for on the first report after starting the program.
    const cold = await timeOnce(() => reportFile(deps, { ...request, format: 'pdf' }));
    out.push({
      name: `${prefix}keeping report (half-year): first PDF after start`,
      value: cold.ms,
      unit: 'ms',
      target: 5000,
      floor_ratio: cold.ms / scanMs,
      note: `${note}; one run by nature (fonts parsed, code warmed)`,
    });
  }
  await reportData(db, BENCH_TODAY, request);
  out.unshift(
    ...timed(
      `${prefix}keeping report (half-year): data`,
      await timeRuns(10, () => reportData(db, BENCH_TODAY, request)),
      { target: 5000, floorMs: scanMs, note },
    ),
  );
  if (files) {
    out.push(
      ...timed(
        `${prefix}keeping report (half-year): data + PDF`,
        await timeRuns(5, () => reportFile(deps, { ...request, format: 'pdf' })),
        { target: 5000, floorMs: scanMs, note },
      ),
    );
    out.push(
      ...timed(
        `${prefix}keeping report (half-year): data + xlsx`,
        await timeRuns(5, () => reportFile(deps, { ...request, format: 'xlsx' })),
        { target: 5000, floorMs: scanMs, note },
      ),
    );
  }
  return out;
}
