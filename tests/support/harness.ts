// Call services the way the hosts do — through dispatch, with a session per caller — on a real database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JournalDb } from '../../db/connect.js';
import type { Input, MethodName, Output } from '../../electron/api/contract.js';
import { AppError } from '../../electron/api/errors.js';
import { fixedDateClock, type Clock } from '../../electron/services/clock.js';
import type { ServiceDeps, SessionHost } from '../../electron/services/context.js';
import { dispatch } from '../../electron/api/dispatch.js';
import { DatabaseHolder, depsOver } from '../../electron/services/holder.js';
import { JobRegistry } from '../../electron/services/jobs.js';
import { appPaths } from '../../electron/services/paths.js';
import { memorySettings } from '../../electron/services/settings.js';

/** Service dependencies over a database; `deps.database.current` is the live handle after a restore. */
export function makeDeps(
  handle: JournalDb,
  options: { today?: string; clock?: Clock; userData?: string } = {},
): ServiceDeps {
  const userData =
    options.userData ?? fs.mkdtempSync(path.join(process.env.ZHURNAL_TEST_TMP ?? os.tmpdir(), 'zhurnal-home-'));
  return depsOver(new DatabaseHolder(handle), {
    clock: options.clock ?? fixedDateClock(options.today ?? '2026-11-25'),
    settings: memorySettings(),
    paths: appPaths(userData),
    jobs: new JobRegistry(),
    // Failed logins are answered at once here; the real wait is tested through the web host.
    sleep: async () => undefined,
  });
}

export class MemorySessionHost implements SessionHost {
  private user: number | null = null;
  private isLocked = false;
  /** The caller's address as the login throttle sees it. */
  address = 'local';
  clientAddress() {
    return this.address;
  }
  userId() {
    return this.user;
  }
  locked() {
    return this.isLocked;
  }
  begin(userId: number) {
    this.user = userId;
    this.isLocked = false;
  }
  end() {
    this.user = null;
    this.isLocked = false;
  }
  setLocked(locked: boolean) {
    this.isLocked = locked;
  }
}

/** One caller with its own session: `await c.call('home.summary', {})` returns the value or throws AppError. */
export class TestClient {
  readonly host = new MemorySessionHost();
  constructor(readonly deps: ServiceDeps) {}

  async call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
    const result = await dispatch(this.deps, this.host, method, input, { error: () => undefined });
    if (!result.ok)
      throw new AppError(result.error.code, result.error.message, result.error.fields, result.error.details);
    return result.value as Output<M>;
  }

  /** Call a method by an arbitrary name with arbitrary input (for fuzzing and the access matrix). */
  async raw(method: string, input: unknown) {
    return dispatch(this.deps, this.host, method, input, { error: () => undefined });
  }

  async login(login: string, password = 'demo12345'): Promise<this> {
    await this.call('auth.login', { login, password });
    return this;
  }
}

export async function clientAs(deps: ServiceDeps, login: string, password = 'demo12345'): Promise<TestClient> {
  return new TestClient(deps).login(login, password);
}

/** Expect a call to fail with a given error code; returns the error for further checks. */
export async function refused(promise: Promise<unknown>, code?: string): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (code && error.code !== code) throw new Error(`expected ${code}, got ${error.code}: ${error.message}`);
    return error;
  }
  throw new Error(`expected the call to be refused${code ? ` with ${code}` : ''}, but it succeeded`);
}
