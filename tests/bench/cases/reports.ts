// The half-year journal-keeping report on the benchmark college (DESIGN §8: under 5 s): the data, the
// data and its PDF, the data and its workbook — the same services `reports.start` and the CLI run.
import { openDatabase } from '../../../db/connect.js';
import { reportData, reportFile } from '../../../electron/services/reports/documents.js';
import { resolveRange, yearJournals } from '../../../electron/services/reports/scope.js';
import { defaultSettings } from '../../../electron/services/settings.js';
import { BENCH_TODAY, type College } from '../college.js';
import type { Floor } from './floor.js';
import { timeOnce, timeRuns, type BenchResult } from '../harness.js';

export async function reportCases(college: College, floor: Floor): Promise<BenchResult[]> {
  const handle = await openDatabase(`sqlite:${college.file}`);
  try {
    const db = handle.db;
    const year = await db.selectFrom('academic_years').select('id').where('starts_on', '<=', BENCH_TODAY).where('ends_on', '>=', BENCH_TODAY).executeTakeFirstOrThrow();
    const period = await db.selectFrom('periods').select('id').where('year_id', '=', year.id).where('seq', '=', 1).executeTakeFirstOrThrow();
    const range = await resolveRange(db, BENCH_TODAY, year.id, period.id);
    const journals = await yearJournals(db, year.id);
    const request = { kind: 'keeping' as const, range, journals };
    const deps = { db, today: BENCH_TODAY, now: new Date(), settings: defaultSettings() };
    // The first run in a fresh process pays for parsing the fonts and warming the code: what a user
    // waits for on the first report after starting the program.
    const cold = await timeOnce(() => reportFile(deps, { ...request, format: 'pdf' }));
    const data = await timeRuns(3, () => reportData(db, BENCH_TODAY, request));
    const pdf = await timeRuns(3, () => reportFile(deps, { ...request, format: 'pdf' }));
    const xlsx = await timeRuns(3, () => reportFile(deps, { ...request, format: 'xlsx' }));
    const note = `${journals.length} журналов, 1 семестр`;
    return [
      { name: 'keeping report (half-year): data', value: data.p50, unit: 'ms', target: 5000, floor_ratio: data.p50 / floor.scanMs, note },
      { name: 'keeping report (half-year): data + PDF', value: pdf.p50, unit: 'ms', target: 5000, floor_ratio: pdf.p50 / floor.scanMs, note },
      { name: 'keeping report (half-year): data + xlsx', value: xlsx.p50, unit: 'ms', target: 5000, floor_ratio: xlsx.p50 / floor.scanMs, note },
      { name: 'keeping report (half-year): first PDF after start', value: cold.ms, unit: 'ms', target: 5000, floor_ratio: cold.ms / floor.scanMs, note },
    ];
  } finally {
    await handle.close();
  }
}
