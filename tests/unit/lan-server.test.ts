// «Доступ через браузер» in the app: switching it on in the settings starts the same server inside the
// app (its addresses shown, a warning when plain HTTP), a change restarts it, a taken port is explained,
// a bad certificate is refused before anything is saved.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import type { ServiceDeps } from '../../electron/services/context.js';
import { LanServer } from '../../electron/web/lan-server.js';
import { freshDb, type FreshDb } from '../support/databases.js';
import { makeDeps, refused, TestClient } from '../support/harness.js';
import { ADMIN, seedInstitution } from '../support/institution.js';
import { fakeRenderer, WebClient } from '../support/web.js';
import { makeCertificate } from '../support/serve-cluster.js';

let fresh: FreshDb;
let handle: JournalDb;
let deps: ServiceDeps;
let lan: LanServer;
let admin: TestClient;
let port: number;

/** A server listening on a port the system chose (never one that is already taken), and that port. */
async function listening(server: http.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  // A port that was free a moment ago: the app's server is then started on it by the settings.
  const probe = http.createServer();
  port = await listening(probe);
  await new Promise((r) => probe.close(r));
  fresh = await freshDb('sqlite');
  handle = await fresh.open();
  await seedInstitution(handle);
  deps = makeDeps(handle);
  lan = new LanServer(deps, fakeRenderer(), { error: () => undefined });
  deps.webServer = lan;
  admin = await new TestClient(deps).login('admin', ADMIN.password);
});
afterAll(async () => {
  await lan.stop();
  await handle.close();
  await fresh.drop();
});

it('starts when switched on, shows where, and logs a browser in to the same journal', async () => {
  expect((await admin.call('settings.get', {})).web.status).toEqual({
    running: false,
    urls: [],
    secure: false,
    problem: null,
  });
  const view = await admin.call('settings.update', { web: { enabled: true, port } });
  expect(view.web.status).toMatchObject({ running: true, secure: false, problem: null });
  expect(view.web.status!.urls).toEqual([`http://127.0.0.1:${port}/`]);
  const browser = new WebClient(`http://127.0.0.1:${port}/`);
  expect((await browser.call('auth.login', { login: 'admin', password: ADMIN.password })).status).toBe(200);
  expect(await browser.loggedIn()).toBe(true);
});

it("restarts on the local network when told, listing this computer's addresses", async () => {
  const view = await admin.call('settings.update', { web: { lan: true } });
  const outside = Object.values(os.networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal);
  expect(view.web.status!.urls).toEqual([
    `http://127.0.0.1:${port}/`,
    ...outside.map((i) => `http://${i!.address}:${port}/`),
  ]);
  if (outside[0]) expect((await fetch(`http://${outside[0].address}:${port}/healthz`)).status).toBe(200);
  await admin.call('settings.update', { web: { lan: false } });
});

it('explains a taken port and refuses a certificate that cannot be read, saving nothing', async () => {
  const busy = http.createServer();
  const taken = await listening(busy);
  try {
    const view = await admin.call('settings.update', { web: { port: taken } });
    expect(view.web.status).toMatchObject({
      running: false,
      problem: `Порт ${taken} уже занят другой программой: укажите другой`,
    });
  } finally {
    busy.close();
  }
  const e = await refused(
    admin.call('settings.update', { web: { tlsCert: '/nowhere/cert.pem', tlsKey: '/nowhere/key.pem' } }),
    'bad_request',
  );
  expect(e.message).toBe('Не удаётся прочитать сертификат «/nowhere/cert.pem»: файл не найден');
  expect(deps.settings.get().web.tlsCert).toBe('');
  await refused(admin.call('settings.update', { web: { tlsCert: '/nowhere/cert.pem' } }), 'bad_request');
});

it('serves HTTPS with a certificate, and says the connection is secure', async () => {
  const dir = fs.mkdtempSync(path.join(process.env.ZHURNAL_TEST_TMP ?? os.tmpdir(), 'zhurnal-tls-'));
  const { cert, key } = makeCertificate(dir);
  const view = await admin.call('settings.update', { web: { port, tlsCert: cert, tlsKey: key } });
  expect(view.web.status).toMatchObject({ running: true, secure: true, urls: [`https://127.0.0.1:${port}/`] });
  await admin.call('settings.update', { web: { enabled: false } });
  expect(lan.status().running).toBe(false);
});
