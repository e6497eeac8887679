// kill -9 the mail sender in the middle of a batch, on both databases: the letter in flight (the server has
// it, the sender never heard «250») is marked interrupted and not sent again; the rest go out once each.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { sendDue } from '../../electron/services/mail/outbox.js';
import { encryptSecret, mailKey } from '../../electron/services/mail/secret.js';
import { appPaths } from '../../electron/services/paths.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { drillScriptArgs, ROOT } from '../support/bin.js';
import { makeDeps } from '../support/harness.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

const LETTERS = 40;

describeEachDb('mail sender killed mid-batch', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let smtp: TestSmtp;
  let userData: string;
  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    smtp = await startSmtp();
    userData = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-mail-'));
    const at = new Date().toISOString();
    await handle.db
      .insertInto('mail_settings')
      .values({
        id: 1,
        enabled: 1,
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        login: '',
        password: encryptSecret('', mailKey(appPaths(userData).keys)),
        from_name: 'Колледж',
        from_address: 'journal@college.example',
        site_url: 'https://journal.example.ru',
        updated_at: at,
      })
      .execute();
    await handle.db
      .insertInto('mail_outbox')
      .values(
        Array.from({ length: LETTERS }, (_, i) => ({
          kind: 'daily' as const,
          dedupe_key: `daily:${i + 1}:2026-11-25`,
          to_address: `parent${i + 1}@mail.example`,
          subject: `Новые отметки ${i + 1}`,
          text_body: `Письмо ${i + 1}`,
          html_body: `<p>Письмо ${i + 1}</p>`,
          status: 'waiting' as const,
          // Due whatever the drill's clock says (the services' clock pins the demo's date).
          next_attempt_at: '2000-01-01T00:00:00.000Z',
          created_at: at,
        })),
      )
      .execute();
  });
  afterAll(async () => {
    await smtp.stop();
    await handle.close();
    await fresh.drop();
    fs.rmSync(userData, { recursive: true, force: true });
  });

  it('sends nothing twice after kill -9 and marks the letter in flight interrupted', async () => {
    smtp.delayMs = 60;
    const child = spawn(process.execPath, drillScriptArgs('mail-sender', fresh.url, userData), {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await smtp.waitFor(12, 20_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${output}`);
    });
    child.kill('SIGKILL');
    await exited;
    const atKill = smtp.received.length;
    expect(atKill).toBeLessThan(LETTERS);

    smtp.delayMs = 0;
    const deps = makeDeps(handle, { userData });
    while ((await sendDue(deps, 'after-the-kill')).sent > 0);
    const rows = await handle.db.selectFrom('mail_outbox').select(['id', 'status']).orderBy('id').execute();
    const ids = smtp.received.map((r) => Number(/^<zhurnal\.(\d+)\./.exec(r.messageId)?.[1]));
    expect(new Set(ids).size, 'a letter was sent twice').toBe(ids.length);
    const interrupted = rows.filter((r) => r.status === 'interrupted');
    // Killed while the server held its «250»: that letter arrived, and it is the one not sent again.
    expect(interrupted).toHaveLength(1);
    expect(ids).toContain(interrupted[0]!.id);
    expect(rows.filter((r) => r.status !== 'sent' && r.status !== 'interrupted')).toEqual([]);
    // Every sent letter arrived; the interrupted one may have arrived (the server had it), never twice.
    for (const r of rows.filter((x) => x.status === 'sent')) expect(ids).toContain(r.id);
    expect(ids.length).toBe(
      rows.filter((r) => r.status === 'sent').length + (ids.includes(interrupted[0]?.id ?? -1) ? 1 : 0),
    );
  });
});
