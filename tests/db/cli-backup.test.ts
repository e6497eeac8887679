// The command line as a user runs it: backup, check and restore of a SQLite journal, and backup of a
// PostgreSQL journal through pg_dump.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../db/connect.js';
import { findPgTool } from '../../electron/services/backups/index.js';
import { freshDb, pgUrl } from '../support/databases.js';
import { seedInstitution } from '../support/institution.js';
import { truncateFile } from '../support/backups.js';
import { cliArgs } from '../support/bin.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
// Each command starts a Node process with tsx: seconds each on a busy machine.
vi.setConfig({ testTimeout: 300_000 });

function cli(...args: string[]): { code: number; out: string } {
  const r = spawnSync(process.execPath, [...cliArgs(), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('npm run cli -- backup / check / restore on SQLite', () => {
  let dir: string;
  let file: string;
  let out: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-cli-'));
    file = path.join(dir, 'journal.sqlite');
    out = path.join(dir, 'Копии');
    fs.mkdirSync(out);
    const handle = await openDatabase(`sqlite:${file}`);
    await seedInstitution(handle);
    await handle.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('backs up with a check and lists what the copy holds; check says it is sound', () => {
    const r = cli('backup', '--db', file, '--out', out, '--data', path.join(dir, 'home'));
    expect(r.out).toMatch(/Копия: .*journal_\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d_manual\.sqlite/);
    expect(r.out).toMatch(/проверка целостности пройдена/);
    expect(r.code).toBe(0);
    const [copy] = fs.readdirSync(out).filter((n) => n.endsWith('.sqlite'));
    const c = cli('check', '--db', path.join(out, copy!));
    expect(c.out).toMatch(/Исправен: целостность в порядке/);
    expect(c.out).toMatch(/ГБПОУ ЮЭТ/);
    expect(c.code).toBe(0);
  });

  it('refuses a folder that is missing and a journal that does not exist', () => {
    const missing = cli('backup', '--db', file, '--out', path.join(dir, 'нет'), '--data', path.join(dir, 'home'));
    expect(missing.code).toBe(2);
    expect(missing.out).toMatch(/Ошибка: Папка резервных копий «.*нет» не найдена/);
    const noDb = cli('backup', '--db', path.join(dir, 'other.sqlite'), '--out', out);
    expect(noDb.out).toMatch(/Файл базы данных не найден/);
    expect(fs.existsSync(path.join(dir, 'other.sqlite'))).toBe(false);
  });

  it('refuses to restore a cut copy and leaves the journal as it was; restores a sound one with an undo copy', () => {
    const [copy] = fs.readdirSync(out).filter((n) => n.endsWith('.sqlite'));
    const cut = path.join(dir, 'cut.sqlite');
    fs.copyFileSync(path.join(out, copy!), cut);
    truncateFile(cut, 0.5);
    const check = cli('check', '--db', cut);
    expect(check.code).toBe(3);
    expect(check.out).toMatch(/НЕИСПРАВЕН: Файл обрезан/);
    const before = sha(file);
    const refused = cli('restore', '--db', file, '--from', cut, '--out', out);
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(/обрезан.*Восстановление отменено, журнал не изменён/);
    expect(sha(file)).toBe(before);

    const restored = cli('restore', '--db', file, '--from', path.join(out, copy!), '--out', out);
    expect(restored.out).toMatch(/Журнал восстановлен/);
    expect(restored.out).toMatch(
      /Чтобы отменить восстановление: npm run cli -- restore --db ".*journal\.sqlite" --from ".*_restore\.sqlite"/,
    );
    expect(restored.code).toBe(0);
    expect(fs.readdirSync(out).filter((n) => n.endsWith('_restore.sqlite')).length).toBe(1);
  });
});

describe('npm run cli -- backup on PostgreSQL', () => {
  it.runIf(Boolean(pgUrl()) && findPgTool('pg_dump') !== null)(
    'runs pg_dump into a checked custom-format archive',
    async () => {
      const fresh = await freshDb('postgres');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-pgdump-'));
      try {
        const handle = await fresh.open();
        await seedInstitution(handle);
        await handle.close();
        const r = cli('backup', '--db', fresh.url, '--out', dir);
        expect(r.out).toMatch(/Копия: .*_pg\.dump/);
        expect(r.code).toBe(0);
        const [dump] = fs.readdirSync(dir);
        expect(dump).toMatch(/^journal_.*_pg\.dump$/);
        expect(fs.readFileSync(path.join(dir, dump!)).subarray(0, 5).toString()).toBe('PGDMP');
        expect(r.out).toMatch(/объектов в архиве: \d+/);
        const c = cli('check', '--db', fresh.url);
        expect(c.out).toMatch(/База PostgreSQL: подключение есть, это журнал/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        await fresh.drop();
      }
    },
  );
});
