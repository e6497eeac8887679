// The archive schedule with a fake clock: nothing before the date, a reminder for the secretary on
// it, and in automatic mode the store copy made by itself and the stick copy made when the chosen
// folder appears. A year the administrator has not closed is reminded, never archived.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import { manualClock } from '../../electron/services/clock.js';
import type { ServiceDeps } from '../../electron/services/context.js';
import { archiveScheduledTask, runArchiveSchedule } from '../../electron/services/archive/schedule.js';
import { Scheduler } from '../../electron/scheduler.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { loadFixtures, SMALL_DEMO, type Fixtures } from '../support/fixtures.js';
import { makeDeps, TestClient } from '../support/harness.js';

describeEachDb('archive schedule', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let deps: ServiceDeps;
  let fx: Fixtures;
  let home: string;
  let stick: string;
  const clock = manualClock(new Date(2026, 8, 1, 9, 0));

  const waitFor = async (jobId: string) => {
    const job = await deps.jobs.wait(jobId);
    expect(job.error).toBeNull();
    expect(job.state).toBe('done');
  };
  const rows = () =>
    handle.db
      .selectFrom('archives')
      .select(['target', 'path', 'created_by'])
      .where('year_id', '=', fx.previousYearId)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await generateDemo(handle.db, SMALL_DEMO);
    fx = await loadFixtures(handle.db);
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-home-'));
    stick = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-media-')), 'ARCHIVE_USB');
    deps = makeDeps(handle, { clock, userData: home });
    deps.settings.update({ archive: { dueDate: '09-05', mode: 'remind', targetFolder: '' } });
  });
  afterAll(async () => {
    await handle?.close();
    await fresh?.drop();
    for (const dir of [home, path.dirname(stick ?? '')]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is due at the first check after start, then hourly, and not at all when switched off', async () => {
    const task = archiveScheduledTask(deps);
    const settings = deps.settings.get();
    const t0 = clock.now();
    expect(task.due(t0, settings)).toBe(true);
    await task.run(t0);
    expect(task.due(new Date(t0.getTime() + 59 * 60 * 1000), settings)).toBe(false);
    expect(task.due(new Date(t0.getTime() + 60 * 60 * 1000), settings)).toBe(true);
    expect(task.due(t0, { ...settings, archive: { ...settings.archive, mode: 'off' } })).toBe(false);
  });

  it('does nothing before the date after the year’s end', async () => {
    const outcome = await runArchiveSchedule(deps);
    expect(outcome.action).toEqual({ remind: [], archive: null });
    const secretary = await new TestClient(deps).login('secretary');
    expect((await secretary.call('home.summary', {})).archiveDue).toEqual([]);
    expect(deps.settings.get().archive.lastReminderAt).toBe('');
  });

  it('reminds the secretary on the date, and does not archive in reminder mode', async () => {
    clock.set(new Date(2026, 8, 5, 8, 0));
    const outcome = await runArchiveSchedule(deps);
    expect(outcome.action.remind).toEqual([
      { yearId: fx.previousYearId, title: '2025/2026', dueOn: '2026-09-05', state: 'due' },
    ]);
    expect(outcome.jobId).toBeNull();
    expect(deps.settings.get().archive.lastReminderAt).toBe(clock.now().toISOString());
    const secretary = await new TestClient(deps).login('secretary');
    expect((await secretary.call('home.summary', {})).archiveDue).toEqual([
      { yearTitle: '2025/2026', dueOn: '2026-09-05', waitingClose: false },
    ]);
    // Only the secretary is reminded; the deputy sees the state in the table.
    const deputy = await new TestClient(deps).login('deputy');
    const summary = await deputy.call('home.summary', {});
    expect(summary.archiveDue).toEqual([]);
    expect(summary.archives.find((a) => a.yearTitle === '2025/2026')!.state).toBe('due');
    expect(await rows()).toEqual([]);
  });

  it('in automatic mode archives to the store by itself while the stick is absent', async () => {
    deps.settings.update({ archive: { mode: 'auto', targetFolder: stick } });
    clock.advance(60 * 60 * 1000);
    const outcome = await runArchiveSchedule(deps);
    expect(outcome.action.archive).toEqual({
      yearId: fx.previousYearId,
      title: '2025/2026',
      toStore: true,
      copyTo: null,
    });
    await waitFor(outcome.jobId!);
    expect(await rows()).toEqual([expect.objectContaining({ target: 'store', created_by: null })]);
    // An hour later, still no stick: nothing to do, the reminder stays (no transfer yet).
    clock.advance(60 * 60 * 1000);
    const later = await runArchiveSchedule(deps);
    expect(later.jobId).toBeNull();
    expect(later.action.remind).toHaveLength(1);
  });

  it('copies to the chosen folder at the first check after the stick is inserted, then stops reminding', async () => {
    fs.mkdirSync(stick);
    clock.advance(60 * 60 * 1000);
    const outcome = await runArchiveSchedule(deps);
    expect(outcome.action.archive).toEqual({
      yearId: fx.previousYearId,
      title: '2025/2026',
      toStore: false,
      copyTo: stick,
    });
    await waitFor(outcome.jobId!);
    expect((await rows()).map((r) => r.target)).toEqual(['store', 'folder']);
    expect(fs.readdirSync(stick)).toEqual(['Журнал_2025-2026_ГБПОУ_ЮЭТ']);
    clock.advance(60 * 60 * 1000);
    const after = await runArchiveSchedule(deps);
    expect(after.action).toEqual({ remind: [], archive: null });
  });

  it('reminds about a year that ended but is still open, and never archives it', async () => {
    clock.set(new Date(2027, 8, 10, 9, 0));
    const outcome = await runArchiveSchedule(deps);
    expect(outcome.action.remind).toEqual([
      { yearId: fx.currentYearId, title: '2026/2027', dueOn: '2027-09-05', state: 'waiting_close' },
    ]);
    expect(outcome.action.archive).toBeNull();
    const secretary = await new TestClient(deps).login('secretary');
    expect((await secretary.call('home.summary', {})).archiveDue).toEqual([
      { yearTitle: '2026/2027', dueOn: '2027-09-05', waitingClose: true },
    ]);
  });

  it(
    "runs under the program's scheduler: checked at start, the reminder recorded, not again within the " + 'hour',
    async () => {
      deps.settings.update({ archive: { mode: 'remind', lastReminderAt: '' } });
      const errors: unknown[] = [];
      const scheduler = new Scheduler({
        clock,
        settings: deps.settings,
        timers: { setInterval: () => 0, clearInterval: () => undefined },
        log: { error: (_m, e) => errors.push(e) },
      });
      scheduler.register(archiveScheduledTask(deps));
      await scheduler.check();
      const first = clock.now().toISOString();
      expect(deps.settings.get().archive.lastReminderAt).toBe(first);
      clock.advance(30 * 60 * 1000);
      await scheduler.check();
      expect(deps.settings.get().archive.lastReminderAt).toBe(first);
      clock.advance(30 * 60 * 1000);
      await scheduler.check();
      expect(deps.settings.get().archive.lastReminderAt).toBe(clock.now().toISOString());
      expect(scheduler.statuses()).toEqual([expect.objectContaining({ name: 'archive.yearEnd', lastError: null })]);
      expect(errors).toEqual([]);
    },
  );

  it('is silent when switched off', async () => {
    deps.settings.update({ archive: { mode: 'off' } });
    expect((await runArchiveSchedule(deps)).action).toEqual({ remind: [], archive: null });
    const secretary = await new TestClient(deps).login('secretary');
    expect((await secretary.call('home.summary', {})).archiveDue).toEqual([]);
  });
});
