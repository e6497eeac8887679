// The Excel layer: typed cells, frozen header, safe Russian sheet names, and a faithful read-back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTableSheet,
  asNumber,
  asText,
  createWorkbook,
  readSheet,
  sheetName,
  toBuffer,
  writeXlsxStream,
  type XlsxColumn,
} from '../../electron/export/xlsx.js';

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-xlsx-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const COLUMNS: XlsxColumn[] = [
  { header: 'Обучающийся', key: 'name', type: 'text' },
  { header: 'Личное дело', key: 'file', type: 'text' },
  { header: 'Средний балл', key: 'average', type: 'number' },
  { header: 'Пропуски, ч', key: 'absent', type: 'integer' },
  { header: 'Дата зачисления', key: 'enrolled', type: 'date' },
  { header: 'Выполнение плана', key: 'done', type: 'percent' },
];

const ROWS = [
  { name: 'Иванов Пётр Сергеевич', file: '00123', average: 4.35, absent: 12, enrolled: '2025-09-01', done: 0.875 },
  { name: 'Ёлкина-Смирнова Анна', file: '00124', average: '4,5', absent: 0, enrolled: '2026-02-28', done: 1 },
  { name: 'Щукин Илья', file: null, average: 'зач', absent: null, enrolled: null, done: null },
];

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return wb;
}

describe('addTableSheet', () => {
  it('writes typed cells under a frozen, bold, filtered header and reads back the same data', async () => {
    const wb = createWorkbook();
    const ws = addTableSheet(wb, {
      name: 'Успеваемость: ЭС-21 [I полугодие] / итоговая',
      title: 'Успеваемость группы ЭС-21',
      columns: COLUMNS,
      rows: ROWS,
    });
    expect(ws.name).toBe('Успеваемость- ЭС-21 (I полугоди');
    const buffer = await toBuffer(wb);

    const back = await load(buffer);
    const sheet = back.worksheets[0]!;
    expect(sheet.name).toBe(ws.name);
    expect(sheet.views[0]?.state).toBe('frozen');
    expect((sheet.views[0] as ExcelJS.WorksheetViewFrozen).ySplit).toBe(2);
    expect(sheet.getCell('A1').value).toBe('Успеваемость группы ЭС-21');
    const header = sheet.getRow(2);
    expect(header.getCell(1).value).toBe('Обучающийся');
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(header.getCell(1).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(header.getCell(1).border?.bottom?.style).toBe('thin');
    expect(sheet.autoFilter).toBeTruthy();

    const first = sheet.getRow(3);
    expect(first.getCell(1).value).toBe('Иванов Пётр Сергеевич');
    expect(first.getCell(2).value).toBe('00123');
    expect(first.getCell(3).value).toBe(4.35);
    expect(first.getCell(4).value).toBe(12);
    const enrolled = first.getCell(5).value;
    expect(enrolled).toBeInstanceOf(Date);
    expect((enrolled as Date).toISOString()).toBe('2025-09-01T00:00:00.000Z');
    expect(first.getCell(5).numFmt).toBe('dd.mm.yyyy');
    expect(first.getCell(6).value).toBe(0.875);
    expect(first.getCell(6).numFmt).toBe('0.0%');
    expect(sheet.getRow(4).getCell(3).value).toBe(4.5); // «4,5» typed as text became a number
    expect(sheet.getRow(5).getCell(3).value).toBe('зач'); // not a number: kept as text

    const data = await readSheet(buffer, ws.name);
    expect(data.headers).toEqual(COLUMNS.map((c) => c.header));
    expect(data.rows).toHaveLength(3);
    expect(data.rows[1]).toEqual({
      Обучающийся: 'Ёлкина-Смирнова Анна',
      'Личное дело': '00124',
      'Средний балл': 4.5,
      'Пропуски, ч': 0,
      'Дата зачисления': new Date(Date.UTC(2026, 1, 28)),
      'Выполнение плана': 1,
    });
    expect(data.rows[2]).toMatchObject({ 'Личное дело': null, 'Пропуски, ч': null, 'Дата зачисления': null });
  });

  it('sheet names: Excel rules, unique ignoring case, never «History»', () => {
    expect(sheetName('Группа 1/2: итоги?')).toBe('Группа 1-2- итоги-');
    expect(sheetName("'Отчёт'")).toBe('Отчёт');
    expect(sheetName('   ')).toBe('Лист');
    expect(sheetName('History')).toBe('History (2)');
    expect(sheetName('Отчёт', ['отчёт'])).toBe('Отчёт (2)');
    expect(sheetName('Отчёт', ['Отчёт', 'Отчёт (2)'])).toBe('Отчёт (3)');
    const long = 'Посещаемость по группам и дисциплинам за год';
    const first = sheetName(long);
    expect(first.length).toBe(31);
    const second = sheetName(long, [first]);
    expect(second.length).toBeLessThanOrEqual(31);
    expect(second.endsWith(' (2)')).toBe(true);

    const wb = createWorkbook();
    const names = ['ЭС-21', 'эс-21', 'ЭС-21'].map(
      (name) => addTableSheet(wb, { name, columns: COLUMNS, rows: [] }).name,
    );
    expect(names).toEqual(['ЭС-21', 'эс-21 (2)', 'ЭС-21 (3)']);
  });
});

describe('readSheet on a hand-made workbook', () => {
  it('rich text, formulas, hyperlinks, numbers as text, errors, a title row and repeated headers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Список');
    ws.getCell('A1').value = 'Список группы (титул)';
    ws.addRow(['ФИО', 'Телефон', 'Балл', 'Сайт', 'Дата', 'Балл', '']);
    ws.addRow([
      { richText: [{ text: 'Иванов ', font: { bold: true } }, { text: 'Пётр' }] },
      '89211234567',
      { formula: '2+3', result: 5 },
      { text: 'школа', hyperlink: 'https://example.org' },
      new Date(Date.UTC(2026, 0, 15)),
      { error: '#N/A' },
    ]);
    ws.getCell('E3').numFmt = 'dd.mm.yyyy';
    ws.addRow([]);
    ws.addRow(['Ёлкина Анна', 79211234567, '4,5']);
    const data = await readSheet(await toBuffer(wb));
    expect(data.name).toBe('Список');
    expect(data.headers).toEqual(['ФИО', 'Телефон', 'Балл', 'Сайт', 'Дата', 'Балл (2)']);
    expect(data.rows).toHaveLength(2); // the blank row is skipped
    expect(data.rows[0]).toEqual({
      ФИО: 'Иванов Пётр',
      Телефон: '89211234567',
      Балл: 5,
      Сайт: 'школа',
      Дата: new Date(Date.UTC(2026, 0, 15)),
      'Балл (2)': null,
    });
    expect(asText(data.rows[1]!['Телефон'])).toBe('79211234567');
    expect(asNumber(data.rows[1]!['Балл'])).toBe(4.5);
    expect(asText(data.rows[0]!['Дата'])).toBe('2026-01-15');
    await expect(readSheet(await toBuffer(wb), 'Нет такого')).rejects.toThrow(
      /«Нет такого» не найден; в файле: «Список»/,
    );
  });
});

