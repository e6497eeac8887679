// Issue 9: «a backup is also taken before every bulk import or year closing». On a real SQLite file
// every real import (through the API and the CLI), closing a year and moving groups into the next
// year first leave a checked copy with that reason in the backups folder; when no copy can be made
// (the chosen folder is gone or is a file) the change is refused in Russian and nothing is written.
// On PostgreSQL there is no file to copy: the change goes ahead and says no copy was taken.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalDb } from '../../../db/connect.js';
import { importCommand } from '../../../electron/cli/import.js';
import { inspectFile, listBackups, readBackupState } from '../../../electron/services/backups/index.js';
import type { ServiceDeps } from '../../../electron/services/context.js';
import { fileSettings } from '../../../electron/settings-file.js';
import { countIn } from '../../support/backups.js';
import { freshDb, type FreshDb } from '../../support/databases.js';
import { makeDeps, refused, TestClient } from '../../support/harness.js';
import { ADMIN, seedInstitution } from '../../support/institution.js';
import { auditCount, openCollegeYear, runImportJob, xlsx } from './helpers.js';
import { joined } from '../../support/regex.js';

const admission = { date: '2026-09-01', orderNo: '112-к', orderDate: '2026-08-25' };
const students = () =>
  xlsx(
    ['Фамилия', 'Имя', 'Дата рождения', 'Группа'],
    [
      ['Антонова', 'Анна', '01.02.2010', 'ЭС-11'],
      ['Борисов', 'Борис', '03.04.2010', 'ЭС-11'],
    ],
  );

async function count(handle: JournalDb, table: 'students' | 'users' | 'subjects'): Promise<number> {
  return (await handle.db.selectFrom(table).select('id').execute()).length;
}

