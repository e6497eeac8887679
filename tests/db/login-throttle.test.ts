// Login on the open Internet, over real HTTP behind a trusted proxy that names the client's address:
// a stranger's wrong passwords refuse the stranger, never the owner from elsewhere; an address that
// sprays many accounts is refused; an account tried from many addresses admits only addresses it knows;
// a flood cannot grow the audit log without bound; headers from an untrusted peer are not believed; an
// unknown login answers as slowly as a known one. On both databases.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { manualClock } from '../../electron/services/clock.js';
import type { ServiceDeps } from '../../electron/services/context.js';
import { LOGIN_THROTTLE } from '../../electron/services/login-throttle.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { makeDeps, TestClient } from '../support/harness.js';
import { ADMIN, seedInstitution } from '../support/institution.js';
import { fakeRenderer, WebClient } from '../support/web.js';

describeEachDb('login throttling by address and by account', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let deps: ServiceDeps;
  let proxied: WebHost;
  const clock = manualClock(new Date('2026-11-25T09:00:00Z'));
  const rendererDir = fakeRenderer();
  const from = (address: string) => new WebClient(proxied.url, address);
  const wrong = (c: WebClient, login = 'admin') => c.call('auth.login', { login, password: 'neverright1' });
  const right = (c: WebClient) => c.call('auth.login', { login: 'admin', password: ADMIN.password });

  beforeEach(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await seedInstitution(handle);
    clock.set(new Date('2026-11-25T09:00:00Z'));
    deps = makeDeps(handle, { clock });
    // The proxy (this test) connects from loopback and says who the client is.
    proxied = await startWebHost({
      deps,
      rendererDir,
      trustProxy: ['127.0.0.1', '::1'],
      log: { error: () => undefined },
    });
  });
  afterEach(async () => {
    await proxied.close();
    await handle.close();
    await fresh.drop();
  });

  const audit = async (action: string) =>
    (await handle.db.selectFrom('audit_log').select('after').where('action', '=', action).execute()).length;

  it("refuses the stranger's address with 429 and Retry-After, and lets the owner in from another", async () => {
    const stranger = from('198.51.100.23');
    for (let i = 0; i < 4; i++) expect((await wrong(stranger)).status).toBe(401);
    const blocked = await wrong(stranger);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('900');
    expect(blocked.body.error!.message).toMatch(/Повторите через 15 мин/);
    expect((await right(stranger)).status).toBe(429); // even the right password, from there
    const owner = from('203.0.113.5');
    expect((await right(owner)).status).toBe(200);
    expect(await owner.loggedIn()).toBe(true);
    // The administrator sees the account as attacked and can clear it.
    const admin = await new TestClient(deps).login('admin', ADMIN.password);
    const row = (await admin.call('users.list', {})).rows.find((u) => u.login === 'admin')!;
    expect(row.lockedUntil).not.toBeNull();
    await admin.call('users.unlock', { id: row.id });
    expect((await right(stranger)).status).toBe(200);
  });

  it('refuses an address that tries many accounts, unknown logins included', async () => {
    const sprayer = from('192.0.2.77');
    for (let i = 0; i < LOGIN_THROTTLE.addressBlockAfter - 1; i++) {
      expect((await wrong(sprayer, `user${i}`)).status).toBe(401);
    }
    expect((await wrong(sprayer, 'admin')).status).toBe(429);
    expect((await right(sprayer)).status).toBe(429);
    expect((await right(from('192.0.2.78'))).status).toBe(200);
    clock.advance(16 * 60_000);
    expect((await right(sprayer)).status).toBe(200);
  });

  it('when an account is tried from many addresses, only the addresses it logged in from may try', async () => {
    expect((await right(from('203.0.113.5'))).status).toBe(200); // the owner's usual address
    for (let i = 0; i < LOGIN_THROTTLE.accountGuardAfter; i++) {
      expect((await wrong(from(`10.9.${i >> 8}.${i & 255}`))).status).toBe(401);
    }
    const fresh = await right(from('10.200.0.1'));
    expect(fresh.status).toBe(429);
    expect(fresh.body.error!.message).toMatch(/вход с новых адресов временно закрыт/);
    expect((await right(from('203.0.113.5'))).status).toBe(200);
  });

  it('keeps the audit log bounded under a flood: a row per account and address, then one note per window', async () => {
    const saved = LOGIN_THROTTLE.auditPerWindow;
    LOGIN_THROTTLE.auditPerWindow = 12;
    try {
      for (let i = 0; i < 30; i++) await wrong(from(`172.16.0.${i}`), `ghost${i}`);
      const one = from('172.16.1.1');
      for (let i = 0; i < 4; i++) await wrong(one, 'admin');
      expect(await audit('auth.login_failed')).toBe(12);
      expect(await audit('auth.login_flood')).toBe(1);
      clock.advance(31 * 60_000);
      await wrong(from('172.16.2.1'), 'ghost');
      expect(await audit('auth.login_failed')).toBe(13);
    } finally {
      LOGIN_THROTTLE.auditPerWindow = saved;
    }
    const counts = await handle.db
      .selectFrom('login_throttle')
      .select(['key', 'failures'])
      .where('key', '=', 'pair:admin@172.16.1.1')
      .execute();
    expect(counts).toEqual([]); // long past its window: pruned when a new window began
  });

  it('does not believe X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const direct = await startWebHost({ deps, rendererDir, log: { error: () => undefined } });
    try {
      for (let i = 0; i < 4; i++) expect((await wrong(new WebClient(direct.url, `198.18.0.${i}`))).status).toBe(401);
      // Five different claimed addresses, one real one: the fifth failure refuses it.
      expect((await wrong(new WebClient(direct.url, '198.18.0.99'))).status).toBe(429);
      expect((await right(new WebClient(direct.url, '198.18.1.1'))).status).toBe(429);
      expect((await right(from('198.18.1.1'))).status).toBe(200);
    } finally {
      await direct.close();
    }
  });
});

describeEachDb('login timing', (kind) => {
  it('answers an unknown login as slowly as a known one with a wrong password (within 20 %)', async () => {
    const fresh = await freshDb(kind);
    const handle = await fresh.open();
    await seedInstitution(handle);
    const deps = { ...makeDeps(handle), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
    const host = await startWebHost({
      deps,
      rendererDir: fakeRenderer(),
      trustProxy: ['127.0.0.1', '::1'],
      log: { error: () => undefined },
    });
    try {
      const time = async (login: string, i: number) => {
        const started = performance.now();
        const r = await new WebClient(host.url, `100.64.${login.length}.${i}`).call('auth.login', {
          login,
          password: 'Wrong2026x',
        });
        expect(r.status).toBe(401);
        return performance.now() - started;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      // In pairs, a known and an unknown login at once: both see the same load, and the run takes half as long.
      for (let i = 0; i < 10; i++) {
        const [k, u] = await Promise.all([time('admin', i), time('nosuchuser', i)]);
        known.push(k);
        unknown.push(u);
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
      const [k, u] = [median(known), median(unknown)];
      expect(Math.abs(k - u) / Math.max(k, u)).toBeLessThan(0.2);
      expect(Math.min(k, u)).toBeGreaterThanOrEqual(LOGIN_THROTTLE.failureFloorMs - 5);
    } finally {
      await host.close();
      await handle.close();
      await fresh.drop();
    }
  });
});
