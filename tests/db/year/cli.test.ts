// `npm run cli -- import students --db … --file … [--dry-run] [--skip-bad]`: one line per problem,
// a summary, and a non-zero exit code whenever a row was refused.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { JournalDb } from '../../../db/connect.js';
import { describeEachDb, freshDb, type FreshDb } from '../../support/databases.js';
import { makeDeps, TestClient } from '../../support/harness.js';
import { ADMIN, seedInstitution } from '../../support/institution.js';
import { openCollegeYear } from './helpers.js';
import { studentFile } from './student-file.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

function cli(args: string[]): { code: number | null; out: string[]; err: string } {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: res.status, out: res.stdout.split('\n').filter(Boolean), err: res.stderr };
}

describeEachDb('command-line import', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let dir: string;
  beforeEach(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await seedInstitution(handle);
    await openCollegeYear(await new TestClient(makeDeps(handle)).login(ADMIN.login, ADMIN.password));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-cli-'));
    fs.writeFileSync(path.join(dir, 'bad.xlsx'), await studentFile(true));
    fs.writeFileSync(path.join(dir, 'good.xlsx'), await studentFile(false));
    await handle.close();
  });
  afterEach(async () => {
    await fresh.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints one line per problem, exits non-zero while rows are refused, and imports when clean', async () => {
    const base = [
      'import',
      'students',
      '--db',
      fresh.url,
      '--data',
      dir,
      '--today',
      '2026-11-25',
      '--order-no',
      '112-к',
      '--order-date',
      '25.08.2026',
      '--date',
      '01.09.2026',
    ];
    const dry = cli([...base, '--file', path.join(dir, 'bad.xlsx'), '--dry-run']);
    expect(dry.code, dry.err).toBe(1);
    expect(dry.out.slice(0, 5)).toEqual([
      'строка 13, столбец «Дата рождения»: «31.02.2009»: такой даты нет',
      'строка 122, столбец «Группа»: группы «ЭС-99» нет в учебном году 2026/2027',
      expect.stringMatching(/^строка 252: повтор: .* уже есть в строке 251$/),
      'строка 335, столбец «Фамилия»: не указана фамилия',
      'строка 500, столбец «Дата рождения»: «01.09.10»: год записан двумя цифрами — укажите четыре (01.09.2010)',
    ]);
    expect(dry.out[5]).toContain('Пробный прогон');
    const clean = cli([...base, '--file', path.join(dir, 'good.xlsx')]);
    expect(clean.code, clean.err).toBe(0);
    // On SQLite a checked copy is taken into the app's backups folder (--data) first (issue 9).
    expect(clean.out).toEqual([
      kind === 'sqlite'
        ? expect.stringMatching(
            /^Загружено обучающихся: новых 500, обновлено 0\. Перед загрузкой сделана резервная копия journal_2026-11-25_\d\d-\d\d-\d\d_import\.sqlite\.$/,
          )
        : 'Загружено обучающихся: новых 500, обновлено 0.',
    ]);
    if (kind === 'sqlite')
      expect(fs.readdirSync(path.join(dir, 'backups')).filter((n) => n.endsWith('_import.sqlite'))).toHaveLength(1);
    const reopened = await fresh.open();
    try {
      expect((await reopened.db.selectFrom('students').select('id').execute()).length).toBe(500);
    } finally {
      await reopened.close();
    }
    if (kind === 'postgres') return;
    const wrong = cli(['import', 'pupils', '--db', fresh.url, '--file', path.join(dir, 'good.xlsx')]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('Укажите список: students, users, subjects, plan, timetable');
  });
});
