// The online drill with real parts: two `serve` processes on one PostgreSQL behind nginx from Debian
// (build/deploy/nginx-zhurnal.conf) with a certificate made by openssl here. A login through one process
// is valid on the other; kill -9 of one: the other keeps serving and nobody is logged out; restarted:
// still logged in; exactly one process runs the scheduler and the other takes over when it dies.
// Throttling through the proxy's header: clients come from different loopback addresses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, pgUrl, type FreshDb } from '../support/databases.js';
import { ADMIN, seedInstitution } from '../support/institution.js';
import {
  cookieOf,
  destroyAgents,
  makeCertificate,
  nginxMissing,
  request,
  startNginx,
  startServe,
  type Nginx,
  type ServeProcess,
} from '../support/serve-cluster.js';

const skip = nginxMissing() ?? (pgUrl() ? null : 'PostgreSQL недоступен: проверка двух серверов пропущена');
if (skip && process.env.ZHURNAL_CI) throw new Error(`ZHURNAL_CI: ${skip}`);
if (skip) console.warn(`⚠ ${skip}`);

describe.skipIf(skip !== null)('two serve processes on one PostgreSQL behind nginx with TLS', () => {
  let fresh: FreshDb;
  let dir: string;
  let nginx: Nginx;
  const procs: ServeProcess[] = [];
  const base = 21_000 + Math.floor(Math.random() * 20_000);
  const ports = [base, base + 1];
  const env = { ZHURNAL_LEASE_TTL_MS: '1500' };

  const serve = (port: number) =>
    startServe({
      db: fresh.url,
      port,
      dataDir: dir,
      env,
      args: ['--trust-proxy', '127.0.0.1', '--quiet', '--today', '2026-11-25'],
    });
  const role = async (p: ServeProcess) => (await request(`${p.url}healthz`)).json<{ scheduler: string }>().scheduler;
  const roles = async () =>
    Promise.all(procs.map((p) => (p.child.exitCode === null && p.child.signalCode === null ? role(p) : 'dead')));
  const viaNginx = (method: string, body: unknown, cookie: string | null, from = '127.0.0.1') =>
    request(`${nginx.url}api/${method}`, { body, cookie, from });
  const until = async (check: () => Promise<boolean>, ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return check();
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(process.env.ZHURNAL_TEST_TMP ?? os.tmpdir(), 'zhurnal-cluster-'));
    fresh = await freshDb('postgres');
    const handle = await fresh.open();
    await seedInstitution(handle);
    await handle.close();
    procs.push(await serve(ports[0]!), await serve(ports[1]!));
    const { cert, key } = makeCertificate(dir);
    nginx = await startNginx({ dir, port: base + 2, upstreams: ports, cert, key });
  }, 120_000);

  afterAll(async () => {
    destroyAgents();
    await nginx?.stop();
    for (const p of procs) if (p.child.exitCode === null) await p.stop();
    await fresh?.drop();
  });

  it('serves over HTTPS through nginx with HSTS and a Secure cookie valid on both processes', async () => {
    const login = await viaNginx('auth.login', { login: 'admin', password: ADMIN.password }, null);
    expect(login.status).toBe(200);
    expect(login.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(login.headers['set-cookie']![0]).toMatch(/; Secure/);
    const cookie = cookieOf(login)!;
    for (const p of procs) {
      const me = await request(`${p.url}api/auth.me`, { body: {}, cookie });
      expect(me.json().value).toMatchObject({ login: 'admin' });
    }
    for (let i = 0; i < 6; i++) expect((await viaNginx('home.summary', {}, cookie)).status).toBe(200);
  });

  it(
    'runs the scheduler in exactly one process; kill -9 of it: the other serves, takes over, nobody logged ' + 'out',
    async () => {
      const cookie = cookieOf(await viaNginx('auth.login', { login: 'admin', password: ADMIN.password }, null))!;
      expect(await until(async () => (await roles()).sort().join() === 'active,standby', 5_000)).toBe(true);
      const active = (await roles()).indexOf('active');
      const victim = procs[active]!;
      await victim.kill9();
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await viaNginx('home.summary', {}, cookie)).status);
      expect(statuses).toEqual(Array(10).fill(200));
      const survivor = procs[1 - active]!;
      expect(await until(async () => (await role(survivor)) === 'active', 6_000)).toBe(true);

      procs[active] = await serve(victim.port);
      expect((await request(`${procs[active]!.url}api/auth.me`, { body: {}, cookie })).json().value).toMatchObject({
        login: 'admin',
      });
      for (let i = 0; i < 6; i++) expect((await viaNginx('home.summary', {}, cookie)).status).toBe(200);
      expect(await until(async () => (await roles()).sort().join() === 'active,standby', 5_000)).toBe(true);
      expect(await role(survivor)).toBe('active'); // the lease stays where it is; the newcomer waits

      // A graceful stop hands the lease over at once, without waiting for it to run out.
      const code = await survivor.stop();
      expect(code).toBe(0);
      expect(survivor.output()).toMatch(/Сервер остановлен/);
      expect(await until(async () => (await role(procs[active]!)) === 'active', 1_000)).toBe(true);
      procs[1 - active] = await serve(survivor.port);
    },
  );

  it("throttles by the address nginx saw: a stranger's wrong passwords do not stop the owner", async () => {
    const stranger = '127.0.0.2';
    const owner = '127.0.0.3';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await viaNginx('auth.login', { login: 'admin', password: 'Wrong2026x' }, null, stranger)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const refused = await viaNginx('auth.login', { login: 'admin', password: ADMIN.password }, null, stranger);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
    expect((await viaNginx('auth.login', { login: 'admin', password: ADMIN.password }, null, owner)).status).toBe(200);
    // A forged X-Forwarded-For is replaced by nginx: it cannot pick an address to dodge the block.
    const forged = await request(`${nginx.url}api/auth.login`, {
      body: { login: 'admin', password: ADMIN.password },
      from: stranger,
      headers: { 'X-Forwarded-For': '203.0.113.50' },
    });
    expect(forged.status).toBe(429);
  });

  it('answers an unknown login as slowly as a known one, through nginx (within 20 %)', async () => {
    const time = async (login: string, i: number) => {
      const started = performance.now();
      const r = await viaNginx('auth.login', { login, password: 'Wrong2026x' }, null, `127.0.1.${i}`);
      expect(r.status).toBe(401);
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    // In pairs, a known and an unknown login at once: both see the same load, and the run takes half as long.
    for (let i = 1; i <= 10; i++) {
      const [k, u] = await Promise.all([time('admin', i), time('nobody.here', i + 10)]);
      known.push(k);
      unknown.push(u);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    expect(Math.abs(median(known) - median(unknown)) / Math.max(median(known), median(unknown))).toBeLessThan(0.2);
  });
});
