// Restoring: a sound copy replaces the live journal under the running services and can be undone;
// a cut, foreign or newer copy is refused with the live journal untouched; a damaged or vanished live
// file is caught at open and the newest sound copy is offered.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core.js';
import { DatabaseOpenError } from '../../db/errors.js';
import { startupProblem, startupProblemText } from '../../electron/lifecycle.js';
import { backupNow, listBackups, restoreFile } from '../../electron/services/backups/index.js';
import { sidecarPath } from '../../electron/services/backups/catalog.js';
import { memorySettings } from '../../electron/services/settings.js';
import { startWebHost } from '../../electron/web/server.js';
import { damageFile, demoJournal, truncateFile, type Journal } from '../support/backups.js';
import { refused, TestClient } from '../support/harness.js';

async function departments(j: Journal): Promise<string[]> {
  return (await j.handle().db.selectFrom('departments').select('name').orderBy('id').execute()).map((d) => d.name);
}

describe('restore in the running program', () => {
  let j: Journal;
  let admin: TestClient;
  beforeAll(async () => {
    j = await demoJournal();
    admin = await new TestClient(j.deps).login('admin');
  });
  afterAll(async () => {
    await j.close();
  });

  /** Place a file in the backup folder under a backup's name (no description beside it). */
  function plant(source: string, name: string): string {
    fs.mkdirSync(j.deps.paths.backups, { recursive: true });
    const target = path.join(j.deps.paths.backups, name);
    fs.copyFileSync(source, target);
    return target;
  }

  async function assertUntouched(before: string[]) {
    expect(await departments(j)).toEqual(before);
    expect(listBackups(j.deps.paths.backups).filter((b) => b.reason === 'restore')).toEqual([]);
  }

  it(
    'refuses a cut copy, a file that is not a journal and a copy from a newer program; the live journal stays as ' +
      'it was',
    async () => {
      const good = (await backupNow(j.deps, 'manual'))!;
      const before = await departments(j);

      const cut = plant(good.path, 'journal_2026-11-20_18-00-00_daily.sqlite');
      truncateFile(cut, 0.5);
      const e1 = await refused(
        admin.call('backups.restore', { name: path.basename(cut), confirm: true }),
        'bad_request',
      );
      expect(e1.message).toMatch(/обрезан.*Восстановление отменено, журнал не изменён/);
      expect((await admin.call('backups.inspect', { name: path.basename(cut) })).ok).toBe(false);

      const foreign = path.join(j.dir, 'customers.sqlite');
      const raw = new SQLite(foreign);
      raw.exec(
        "create table customers (id integer primary key, name text); insert into customers (name) values ('ООО " +
          "Ромашка')",
      );
      raw.close();
      const e2 = await refused(
        admin.call('backups.restore', {
          name: path.basename(plant(foreign, 'journal_2026-11-19_18-00-00_daily.sqlite')),
          confirm: true,
        }),
        'bad_request',
      );
      expect(e2.message).toMatch(/не является базой данных программы «Журнал»/);

      const newer = plant(good.path, 'journal_2026-11-18_18-00-00_daily.sqlite');
      const w = new SQLite(newer);
      w.prepare(
        `insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01T00:00:00.000Z')`,
      ).run();
      w.close();
      const e3 = await refused(
        admin.call('backups.restore', { name: path.basename(newer), confirm: true }),
        'bad_request',
      );
      expect(e3.message).toMatch(/более новой версией программы.*обновите программу/);

      // A copy altered after it was written: its checksum no longer matches its description.
      const altered = plant(good.path, 'journal_2026-11-17_18-00-00_daily.sqlite');
      fs.copyFileSync(sidecarPath(good.path), sidecarPath(altered));
      fs.writeFileSync(
        sidecarPath(altered),
        fs.readFileSync(sidecarPath(altered), 'utf8').replace(good.name, path.basename(altered)),
      );
      const a = new SQLite(altered);
      a.prepare(`update students set last_name = 'Подделкин' where id = 1`).run();
      a.close();
      const e4 = await refused(
        admin.call('backups.restore', { name: path.basename(altered), confirm: true }),
        'bad_request',
      );
      expect(e4.message).toMatch(/контрольная сумма не совпадает/);

      await expect(admin.call('backups.restore', { name: good.name, confirm: false as true })).rejects.toThrow(
        /Подтвердите восстановление/,
      );
      await assertUntouched(before);
      for (const f of [cut, newer, altered]) fs.rmSync(f);
      fs.rmSync(sidecarPath(altered));
      fs.rmSync(path.join(j.deps.paths.backups, 'journal_2026-11-19_18-00-00_daily.sqlite'));
    },
  );

  it('replaces the live journal under the running services, ends every login, and can be undone', async () => {
    const copy = (await backupNow(j.deps, 'manual'))!;
    const before = await departments(j);
    await j
      .handle()
      .db.insertInto('departments')
      .values({ name: 'Отделение, добавленное по ошибке', short_name: 'ОШ' })
      .execute();
    const mistaken = await departments(j);

    const host = await startWebHost({ deps: j.deps, rendererDir: j.dir, log: { error: () => undefined } });
    const post = (method: string, body: unknown, cookie = '') =>
      fetch(new URL(`api/${method}`, host.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: JSON.stringify(body),
      });
    const login = await post('auth.login', { login: 'teacher', password: 'demo12345' });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(((await (await post('auth.me', {}, cookie)).json()) as { value: unknown }).value).not.toBeNull();
    let sessionsEnded = 0;
    j.deps.database.onReplaced(() => {
      sessionsEnded++;
    });
    const generation = j.deps.database.generation;
    try {
      const outcome = await admin.call('backups.restore', { name: copy.name, confirm: true });
      expect(outcome.restored).toMatchObject({
        name: copy.name,
        contents: { counts: { students: copy.counts!.students } },
      });
      expect(outcome.reloginRequired).toBe(true);
      expect(j.deps.database.generation).toBe(generation + 1);
      expect(sessionsEnded).toBe(1);
      // The teacher logged in over the browser host must log in again.
      expect(((await (await post('auth.me', {}, cookie)).json()) as { value: unknown }).value).toBeNull();
      expect(await departments(j)).toEqual(before);
      // The restore itself is in the restored journal's audit log, with the copy to undo it.
      const entry = await j
        .handle()
        .db.selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'backups.restore')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(entry.after!)).toMatchObject({ from: copy.name, undo: outcome.undoName });
      expect(entry.login).toBe('admin');

      // Undo: restore the copy taken just before.
      const undo = await admin.call('backups.restore', { name: outcome.undoName!, confirm: true });
      expect(undo.restored.name).toBe(outcome.undoName);
      expect(await departments(j)).toEqual(mistaken);
      expect(fs.existsSync(`${j.file}-wal`) || fs.existsSync(j.file)).toBe(true);
    } finally {
      await host.close();
    }
  });
});

