// The browser host faces the open Internet: TLS with HSTS and Secure cookies (its own or the trusted
// proxy's), bodies bounded by method, slow clients cut off, direct connections refused behind a proxy,
// /healthz, an access log without secrets, a graceful stop. Real sockets, a real certificate.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { freshDb, type FreshDb } from '../support/databases.js';
import { makeDeps } from '../support/harness.js';
import { ADMIN, seedInstitution } from '../support/institution.js';
import { hashPassword } from '../../db/passwords.js';
import { fakeRenderer, WebClient } from '../support/web.js';
import { makeCertificate } from '../support/serve-cluster.js';

let fresh: FreshDb;
let handle: JournalDb;
const rendererDir = fakeRenderer();
const hosts: WebHost[] = [];
const lines: string[] = [];

beforeAll(async () => {
  fresh = await freshDb('sqlite');
  handle = await fresh.open();
  await seedInstitution(handle);
});
afterAll(async () => {
  for (const h of hosts) await h.close();
  await handle.close();
  await fresh.drop();
});

async function host(options: Partial<Parameters<typeof startWebHost>[0]> = {}): Promise<WebHost> {
  const h = await startWebHost({
    deps: makeDeps(handle),
    rendererDir,
    log: { error: () => undefined },
    accessLog: (l) => lines.push(l),
    ...options,
  });
  hosts.push(h);
  return h;
}

function certificate(): { cert: Buffer; key: Buffer } {
  const { cert, key } = makeCertificate(fs.mkdtempSync(path.join(process.env.ZHURNAL_TEST_TMP ?? os.tmpdir(), 'tls-')));
  return { cert: fs.readFileSync(cert), key: fs.readFileSync(key) };
}

const login = (base: string, headers: Record<string, string> = {}) =>
  new WebClient(base).call('auth.login', { login: 'admin', password: ADMIN.password }, headers);

it('over its own TLS sends HSTS and a Secure cookie; over plain HTTP neither', async () => {
  const tls = await host({ tls: certificate() });
  expect(tls.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
  const res = await new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = https.request(
      new URL('api/auth.login', tls.url),
      { method: 'POST', rejectUnauthorized: false, headers: { 'Content-Type': 'application/json' } },
      (r) => {
        r.resume();
        resolve({ status: r.statusCode!, headers: r.headers });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ login: 'admin', password: ADMIN.password }));
  });
  expect(res.status).toBe(200);
  expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
  expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
  const plain = await login((await host()).url);
  expect(plain.headers.get('strict-transport-security')).toBeNull();
  expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/);
});

it('believes X-Forwarded-Proto only from a trusted proxy', async () => {
  const behind = await host({ trustProxy: ['127.0.0.1', '::1'] });
  const viaProxy = await login(behind.url, { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.9' });
  expect(viaProxy.headers.get('set-cookie')).toMatch(/; Secure/);
  expect(viaProxy.headers.get('strict-transport-security')).not.toBeNull();
  const forged = await login((await host()).url, { 'X-Forwarded-Proto': 'https' });
  expect(forged.headers.get('set-cookie')).not.toMatch(/Secure/);
  expect(lines.some((l) => l.includes(' 203.0.113.9 POST /api/auth.login 200 '))).toBe(true);
});

it('bounds bodies by method: a workbook may be large, nothing else', async () => {
  const h = await host();
  const big = JSON.stringify({ login: 'admin', password: 'x'.repeat(2 * 1024 * 1024) });
  const res = await fetch(new URL('api/auth.login', h.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: big,
  });
  expect(res.status).toBe(413);
  expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Слишком большой запрос');
  const file = await fetch(new URL('api/import.start', h.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ list: 'students', file: 'A'.repeat(5 * 1024 * 1024), dryRun: true, skipBad: false }),
  });
  // A stranger may not make the server buffer a workbook: without a session the small limit holds.
  expect(file.status).toBe(413);
  const restore = await fetch(new URL('api/setup.restore', h.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ fileName: 'x.sqlite', data: 'A'.repeat(5 * 1024 * 1024), setupCode: 'AAAA-BBBB-CCCC' }),
  });
  expect(restore.status).toBe(413); // a journal already set up takes no restored copy at all
  // A logged-in user's workbook is read in full and judged by its content, not its size.
  const admin = new WebClient(h.url);
  await admin.call('auth.login', { login: 'admin', password: ADMIN.password });
  const own = await admin.call('import.start', {
    list: 'students',
    file: 'A'.repeat(5 * 1024 * 1024),
    dryRun: true,
    skipBad: false,
  });
  expect(own.status).not.toBe(413);
  // A parent is logged in too, but may not import: the small limit holds for them.
  const at = new Date().toISOString();
  const parent = await handle.db
    .insertInto('users')
    .values({
      login: 'roditel',
      login_key: 'roditel',
      password_hash: await hashPassword('Roditel2026'),
      last_name: 'Петрова',
      first_name: 'Анна',
      active: 1,
      must_change_password: 0,
      failed_attempts: 0,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await handle.db.insertInto('user_roles').values({ user_id: parent.id, role: 'parent' }).execute();
  const family = new WebClient(h.url);
  expect((await family.call('auth.login', { login: 'roditel', password: 'Roditel2026' })).status).toBe(200);
  const theirs = await fetch(new URL('api/import.start', h.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: family.cookie! },
    body: JSON.stringify({ list: 'students', file: 'A'.repeat(5 * 1024 * 1024), dryRun: true, skipBad: false }),
  });
  expect(theirs.status).toBe(413);
});

