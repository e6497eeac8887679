// The browser host over real HTTP: contract listing, JSON in/out, cookies, and Russian 4xx errors.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { methodNames } from '../../electron/api/contract.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { freshDb, type FreshDb } from '../support/databases.js';
import { makeDeps } from '../support/harness.js';
import { ADMIN, seedInstitution } from '../support/institution.js';

let fresh: FreshDb;
let handle: JournalDb;
let host: WebHost;
let rendererDir: string;

beforeAll(async () => {
  fresh = await freshDb('sqlite');
  handle = await fresh.open();
  await seedInstitution(handle);
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Журнал</title>');
  host = await startWebHost({ deps: makeDeps(handle), rendererDir, log: { error: () => undefined } });
});
afterAll(async () => {
  await host.close();
  await handle.close();
  await fresh.drop();
});

const post = (method: string, body: string, headers: Record<string, string> = {}) =>
  fetch(new URL(`api/${method}`, host.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });

it('binds to 127.0.0.1 by default', () => {
  expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
});

it('lists every contract method with its roles and input JSON Schema', async () => {
  const res = await fetch(new URL('api/contract', host.url));
  expect(res.status).toBe(200);
  const list = (await res.json()) as Array<{
    method: string;
    access: string;
    roles: string[];
    input: { type?: string; properties?: object };
  }>;
  expect(list.map((m) => m.method).sort()).toEqual([...methodNames].sort());
  const login = list.find((m) => m.method === 'auth.login')!;
  expect(login.access).toBe('public');
  expect(login.input.type).toBe('object');
  expect(Object.keys(login.input.properties ?? {})).toEqual(['login', 'password']);
  expect(list.find((m) => m.method === 'years.list')!.roles).toContain('deputy');
});

it(
  'answers bad JSON, unknown methods, invalid input and a missing session with Russian 4xx, never a stack ' + 'trace',
  async () => {
    const cases: Array<[Response, number, RegExp]> = [
      [await post('auth.login', '{"login":'), 400, /Неверный JSON/],
      [await post('no.such', '{}'), 404, /Неизвестный метод/],
      [await post('auth.login', '{"login":"","password":"x"}'), 400, /Введите логин/],
      [await post('home.summary', '{}'), 401, /Войдите/],
      [await post('auth.login', 'login=admin', { 'Content-Type': 'application/x-www-form-urlencoded' }), 415, /JSON/],
      [await fetch(new URL('api/auth.login', host.url)), 405, /POST/],
      [
        await post('auth.login', JSON.stringify({ login: 'admin', password: ADMIN.password }), {
          Origin: 'http://evil.example',
        }),
        403,
        /чужого сайта/,
      ],
    ];
    for (const [res, status, message] of cases) {
      expect(res.status).toBe(status);
      const text = await res.text();
      expect(text).not.toMatch(/at .*\.ts:\d+|Error:/);
      expect(JSON.parse(text).error.message).toMatch(message);
    }
  },
);

it('keeps the session in an HttpOnly SameSite=Strict cookie', async () => {
  const res = await post('auth.login', JSON.stringify({ login: 'admin', password: ADMIN.password }));
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!;
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  const token = cookie.split(';')[0]!;
  const home = await post('home.summary', '{}', { Cookie: token });
  expect(home.status).toBe(200);
  expect(((await home.json()) as { ok: boolean }).ok).toBe(true);
  const out = await post('auth.logout', '{}', { Cookie: token });
  expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  expect((await post('home.summary', '{}', { Cookie: token })).status).toBe(401);
});

it('serves the renderer with a strict Content-Security-Policy and refuses path traversal', async () => {
  const res = await fetch(new URL('/', host.url));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  expect(await res.text()).toContain('<title>Журнал</title>');
  const sneaky = await fetch(new URL('/..%2f..%2f..%2fetc%2fpasswd', host.url));
  expect(await sneaky.text()).not.toContain('root:');
});

it('sends text assets compressed to a browser that takes it; hashed ones are kept a year', async () => {
  const script = `export const words = ${JSON.stringify(Array.from({ length: 4000 }, (_, i) => `слово ${i}`))};\n`;
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-AbC123.js'), script);
  fs.writeFileSync(path.join(rendererDir, 'icon.png'), Buffer.alloc(4096, 7));
  const get = (file: string, acceptEncoding?: string) =>
    new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.get(new URL(file, host.url), {
        headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {},
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
    });
  const plain = Buffer.from(script);

  const br = await get('/assets/index-AbC123.js', 'gzip, deflate, br');
  expect(br.headers['content-encoding']).toBe('br');
  expect(br.headers['vary']).toBe('Accept-Encoding');
  expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(Number(br.headers['content-length'])).toBe(br.body.length);
  expect(br.body.length).toBeLessThan(plain.length / 4);
  expect(zlib.brotliDecompressSync(br.body).equals(plain)).toBe(true);

  const gz = await get('/assets/index-AbC123.js', 'gzip;q=1.0, br;q=0');
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(zlib.gunzipSync(gz.body).equals(plain)).toBe(true);

  const none = await get('/assets/index-AbC123.js');
  expect(none.headers['content-encoding']).toBeUndefined();
  expect(none.body.equals(plain)).toBe(true);

  // A changed file is compressed anew, not served from what was kept.
  const changed = script.replace('слово 1', 'другое');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-AbC123.js'), changed);
  fs.utimesSync(path.join(rendererDir, 'assets', 'index-AbC123.js'), new Date(), new Date(Date.now() + 5000));
  const again = await get('/assets/index-AbC123.js', 'br');
  expect(zlib.brotliDecompressSync(again.body).toString()).toBe(changed);

  const image = await get('/icon.png', 'br, gzip');
  expect(image.headers['content-encoding']).toBeUndefined();
  expect(image.headers['cache-control']).toBe('public, max-age=3600');
  expect(image.body.length).toBe(4096);
  const page = await get('/', 'br');
  expect(page.headers['cache-control']).toBe('no-store');
});