describe('a safety copy before bulk changes [sqlite file]', () => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let deps: ServiceDeps;
  let admin: TestClient;
  let home: string;
  let setup: Awaited<ReturnType<typeof openCollegeYear>>;
  beforeEach(async () => {
    fresh = await freshDb('sqlite');
    handle = await fresh.open();
    await seedInstitution(handle);
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-safety-'));
    deps = makeDeps(handle, { userData: home });
    admin = await new TestClient(deps).login(ADMIN.login, ADMIN.password);
    setup = await openCollegeYear(admin);
  });
  afterEach(async () => {
    await handle.close();
    await fresh.drop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  const copies = (reason: string) => listBackups(deps.paths.backups).filter((b) => b.reason === reason);

  /** The copy is complete, passed its check, and holds the journal as it was just before the change. */
  async function expectChecked(name: string, reason: string, studentsInside: number) {
    const info = listBackups(deps.paths.backups).find((b) => b.name === name);
    expect(info, `${name} in the backups folder`).toBeDefined();
    expect(info!.reason).toBe(reason);
    expect(info!.checkedAt).not.toBeNull();
    expect((await inspectFile(info!.path, { full: true })).ok).toBe(true);
    expect(countIn(info!.path, 'select count(*) as n from students')).toBe(studentsInside);
  }

  it('every real import of each list takes a checked «import» copy first; a dry run takes none', async () => {
    const dry = await runImportJob(admin, {
      list: 'students',
      file: await students(),
      dryRun: true,
      skipBad: false,
      admission,
    });
    expect(dry.backup).toBeNull();
    expect(copies('import')).toHaveLength(0);

    const r = await runImportJob(admin, {
      list: 'students',
      file: await students(),
      dryRun: false,
      skipBad: false,
      admission,
    });
    expect([r.imported, r.created]).toEqual([true, 2]);
    expect(r.backup).toMatch(/^journal_2026-11-25_\d\d-\d\d-\d\d_import\.sqlite$/);
    expect(r.summary).toContain(`Перед загрузкой сделана резервная копия ${r.backup}.`);
    await expectChecked(r.backup!, 'import', 0); // taken before the two students were written
    expect(readBackupState(deps.paths).lastSuccess).toMatchObject({ name: r.backup, reason: 'import' });

    const users = await runImportJob(admin, {
      list: 'users',
      file: await xlsx(['Фамилия', 'Имя'], [['Учителева', 'Ульяна']]),
      dryRun: false,
      skipBad: false,
    });
    const subjects = await runImportJob(admin, {
      list: 'subjects',
      file: await xlsx(['Код', 'Название'], [['ОУД.04', 'Математика']]),
      dryRun: false,
      skipBad: false,
    });
    for (const done of [users, subjects]) {
      expect(done.imported).toBe(true);
      await expectChecked(done.backup!, 'import', 2);
    }
    expect(new Set([r.backup, users.backup, subjects.backup]).size).toBe(3);
    expect(copies('import')).toHaveLength(3);
  });

  it('closing the year and moving groups into the next year take «year-close» and «year-copy» copies', async () => {
    await runImportJob(admin, { list: 'students', file: await students(), dryRun: false, skipBad: false, admission });
    const fresh2027 = await admin.call('years.create', {
      title: '2027/2028',
      startsOn: '2027-09-01',
      endsOn: '2028-08-31',
      periodKind: 'semester',
    });
    const moved = await admin.call('years.copyApply', {
      fromYearId: setup.year.id,
      toYearId: fresh2027.id,
      carryLoads: false,
      transferOrder: null,
      groups: [{ fromGroupId: setup.g1.id, name: 'ЭС-21', course: 2, include: true }],
    });
    expect(moved.groups).toBe(1);
    expect(moved.backup).toMatch(/^journal_2026-11-25_\d\d-\d\d-\d\d_year-copy\.sqlite$/);
    await expectChecked(moved.backup!, 'year-copy', 2);
    expect(
      countIn(path.join(deps.paths.backups, moved.backup!), `select count(*) as n from groups where name = 'ЭС-21'`),
    ).toBe(1); // only the old one

    const year = await handle.db
      .selectFrom('academic_years')
      .select('version')
      .where('id', '=', setup.year.id)
      .executeTakeFirstOrThrow();
    const closed = await admin.call('years.close', { id: setup.year.id, version: year.version });
    expect(closed.status).toBe('closed');
    expect(closed.backup).toMatch(/^journal_2026-11-25_\d\d-\d\d-\d\d_year-close\.sqlite$/);
    await expectChecked(closed.backup!, 'year-close', 2);
    // The copy holds the year still open: it is the way back if the closing was a mistake.
    expect(
      countIn(
        path.join(deps.paths.backups, closed.backup!),
        `select count(*) as n from academic_years where status = 'open' and title = '2026/2027'`,
      ),
    ).toBe(1);
    const log = await handle.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'years.close')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(log.after!)).toMatchObject({ status: 'closed', backup: closed.backup });
  });

  it('with no usable backup folder the import and the closing are refused and nothing changes', async () => {
    const notAFolder = path.join(home, 'копии.txt');
    fs.writeFileSync(notAFolder, 'это файл, а не папка');
    deps.settings.update({ backup: { folder: notAFolder } });
    const before = { students: await count(handle, 'students'), audit: await auditCount(handle) };

    const job = await admin.call('import.start', {
      list: 'students',
      file: (await students()).toString('base64'),
      dryRun: false,
      skipBad: false,
      admission,
    });
    const status = await deps.jobs.wait(job.id);
    expect(status.state).toBe('failed');
    expect(status.error).toMatch(
      joined(
        /^Не удалось сделать резервную копию журнала: .*это файл, а не папка.*\. /,
        /Загрузка из Excel \(обучающихся\) без копии не выполняется — ничего не изменено\./,
      ),
    );
    expect(await count(handle, 'students')).toBe(before.students);
    expect(await auditCount(handle)).toBe(before.audit);
    expect(readBackupState(deps.paths).lastFailure).toMatchObject({ reason: 'import' });

    // A chosen folder on a disconnected network or USB drive.
    deps.settings.update({ backup: { folder: path.join(home, 'нет такой папки') } });
    const e = await refused(
      admin.call('years.close', { id: setup.year.id, version: setup.year.version }),
      'unavailable',
    );
    expect(e.message).toContain('Закрытие учебного года 2026/2027 без копии не выполняется — ничего не изменено');
    expect(e.message).toContain('не найдена');
    const year = await handle.db
      .selectFrom('academic_years')
      .select(['status', 'version'])
      .where('id', '=', setup.year.id)
      .executeTakeFirstOrThrow();
    expect(year).toEqual({ status: 'open', version: setup.year.version });
    expect(await auditCount(handle)).toBe(before.audit);
    expect(fs.existsSync(deps.paths.backups) ? listBackups(deps.paths.backups) : []).toHaveLength(0);
  });

  it("the command-line import takes the same copy into the app's backups folder, and refuses without one", async () => {
    const file = path.join(home, 'студенты.xlsx');
    fs.writeFileSync(file, await students());
    const cliHome = path.join(home, 'cli-data');
    const flags = {
      db: fresh.url.replace(/^sqlite:/, ''),
      file,
      data: cliHome,
      today: '2026-11-25',
      'order-no': '112-к',
      'order-date': '25.08.2026',
      date: '01.09.2026',
    };
    const lines: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => {
      lines.push(args.join(' '));
    };
    try {
      fileSettings(cliHome).update({ backup: { folder: path.join(home, 'отключённый диск') } });
      await expect(importCommand.run(['students'], flags)).rejects.toThrow(
        /Загрузка из Excel \(обучающихся\) без копии не выполняется/,
      );
      expect(await count(handle, 'students')).toBe(0);

      fileSettings(cliHome).update({ backup: { folder: '' } });
      expect(await importCommand.run(['students'], flags)).toBe(0);
    } finally {
      console.log = log;
    }
    expect(await count(handle, 'students')).toBe(2);
    const made = listBackups(path.join(cliHome, 'backups'));
    expect(made.map((b) => b.reason)).toEqual(['import']);
    expect(lines.at(-1)).toBe(
      `Загружено обучающихся: новых 2, обновлено 0. Перед загрузкой сделана резервная копия ${made[0]!.name}.`,
    );
    expect((await inspectFile(made[0]!.path, { full: true })).ok).toBe(true);
  });
});

describe('no file to copy [postgres]', () => {
  let fresh: FreshDb;
  let handle: JournalDb;
  beforeEach(async () => {
    fresh = await freshDb('postgres');
    handle = await fresh.open();
    await seedInstitution(handle);
  });
  afterEach(async () => {
    await handle.close();
    await fresh.drop();
  });

  it(
    "imports and closes the year without a copy (the server's dumps keep PostgreSQL), even with a bad folder " + 'set',
    async () => {
      const deps = makeDeps(handle);
      deps.settings.update({ backup: { folder: '/nonexistent/folder' } });
      const admin = await new TestClient(deps).login(ADMIN.login, ADMIN.password);
      const { year } = await openCollegeYear(admin);
      const r = await runImportJob(admin, {
        list: 'students',
        file: await students(),
        dryRun: false,
        skipBad: false,
        admission,
      });
      expect([r.imported, r.created, r.backup]).toEqual([true, 2, null]);
      expect(r.summary).toBe('Загружено обучающихся: новых 2, обновлено 0.');
      const closed = await admin.call('years.close', { id: year.id, version: year.version });
      expect([closed.status, closed.backup]).toEqual(['closed', null]);
    },
  );
});
