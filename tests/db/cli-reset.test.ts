// `npm run cli -- reset-password`: the way back in when the only administrator is locked out.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../../db/connect.js';
import { makeDeps, refused, TestClient } from '../support/harness.js';
import { ADMIN, seedInstitution } from '../support/institution.js';
import { cliArgs } from '../support/bin.js';

it('issues a one-time password from the command line and lifts the lockout, logged', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-cli-'));
  const file = path.join(dir, 'journal.sqlite');
  let handle = await openDatabase(`sqlite:${file}`);
  await seedInstitution(handle);
  const c = new TestClient(makeDeps(handle));
  for (let i = 0; i < 5; i++) await refused(c.call('auth.login', { login: 'admin', password: 'wrong-pass1' }));
  await refused(c.call('auth.login', { login: 'admin', password: ADMIN.password }), 'too_many');
  await handle.close();

  const run = (...args: string[]) =>
    execFileSync(process.execPath, [...cliArgs(), ...args, '--data', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const out = run('reset-password', '--db', file, '--login', 'ADMIN');
  const password = /одноразовый пароль (\S+)/.exec(out)?.[1];
  expect(password).toMatch(/^[a-z2-9]{10}$/);
  let error = '';
  try {
    run('reset-password', '--db', file, '--login', 'nobody');
  } catch (e) {
    error = String((e as { stderr: string }).stderr);
  }
  expect(error).toContain('Пользователь с логином «nobody» не найден');

  handle = await openDatabase(`sqlite:${file}`);
  const me = await new TestClient(makeDeps(handle)).call('auth.login', { login: 'admin', password: password! });
  expect(me.mustChangePassword).toBe(true);
  const row = await handle.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'users.password_reset')
    .executeTakeFirstOrThrow();
  expect(row.user_id).toBeNull();
  expect(JSON.parse(row.after!)).toEqual({ mustChangePassword: true, via: 'командная строка' });
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
