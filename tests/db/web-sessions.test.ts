// Browser sessions live in the database: they survive a restart of the host, are valid on a second
// host of the same database, expire when idle or old, and end at logout and when the user's password,
// roles or state change. Over real HTTP, on both databases.
import fs from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type JournalDb } from '../../db/connect.js';
import { manualClock } from '../../electron/services/clock.js';
import type { ServiceDeps } from '../../electron/services/context.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { makeDeps, TestClient } from '../support/harness.js';
import { ADMIN, seedInstitution } from '../support/institution.js';
import { fakeRenderer, WebClient } from '../support/web.js';

describeEachDb('browser sessions in the database', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let deps: ServiceDeps;
  const hosts: WebHost[] = [];
  const handles: JournalDb[] = [];
  const clock = manualClock(new Date('2026-11-25T09:00:00Z'));
  const rendererDir = fakeRenderer();

  beforeEach(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await seedInstitution(handle);
    clock.set(new Date('2026-11-25T09:00:00Z'));
    deps = makeDeps(handle, { clock });
  });
  afterEach(async () => {
    for (const h of hosts.splice(0)) await h.close();
    for (const h of handles.splice(0)) await h.close();
    await handle.close();
    await fresh.drop();
  });

  async function host(over: ServiceDeps = deps): Promise<WebHost> {
    const h = await startWebHost({ deps: over, rendererDir, log: { error: () => undefined } });
    hosts.push(h);
    return h;
  }

  async function adminAt(h: WebHost): Promise<WebClient> {
    const c = new WebClient(h.url);
    expect((await c.call('auth.login', { login: 'admin', password: ADMIN.password })).status).toBe(200);
    return c;
  }

  /** A second user with a password of their own (changed from the one-time one). */
  async function teacher(): Promise<{ id: number; password: string }> {
    const admin = await new TestClient(deps).login('admin', ADMIN.password);
    const made = await admin.call('users.create', {
      login: 'ivanova',
      lastName: 'Иванова',
      firstName: 'Мария',
      roles: [{ role: 'teacher' }],
    });
    const t = await new TestClient(deps).login('ivanova', made.oneTimePassword);
    await t.call('auth.changePassword', { current: made.oneTimePassword, next: 'Uchitel2026' });
    return { id: made.user.id, password: 'Uchitel2026' };
  }

  it('survives a restart of the host and is valid on a second host of the same database', async () => {
    const first = await host();
    const c = await adminAt(first);
    const token = c.cookie!.split('=')[1]!;
    const second = await host({ ...makeDeps(await openAgain(), { clock }) });
    await first.close();
    hosts.splice(hosts.indexOf(first), 1);
    c.base = second.url;
    expect(await c.loggedIn()).toBe(true);
    expect((await c.call('home.summary')).status).toBe(200);
    // Only the token's hash is stored: a copy of the database logs nobody in.
    const stored = await handle.db.selectFrom('web_sessions').select('token_hash').execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(token);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    if (kind === 'sqlite') {
      await handle.db.selectFrom('users').select('id').execute(); // the WAL is read; now look at the file itself
      for (const file of [fresh.url.slice('sqlite:'.length), `${fresh.url.slice('sqlite:'.length)}-wal`]) {
        if (fs.existsSync(file)) expect(fs.readFileSync(file).includes(Buffer.from(token))).toBe(false);
      }
    }
  });

  it('ends after 12 idle hours and 14 days after the login, and clears the cookie', async () => {
    const h = await host();
    const c = await adminAt(h);
    clock.advance(11 * 3_600_000);
    expect(await c.loggedIn()).toBe(true);
    clock.advance(12 * 3_600_000 + 60_000);
    const gone = await c.call('home.summary');
    expect(gone.status).toBe(401);
    expect(gone.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    const d = await adminAt(h);
    const hour = 3_600_000;
    let elapsed = 0;
    while (elapsed + 11 * hour < 14 * 24 * hour) {
      clock.advance(11 * hour);
      elapsed += 11 * hour;
      expect(await d.loggedIn()).toBe(true);
    }
    clock.advance(14 * 24 * hour - elapsed + 60_000);
    expect(await d.loggedIn()).toBe(false);
    expect(await handle.db.selectFrom('web_sessions').select('token_hash').execute()).toHaveLength(0);
  });

  it('ends at logout, and for the user when their password, roles or state change', async () => {
    const t = await teacher();
    const h = await host();
    const login = async () => {
      const c = new WebClient(h.url);
      expect((await c.call('auth.login', { login: 'ivanova', password: t.password })).status).toBe(200);
      return c;
    };
    const admin = await new TestClient(deps).login('admin', ADMIN.password);
    const version = async () => (await admin.call('users.get', { id: t.id })).version;

    const [a, b] = [await login(), await login()];
    expect((await a.call('auth.logout')).headers.get('clear-site-data')).toBe('"cache", "storage"');
    expect(await a.loggedIn()).toBe(false);
    expect(await b.loggedIn()).toBe(true);

    // A password change keeps the window it was made in and logs out every other.
    const c = await login();
    expect((await b.call('auth.changePassword', { current: t.password, next: 'Novyi2026parol' })).status).toBe(200);
    expect(await b.loggedIn()).toBe(true);
    expect(await c.loggedIn()).toBe(false);
    t.password = 'Novyi2026parol';

    await admin.call('users.setRoles', {
      id: t.id,
      version: await version(),
      roles: [{ role: 'teacher' }, { role: 'deputy' }],
    });
    expect(await b.loggedIn()).toBe(false);

    const d = await login();
    await admin.call('users.setActive', { id: t.id, version: await version(), active: false });
    expect(await d.loggedIn()).toBe(false);
    await admin.call('users.setActive', { id: t.id, version: await version(), active: true });

    const e = await login();
    await admin.call('users.resetPassword', { id: t.id });
    expect(await e.loggedIn()).toBe(false);
    expect(
      await handle.db.selectFrom('web_sessions').select('token_hash').where('user_id', '=', t.id).execute(),
    ).toHaveLength(0);
  });

  it('reads the session, its user and roles with every call, in one round trip on PostgreSQL', async () => {
    const t = await teacher();
    const statements: string[] = [];
    const watched = await openDatabase(fresh.url, { onQuery: (q) => statements.push(q.sql) });
    handles.push(watched);
    const h = await host(makeDeps(watched, { clock }));
    const c = new WebClient(h.url);
    expect((await c.call('auth.login', { login: 'ivanova', password: t.password })).status).toBe(200);

    statements.length = 0;
    const me = await c.call('auth.me');
    expect((me.body.value as { roles: Array<{ role: string }> }).roles.map((r) => r.role)).toEqual(['teacher']);
    // auth.me itself reads the institution; the session costs one statement on PostgreSQL, three kept ones on SQLite.
    expect(statements.filter((q) => !/"institution"/.test(q))).toHaveLength(kind === 'postgres' ? 1 : 3);

    // Changed behind the program's back (another process, a fix by hand): the very next call sees it.
    await handle.db.insertInto('user_roles').values({ user_id: t.id, role: 'deputy' }).execute();
    expect(
      ((await c.call('auth.me')).body.value as { roles: Array<{ role: string }> }).roles.map((r) => r.role),
    ).toEqual(['teacher', 'deputy']);
    await handle.db.updateTable('users').set({ active: 0 }).where('id', '=', t.id).execute();
    const refused = await c.call('journal.list', {});
    expect(refused.body.error?.code).toBe('unauthenticated');
    expect(c.cookie).toBeNull();
    expect(
      await handle.db.selectFrom('web_sessions').select('token_hash').where('user_id', '=', t.id).execute(),
    ).toHaveLength(0);
  });

  async function openAgain(): Promise<JournalDb> {
    const again = await fresh.open();
    handles.push(again);
    return again;
  }
});
