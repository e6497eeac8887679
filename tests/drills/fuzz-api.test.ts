// Fuzz every contract method through the HTTP host with random and malformed input (fast-check,
// fixed seed, bounded runs): only typed 4xx answers in Russian, the server stays up, the database
// stays intact, and a refused call leaves no audit row behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import { methodNames } from '../../electron/api/contract.js';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { freshDb, type FreshDb } from '../support/databases.js';
import { loadFixtures, SMALL_DEMO, DEMO_TODAY, type Fixtures } from '../support/fixtures.js';
import { makeDeps } from '../support/harness.js';
import { rules } from '../db/access/rules/index.js';

const RUNS_PER_METHOD = Number(process.env.FUZZ_RUNS ?? 12);
/** Methods that write to the audit log even when they refuse (failed logins are logged on purpose). */
const AUDITS_REFUSALS = new Set(['auth.login', 'auth.unlock']);
/** Methods that end or change the caller's session: the fuzzer logs in again after them. */
const SESSION_CHANGING = new Set(['auth.logout', 'auth.lock', 'auth.login', 'setup.initialize', 'auth.unlock']);

let fresh: FreshDb;
let handle: JournalDb;
let host: WebHost;
let fx: Fixtures;
let cookie = '';
const serverErrors: string[] = [];

beforeAll(async () => {
  fresh = await freshDb('sqlite');
  handle = await fresh.open();
  await generateDemo(handle.db, SMALL_DEMO);
  fx = await loadFixtures(handle.db);
  const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-fuzz-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
  host = await startWebHost({
    deps: makeDeps(handle, { today: DEMO_TODAY }),
    rendererDir,
    log: { error: (m, e) => serverErrors.push(`${m}: ${String(e)}`) },
  });
  await loginAs('admin');
});
afterAll(async () => {
  await host.close();
  await handle.close();
  await fresh.drop();
});

async function loginAs(login: string): Promise<void> {
  const res = await post('auth.login', JSON.stringify({ login, password: 'demo12345' }), '');
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

function post(method: string, body: string, withCookie = cookie): Promise<Response> {
  return fetch(new URL(`api/${encodeURIComponent(method)}`, host.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(withCookie ? { Cookie: withCookie } : {}) },
    body,
  });
}

async function auditCount(): Promise<number> {
  const row = await handle.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Random input: anything at all, or a valid input with one field replaced by anything. */
function inputs(method: string): fc.Arbitrary<unknown> {
  const valid = rules[method]?.input(fx);
  const anything = fc.anything({ maxDepth: 3, withNullPrototype: false, withObjectString: true });
  if (!valid || typeof valid !== 'object' || Array.isArray(valid) || Object.keys(valid).length === 0) return anything;
  const keys = Object.keys(valid as object);
  const mutated = fc.tuple(fc.constantFrom(...keys), anything).map(([k, v]) => ({ ...(valid as object), [k]: v }));
  const dropped = fc.constantFrom(...keys).map((k) => {
    const copy: Record<string, unknown> = { ...(valid as object) };
    delete copy[k];
    return copy;
  });
  return fc.oneof(anything, mutated, dropped);
}

it("answers every method's random and malformed input with a typed 4xx in Russian, never a 5xx", async () => {
  let calls = 0;
  for (const method of methodNames) {
    await fc.assert(
      fc.asyncProperty(inputs(method), async (input) => {
        const before = await auditCount();
        let body: string;
        try {
          body = JSON.stringify(input) ?? 'null';
        } catch {
          body = '{}';
        }
        const res = await post(method, body);
        calls++;
        const json = (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
        const after = await auditCount();
        if (SESSION_CHANGING.has(method) || res.status === 401 || res.status === 423) await loginAs('admin');
        expect(res.status, `${method} ${body.slice(0, 200)} → ${JSON.stringify(json).slice(0, 300)}`).toBeLessThan(500);
        if (!json.ok) {
          expect(json.error!.message, method).toMatch(/[А-Яа-яЁё]/);
          expect(json.error!.message, method).not.toMatch(/\bat [\w.]+ \(|\.ts:\d+/);
          if (!AUDITS_REFUSALS.has(method))
            expect(after, `${method}: refused call wrote to the audit log`).toBe(before);
        }
      }),
      { seed: 20261125, numRuns: RUNS_PER_METHOD, endOnFailure: true },
    );
  }
  expect(calls).toBeGreaterThanOrEqual(methodNames.length * RUNS_PER_METHOD);
  expect(serverErrors).toEqual([]);
  const res = await fetch(new URL('api/contract', host.url));
  expect(res.status).toBe(200);
  expect(handle.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
});

it('refuses garbage bodies and odd method names without falling over', async () => {
  for (const [method, body] of [
    ['auth.login', '\u0000\u0001'],
    ['../../etc/passwd', '{}'],
    ['auth.login', '['.repeat(10_000)],
    ['%E0%A4%A', '{}'],
    ['', '{}'],
  ]) {
    const res = await post(method!, body!);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  }
  expect(serverErrors).toEqual([]);
});
