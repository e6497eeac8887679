// `cli serve` on an empty journal prints a one-time setup code, and the first run over HTTP needs it;
// started again on the journal it set up, it prints none and refuses the first run. Real processes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { startServe, type ServeProcess } from '../support/serve-cluster.js';
import { WebClient } from '../support/web.js';

const COLLEGE = {
  fullName: 'ГБПОУ «Технический колледж № 3»',
  shortName: 'ТК № 3',
  kind: 'college',
  directorName: 'Соколова Елена Сергеевна',
  admin: { login: 'admin', lastName: 'Иванов', firstName: 'Иван', password: 'Parol2026', passwordRepeat: 'Parol2026' },
};

describeEachDb('serve on an empty journal', (kind) => {
  let fresh: FreshDb;
  let dataDir: string;
  const running: ServeProcess[] = [];

  beforeEach(async () => {
    fresh = await freshDb(kind);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-serve-'));
  });
  afterEach(async () => {
    for (const s of running.splice(0)) await s.stop();
    await fresh.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const serve = async () => {
    const s = await startServe({ db: fresh.url, port: 0, dataDir, args: ['--quiet'] });
    running.push(s);
    return s;
  };

  it('prints a setup code, requires it for the first run, and prints none once the journal is set up', async () => {
    const s = await serve();
    const code = /Код настройки \(спросит первый экран\): ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(s.output())?.[1];
    expect(code, s.output()).toBeDefined();
    const c = new WebClient(s.url);
    expect((await c.call('setup.status')).body.value).toMatchObject({ initialized: false, codeRequired: true });
    const without = await c.call('setup.initialize', COLLEGE);
    expect(without.status).toBe(400);
    expect(without.body.error?.message).toMatch(/Введите код настройки/);
    expect((await c.call('setup.initialize', { ...COLLEGE, setupCode: code })).status).toBe(200);
    expect(await c.loggedIn()).toBe(true);
    await running.pop()!.stop();
    const again = await serve();
    expect(again.output()).not.toMatch(/Код настройки/);
    const late = await new WebClient(again.url).call('setup.initialize', { ...COLLEGE, setupCode: 'AAAA-BBBB-CCCC' });
    expect(late.status).toBe(409);
  });
});