describe('a damaged journal at start', () => {
  let j: Journal;
  let userData: string;
  beforeAll(async () => {
    j = await demoJournal();
    userData = path.dirname(j.deps.paths.backups);
  });
  afterAll(async () => {
    await j.close();
  });

  it(
    'is caught by the check at open, with the newest sound copy offered (a cut newer copy skipped), and restored ' +
      'with the damaged file kept',
    async () => {
      const older = (await backupNow(j.deps, 'manual'))!;
      await new Promise((r) => setTimeout(r, 1100)); // a later second for the next copy's name
      const newest = (await backupNow(j.deps, 'exit'))!;
      truncateFile(newest.path, 0.4);
      await j.deps.database.close();
      damageFile(j.file);

      const settings = memorySettings();
      const error = await openCore({ databaseUrl: j.file, userData, settings }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DatabaseOpenError);
      expect((error as DatabaseOpenError).reason).toBe('damaged');
      expect((error as Error).message).toMatch(/повреждён/);

      const problem = await startupProblem(error, j.file, settings, userData);
      expect(problem.backup?.name).toBe(older.name);
      expect(problem.message).toMatch(
        /Последняя исправная резервная копия: от \d\d\.\d\d\.\d{4} \d\d:\d\d \(учебный год 2026\/2027/,
      );
      expect(startupProblemText(problem)).toContain(`npm run cli -- restore --db "${j.file}" --from "${older.path}"`);

      const result = await restoreFile(
        j.file,
        problem.backup!.path,
        { path: j.deps.paths.backups, isDefault: true },
        new Date(),
      );
      expect(result.damagedKeptAs).toMatch(/journal\.sqlite\.damaged-/);
      expect(fs.existsSync(result.damagedKeptAs!)).toBe(true);
      const core = await openCore({ databaseUrl: j.file, userData, settings });
      const students = await core.deps.db
        .selectFrom('students')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(students.n)).toBe(older.counts!.students);
      await core.close();
    },
  );

  it('a journal file that vanished while copies of it exist: no empty journal is created in its place', async () => {
    const settings = memorySettings();
    fs.renameSync(j.file, `${j.file}.moved`);
    const error = await openCore({ databaseUrl: j.file, userData, settings }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as DatabaseOpenError).reason).toBe('missing');
    expect((error as Error).message).toMatch(/не создаёт пустой журнал/);
    expect(fs.existsSync(j.file)).toBe(false);
    expect((await startupProblem(error, j.file, settings, userData)).backup).not.toBeNull();
    fs.renameSync(`${j.file}.moved`, j.file);
  });
});
