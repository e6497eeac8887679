// Walks every contract method × every role, with in-scope and out-of-scope targets, and asserts
// allowed or refused. Fails when a method is added to the contract without a rule.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../../db/connect.js';
import { generateDemo } from '../../../db/demo/index.js';
import { methodNames } from '../../../electron/api/contract.js';
import type { ErrorCode } from '../../../electron/api/errors.js';
import { describeEachDb, freshDb, type FreshDb } from '../../support/databases.js';
import {
  DEMO_LOGIN_NAMES,
  DEMO_TODAY,
  loadFixtures,
  SMALL_DEMO,
  type DemoLogin,
  type Fixtures,
} from '../../support/fixtures.js';
import { makeDeps, TestClient } from '../../support/harness.js';
import { rules } from './rules/index.js';

const REFUSED: ErrorCode[] = ['forbidden', 'unauthenticated', 'password_change'];

it('has a rule for every contract method and no rule for a method that does not exist', () => {
  expect(Object.keys(rules).sort()).toEqual([...methodNames].sort());
});

describeEachDb('access matrix', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let fx: Fixtures;
  const clients = new Map<DemoLogin, TestClient>();

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await generateDemo(handle.db, SMALL_DEMO);
    fx = await loadFixtures(handle.db);
    const deps = makeDeps(handle, { today: DEMO_TODAY });
    for (const login of DEMO_LOGIN_NAMES) clients.set(login, await new TestClient(deps).login(login));
  });
  afterAll(async () => {
    await handle.close();
    await fresh.drop();
  });

  /** Call as a demo user; put the session back if the call ended, locked or switched it. */
  async function callAs(login: DemoLogin, method: string, input: unknown) {
    const client = clients.get(login)!;
    const result = await client.raw(method, input);
    if (client.host.userId() !== fx.userIds[login] || client.host.locked()) await client.login(login);
    return result;
  }

  for (const method of methodNames) {
    it(method, async () => {
      const rule = rules[method];
      expect(rule, `нет правила доступа для ${method}`).toBeDefined();
      for (const login of DEMO_LOGIN_NAMES) {
        const result = await callAs(login, method, rule!.input(fx));
        const allowed = rule!.allowed === 'everyone' || rule!.allowed.includes(login);
        const code = result.ok ? null : result.error.code;
        if (allowed) {
          // Allowed means served: refused or a crash («internal») are both failures.
          expect(
            code !== null && [...REFUSED, 'internal'].includes(code),
            `${login} должен иметь доступ к ${method}: ` +
              `${result.ok ? '' : `${result.error.code} ${result.error.message}`}`,
          ).toBe(false);
        } else {
          expect(code, `${login} не должен иметь доступа к ${method}`).toBe('forbidden');
        }
      }
      for (const probe of rule!.outOfScope ?? []) {
        const result = await callAs(probe.as, method, probe.input(fx));
        expect(
          result.ok ? null : result.error.code,
          `${probe.as}: ${method} вне своей области должен быть запрещён`,
        ).toBe('forbidden');
      }
    });
  }
});