it('cuts off a client that sends its headers or its body too slowly', async () => {
  const h = await host({ slowClientMs: 600 });
  const port = Number(new URL(h.url).port);
  const slow = async (text: string) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString();
    });
    socket.write(text);
    const started = Date.now();
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    return { answer, ms: Date.now() - started };
  };
  const headers = await slow('POST /api/auth.login HTTP/1.1\r\nHost: x\r\nContent-Type: appl');
  expect(headers.ms).toBeLessThan(5_000);
  expect(headers.answer).toMatch(/^HTTP\/1.1 408|^$/);
  const body = await slow(
    'POST /api/auth.login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"lo',
  );
  expect(body.ms).toBeLessThan(5_000);
  expect(body.answer).toMatch(/408/);
});

it('behind a proxy over plain HTTP refuses connections that bypass it', async () => {
  const outside = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal);
  if (!outside) return void console.warn('Нет сетевого адреса кроме 127.0.0.1: проверка прямого подключения пропущена');
  const h = await host({ host: '0.0.0.0', trustProxy: ['127.0.0.1'], proxyOnly: true });
  const port = new URL(h.url).port;
  const direct = await fetch(`http://${outside.address}:${port}/api/auth.me`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  expect(direct.status).toBe(403);
  expect(((await direct.json()) as { error: { message: string } }).error.message).toMatch(
    /Прямые подключения не принимаются/,
  );
  expect(
    (
      await fetch(new URL('api/auth.me', h.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      })
    ).status,
  ).toBe(200);
});

it('answers /healthz, and logs one line a request with no password, token or name', async () => {
  const h = await host({ health: () => ({ scheduler: 'standby' }) });
  const res = await fetch(new URL('healthz', h.url));
  expect(await res.json()).toEqual({ status: 'ok', database: 'ok', scheduler: 'standby' });
  lines.length = 0;
  const c = new WebClient(h.url);
  await c.call('auth.login', { login: 'admin', password: ADMIN.password });
  await c.call('home.summary', {});
  await (await fetch(new URL('/?token=secret', h.url))).text();
  await expect.poll(() => lines.length).toBe(3);
  expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z 127\.0\.0\.1 POST \/api\/home\.summary 200 [\d.]+ ms$/);
  const all = lines.join('\n');
  for (const secret of [ADMIN.password, c.cookie!.split('=')[1]!, 'secret', 'Петрова', 'admin'])
    expect(all).not.toContain(secret);
});

it('stops gracefully: no new connections, the request in flight is answered', async () => {
  const deps = { ...makeDeps(handle), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
  const h = await startWebHost({ deps, rendererDir, log: { error: () => undefined } });
  // answered after 400 ms
  const inFlight = new WebClient(h.url).call('auth.login', { login: 'admin', password: 'wrong' });
  await new Promise((r) => setTimeout(r, 100));
  const closing = h.close();
  await new Promise((r) => setTimeout(r, 50));
  await expect(fetch(new URL('healthz', h.url))).rejects.toThrow();
  expect((await inFlight).status).toBe(401);
  await closing;
});
