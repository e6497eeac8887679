// Main-process wiring with the `electron` module replaced by a double at that boundary only.
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { methodNames } from '../../electron/api/contract.js';
import { CHANNEL_PREFIX, registerIpc } from '../../electron/ipc.js';
import { freshDb, type FreshDb } from '../support/databases.js';
import { makeDeps } from '../support/harness.js';
import { ADMIN, seedInstitution } from '../support/institution.js';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn();
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      exposed[key] = value;
    },
  },
  ipcRenderer: { invoke: (...args: unknown[]) => invoke(...args) },
}));

let fresh: FreshDb;
let handle: JournalDb;
beforeAll(async () => {
  fresh = await freshDb('sqlite');
  handle = await fresh.open();
  await seedInstitution(handle);
});
afterAll(async () => {
  await handle.close();
  await fresh.drop();
});

it('the preload exposes one named function per contract method, grouped by domain, and nothing else', async () => {
  await import('../../electron/preload.js');
  const bridge = exposed.journal as Record<string, Record<string, (i: unknown) => unknown>>;
  const names = Object.entries(bridge).flatMap(([d, actions]) => Object.keys(actions).map((a) => `${d}.${a}`));
  expect(names.sort()).toEqual([...methodNames].sort());
  await bridge.auth!.login!({ login: 'x', password: 'y' });
  expect(invoke).toHaveBeenCalledWith(`${CHANNEL_PREFIX}auth.login`, { login: 'x', password: 'y' });
  const source = fs.readFileSync('electron/preload.ts', 'utf8');
  expect(source).not.toMatch(/ipcRenderer\.(send|on)\b|exposeInMainWorld\([^)]*ipcRenderer\)/);
});

it('registers every method, keeps a login per window and refuses untrusted senders', async () => {
  const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  registerIpc(
    {
      handle: (channel: string, fn: never) => {
        handlers.set(channel, fn);
      },
    } as never,
    () => makeDeps(handle),
    {
      isTrustedSender: (event) => (event as unknown as { trusted: boolean }).trusted,
      log: { error: () => undefined },
    },
  );
  expect([...handlers.keys()].sort()).toEqual(methodNames.map((m) => `${CHANNEL_PREFIX}${m}`).sort());
  const call = (sender: number, method: string, input: unknown, trusted = true) =>
    handlers.get(`${CHANNEL_PREFIX}${method}`)!({ trusted, sender: { id: sender } }, input) as Promise<{
      ok: boolean;
      error?: { code: string };
    }>;
  expect((await call(1, 'auth.login', { login: 'admin', password: ADMIN.password })).ok).toBe(true);
  expect((await call(1, 'home.summary', {})).ok).toBe(true);
  expect((await call(2, 'home.summary', {})).error?.code).toBe('unauthenticated');
  expect((await call(1, 'home.summary', {}, false)).error?.code).toBe('forbidden');
});

it(
  'the desktop window sets up an empty journal without a setup code (the code guards the browser host ' + 'only)',
  async () => {
    const empty = await freshDb('sqlite');
    const deps = makeDeps(await empty.open());
    const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
    registerIpc({ handle: (channel: string, fn: never) => handlers.set(channel, fn) } as never, () => deps, {
      isTrustedSender: () => true,
      log: { error: () => undefined },
    });
    const call = (method: string, input: unknown) =>
      handlers.get(`${CHANNEL_PREFIX}${method}`)!({ sender: { id: 1 } }, input) as Promise<{
        ok: boolean;
        value?: Record<string, unknown>;
        error?: { code: string };
      }>;
    try {
      expect((await call('setup.status', {})).value).toMatchObject({ initialized: false, codeRequired: false });
      const admin = {
        login: 'admin',
        lastName: 'Иванов',
        firstName: 'Иван',
        password: 'Parol2026',
        passwordRepeat: 'Parol2026',
      };
      const input = { fullName: 'Школа № 1', shortName: 'Школа № 1', kind: 'school', directorName: 'Х', admin };
      expect((await call('setup.initialize', input)).ok).toBe(true);
      expect((await call('auth.me', {})).value).toMatchObject({ login: 'admin' });
      expect((await call('setup.initialize', input)).error?.code).toBe('conflict');
    } finally {
      await deps.database.close();
      await empty.drop();
    }
  },
);
