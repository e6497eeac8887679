import { afterEach, beforeEach, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { manualClock } from '../../electron/services/clock.js';
import type { ServiceDeps } from '../../electron/services/context.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { makeDeps, refused, TestClient } from '../support/harness.js';
import { ADMIN, seedInstitution } from '../support/institution.js';

describeEachDb('login, lockout, password change, idle lock', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let deps: ServiceDeps;
  const clock = manualClock(new Date('2026-11-25T09:00:00Z'));
  beforeEach(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    clock.set(new Date('2026-11-25T09:00:00Z'));
    deps = { ...makeDeps(handle), clock };
  });
  afterEach(async () => {
    await handle.close();
    await fresh.drop();
  });

  const auditActions = async () =>
    (await handle.db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((r) => r.action);

  // The first run (create, connect, restore, the setup code) is tested in tests/db/first-run.test.ts.

  it('logs in case-insensitively and writes the login to the audit log', async () => {
    await seedInstitution(handle);
    const c = new TestClient(deps);
    const me = await c.call('auth.login', { login: 'ADMIN', password: ADMIN.password });
    expect(me.fullName).toBe('Петрова Анна Сергеевна');
    expect((await c.call('auth.me', {}))?.userId).toBe(me.userId);
    // «Today» for the screens is the server's clock's date.
    expect(me.today).toBe(deps.clock.today());
    expect(await auditActions()).toContain('auth.login');
  });

  it('answers a wrong password or unknown login with one Russian message and logs the failure', async () => {
    await seedInstitution(handle);
    const c = new TestClient(deps);
    const e1 = await refused(c.call('auth.login', { login: 'admin', password: 'wrong' }), 'unauthenticated');
    const e2 = await refused(c.call('auth.login', { login: 'nobody', password: 'wrong' }), 'unauthenticated');
    expect(e1.message).toBe('Неверный логин или пароль');
    expect(e2.message).toBe(e1.message);
    expect((await auditActions()).filter((a) => a === 'auth.login_failed')).toHaveLength(2);
    expect(await c.call('auth.me', {})).toBeNull();
  });

  it(
    'after 5 wrong passwords refuses that address for 15 minutes, even the right one, but not the owner ' + 'elsewhere',
    async () => {
      await seedInstitution(handle);
      const c = new TestClient(deps);
      for (let i = 0; i < 4; i++)
        await refused(c.call('auth.login', { login: 'admin', password: 'bad' }), 'unauthenticated');
      const lock = await refused(c.call('auth.login', { login: 'admin', password: 'bad' }), 'too_many');
      expect(lock.message).toMatch(/Слишком много неверных попыток входа с этого адреса. Повторите через 15 мин/);
      expect(lock.details).toEqual({ retryAfterSeconds: 900 });
      await refused(c.call('auth.login', { login: 'admin', password: ADMIN.password }), 'too_many');
      expect(await auditActions()).toContain('auth.lockout');
      const elsewhere = new TestClient(deps);
      elsewhere.host.address = '203.0.113.7';
      await elsewhere.call('auth.login', { login: 'admin', password: ADMIN.password });
      clock.advance(14 * 60_000);
      await refused(c.call('auth.login', { login: 'admin', password: ADMIN.password }), 'too_many');
      clock.advance(2 * 60_000);
      await c.call('auth.login', { login: 'admin', password: ADMIN.password });
    },
  );

  it('requires a new password before anything else when one was issued', async () => {
    await seedInstitution(handle, { mustChange: true });
    const c = new TestClient(deps);
    const me = await c.call('auth.login', { login: 'admin', password: ADMIN.password });
    expect(me.mustChangePassword).toBe(true);
    const gate = await refused(c.call('home.summary', {}), 'password_change');
    expect(gate.message).toMatch(/Смените пароль/);
    const weak = await refused(c.call('auth.changePassword', { current: ADMIN.password, next: 'abc' }), 'bad_request');
    expect(weak.message).toMatch(/не короче 8 символов/);
    await refused(c.call('auth.changePassword', { current: 'wrong', next: 'NewParol2026' }), 'bad_request');
    const after = await c.call('auth.changePassword', { current: ADMIN.password, next: 'NewParol2026' });
    expect(after.mustChangePassword).toBe(false);
    await c.call('home.summary', {});
    await new TestClient(deps).call('auth.login', { login: 'admin', password: 'NewParol2026' });
    expect(await auditActions()).toContain('auth.password_changed');
  });

  it('idle-locks the window until the same password is typed, keeping the session', async () => {
    await seedInstitution(handle);
    const c = new TestClient(deps);
    await c.call('auth.login', { login: 'admin', password: ADMIN.password });
    await c.call('auth.lock', {});
    expect((await c.call('auth.me', {}))?.locked).toBe(true);
    await refused(c.call('home.summary', {}), 'locked');
    await refused(c.call('auth.unlock', { password: 'wrong' }), 'unauthenticated');
    await c.call('auth.unlock', { password: ADMIN.password });
    await c.call('home.summary', {});
  });

  it('ends the session at logout and for a deactivated account at once', async () => {
    const adminId = await seedInstitution(handle);
    const c = new TestClient(deps);
    await c.call('auth.login', { login: 'admin', password: ADMIN.password });
    await handle.db.updateTable('users').set({ active: 0 }).where('id', '=', adminId).execute();
    await refused(c.call('home.summary', {}), 'unauthenticated');
    await handle.db.updateTable('users').set({ active: 1 }).where('id', '=', adminId).execute();
    await c.call('auth.login', { login: 'admin', password: ADMIN.password });
    await c.call('auth.logout', {});
    await refused(c.call('home.summary', {}), 'unauthenticated');
  });
});

it('refuses malformed input to any method with a typed error and no crash', async () => {
  const fresh = await freshDb('sqlite');
  const handle = await fresh.open();
  const c = new TestClient(makeDeps(handle));
  for (const input of [null, 42, 'x', [], { login: 5 }, { login: 'a'.repeat(500), password: 'x' }]) {
    const r = await c.raw('auth.login', input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['bad_request', 'unauthenticated']).toContain(r.error.code);
  }
  const unknown = await c.raw('journal.dropEverything', {});
  expect(unknown).toEqual({
    ok: false,
    error: { code: 'not_found', message: 'Неизвестный метод «journal.dropEverything»' },
  });
  await handle.close();
  await fresh.drop();
});
