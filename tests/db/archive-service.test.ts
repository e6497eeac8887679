// The archive through the services, as the secretary's and deputy's screens call them: archive the
// closed year into the store and onto a "stick", follow the job, see the transfer verified on the
// deputy's overview and on the home page, open the archived year read-only, verify a spoiled copy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import type { JobInfo, VerifyReport } from '../../electron/api/contract.js';
import type { ServiceDeps } from '../../electron/services/context.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { DEMO_TODAY, loadFixtures, SMALL_DEMO, type Fixtures } from '../support/fixtures.js';
import { clientAs, makeDeps, refused, type TestClient } from '../support/harness.js';

async function finished(client: TestClient, job: JobInfo): Promise<JobInfo> {
  for (;;) {
    const status = await client.call('jobs.status', { id: job.id });
    if (status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describeEachDb('archive services', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let deps: ServiceDeps;
  let fx: Fixtures;
  let secretary: TestClient;
  let deputy: TestClient;
  let stick: string;
  let home: string;

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await generateDemo(handle.db, SMALL_DEMO);
    fx = await loadFixtures(handle.db);
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-home-'));
    deps = makeDeps(handle, { today: DEMO_TODAY, userData: home });
    secretary = await clientAs(deps, 'secretary');
    deputy = await clientAs(deps, 'deputy');
    stick = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-stick-'));
  });
  afterAll(async () => {
    await handle?.close();
    await fresh?.drop();
    for (const dir of [home, stick]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the open year with a clear message, writing nothing', async () => {
    const before = await handle.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const error = await refused(
      secretary.call('archive.start', { yearId: fx.currentYearId, destination: null }),
      'bad_request',
    );
    expect(error.message).toMatch(/ещё не закрыт/);
    const missing = await refused(
      secretary.call('archive.start', { yearId: fx.previousYearId, destination: path.join(stick, 'нет-такой') }),
      'not_found',
    );
    expect(missing.message).toMatch(/не найдена/);
    const after = await handle.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await handle.db.selectFrom('archives').selectAll().execute()).toEqual([]);
  });

  it('shows the closed year as due for the secretary before it is archived', async () => {
    const overview = await secretary.call('archive.overview', {});
    const previous = overview.years.find((y) => y.yearId === fx.previousYearId)!;
    expect(previous).toMatchObject({
      title: '2025/2026',
      status: 'closed',
      state: 'due',
      store: null,
      transfers: [],
      dueOn: '2026-09-05',
    });
    const summary = await secretary.call('home.summary', {});
    expect(summary.archiveDue).toEqual([{ yearTitle: '2025/2026', dueOn: '2026-09-05', waitingClose: false }]);
  });

  it('archives into the store and onto the stick, with progress, then records both verified', async () => {
    const job = await secretary.call('archive.start', { yearId: fx.previousYearId, destination: stick });
    expect(job.state).toBe('running');
    const steps = new Set<string>();
    let status = job;
    while (status.state === 'running') {
      status = await secretary.call('jobs.status', { id: job.id });
      steps.add(status.step.split(':')[0]!);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(status.error).toBeNull();
    expect(status.state).toBe('done');
    expect([...steps].some((s) => s.startsWith('Хранилище'))).toBe(true);
    const result = status.result as { storePath: string; copyPath: string; summary: string };
    expect(result.storePath.startsWith(deps.paths.archiveStore)).toBe(true);
    expect(fs.readdirSync(stick)).toEqual(['Журнал_2025-2026_ГБПОУ_ЮЭТ']);
    expect(result.summary).toMatch(/Копия записана и проверена/);

    const overview = await deputy.call('archive.overview', {});
    const previous = overview.years.find((y) => y.yearId === fx.previousYearId)!;
    expect(previous.status).toBe('archived');
    expect(previous.state).toBe('done');
    expect(previous.store).toMatchObject({ target: 'store', verifyOk: true, present: true });
    expect(previous.transfers).toEqual([
      expect.objectContaining({
        target: 'folder',
        path: path.join(stick, 'Журнал_2025-2026_ГБПОУ_ЮЭТ'),
        verifyOk: true,
      }),
    ]);
    expect(overview.keyFingerprint).toMatch(/^[0-9a-f]{64}$/);
    // The home page says the same thing.
    const summary = await deputy.call('home.summary', {});
    expect(summary.archives.find((a) => a.yearTitle === '2025/2026')).toMatchObject({
      status: 'archived',
      state: 'done',
      verified: true,
      transferVerified: true,
    });
    const actions = await handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'archive.%')
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['archive.copy', 'archive.create']);
    const year = await handle.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'year.archive')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(year.after!)).toEqual({ status: 'archived' });
  });

  it('reuses the verified store copy for a second stick', async () => {
    const second = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-stick2-'));
    try {
      const job = await finished(
        secretary,
        await secretary.call('archive.start', { yearId: fx.previousYearId, destination: second }),
      );
      expect(job.state).toBe('done');
      expect((job.result as { storeBuilt: boolean }).storeBuilt).toBe(false);
      const rows = await handle.db
        .selectFrom('archives')
        .select(['target'])
        .where('year_id', '=', fx.previousYearId)
        .execute();
      expect(rows.filter((r) => r.target === 'store')).toHaveLength(1);
      expect(rows.filter((r) => r.target !== 'store')).toHaveLength(2);
    } finally {
      fs.rmSync(second, { recursive: true, force: true });
    }
  });

  it('opens the archived year read-only from the stick: groups, journals, a page, a document', async () => {
    const dir = path.join(stick, 'Журнал_2025-2026_ГБПОУ_ЮЭТ');
    const year = await deputy.call('archive.open', { path: dir });
    expect(year.yearTitle).toBe('2025/2026');
    const journals = await handle.db
      .selectFrom('journals')
      .select('id')
      .where('year_id', '=', fx.previousYearId)
      .execute();
    expect(year.groups.flatMap((g) => g.journals)).toHaveLength(journals.length);
    const first = year.groups[0]!.journals[0]!;
    expect(first.pdf).toMatch(/^groups\/.+\.pdf$/);
    const page = await deputy.call('archive.journal', { archive: { path: dir }, journalId: first.id });
    expect(page.yearTitle).toBe('2025/2026');
    expect(page.lessons.length).toBeGreaterThan(0);
    expect(page.students.every((s) => s.cells.length === page.lessons.length)).toBe(true);
    const lessons = await handle.db.selectFrom('lessons').select('id').where('journal_id', '=', first.id).execute();
    expect(page.lessons).toHaveLength(lessons.length);
    const pdf = await deputy.call('archive.file', { archive: { path: dir }, file: first.pdf! });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    // Only files of the manifest are handed out.
    await refused(deputy.call('archive.file', { archive: { path: dir }, file: '../../etc/passwd' }), 'not_found');
    await refused(deputy.call('archive.open', { path: stick }), 'bad_request');
    // Nothing was written into the archive's database.
    const dbFile = path.join(dir, 'journal-2025-2026.sqlite');
    expect(fs.existsSync(`${dbFile}-wal`) || fs.existsSync(`${dbFile}-journal`)).toBe(false);
  });

  it('verifies a copy and records the result; a spoiled copy is named and marked failed', async () => {
    const { id } = await handle.db
      .selectFrom('archives')
      .select('id')
      .where('target', '=', 'folder')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    let job = await finished(deputy, await deputy.call('archive.verify', { archiveId: id }));
    let report = job.result as VerifyReport;
    expect(report.ok).toBe(true);
    expect(report.keyMatches).toBe(true);
    const dir = path.join(stick, 'Журнал_2025-2026_ГБПОУ_ЮЭТ');
    const file = path.join(dir, 'students.pdf');
    const bytes = fs.readFileSync(file);
    bytes[100] = bytes[100]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    job = await finished(deputy, await deputy.call('archive.verify', { archiveId: id }));
    report = job.result as VerifyReport;
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ kind: 'changed', path: 'students.pdf' });
    expect(report.summary).toContain('students.pdf');
    const row = await handle.db
      .selectFrom('archives')
      .select(['verify_ok', 'verified_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.verify_ok).toBe(0);
    const overview = await deputy.call('archive.overview', {});
    expect(
      overview.years.find((y) => y.yearId === fx.previousYearId)!.transfers.find((t) => t.id === id)!.verifyOk,
    ).toBe(false);
  });

  it('cancel stops safely: no archive, no partial folder, no rows', async () => {
    const target = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-cancel-'));
    try {
      const before = (await handle.db.selectFrom('archives').select('id').execute()).length;
      const job = await secretary.call('archive.start', {
        yearId: fx.previousYearId,
        destination: target,
        rebuild: true,
      });
      const storeYear = path.join(deps.paths.archiveStore, '2025-2026');
      // Cancel in the middle of writing the journals, with a .partial folder beside the old archive.
      for (
        let s = job;
        s.state === 'running' && !s.step.includes('Журналы группы');
        s = await secretary.call('jobs.status', { id: job.id })
      ) {
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(fs.readdirSync(storeYear).some((n) => n.startsWith('.partial-'))).toBe(true);
      await secretary.call('jobs.cancel', { id: job.id });
      const end = await finished(secretary, job);
      expect(end.state).toBe('cancelled');
      expect(fs.readdirSync(target)).toEqual([]);
      expect(fs.readdirSync(storeYear).filter((n) => n.startsWith('.'))).toEqual([]);
      // The complete store copy made before is still there and intact.
      expect(fs.readdirSync(storeYear)).toEqual(['Журнал_2025-2026_ГБПОУ_ЮЭТ']);
      expect((await handle.db.selectFrom('archives').select('id').execute()).length).toBe(before);
    } finally {
      fs.rmSync(target, { recursive: true, force: true });
    }
  });

  it('sets the schedule with an audit entry and refuses a bad date', async () => {
    const schedule = await secretary.call('archive.setSchedule', {
      dueDate: '09-15',
      mode: 'auto',
      targetFolder: stick,
    });
    expect(schedule).toMatchObject({ dueDate: '09-15', mode: 'auto', targetFolder: stick });
    expect(deps.settings.get().archive.mode).toBe('auto');
    const entry = await handle.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'archive.schedule')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after!)).toMatchObject({ dueDate: '09-15', mode: 'auto' });
    const bad = await refused(
      secretary.call('archive.setSchedule', { dueDate: '31-12', mode: 'remind', targetFolder: '' }),
      'bad_request',
    );
    expect(bad.message).toMatch(/ММ-ДД/);
    const relative = await refused(
      secretary.call('archive.setSchedule', { dueDate: '09-05', mode: 'auto', targetFolder: 'флешка' }),
      'bad_request',
    );
    expect(relative.fields).toEqual({ targetFolder: 'Нужен полный путь к папке' });
    expect(deps.settings.get().archive.targetFolder).toBe(stick);
  });
});
