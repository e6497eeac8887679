// Every test gets its own data folder with a copy of the demo database and its own browser host,
// and waits for the host's "ready" line instead of sleeping.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { E2E_TODAY, ROOT, TEMPLATE_DB } from './paths';
import { cliArgs, demoArgs } from '../support/bin';

export interface DemoHost {
  url: string;
  dataDir: string;
  dbFile: string;
  /** The admin's password: demo12345 on the demo database, a one-time password (to be changed) on an empty one. */
  adminPassword: string;
  /** The one-time setup code the host printed (a blank database only), else null. */
  setupCode: string | null;
  /** Call the API as the browser page would, with the page's cookies. */
  api(
    page: Page,
    method: string,
    input: unknown,
  ): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }>;
}

export type DemoKind = 'college' | 'supplementary' | 'school';

export const test = base.extend<{ demo: DemoHost; emptyDb: boolean; blankDb: boolean; demoKind: DemoKind }>({
  /** `test.use({ emptyDb: true })`: a new database with only the institution and its admin (`cli init`). */
  emptyDb: [false, { option: true }],
  /** `test.use({ blankDb: true })`: no institution at all — the host runs `demo --empty` and prints a setup code. */
  blankDb: [false, { option: true }],
  /**
   * `test.use({ demoKind: 'supplementary' })`: a small demo centre instead of the college; 'school': the
   * demo college told it is a school (the generator makes no school).
   */
  demoKind: ['college', { option: true }],
  demo: async ({ emptyDb, blankDb, demoKind }, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-e2e-'));
    const dbFile = path.join(dataDir, 'journal.sqlite');
    // The copy at exit is the admin's setting and the day's copy the scheduler's (both tested with the services); a
    // test's host is thrown away, and each copy and its check would cost the test half a second of a core.
    fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ backup: { onExit: false } }));
    let adminPassword = 'demo12345';
    if (emptyDb) {
      const out = execFileSync(
        process.execPath,
        [
          ...cliArgs(),
          'init',
          '--db',
          dbFile,
          '--data',
          dataDir,
          '--kind',
          'college',
          '--name',
          'Государственное бюджетное профессиональное образовательное учреждение «Южноуральский энергетический ' +
            'техникум»',
          '--short',
          'ГБПОУ ЮЭТ',
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );
      adminPassword = /одноразовый пароль (\S+)/.exec(out)![1]!;
    } else if (blankDb) {
      // no file: the host starts on an empty journal
    } else if (demoKind === 'supplementary') {
      fs.copyFileSync(centreTemplate(), dbFile);
    } else {
      fs.copyFileSync(TEMPLATE_DB, dbFile);
      if (demoKind === 'school') {
        const d = new Database(dbFile);
        d.prepare("update institution set kind = 'school'").run();
        d.close();
      }
    }
    const child = spawn(
      process.execPath,
      [
        ...demoArgs(),
        '--db',
        dbFile,
        '--data',
        dataDir,
        '--port',
        '0',
        '--today',
        E2E_TODAY,
        '--no-daily-backup',
        ...(blankDb ? ['--empty'] : []),
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const { url, out } = await readyUrl(child);
    await use({
      url,
      setupCode: /Код настройки[^:]*: (\S+)/.exec(out)?.[1] ?? null,
      dataDir,
      dbFile,
      adminPassword,
      api: async (page, method, input) => {
        const res = await page.request.post(new URL(`api/${method}`, url).toString(), {
          data: input,
          headers: { 'Content-Type': 'application/json' },
        });
        return { status: res.status(), body: await res.json() };
      },
    });
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

/**
 * The demo centre, made once per checkout on first use (into a temporary name, then renamed, so two workers never read
 * half a file).
 */
function centreTemplate(): string {
  const file = path.join(path.dirname(TEMPLATE_DB), 'centre.sqlite');
  if (fs.existsSync(file)) return file;
  const scratch = fs.mkdtempSync(path.join(path.dirname(TEMPLATE_DB), 'centre-'));
  const tmp = path.join(scratch, 'centre.sqlite');
  execFileSync(
    process.execPath,
    [
      ...cliArgs(),
      'demo-data',
      '--db',
      tmp,
      '--today',
      E2E_TODAY,
      '--kind',
      'supplementary',
      '--students',
      '60',
      '--groups',
      '5',
      '--data',
      scratch,
    ],
    { cwd: ROOT, stdio: 'ignore' },
  );
  const d = new Database(tmp);
  d.pragma('wal_checkpoint(TRUNCATE)');
  d.pragma('journal_mode=DELETE');
  d.close();
  fs.renameSync(tmp, file);
  fs.rmSync(scratch, { recursive: true, force: true });
  return file;
}

function readyUrl(child: ChildProcess): Promise<{ url: string; out: string }> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Журнал: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${out}`));
    });
  });
}

export async function login(page: Page, url: string, loginName: string, password = 'demo12345'): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Логин').fill(loginName);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

/** No sideways scrolling. A phone zooms out of a page wider than the screen, so innerWidth is checked too. */
export async function expectFits(page: Page): Promise<void> {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(inner, 'the page is not zoomed out to fit').toBe(page.viewportSize()!.width);
  expect(scroll, 'document.documentElement.scrollWidth').toBeLessThanOrEqual(inner);
}

export { expect };
