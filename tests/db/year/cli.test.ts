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
import { openCollegeYear, xlsx } from './helpers.js';
import { studentFile } from './student-file.js';
import { joined } from '../../support/regex.js';
import { cliArgs } from '../../support/bin.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

function cli(args: string[]): { code: number | null; out: string[]; err: string } {
  const res = spawnSync(process.execPath, [...cliArgs(), ...args], {
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
            joined(
              /^Загружено обучающихся: новых 500, обновлено 0\. /,
              /Перед загрузкой сделана резервная копия journal_2026-11-25_\d\d-\d\d-\d\d_import\.sqlite\.$/,
            ),
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

  it(
    'takes --map "Столбец=Поле" (repeatable), refuses an unknown field naming the valid ones, and saves nothing ' +
      'while a row is refused',
    async () => {
      const file = path.join(dir, 'parents.xlsx');
      fs.writeFileSync(
        file,
        await xlsx(
          ['ФИО', 'Дата рождения', 'Группа', 'Контактное лицо', 'Тел. контакта', 'Хобби'],
          [['Ким Юлия', '05.05.2010', 'ЭС-21', 'Ким Ирина', '89120001122', 'шахматы']],
        ),
      );
      const base = ['import', 'students', '--db', fresh.url, '--data', dir, '--today', '2026-11-25', '--file', file];
      const order = ['--order-no', '112-к', '--order-date', '25.08.2026', '--date', '01.09.2026'];
      const dry = cli([...base, ...order, '--dry-run']);
      expect(dry.code, dry.err).toBe(0);
      expect(dry.out.at(-1)).toBe(
        'Пробный прогон: все 1 строка в порядке, можно загружать. Столбцы «Контактное лицо», «Тел. контакта», ' +
          '«Хобби» ' +
          'не распознаны и не загружены.',
      );
      const wrong = cli([...base, ...order, '--map', 'Контактное лицо=Родитель мамы']);
      expect(wrong.code).toBe(2);
      expect(wrong.err).toContain(
        '--map «Контактное лицо=Родитель мамы»: неизвестное поле «Родитель мамы». Допустимые поля: «Фамилия»',
      );
      expect(wrong.err).toContain(
        '«Представитель 1: ФИО», «Представитель 1: кем приходится», «Представитель 1: телефон»',
      );
      expect(wrong.err).toContain('«не загружать»');
      const missing = cli([...base, ...order, '--map', 'Родитель (ФИО)=Представитель 1: ФИО']);
      expect(missing.code).toBe(2);
      expect(missing.err).toContain('В файле нет столбца «Родитель (ФИО)»');
      const done = cli([
        ...base,
        ...order,
        '--map',
        'Контактное лицо=Представитель 1: ФИО',
        '--map',
        'тел. контакта = представитель 1: телефон',
        '--map',
        'Хобби=не загружать',
      ]);
      // No relation column: the representative's relation is required and the row is refused, loud and clear.
      expect(done.code, done.err).toBe(1);
      expect(done.out[0]).toBe(
        'строка 2, столбец «Представитель 1: кем приходится»: укажите, кем приходится представитель (мать, отец, ' +
          'опекун…)',
      );
      expect(done.out.at(-1)).toContain('Столбец «Хобби» не загружается (так выбрано).');
      const reopened = await fresh.open();
      try {
        expect((await reopened.db.selectFrom('students').select('id').execute()).length).toBe(0);
        expect((await reopened.db.selectFrom('import_mappings').select('id').execute()).length).toBe(0);
      } finally {
        await reopened.close();
      }
    },
    240_000,
  );

  it('loads with --map and remembers the mapping for the next file with the same headers', async () => {
    const file = path.join(dir, 'parents.xlsx');
    const headers = ['ФИО', 'Дата рождения', 'Группа', 'Контактное лицо', 'Степень родства', 'Тел. контакта'];
    fs.writeFileSync(
      file,
      await xlsx(headers, [['Ким Юлия', '05.05.2010', 'ЭС-21', 'Ким Ирина', 'бабушка', '89120001122']]),
    );
    const base = ['import', 'students', '--db', fresh.url, '--data', dir, '--today', '2026-11-25'];
    const order = ['--order-no', '112-к', '--order-date', '25.08.2026', '--date', '01.09.2026'];
    const done = cli([
      ...base,
      ...order,
      '--file',
      file,
      '--map',
      'Контактное лицо=Представитель 1: ФИО',
      '--map',
      'Тел. контакта=Представитель 1: телефон',
    ]);
    expect(done.code, done.err).toBe(0);
    expect(done.out.at(-1)).toMatch(/^Загружено обучающихся: новых 1, обновлено 0\./);
    const next = path.join(dir, 'next.xlsx');
    fs.writeFileSync(
      next,
      await xlsx(headers, [['Ли Анна', '06.06.2010', 'ЭС-21', 'Ли Павел', 'отец', '89125556677']]),
    );
    const again = cli([...base, ...order, '--file', next]);
    expect(again.code, again.err).toBe(0);
    const reopened = await fresh.open();
    try {
      const g = await reopened.db
        .selectFrom('guardians')
        .select(['full_name', 'relation', 'phone'])
        .orderBy('id')
        .execute();
      expect(g).toEqual([
        { full_name: 'Ким Ирина', relation: 'бабушка', phone: '+7 912 000-11-22' },
        { full_name: 'Ли Павел', relation: 'отец', phone: '+7 912 555-66-77' },
      ]);
    } finally {
      await reopened.close();
    }
  }, 240_000);
});
