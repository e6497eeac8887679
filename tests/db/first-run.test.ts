// The first run on an empty database: create the institution and its administrator, connect to a
// PostgreSQL server (the desktop app), or restore a backup — only while the database is empty, and over
// HTTP only with the one-time setup code `serve` printed. On both databases, through dispatch and HTTP.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type JournalDb } from '../../db/connect.js';
import type { Input } from '../../electron/api/contract.js';
import type { ServiceDeps } from '../../electron/services/context.js';
import { isInitialized } from '../../electron/services/setup.js';
import { newSetupCode } from '../../electron/services/setup-code.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { describeEachDb, describeWithPostgres, freshDb, type FreshDb } from '../support/databases.js';
import { makeDeps, refused, TestClient } from '../support/harness.js';
import { ADMIN, seedInstitution } from '../support/institution.js';
import { fakeRenderer, WebClient } from '../support/web.js';

const COLLEGE: Input<'setup.initialize'> = {
  fullName: 'ГБПОУ «Технический колледж № 3»',
  shortName: 'ТК № 3',
  kind: 'college',
  directorName: 'Соколова Елена Сергеевна',
  admin: { login: 'admin', lastName: 'Иванов', firstName: 'Иван', password: 'Parol2026', passwordRepeat: 'Parol2026' },
};

const withAdmin = (admin: Partial<Input<'setup.initialize'>['admin']>): Input<'setup.initialize'> => ({
  ...COLLEGE,
  admin: { ...COLLEGE.admin, ...admin },
});

