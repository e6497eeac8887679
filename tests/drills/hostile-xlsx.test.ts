// Corrupt and hostile .xlsx files given to the importer (issue 8): each gets a clear Russian answer
// (by row and column when it is about a cell), nothing is imported, and a sheet of 200,000 rows is
// refused without loading it — memory stays bounded. Files are made by exceljs and then damaged.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import type { ImportReport } from '../../electron/api/contract.js';
import { AppError } from '../../electron/api/errors.js';
import { XLSX_LIMITS } from '../../electron/export/xlsx-read.js';
import { freshDb, type FreshDb } from '../support/databases.js';
import { makeDeps, TestClient } from '../support/harness.js';
import { ADMIN, seedInstitution } from '../support/institution.js';
import { openCollegeYear, runImportJob } from '../db/year/helpers.js';

const admission = { date: '2026-09-01', orderNo: '112-к', orderDate: '2026-08-25' };
const HEADERS = ['Фамилия', 'Имя', 'Дата рождения', 'Группа', 'E-mail'];
const GOOD: ExcelJS.CellValue[][] = [
  ['Антонова', 'Анна', '01.02.2010', 'ЭС-11', null],
  ['Борисов', 'Борис', '03.04.2010', 'ЭС-11', null],
  ['Васильев', 'Василий', '05.06.2010', 'ЭС-11', null],
];

let fresh: FreshDb;
let handle: JournalDb;
let admin: TestClient;

beforeAll(async () => {
  fresh = await freshDb('sqlite');
  handle = await fresh.open();
  await seedInstitution(handle);
  admin = await new TestClient(makeDeps(handle)).login(ADMIN.login, ADMIN.password);
  await openCollegeYear(admin);
});
afterAll(async () => {
  await handle.close();
  await fresh.drop();
});

async function counts() {
  const n = async (t: 'students' | 'users' | 'enrolments' | 'audit_log') =>
    Number(
      (
        await handle.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    students: await n('students'),
    users: await n('users'),
    enrolments: await n('enrolments'),
    audit: await n('audit_log'),
  };
}

/** A workbook with the header and rows; `edit` may set formulas, merges, rich text on the sheet. */
async function workbook(rows: ExcelJS.CellValue[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Лист1');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A real (not dry-run) import: the refusal's message, or the report. */
async function attempt(
  file: Buffer,
  list: 'students' | 'users' = 'students',
): Promise<{ error: string } | { report: ImportReport }> {
  try {
    return {
      report: await runImportJob(admin, {
        list,
        file,
        dryRun: false,
        skipBad: false,
        ...(list === 'students' ? { admission } : {}),
      }),
    };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}

/** The file is refused as a whole with a message matching `expected`, and nothing changes. */
async function expectRefused(file: Buffer, expected: RegExp, list: 'students' | 'users' = 'students'): Promise<string> {
  const before = await counts();
  const outcome = await attempt(file, list);
  expect(outcome, JSON.stringify(outcome).slice(0, 300)).toHaveProperty('error');
  const message = (outcome as { error: string }).error;
  expect(message).toMatch(expected);
  expect(message).toMatch(/[а-яё]/i);
  expect(message).not.toMatch(/Error|undefined|at \w+ \(|zip: |EOCD|sax/i);
  expect(await counts()).toEqual(before);
  return message;
}

/** The rows are refused with these problems (Excel row, column, part of the message); nothing changes. */
async function expectProblems(file: Buffer, problems: Array<[number, string | null, string]>): Promise<ImportReport> {
  const before = await counts();
  const outcome = await attempt(file);
  expect(outcome, JSON.stringify(outcome).slice(0, 300)).toHaveProperty('report');
  const report = (outcome as { report: ImportReport }).report;
  expect(report.imported).toBe(false);
  expect(report.problems.map((p) => [p.row, p.column])).toEqual(problems.map(([row, column]) => [row, column]));
  report.problems.forEach((p, i) => expect(p.message).toContain(problems[i]![2]));
  expect(report.summary).toMatch(/ничего не загружено/i);
  expect(await counts()).toEqual(before);
  return report;
}

describe('damaged files', () => {
  it('a truncated zip (a copy cut short) is «повреждён»', async () => {
    const whole = await workbook(GOOD);
    for (const fraction of [0.3, 0.6, 0.95]) {
      await expectRefused(
        whole.subarray(0, Math.floor(whole.length * fraction)),
        /^Файл повреждён: архив книги обрывается или испорчен/,
      );
    }
    await expectRefused(whole.subarray(0, whole.length - 10), /^Файл повреждён/);
  });

  it('garbage inside an intact zip is refused as damaged or unreadable, never half-read', async () => {
    const whole = await workbook(GOOD);
    const broken = Buffer.from(whole);
    for (let i = Math.floor(broken.length * 0.2); i < Math.floor(broken.length * 0.7); i += 7)
      broken[i] = (broken[i]! * 31 + 17) & 0xff;
    await expectRefused(broken, /Файл повреждён|Файл не читается как таблица Excel/);
  });

  it('random bytes named .xlsx, a PK header with nothing after it, an empty file, an old .xls', async () => {
    const random = Buffer.alloc(50_000);
    for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) % 251;
    await expectRefused(random, /^Это не таблица Excel \.xlsx .*сохраните как «Книга Excel \(\*\.xlsx\)»/);
    await expectRefused(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), random]), /^Файл повреждён/);
    await expectRefused(Buffer.alloc(0), /Не выбран файл|^Файл пустой/);
    await expectRefused(Buffer.from('Фамилия;Имя\nИванов;Иван\n'), /^Это не таблица Excel/);
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), random]);
    await expectRefused(ole, /старого формата Excel 97–2003 \(\.xls\)/);
  });

  it('a zip that is not a workbook (no xl/workbook.xml inside)', async () => {
    const whole = await workbook(GOOD);
    // Rename the workbook part in the zip's own headers (same length): a valid zip of something else.
    const renamed = Buffer.from(whole.toString('latin1').replaceAll('xl/workbook.xml', 'xl/notebook.xml'), 'latin1');
    await expectRefused(renamed, /^Это zip-архив, но не книга Excel/);
  });
});

