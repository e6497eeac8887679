// The command line: `archive` killed with SIGKILL in the middle leaves no complete-looking archive
// and an intact database; the next run cleans up and finishes; `verify` exits 0 on an intact archive
// and 1 naming the spoiled file. SQLite only: this is about a file the CLI holds open when killed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import { SMALL_DEMO } from '../support/fixtures.js';
import { cliArgs } from '../support/bin.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NAME = 'Журнал_2025-2026_ГБПОУ_ЮЭТ';

function cli(args: string[]) {
  return spawnSync(process.execPath, [...cliArgs(), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
  });
}

describe('archive and verify on the command line', () => {
  let dir: string;
  let dbFile: string;
  let out: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-cli-'));
    dbFile = path.join(dir, 'journal.sqlite');
    out = path.join(dir, 'stick');
    fs.mkdirSync(out);
    const handle = await openDatabase(`sqlite:${dbFile}`);
    await generateDemo(handle.db, SMALL_DEMO);
    await handle.close();
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('kill -9 in the middle: no complete-looking archive, the database intact', async () => {
    const child = spawn(
      process.execPath,
      [
        ...cliArgs(),
        'archive',
        '--db',
        dbFile,
        '--year',
        '2025/2026',
        '--out',
        out,
        '--data',
        path.join(dir, 'home'),
        '--workers',
        '0',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let seen = '';
    const killed = await new Promise<boolean>((resolve) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        // Killed while the journal pages are being written into the .partial folder.
        if (seen.includes('Журналы группы') && !child.killed) {
          const partials = fs.readdirSync(out).filter((e) => e.startsWith('.partial-'));
          if (partials.length === 1) {
            child.kill('SIGKILL');
            resolve(true);
          }
        }
      });
      child.once('exit', () => resolve(false));
    });
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    expect(killed, seen).toBe(true);
    expect(child.signalCode).toBe('SIGKILL');
    const entries = fs.readdirSync(out);
    expect(entries.filter((e) => !e.startsWith('.partial-'))).toEqual([]);
    expect(fs.existsSync(path.join(out, NAME))).toBe(false);
    const raw = new SQLite(dbFile, { readonly: true });
    try {
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(raw.prepare('SELECT count(*) FROM archives').pluck().get()).toBe(0);
      expect(raw.prepare("SELECT status FROM academic_years WHERE title = '2025/2026'").pluck().get()).toBe('closed');
    } finally {
      raw.close();
    }
  });

  it('the next run cleans the leftover and finishes; verify exits 0', () => {
    const run = cli([
      'archive',
      '--db',
      dbFile,
      '--year',
      '2025/2026',
      '--out',
      out,
      '--data',
      path.join(dir, 'home'),
      '--workers',
      '0',
    ]);
    expect(run.status, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toMatch(/Архив 2025\/2026 записан/);
    expect(fs.readdirSync(out)).toEqual([NAME]);
    const verify = cli(['verify', path.join(out, NAME)]);
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/Архив цел/);
    const raw = new SQLite(dbFile, { readonly: true });
    try {
      expect(raw.prepare('SELECT target, verify_ok FROM archives').all()).toEqual([{ target: 'folder', verify_ok: 1 }]);
    } finally {
      raw.close();
    }
  });

  // Missing and extra files are named by the same verifyArchive (tests/db/archive-package.test.ts).
  it('verify exits 1 naming a spoiled file, and 2 without a folder', () => {
    const pkg = path.join(out, NAME);
    const pdf = path.join(pkg, 'students.pdf');
    const bytes = fs.readFileSync(pdf);
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 1;
    fs.writeFileSync(pdf, bytes);
    const r = cli(['verify', pkg]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/НЕ ПРОЙДЕНА: students\.pdf/);
    expect(cli(['verify']).status).toBe(2);
  });

  it('refuses an open year with a clear message', () => {
    const open = cli([
      'archive',
      '--db',
      dbFile,
      '--year',
      '2026/2027',
      '--out',
      out,
      '--data',
      path.join(dir, 'home'),
    ]);
    expect(open.status).toBe(2);
    expect(open.stderr).toMatch(/ещё не закрыт/);
  });
});
