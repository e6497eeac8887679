// Every test gets its own data folder with a copy of the demo database and its own browser host,
// and waits for the host's "ready" line instead of sleeping.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { E2E_TODAY, ROOT, TEMPLATE_DB } from './paths';

export interface DemoHost {
  url: string;
  dataDir: string;
  dbFile: string;
  /** Call the API as the browser page would, with the page's cookies. */
  api(page: Page, method: string, input: unknown): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }>;
}

export const test = base.extend<{ demo: DemoHost }>({
  demo: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-e2e-'));
    const dbFile = path.join(dataDir, 'journal.sqlite');
    fs.copyFileSync(TEMPLATE_DB, dbFile);
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/demo.ts', '--db', dbFile, '--data', dataDir, '--port', '0', '--today', E2E_TODAY], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await readyUrl(child);
    await use({
      url, dataDir, dbFile,
      api: async (page, method, input) => {
        const res = await page.request.post(new URL(`api/${method}`, url).toString(), { data: input, headers: { 'Content-Type': 'application/json' } });
        return { status: res.status(), body: await res.json() };
      },
    });
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Журнал: (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`host exited with ${code}:\n${out}`)); });
  });
}

export async function login(page: Page, url: string, loginName: string, password = 'demo12345'): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Логин').fill(loginName);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

export { expect };