describe('too much', () => {
  it('a file over the size limit is refused before it is read', async () => {
    const big = Buffer.alloc(XLSX_LIMITS.maxFileBytes + 512 * 1024, 0x20);
    big.writeUInt32LE(0x04034b50, 0);
    await expectRefused(big, /^Файл слишком большой: 20,5 МБ, а загрузить можно не больше 20,0 МБ/);
    const huge = Buffer.alloc(XLSX_LIMITS.maxFileBytes + 4 * 1024 * 1024, 0x20); // over what the API accepts at all
    await expectRefused(huge, /Файл слишком большой: загрузить можно не больше 20 МБ/);
  });

  it('a sheet of 200,000 rows is refused without loading it: bounded memory and time', async () => {
    const file = await streamedSheet(200_000, (i) => [`Иванов${'а'.repeat(i % 3)}`, 'Иван', '01.02.2010', 'ЭС-11']);
    expect(file.length).toBeLessThan(XLSX_LIMITS.maxFileBytes); // small outside: only the rows give it away
    const peak = watchMemory();
    const started = Date.now();
    await expectRefused(file, /^В файле больше 20 000 строк — столько за один раз не загрузить/);
    const growth = peak.stop();
    expect(Date.now() - started).toBeLessThan(10_000);
    // exceljs itself needs ~570 MB and 10 s for this sheet; refusing it from a streamed count needs little.
    expect(growth).toBeLessThan(300 * 1024 * 1024);
  }, 60_000);

  it('a «zip bomb» of long texts is refused by its unpacked size', async () => {
    const text = 'Я'.repeat(3000);
    const file = await streamedSheet(12_000, () => [text, 'Иван', '01.02.2010', 'ЭС-11']);
    const peak = watchMemory();
    await expectRefused(file, /^В книге слишком много данных: больше 64,0 МБ после распаковки/);
    expect(peak.stop()).toBeLessThan(300 * 1024 * 1024);
  }, 120_000);
});

