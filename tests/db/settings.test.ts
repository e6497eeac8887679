// The settings screen's services on both databases: settings saved and audited, the backup folder
// checked before it is saved, a database location tested before it is saved, the institution's
// details with optimistic locking, and the backup screen on PostgreSQL saying what to do instead.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import type { JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import type { ServiceDeps } from '../../electron/services/context.js';
import { backupNow } from '../../electron/services/backups/index.js';
import { institutionSigners } from '../../electron/services/institution.js';
import { describeEachDb, freshDb, pgUrl, type FreshDb } from '../support/databases.js';
import { SMALL_DEMO } from '../support/fixtures.js';
import { makeDeps, refused, TestClient } from '../support/harness.js';

describeEachDb('settings and institution', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let deps: ServiceDeps;
  let admin: TestClient;
  let tmp: string;

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await generateDemo(handle.db, SMALL_DEMO);
    deps = makeDeps(handle);
    admin = await new TestClient(deps).login('admin');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-settings-'));
  });
  afterAll(async () => {
    await handle.close();
    await fresh.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function auditOf(action: string) {
    return deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  it(
    'saves the schedule, idle lock and archive fields, audited; a missing or relative backup folder is refused ' +
      'before saving',
    async () => {
      const folder = path.join(tmp, 'Копии журнала');
      await expect(admin.call('settings.update', { backup: { folder } })).rejects.toThrow(/не найдена/);
      await expect(admin.call('settings.update', { backup: { folder: 'Копии' } })).rejects.toThrow(/полный путь/);
      await expect(admin.call('settings.update', { backup: { dailyAt: '25:00' } })).rejects.toThrow(/ЧЧ:ММ/);
      await expect(admin.call('settings.update', { archive: { dueDate: '02-30' } })).rejects.toThrow(
        /существующая дата/,
      );
      expect(deps.settings.get().backup.folder).toBe('');
      fs.mkdirSync(folder);
      const view = await admin.call('settings.update', {
        backup: { folder, dailyAt: '17:30', onExit: false, keepDaily: 10 },
        idleLockMinutes: 15,
        archive: { dueDate: '09-05', mode: 'auto', targetFolder: path.join(tmp, 'usb') },
      });
      expect(view.backup).toMatchObject({
        folder,
        dailyAt: '17:30',
        onExit: false,
        keepDaily: 10,
        keepWeekly: 4,
        defaultFolder: deps.paths.backups,
      });
      expect(view.idleLockMinutes).toBe(15);
      expect(view.archive).toEqual({ dueDate: '09-05', mode: 'auto', targetFolder: path.join(tmp, 'usb') });
      const entry = (await auditOf('settings.update'))!;
      expect(entry.login).toBe('admin');
      expect(JSON.parse(entry.after!).backup.dailyAt).toBe('17:30');
      expect(JSON.parse(entry.before!).backup.dailyAt).toBe('18:00');
      const me = await admin.call('auth.me', {});
      expect(me!.idleLockMinutes).toBe(15);
    },
  );

  it('checks a folder: missing, or writable with its free space and copies', async () => {
    const missing = await admin.call('settings.checkFolder', { path: path.join(tmp, 'нет такой') });
    expect(missing).toMatchObject({ ok: false, exists: false, writable: false });
    expect(missing.message).toMatch(/не найдена/);
    const ok = await admin.call('settings.checkFolder', { path: tmp });
    expect(ok).toMatchObject({ ok: true, exists: true, writable: true, backups: 0 });
    expect(ok.message).toMatch(/доступна для записи, свободно/);
  });

  it(
    'tests a database location before saving it: a journal, an empty database, a new file, a foreign ' + 'file',
    async () => {
      const foreign = path.join(tmp, 'clients.sqlite');
      const raw = new SQLite(foreign);
      raw.exec('create table clients (id integer primary key)');
      raw.close();
      const notJournal = await admin.call('settings.testDatabase', { url: foreign });
      expect(notJournal).toMatchObject({ ok: false, state: 'problem' });
      expect(notJournal.message).toMatch(/не является базой данных программы «Журнал»/);
      await expect(admin.call('settings.setDatabase', { url: foreign })).rejects.toThrow(
        /Расположение базы не изменено/,
      );
      expect(deps.settings.get().databaseUrl).toBe('');

      const created = await admin.call('settings.testDatabase', { url: path.join(tmp, 'new.sqlite') });
      expect(created).toMatchObject({ ok: true, state: 'new' });
      expect(fs.existsSync(path.join(tmp, 'new.sqlite'))).toBe(false);
      await expect(admin.call('settings.testDatabase', { url: 'journal.sqlite' })).rejects.toThrow(/полный путь/);

      const live = await admin.call('settings.testDatabase', { url: kind === 'sqlite' ? handle.file! : fresh.url });
      expect(live).toMatchObject({ ok: true, state: 'journal' });

      const pgProblem = await admin.call('settings.testDatabase', { url: 'postgres://nobody:secret@127.0.0.1:1/none' });
      expect(pgProblem).toMatchObject({
        ok: false,
        state: 'problem',
        dialect: 'postgres',
        location: 'postgres://nobody:***@127.0.0.1:1/none',
      });
      expect(pgProblem.message).toMatch(/Не удалось подключиться к серверу PostgreSQL/);

      const change = await admin.call('settings.setDatabase', { url: path.join(tmp, 'new.sqlite') });
      expect(change.restartRequired).toBe(true);
      expect(deps.settings.get().databaseUrl).toBe(`sqlite:${path.join(tmp, 'new.sqlite')}`);
      const view = await admin.call('settings.get', {});
      expect(view.database).toMatchObject({
        dialect: kind,
        restartPending: true,
        configured: `sqlite:${path.join(tmp, 'new.sqlite')}`,
      });
      expect((await auditOf('settings.setDatabase'))!.after).toContain('new.sqlite');
      deps.settings.update({ databaseUrl: '' });
    },
  );

  if (kind === 'postgres')
    it('tests a PostgreSQL URL: an empty database is accepted, its password never shown', async () => {
      const empty = await freshDb('postgres', { empty: true });
      try {
        const withPassword = empty.url.replace('postgres://postgres@', 'postgres://postgres:s3cret@');
        const result = await admin.call('settings.testDatabase', { url: withPassword });
        expect(result).toMatchObject({ ok: true, state: 'empty', dialect: 'postgres' });
        expect(JSON.stringify(result)).not.toContain('s3cret');
      } finally {
        await empty.drop();
      }
    });

  it('keeps the institution details and signers with optimistic locking; staff read them', async () => {
    const before = await admin.call('institution.get', {});
    const input = {
      version: before.version,
      fullName: 'ГБПОУ «Южноуральский энергетический техникум»',
      shortName: 'ГБПОУ ЮЭТ',
      address: '457040, г. Южноуральск, ул. Мира, 40',
      directorName: 'Тучин Виктор Михайлович',
      signatures: {
        directorPosition: 'Директор',
        deputies: [
          { position: 'Заместитель директора по учебной работе', name: 'Андреева Ольга Петровна' },
          { position: 'Заместитель директора по воспитательной работе', name: 'Смирнов Илья Андреевич' },
        ],
        secretaryPosition: 'Секретарь учебной части',
        secretaryName: 'Кузнецова Мария Ивановна',
      },
    };
    const saved = await admin.call('institution.update', input);
    expect(saved).toMatchObject({ version: before.version + 1, address: input.address, signatures: input.signatures });
    const teacherView = await (await new TestClient(deps).login('teacher')).call('institution.get', {});
    expect(teacherView.signatures.deputies.map((d) => d.name)).toEqual([
      'Андреева Ольга Петровна',
      'Смирнов Илья Андреевич',
    ]);
    // Signature blocks of other features read the same.
    const signers = await institutionSigners(deps);
    expect(signers.director).toEqual({ position: 'Директор', name: 'Тучин В. М.' });
    expect(signers.deputies[1]).toEqual({
      position: 'Заместитель директора по воспитательной работе',
      name: 'Смирнов И. А.',
    });
    expect(deps.settings.get().signatures).toMatchObject({ deputyName: 'Андреева О. П.', directorName: 'Тучин В. М.' });

    const stale = await refused(admin.call('institution.update', { ...input, shortName: 'Чужое' }), 'conflict');
    expect(stale.message).toMatch(/изменил другой пользователь/);
    expect((stale.details as { version: number }).version).toBe(saved.version);
    await expect(
      admin.call('institution.update', { ...input, version: saved.version, fullName: '  ' }),
    ).rejects.toThrow(/Полное наименование: не заполнено/);
    const entry = (await auditOf('institution.update'))!;
    expect(JSON.parse(entry.after!).address).toBe(input.address);
  });

  if (kind === 'postgres')
    it('the backup screen on PostgreSQL says to use pg_dump on the server; a copy is not attempted', async () => {
      const overview = await admin.call('backups.list', {});
      expect(overview).toMatchObject({ dialect: 'postgres', supported: false, backups: [] });
      expect(overview.advice).toMatch(/pg_dump/);
      await expect(admin.call('backups.create', {})).rejects.toThrow(/pg_dump/);
      expect(await backupNow(deps, 'import')).toBeNull();
      expect(pgUrl()).toBeTruthy();
    });
});
