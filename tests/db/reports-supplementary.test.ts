// A supplementary-education centre (seed 000) keeps attendance, not marks: its deputy gets the keeping
// report, attendance and the teachers' hours (the basis of the time-sheet), its own reports by объединение
// (tests/db/reports-centre.test.ts), and no marks reports.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import type { ReportFiles } from '../../electron/api/contract.js';
import { readSheet } from '../../electron/export/xlsx.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { DEMO_TODAY } from '../support/fixtures.js';
import { makeDeps, refused, TestClient } from '../support/harness.js';

describeEachDb('reports of a supplementary-education centre', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let deputy: TestClient;

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await generateDemo(handle.db, { seed: 5, students: 60, groups: 5, kind: 'supplementary', today: DEMO_TODAY });
    deputy = await new TestClient(makeDeps(handle, { today: DEMO_TODAY })).login('deputy');
  });
  afterAll(async () => {
    await handle.close();
    await fresh.drop();
  });

  it('offers no marks reports, and the hours sheet adds up to the lessons conducted', async () => {
    const filters = await deputy.call('reports.filters', {});
    expect(filters.reports).toEqual([
      'completion',
      'keeping',
      'attendance',
      'hoursSheet',
      'substitutions',
      'unionAttendance',
      'personHours',
      'retention',
      'journalCopy',
      'pack',
      'boundJournal',
    ]);
    const sheet = await deputy.call('reports.hoursSheet', {});
    const year = await handle.db
      .selectFrom('lessons as l')
      .innerJoin('journals as j', 'j.id', 'l.journal_id')
      .select((eb) => eb.fn.sum<number>('l.hours').as('h'))
      .where('j.year_id', '=', filters.currentYearId!)
      .executeTakeFirstOrThrow();
    expect(sheet.total).toBe(Number(year.h));
    expect(sheet.rows.reduce((s, r) => s + r.total, 0)).toBe(Number(year.h));
    const keeping = await deputy.call('reports.keeping', { periodId: filters.currentPeriodId });
    expect(keeping.totals.lessons).toBeGreaterThan(0);
    expect(keeping.groups.every((g) => g.presence !== null && g.presence > 0.5 && g.presence <= 1)).toBe(true);
    await refused(
      deputy.call('reports.start', { report: 'journalCopy', recipient: 'по запросу', journalId: 999_999 }),
      'not_found',
    );
  });

  it('makes the pack without the marks sections', async () => {
    const job = await deputy.call('reports.start', { report: 'pack' });
    const done = await deputy.deps.jobs.wait(job.id);
    expect(done.state).toBe('done');
    const [, xlsx] = (done.result as ReportFiles).files;
    await expect(readSheet(Buffer.from(xlsx!.base64, 'base64'), 'Успеваемость групп')).rejects.toThrow('не найден');
    expect((await readSheet(Buffer.from(xlsx!.base64, 'base64'), 'Часы по месяцам')).rows.length).toBeGreaterThan(0);
  });
});
