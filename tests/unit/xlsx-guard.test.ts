// The checks made before exceljs loads a file from outside: rows and cells counted from the unpacked
// XML (split across chunks, with or without a namespace prefix), then the exact count of data rows.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkXlsx, openXlsx, XLSX_LIMITS, XlsxError, type XlsxLimits } from '../../electron/export/xlsx-guard.js';
import { readSheet } from '../../electron/export/xlsx-read.js';

async function sheet(rows: number, columns = 3, sharedStrings = true): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Лист1');
  ws.addRow(Array.from({ length: columns }, (_, j) => `Столбец ${j + 1}`));
  for (let i = 0; i < rows; i++) ws.addRow(Array.from({ length: columns }, (_, j) => `Значение ${i}-${j}`));
  return Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings: sharedStrings } as ExcelJS.XlsxWriteOptions));
}

const small: XlsxLimits = { ...XLSX_LIMITS, maxRows: 10, maxCells: 1000 };

describe('checkXlsx', () => {
  it('lets a list within the limits through, and readSheet reads it', async () => {
    const file = await sheet(10);
    await expect(checkXlsx(file, small)).resolves.toBeUndefined();
    expect((await readSheet(file, undefined, { limits: small })).rows).toHaveLength(10);
  });

  it('counts rows from the XML (the title and header rows are allowed above the data)', async () => {
    await expect(checkXlsx(await sheet(200), small)).rejects.toThrow(
      'В файле больше 10 строк — столько за один раз не загрузить',
    );
    // 50 rows pass the streamed count (header slack) but not the exact count of data rows.
    const fifty = await sheet(50);
    await expect(checkXlsx(fifty, small)).resolves.toBeUndefined();
    await expect(readSheet(fifty, undefined, { limits: small })).rejects.toThrow('В списке больше 10 строк');
    // Our own exports are read without limits.
    expect((await readSheet(fifty)).rows).toHaveLength(50);
  });

  it('counts cells, inline strings included, across chunk boundaries', async () => {
    const wide = await sheet(60, 20, false);
    await expect(checkXlsx(wide, { ...small, maxRows: 1000, maxCells: 60 * 20 })).rejects.toThrow(
      'В файле больше 1 200 ячеек',
    );
    await expect(checkXlsx(wide, { ...small, maxRows: 1000, maxCells: 61 * 20 })).resolves.toBeUndefined();
  });

  it('refuses by the unpacked size', async () => {
    await expect(
      checkXlsx(await sheet(300, 10), { ...small, maxRows: 1000, maxCells: 1e6, maxXmlBytes: 20_000 }),
    ).rejects.toThrow(/^В книге слишком много данных/);
  });

  it('tells an empty, an over-size, a non-zip and a truncated file apart without unpacking', async () => {
    const file = await sheet(3);
    const message = (bytes: Uint8Array, limits = XLSX_LIMITS) => {
      try {
        openXlsx(bytes, limits);
        return null;
      } catch (e) {
        expect(e).toBeInstanceOf(XlsxError);
        return (e as Error).message;
      }
    };
    expect(message(file)).toBeNull();
    expect(message(new Uint8Array(0))).toMatch(/^Файл пустой/);
    expect(message(file, { ...XLSX_LIMITS, maxFileBytes: 1024 })).toMatch(
      /^Файл слишком большой: \d+,\d МБ, а загрузить можно не больше 0,0 МБ/,
    );
    expect(message(Buffer.from('<html>'))).toMatch(/^Это не таблица Excel \.xlsx/);
    expect(message(file.subarray(0, file.length - 30))).toMatch(/^Файл повреждён/);
  });
});
