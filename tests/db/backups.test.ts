// Taking copies of a real SQLite journal: consistent while writes go on, checked and listed with what
// they hold, rotated on a fake clock by the real scheduler, and failing cleanly on a missing,
// read-only or full folder.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Scheduler } from '../../electron/scheduler.js';
import { AppError } from '../../electron/api/errors.js';
import { audit } from '../../electron/services/audit.js';
import { manualClock } from '../../electron/services/clock.js';
import {
  backupNow,
  dailyBackupTask,
  inspectFile,
  listBackups,
  readBackupState,
} from '../../electron/services/backups/index.js';
import { dayKey } from '../../electron/services/backups/rotation.js';
import { diskError } from '../../electron/services/backups/disk.js';
import { countIn, demoJournal, isRoot, mountTmpfs, type Journal } from '../support/backups.js';
import { TestClient } from '../support/harness.js';

const PAIRS = `select (select count(*) from departments where name like 'Пара %') as n`;
const AUDITED = `select (select count(*) from audit_log where action = 'test.pair') as n`;

describe('a copy of the demo college', () => {
  let j: Journal;
  beforeAll(async () => {
    j = await demoJournal();
  });
  afterAll(async () => {
    await j.close();
  });

  it(
    'taken while transactions keep committing is one committed moment: intact, every pair whole, counts in ' +
      'between',
    async () => {
      const db = j.handle().db;
      let writing = true;
      let committed = 0;
      // Each transaction writes a department and, after yielding to the event loop, its audit entry:
      // a copy that caught one half-way would hold the department without its entry.
      const writer = (async () => {
        for (let i = 0; writing; i++) {
          await db.transaction().execute(async (trx) => {
            await trx
              .insertInto('departments')
              .values({ name: `Пара ${i}`, short_name: `П${i}` })
              .execute();
            await new Promise((r) => setImmediate(r));
            await audit(trx, null, new Date(), { action: 'test.pair', entity: 'department', entityId: i });
          });
          committed = i + 1;
        }
      })();
      const copies = [];
      for (let k = 0; k < 3; k++) {
        const before = committed;
        const info = (await backupNow(j.deps, 'manual', { rotate: false }))!;
        copies.push({ info, before, after: committed });
      }
      writing = false;
      await writer;
      expect(committed).toBeGreaterThan(10);
      for (const { info, before, after } of copies) {
        expect((await inspectFile(info.path, { full: true })).ok).toBe(true);
        const pairs = countIn(info.path, PAIRS);
        expect(countIn(info.path, AUDITED)).toBe(pairs);
        expect(pairs).toBeGreaterThanOrEqual(before);
        expect(pairs).toBeLessThanOrEqual(after);
      }
    },
  );

  it('is listed with its date, size, year and counts, and is a single self-contained file', async () => {
    const admin = await new TestClient(j.deps).login('admin');
    const job = await admin.call('backups.create', {});
    const done = await j.deps.jobs.wait(job.id);
    expect(done.state).toBe('done');
    const overview = await admin.call('backups.list', {});
    expect(overview.supported).toBe(true);
    expect(overview.folder).toBe(j.deps.paths.backups);
    const item = overview.backups[0]!;
    expect(item.name).toBe((done.result as { name: string }).name);
    expect(item.reason).toBe('manual');
    expect(item.reasonLabel).toBe('создана вручную');
    expect(item.checked).toBe(true);
    const db = j.handle().db;
    const students = await db
      .selectFrom('students')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const marks = await db
      .selectFrom('marks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(item.contents).toMatchObject({
      year: '2026/2027',
      institution: expect.any(String),
      counts: { students: Number(students.n), marks: Number(marks.n) },
    });
    expect(item.size).toBe(fs.statSync(path.join(overview.folder, item.name)).size);
    expect(fs.existsSync(path.join(overview.folder, `${item.name}-wal`))).toBe(false);
    expect(countIn(path.join(overview.folder, item.name), `select count(*) as n from students`)).toBe(
      Number(students.n),
    );
    expect(overview.lastSuccess?.name).toBe(item.name);
    // Nothing half-written is ever left with a name that looks complete.
    expect(fs.readdirSync(overview.folder).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('the inspection of a copy says what it holds and that it is sound', async () => {
    const admin = await new TestClient(j.deps).login('admin');
    const [item] = (await admin.call('backups.list', {})).backups;
    const inspection = await admin.call('backups.inspect', { name: item!.name });
    expect(inspection).toMatchObject({ ok: true, problem: null, checksumOk: true, contents: { year: '2026/2027' } });
    await expect(admin.call('backups.inspect', { name: '../journal.sqlite' })).rejects.toThrow(
      /не имя резервной копии/,
    );
    await expect(admin.call('backups.inspect', { name: 'journal_2020-01-01_00-00-00_daily.sqlite' })).rejects.toThrow(
      /не найдена/,
    );
  });
});

describe('the daily copy on a fake clock', () => {
  it(
    'runs once a day at the set time through the scheduler, catches up after a start, and keeps exactly the ' +
      'promised set',
    async () => {
      const clock = manualClock(new Date(2026, 8, 1, 8, 0));
      const j = await demoJournal({ demo: false, clock });
      try {
        j.deps.settings.update({ backup: { dailyAt: '18:00', keepDaily: 7, keepWeekly: 4, keepMonthly: 12 } });
        const scheduler = new Scheduler({
          clock,
          settings: j.deps.settings,
          log: {
            error: (m, e) => {
              throw new Error(`${m}: ${String(e)}`);
            },
          },
        });
        scheduler.register(dailyBackupTask(j.deps));
        await scheduler.check(); // first start, 08:00 on 01.09: nothing copied yet → a copy at once
        expect(listBackups(j.deps.paths.backups).map((b) => b.name)).toEqual([
          'journal_2026-09-01_08-00-00_daily.sqlite',
        ]);
        for (let day = 0; day < 70; day++) {
          clock.set(new Date(2026, 8, 1 + day, 12, 0));
          await scheduler.check(); // midday: yesterday's 18:00 copy exists → nothing to do
          clock.set(new Date(2026, 8, 1 + day, 18, 5));
          await scheduler.check();
          await scheduler.check(); // a second check the same evening does not copy again
        }
        const kept = listBackups(j.deps.paths.backups)
          .map((b) => dayKey(new Date(b.createdAt)))
          .sort();
        // The last day is Monday 09.11.2026.
        expect(kept).toEqual([
          '2026-09-30', // September (monthly)
          '2026-10-25', // the week of 19.10 (weekly)
          '2026-10-31', // October (monthly)
          '2026-11-01', // the week of 26.10 (weekly)
          '2026-11-03',
          '2026-11-04',
          '2026-11-05',
          '2026-11-06',
          '2026-11-07',
          '2026-11-08',
          '2026-11-09', // 7 daily
        ]);
        expect(listBackups(j.deps.paths.backups).map((b) => new Date(b.createdAt).getHours())).toEqual(
          Array(kept.length).fill(18),
        );
        // each copy and its description, nothing else
        expect(fs.readdirSync(j.deps.paths.backups).length).toBe(kept.length * 2);
      } finally {
        await j.close();
      }
    },
    240_000,
  );
});

describe('a folder that cannot take the copy', () => {
  let j: Journal;
  const unmounts: Array<() => void> = [];
  beforeAll(async () => {
    j = await demoJournal();
    // Make the journal larger than one copy step, so a disk can fill up in the middle of a copy.
    await j
      .handle()
      .db.transaction()
      .execute(async (trx) => {
        for (let i = 0; i < 3000; i++)
          await audit(trx, null, new Date(), { action: 'test.bulk', entity: 'x', after: { text: 'щ'.repeat(1000) } });
      });
  });
  afterEach(() => {
    while (unmounts.length) unmounts.pop()!();
  });
  afterAll(async () => {
    await j.close();
  });

  async function refusal(promise: Promise<unknown>): Promise<AppError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }

  function assertNoLeftovers(folder: string) {
    expect(fs.existsSync(folder) ? fs.readdirSync(folder).filter((n) => n !== 'filler') : []).toEqual([]);
  }

  async function assertLiveUntouched() {
    const row = await j
      .handle()
      .db.selectFrom('students')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(row.n)).toBeGreaterThan(0);
  }

  it('a chosen folder that is missing (a share not mounted) is not created: a clear message', async () => {
    const folder = path.join(j.dir, 'сетевой диск', 'Копии');
    j.deps.settings.update({ backup: { folder } });
    const error = await refusal(backupNow(j.deps, 'daily'));
    expect(error.message).toMatch(/Папка резервных копий «.*Копии» не найдена.*подключите/);
    expect(fs.existsSync(folder)).toBe(false);
    expect(readBackupState(j.deps.paths).lastFailure?.message).toBe(error.message);
    await assertLiveUntouched();
  });

  it('the default folder in user data is created when missing', async () => {
    j.deps.settings.update({ backup: { folder: '' } });
    fs.rmSync(j.deps.paths.backups, { recursive: true, force: true });
    const info = await backupNow(j.deps, 'manual');
    expect(path.dirname(info!.path)).toBe(j.deps.paths.backups);
  });

  it.runIf(isRoot())('a read-only disk: a clear message, nothing written', async () => {
    const folder = path.join(j.dir, 'ro');
    unmounts.push(mountTmpfs(folder, '4m', true));
    j.deps.settings.update({ backup: { folder } });
    const error = await refusal(backupNow(j.deps, 'manual'));
    expect(error.message).toMatch(/только для чтения/);
    assertNoLeftovers(folder);
  });

  it.runIf(isRoot())('a disk too small for the copy: refused before writing', async () => {
    const folder = path.join(j.dir, 'tiny');
    unmounts.push(mountTmpfs(folder, '2m'));
    j.deps.settings.update({ backup: { folder } });
    const error = await refusal(backupNow(j.deps, 'manual'));
    expect(error.message).toMatch(/Недостаточно места.*свободно/);
    assertNoLeftovers(folder);
    await assertLiveUntouched();
  });

  it.runIf(isRoot())(
    'a disk that fills up while the copy is being written: a clear message, no partial file, the live journal ' +
      'untouched',
    async () => {
      const folder = path.join(j.dir, 'filling');
      const size = fs.statSync(j.file).size + fs.statSync(`${j.file}-wal`).size;
      unmounts.push(mountTmpfs(folder, `${Math.ceil((size * 1.05 + 1.5 * 1024 * 1024) / 1024)}k`));
      j.deps.settings.update({ backup: { folder } });
      let filled = false;
      const error = await refusal(
        backupNow(j.deps, 'manual', {
          onProgress: (_step, done) => {
            if (filled || done === 0) return;
            filled = true; // another program takes the rest of the disk while the copy is being written
            try {
              fs.writeFileSync(path.join(folder, 'filler'), Buffer.alloc(64 * 1024 * 1024));
            } catch {
              /* the disk is full now, as intended */
            }
          },
        }),
      );
      expect(filled).toBe(true);
      expect(error.message).toMatch(/Недостаточно места на диске/);
      assertNoLeftovers(folder);
      await assertLiveUntouched();
    },
  );

  it.runIf(isRoot())("SQLite's plain «disk I/O error» on a disk with no room left is reported as a full disk", () => {
    const folder = path.join(j.dir, 'brim');
    unmounts.push(mountTmpfs(folder, '1m'));
    try {
      fs.writeFileSync(path.join(folder, 'filler'), Buffer.alloc(2 * 1024 * 1024));
    } catch {
      /* full now */
    }
    const io = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
    expect(diskError(io, 'папка', folder).message).toMatch(/Недостаточно места на диске/);
    expect(diskError(io, 'папка', j.dir).message).toMatch(/недоступны/);
  });
});