describe('cells that are not what they seem', () => {
  it('formulas: the computed result is the value; never computed or an error — refused by row and column', async () => {
    await expectProblems(
      await workbook(GOOD, (ws) => {
        // written by a program: no result
        ws.getCell('A2').value = { formula: 'UPPER("x")', date1904: false } as ExcelJS.CellFormulaValue;
        ws.getCell('C3').value = {
          formula: '1/0',
          result: { error: '#DIV/0!' },
          date1904: false,
        } as ExcelJS.CellFormulaValue;
        ws.getCell('D4').value = { error: '#N/A' };
      }),
      [
        [2, 'Фамилия', 'формула «=UPPER("x")» без вычисленного значения: откройте файл в Excel'],
        [3, 'Дата рождения', 'формула «=1/0» даёт ошибку #DIV/0!'],
        [4, 'Группа', 'в ячейке ошибка #N/A'],
      ],
    );
  });

  it('wrong types: a number for a name, 31.02.2010, booleans, a time for a date', async () => {
    await expectProblems(
      await workbook([
        [12345, 'Иван', '01.02.2010', 'ЭС-11', null],
        ['Петров', 'Пётр', '31.02.2010', 'ЭС-11', null],
        ['Сидоров', true, '01.02.2010', 'ЭС-11', null],
        ['Козлов', 'Кирилл', false, 'ЭС-11', null],
        ['Лебедев', 'Лев', 0.5, 'ЭС-11', null],
        ['Морозов', 'Марк', '01.02.2010', 42, 'не почта'],
      ]),
      [
        [2, 'Фамилия', '«12345»: в имени не должно быть цифр'],
        [3, 'Дата рождения', '«31.02.2010»: такой даты нет'],
        [4, 'Имя', 'логическое значение ИСТИНА, а нужен текст'],
        [5, 'Дата рождения', 'логическое значение ЛОЖЬ, а нужна дата'],
        [6, 'Дата рождения', '«0.5» — не дата'],
        [7, 'Группа', 'группы «42» нет'],
        [7, 'E-mail', '«не почта» — не адрес электронной почты'],
      ],
    );
  });

  it('cells merged across columns are refused; merged down a column the value is meant for every row', async () => {
    await expectProblems(
      await workbook(
        [
          ['Антонова Анна', null, '01.02.2010', 'ЭС-11', null],
          ['Борисов', 'Борис', '03.04.2010', 'ЭС-11', null],
        ],
        (ws) => {
          ws.mergeCells('A2:B2');
        },
      ),
      [[2, 'Имя', 'ячейка объединена с A2: разъедините ячейки']],
    );
  });

  it(
    'what a hand-made list really holds imports as the secretary sees it: computed formulas, rich text, links, a ' +
      'merged group',
    async () => {
      const before = await counts();
      const file = await workbook(
        [
          [null, 'Алина', '01.02.2010', 'ЭС-11', null],
          [null, 'Богдан', '03.04.2010', null, null],
          [null, 'Вера', '05.06.2010', null, null],
        ],
        (ws) => {
          ws.getCell('A2').value = {
            formula: 'PROPER("АЛЕКСЕЕВА")',
            result: 'Алексеева',
            date1904: false,
          } as ExcelJS.CellFormulaValue;
          ws.getCell('A3').value = { richText: [{ text: 'Бело', font: { bold: true } }, { text: 'в' }] };
          ws.getCell('A4').value = {
            formula: '"Вол"&"кова"',
            result: 'Волкова',
            date1904: false,
          } as ExcelJS.CellFormulaValue;
          ws.getCell('E2').value = { text: 'alina@mail.example', hyperlink: 'mailto:alina@mail.example' };
          ws.mergeCells('D2:D4');
        },
      );
      const outcome = await attempt(file);
      expect(outcome).toHaveProperty('report');
      const report = (outcome as { report: ImportReport }).report;
      expect(report.problems).toEqual([]);
      expect([report.imported, report.created]).toEqual([true, 3]);
      const rows = await handle.db
        .selectFrom('students')
        .select(['last_name', 'first_name', 'email'])
        .orderBy('id', 'desc')
        .limit(3)
        .execute();
      expect(rows.reverse().map((r) => [r.last_name, r.first_name, r.email])).toEqual([
        ['Алексеева', 'Алина', 'alina@mail.example'],
        ['Белов', 'Богдан', null],
        ['Волкова', 'Вера', null],
      ]);
      expect((await counts()).students).toBe(before.students + 3);
    },
  );

  it('a staff list with formulas and booleans is refused the same way (users are not created)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Сотрудники');
    ws.addRow(['Фамилия', 'Имя', 'Логин']);
    ws.addRow([{ formula: 'B2', date1904: false } as ExcelJS.CellFormulaValue, 'Ольга', null]);
    ws.addRow(['Петров', false, null]);
    const before = await counts();
    const outcome = await attempt(Buffer.from(await wb.xlsx.writeBuffer()), 'users');
    const report = (outcome as { report: ImportReport }).report;
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'Фамилия'],
      [3, 'Имя'],
    ]);
    expect(report.imported).toBe(false);
    expect(await counts()).toEqual(before);
  });
});

/** A big sheet written row by row (exceljs's streaming writer), as a program exporting a register would. */
async function streamedSheet(rows: number, row: (i: number) => ExcelJS.CellValue[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('Лист1');
  ws.addRow(HEADERS.slice(0, 4)).commit();
  for (let i = 0; i < rows; i++) ws.addRow(row(i)).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** The highest resident memory above the level at the start, sampled while the work runs. */
function watchMemory(): { stop(): number } {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  return {
    stop: () => {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return peak - base;
    },
  };
}