describeEachDb('first run on an empty database', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let deps: ServiceDeps;
  const hosts: WebHost[] = [];
  const rendererDir = fakeRenderer();

  beforeEach(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    deps = makeDeps(handle);
  });
  afterEach(async () => {
    for (const h of hosts.splice(0)) await h.close();
    await deps.database.close();
    await fresh.drop();
  });

  async function web(setupCode: string | null): Promise<WebHost> {
    const h = await startWebHost({ deps, rendererDir, setupCode, log: { error: () => undefined } });
    hosts.push(h);
    return h;
  }

  const nothingCreated = async () => {
    expect(await isInitialized(deps.db)).toBe(false);
    expect(await deps.db.selectFrom('users').select('id').execute()).toEqual([]);
  };

  it('tells the desktop window what the first run offers, with the password rules of the services', async () => {
    const status = await new TestClient(deps).call('setup.status', {});
    expect(status).toMatchObject({ initialized: false, database: kind, codeRequired: false, closed: null });
    expect(status.passwordRules.join(' ')).toMatch(/не короче 8 символов/);
    expect(status.restoreUnavailable === null).toBe(kind === 'sqlite');
  });

  it('refuses bad input in Russian and creates nothing', async () => {
    const c = new TestClient(deps);
    const differ = await refused(c.call('setup.initialize', withAdmin({ passwordRepeat: 'Parol2027' })), 'bad_request');
    expect(differ.message).toMatch(/Пароли не совпадают/);
    expect(differ.fields).toHaveProperty(['admin.passwordRepeat']);
    const weak = await refused(
      c.call('setup.initialize', withAdmin({ password: 'parolparol', passwordRepeat: 'parolparol' })),
      'bad_request',
    );
    expect(weak.message).toMatch(/буквы и цифры/);
    const short = await refused(
      c.call('setup.initialize', withAdmin({ password: 'Pa1', passwordRepeat: 'Pa1' })),
      'bad_request',
    );
    expect(short.message).toMatch(/не короче/);
    const noName = await refused(c.call('setup.initialize', { ...COLLEGE, shortName: '  ' }), 'bad_request');
    expect(noName.message).toMatch(/Краткое наименование/);
    await refused(c.call('setup.initialize', withAdmin({ login: 'ад мин' })), 'bad_request');
    await nothingCreated();
  });

  it('initialises an empty database once, logs the administrator in, then refuses every first-run method', async () => {
    const c = new TestClient(deps);
    const me = await c.call('setup.initialize', COLLEGE);
    expect(me.roles.map((r) => r.role)).toEqual(['admin']);
    expect(me.institution).toEqual({ shortName: 'ТК № 3', kind: 'college' });
    expect((await c.call('auth.me', {}))?.userId).toBe(me.userId);
    expect(await new TestClient(deps).call('setup.status', {})).toMatchObject({ initialized: true });
    const other = new TestClient(deps);
    const again = await refused(other.call('setup.initialize', withAdmin({ login: 'evil' })), 'conflict');
    expect(again.message).toMatch(/уже настроена/);
    await refused(other.call('setup.checkDatabase', { url: 'postgres://x@127.0.0.1:1/x' }), 'conflict');
    await refused(other.call('setup.connectDatabase', { url: 'postgres://x@127.0.0.1:1/x' }), 'conflict');
    await refused(other.call('setup.restore', { fileName: 'a.sqlite', data: 'eA==' }), 'conflict');
    expect(await deps.db.selectFrom('users').select('login').execute()).toEqual([{ login: 'admin' }]);
  });

  it('over HTTP asks for the setup code, refuses without it or with a wrong one, and refuses once set up', async () => {
    const code = newSetupCode();
    const h = await web(code);
    const c = new WebClient(h.url);
    const status = await c.call('setup.status');
    expect(status.body.value).toMatchObject({ initialized: false, codeRequired: true, closed: null });
    expect((status.body.value as { connectUnavailable: string }).connectUnavailable).toMatch(/--db/);

    const none = await c.call('setup.initialize', COLLEGE);
    expect(none.status).toBe(400);
    expect(none.body.error?.message).toMatch(/Введите код настройки/);
    const wrong = await c.call('setup.initialize', { ...COLLEGE, setupCode: 'AAAA-BBBB-CCCC' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error?.message).toMatch(/Неверный код настройки/);
    const restore = await c.call('setup.restore', { fileName: 'a.sqlite', data: 'eA==' });
    expect(restore.status).toBe(400);
    await nothingCreated();

    // Typed by hand: lower case and without dashes is the same code.
    const ok = await c.call('setup.initialize', { ...COLLEGE, setupCode: code.toLowerCase().replaceAll('-', '') });
    expect(ok.status).toBe(200);
    expect(await c.loggedIn()).toBe(true);

    const late = await new WebClient(h.url).call('setup.initialize', {
      ...withAdmin({ login: 'evil' }),
      setupCode: code,
    });
    expect(late.status).toBe(409);
    expect(late.body.error?.message).toMatch(/уже настроена/);
    const lateRestore = await new WebClient(h.url).call('setup.restore', { setupCode: code, data: 'eA==' });
    expect(lateRestore.status).toBe(409);
  });

  it("a browser host that issued no code (the app's own LAN access) refuses the first run", async () => {
    const h = await web(null);
    const status = await new WebClient(h.url).call('setup.status');
    expect((status.body.value as { closed: string }).closed).toMatch(/в самой программе/);
    const answer = await new WebClient(h.url).call('setup.initialize', { ...COLLEGE, setupCode: 'AAAA-BBBB-CCCC' });
    expect(answer.status).toBe(403);
    expect(answer.body.error?.message).toMatch(/в самой программе/);
    await nothingCreated();
  });

  it('does not offer to switch databases over HTTP', async () => {
    const code = newSetupCode();
    const h = await web(code);
    const c = new WebClient(h.url);
    const answer = await c.call('setup.checkDatabase', { setupCode: code, url: 'postgres://x@127.0.0.1:1/x' });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toMatch(/--db/);
  });

  if (kind === 'sqlite') {
    it('restores a backup into the empty journal over HTTP; a file that is not a backup changes nothing', async () => {
      const code = newSetupCode();
      const h = await web(code);
      const c = new WebClient(h.url);
      const text = Buffer.from('Это не копия журнала').toString('base64');
      const bad = await c.call('setup.restore', { setupCode: code, fileName: 'заметки.txt', data: text });
      expect(bad.status).toBe(400);
      expect(bad.body.error?.message).toMatch(/не является базой данных программы «Журнал»: «заметки\.txt»/);
      expect(bad.body.error?.message).not.toMatch(/upload|restoring|\//);
      await nothingCreated();

      const backup = await backupOfSeededJournal();
      const ok = await c.call('setup.restore', {
        setupCode: code,
        fileName: 'journal-2026-11-24.sqlite',
        data: backup.toString('base64'),
      });
      expect(ok.status).toBe(200);
      expect(ok.body.value).toMatchObject({ institution: 'ГБПОУ ЮЭТ' });
      expect(await isInitialized(deps.db)).toBe(true);
      const login = await c.call('auth.login', { login: 'admin', password: ADMIN.password });
      expect(login.status).toBe(200);
      const actions = await deps.db.selectFrom('audit_log').select('action').execute();
      expect(actions.map((a) => a.action)).toContain('setup.restore');
      expect(fs.readdirSync(path.dirname(deps.file!)).filter((f) => /^\.(upload|restoring)/.test(f))).toEqual([]);
    });
  } else {
    it('a journal on PostgreSQL is not restored from a file: refused in Russian, nothing changes', async () => {
      const e = await refused(new TestClient(deps).call('setup.restore', { fileName: 'a.sqlite', data: 'eA==' }));
      expect(e.message).toMatch(/pg_restore/);
      await nothingCreated();
    });
  }
});