describe('writeXlsxStream', () => {
  async function* students(count: number) {
    for (let i = 0; i < count; i++) {
      yield {
        name: `Студент ${i} Ёлкин`,
        file: String(i).padStart(6, '0'),
        average: 3 + (i % 200) / 100,
        absent: i % 37,
        enrolled: `2025-09-${String(1 + (i % 28)).padStart(2, '0')}`,
        done: (i % 100) / 100,
      };
    }
  }

  it('round-trips 20,000 rows with the same typing, frozen header and unique names', async () => {
    const file = path.join(dir, 'big.xlsx');
    const result = await writeXlsxStream(file, [
      { name: 'Студенты', title: 'Все студенты', columns: COLUMNS, rows: students(20_000) },
      { name: 'студенты', columns: COLUMNS, rows: ROWS },
    ]);
    expect(result).toEqual({ sheets: ['Студенты', 'студенты (2)'], rows: 20_003 });

    const data = await readSheet(file, 'Студенты');
    expect(data.rows).toHaveLength(20_000);
    expect(data.rows[19_999]).toEqual({
      Обучающийся: 'Студент 19999 Ёлкин',
      'Личное дело': '019999',
      'Средний балл': 4.99,
      'Пропуски, ч': 19_999 % 37,
      'Дата зачисления': new Date(Date.UTC(2025, 8, 1 + (19_999 % 28))),
      'Выполнение плана': 0.99,
    });
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
    const sheet = back.getWorksheet('Студенты')!;
    expect(sheet.views[0]?.state).toBe('frozen');
    expect(sheet.getRow(2).getCell(1).font?.bold).toBe(true);
    expect(sheet.getCell('E3').numFmt).toBe('dd.mm.yyyy');
    expect((await readSheet(file, 'студенты (2)')).rows).toHaveLength(3);
  });

  it('the callback form, and a failure removes the partial file', async () => {
    const file = path.join(dir, 'cb.xlsx');
    await writeXlsxStream(file, (w) => {
      const sheet = w.addSheet({ name: 'Журнал', columns: COLUMNS });
      for (const row of ROWS) sheet.addRow(row);
      sheet.commit();
    });
    expect((await readSheet(file)).rows.map((r) => r['Обучающийся'])).toEqual(ROWS.map((r) => r.name));

    const broken = path.join(dir, 'broken.xlsx');
    async function* failing() {
      yield ROWS[0]!;
      throw new Error('диск отключён');
    }
    await expect(writeXlsxStream(broken, [{ name: 'Лист', columns: COLUMNS, rows: failing() }])).rejects.toThrow(
      'диск отключён',
    );
    expect(fs.existsSync(broken)).toBe(false);
  });
});