describeWithPostgres('first run in the desktop app: connect to a PostgreSQL server', () => {
  // The desktop journal it leaves is a SQLite file.
  it('checks the address, then switches to the server and keeps the old journal on a refusal', async () => {
    const local = await freshDb('sqlite');
    const server = await freshDb('postgres');
    const seeded = await server.open();
    await seedInstitution(seeded);
    await seeded.close();
    const deps = makeDeps(await local.open());
    const switched: string[] = [];
    deps.switchDatabase = async (url) => {
      await deps.database.switchTo(url);
      switched.push(url);
    };
    try {
      const c = new TestClient(deps);
      expect((await c.call('setup.status', {})).connectUnavailable).toBeNull();
      const unreachable = await c.call('setup.checkDatabase', { url: 'postgres://journal@127.0.0.1:1/journal' });
      expect(unreachable.ok).toBe(false);
      expect(unreachable.message).toMatch(/[А-Яа-я]/);
      await refused(c.call('setup.connectDatabase', { url: 'postgres://journal@127.0.0.1:1/journal' }), 'bad_request');
      await refused(c.call('setup.checkDatabase', { url: 'sqlite:/tmp/x.sqlite' }), 'bad_request');
      expect(switched).toEqual([]);
      expect(deps.dialect).toBe('sqlite');

      const found = await c.call('setup.checkDatabase', { url: server.url });
      expect(found).toMatchObject({ ok: true, state: 'journal' });
      await c.call('setup.connectDatabase', { url: server.url });
      expect(switched).toEqual([server.url]);
      expect(deps.dialect).toBe('postgres');
      expect(await c.call('setup.status', {})).toMatchObject({ initialized: true, database: 'postgres' });
      await c.call('auth.login', { login: 'admin', password: ADMIN.password });
    } finally {
      await deps.database.close();
      await local.drop();
      await server.drop();
    }
  });
});

/** A journal with an institution and its administrator, as the bytes of a closed SQLite file. */
async function backupOfSeededJournal(): Promise<Buffer> {
  const source = await freshDb('sqlite');
  const h = await openDatabase(source.url);
  await seedInstitution(h);
  await h.close();
  const bytes = fs.readFileSync(source.url.slice('sqlite:'.length));
  await source.drop();
  return bytes;
}
