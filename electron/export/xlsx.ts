// Excel out (and back in): typed columns, Russian sheet names made safe, a frozen bold header with an
// autofilter. Every report's workbook and the archive's per-group workbooks are built with these.
import fs from 'node:fs';
import type ExcelJS from 'exceljs';
import { exceljs } from './lazy-modules.js';
import { XlsxWriter, type WriterValue } from './xlsx-writer.js';
import { streamWriter } from './xlsx-zip.js';

export {
  readSheet,
  plainValue,
  asText,
  asNumber,
  type SheetData,
  type SheetValue,
  type ReadSheetOptions,
} from './xlsx-read.js';

export type XlsxColumnType = 'text' | 'number' | 'integer' | 'date' | 'datetime' | 'percent';

export interface XlsxColumn {
  header: string;
  /** The property of a row object that holds this column's value. */
  key: string;
  /** Width in characters; a default per type (text columns of an array are sized from the data). */
  width?: number;
  /**
   * text: as shown; number/integer: numbers (numeric strings like «4,5» are converted, other text kept);
   * date: 'YYYY-MM-DD' or a Date → an Excel date (dd.mm.yyyy); datetime: a Date or ISO string at local
   * wall-clock time; percent: a FRACTION, 0.875 → 87.5 %.
   */
  type: XlsxColumnType;
  /** An Excel number format instead of the type's default. */
  numFmt?: string;
}

export type XlsxRow = Readonly<Record<string, unknown>>;

export interface TableSheetSpec {
  /** Any Russian name: it is made valid for Excel (see sheetName). */
  name: string;
  /** A bold title row above the header. */
  title?: string;
  columns: readonly XlsxColumn[];
  rows: Iterable<XlsxRow>;
}

const NUM_FMT: Record<XlsxColumnType, string> = {
  text: '@',
  number: '0.00',
  integer: '0',
  date: 'dd.mm.yyyy',
  datetime: 'dd.mm.yyyy hh:mm',
  percent: '0.0%',
};
const DEFAULT_WIDTH: Record<XlsxColumnType, number> = {
  text: 20,
  number: 10,
  integer: 8,
  date: 12,
  datetime: 17,
  percent: 9,
};
const THIN = { style: 'thin', color: { argb: 'FFA6A6A6' } } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const MAX_SHEET_NAME = 31;

export function createWorkbook(options: { createdAt?: Date } = {}): ExcelJS.Workbook {
  const wb = new (exceljs().Workbook)();
  wb.creator = 'Журнал';
  wb.created = options.createdAt ?? new Date();
  return wb;
}

/** Cuts to `max` UTF-16 units without splitting a surrogate pair (Excel counts units). */
function cut(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/**
 * A valid, unique sheet name: no []:*?/\, no apostrophe at either end, at most 31 characters,
 * not «History» (reserved by Excel), unique ignoring case — «Отчёт (2)» when «Отчёт» is taken.
 */
export function sheetName(wanted: string, taken: Iterable<string> = []): string {
  const used = new Set(Array.from(taken, (n) => n.toLowerCase()));
  let base = wanted
    .replace(/\[/g, '(')
    .replace(/]/g, ')')
    .replace(/[:*?/\\]/g, '-')
    // eslint-disable-next-line no-control-regex -- Excel refuses control characters in names
    .replace(/[\u0000-\u001F\u007F]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  base = cut(base, MAX_SHEET_NAME).trim() || 'Лист';
  const free = (name: string) => !used.has(name.toLowerCase()) && name.toLowerCase() !== 'history';
  if (free(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = cut(base, MAX_SHEET_NAME - suffix.length).trimEnd() + suffix;
    if (free(candidate)) return candidate;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function toNumber(value: unknown): number | string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  const text = String(value).trim();
  const normal = text.replace(/[\s\u00A0]/g, '').replace(',', '.');
  return /^[-+]?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(normal) ? Number(normal) : text;
}

/** A row value converted for a column of the given type (what ends up in the cell). */
export function cellValue(type: XlsxColumnType, value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  switch (type) {
    case 'text':
      if (value instanceof Date) return value.toLocaleDateString('ru-RU');
      return String(value);
    case 'number':
    case 'percent':
      return toNumber(value);
    case 'integer': {
      const n = toNumber(value);
      return typeof n === 'number' ? Math.round(n) : n;
    }
    case 'date': {
      // Excel dates carry no zone; exceljs writes a Date's UTC fields, so the calendar day goes in as UTC midnight.
      if (value instanceof Date) return new Date(Date.UTC(value.getFullYear(), value.getMonth(), value.getDate()));
      const m = ISO_DATE.exec(String(value));
      return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : String(value);
    }
    case 'datetime': {
      const d = value instanceof Date ? value : new Date(String(value));
      if (Number.isNaN(d.getTime())) return String(value);
      return new Date(
        Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()),
      );
    }
  }
}

function columnWidth(column: XlsxColumn, rows: Iterable<XlsxRow>): number {
  if (column.width !== undefined) return column.width;
  const longestWord = Math.max(...column.header.split(/\s+/).map((w) => w.length));
  if (column.type !== 'text' || !Array.isArray(rows)) return Math.max(DEFAULT_WIDTH[column.type], longestWord + 2);
  let longest = longestWord;
  for (const row of (rows as XlsxRow[]).slice(0, 500))
    longest = Math.max(longest, String(row[column.key] ?? '').length);
  return Math.min(Math.max(longest + 2, 6), 60);
}

/** Title, header, column formats, frozen panes and autofilter; returns the header's row number. */
function layOutSheet(ws: ExcelJS.Worksheet, spec: Omit<TableSheetSpec, 'rows'>, rows: Iterable<XlsxRow>): number {
  const n = spec.columns.length;
  ws.columns = spec.columns.map((c) => ({
    key: c.key,
    width: columnWidth(c, rows),
    // Only the number format at column level: a column border would run down all 1,048,576 rows.
    style: { numFmt: c.numFmt ?? NUM_FMT[c.type] },
  }));
  let headerRow = 1;
  if (spec.title) {
    const title = ws.getRow(1);
    title.getCell(1).value = spec.title;
    title.getCell(1).style = { font: { bold: true, size: 13 }, alignment: { vertical: 'middle' } };
    title.height = 22;
    if (n > 1) ws.mergeCells(1, 1, 1, n);
    title.commit();
    headerRow = 2;
  }
  const header = ws.getRow(headerRow);
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.style = {
      font: { bold: true },
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } },
      border: BORDER,
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    };
  });
  header.commit();
  if (n > 0) ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: n } };
  return headerRow;
}

function sheetOptions(columns: number, headerRow: number): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    views: [
      {
        state: 'frozen',
        xSplit: 0,
        ySplit: headerRow,
        topLeftCell: `A${headerRow + 1}`,
        activeCell: `A${headerRow + 1}`,
      },
    ],
    pageSetup: {
      paperSize: 9,
      orientation: columns > 6 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  };
}

/** An empty value leaves the cell out altogether (undefined), rather than an empty styled cell. */
function rowValues(columns: readonly XlsxColumn[], row: XlsxRow): ExcelJS.CellValue[] {
  return columns.map((c) => cellValue(c.type, row[c.key]) ?? undefined) as ExcelJS.CellValue[];
}

/**
 * One style object per column, given to each of its cells: exceljs copies the column's style into a
 * new object per cell and then renders it to XML to find it again — for the archive's 3 million
 * journal cells that was a fifth of the work. The same object is found at once (its WeakMap).
 */
function columnStyles(columns: readonly XlsxColumn[]): Array<Partial<ExcelJS.Style>> {
  return columns.map((c) => ({ numFmt: c.numFmt ?? NUM_FMT[c.type] }));
}

function addStyledRow(
  ws: ExcelJS.Worksheet,
  columns: readonly XlsxColumn[],
  styles: ReadonlyArray<Partial<ExcelJS.Style>>,
  row: XlsxRow,
): ExcelJS.Row {
  const added = ws.addRow(rowValues(columns, row));
  added.eachCell((cell, col) => {
    cell.style = styles[col - 1]!;
  });
  return added;
}

/** Adds a typed table sheet to an in-memory workbook. */
export function addTableSheet(wb: ExcelJS.Workbook, spec: TableSheetSpec): ExcelJS.Worksheet {
  const name = sheetName(
    spec.name,
    wb.worksheets.map((w) => w.name),
  );
  const headerRow = spec.title ? 2 : 1;
  const ws = wb.addWorksheet(name, sheetOptions(spec.columns.length, headerRow));
  layOutSheet(ws, spec, spec.rows);
  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  const styles = columnStyles(spec.columns);
  for (const row of spec.rows) addStyledRow(ws, spec.columns, styles, row);
  return ws;
}

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ── Streaming: big exports (the archive's journals) written row by row, each sheet zipped when it is
// complete (export/xlsx-writer.ts), without holding the workbook.

export interface StreamSheetSpec extends Omit<TableSheetSpec, 'rows'> {
  rows: Iterable<XlsxRow> | AsyncIterable<XlsxRow>;
}

export interface SheetAppender {
  /** The name the sheet got (sanitised and unique). */
  readonly name: string;
  readonly rowCount: number;
  addRow(row: XlsxRow): void;
  /** A row given as its values in the order of the columns (no object with a key per column). */
  addValues(values: readonly unknown[]): void;
  /** Finishes the sheet; no rows may be added after it. */
  commit(): void;
}

export interface XlsxStreamWriter {
  addSheet(spec: Omit<TableSheetSpec, 'rows'>): SheetAppender;
}

export type StreamSheets =
  Iterable<StreamSheetSpec> | AsyncIterable<StreamSheetSpec> | ((writer: XlsxStreamWriter) => Promise<void> | void);

/** Yield to the event loop every so many rows, so the zip stream drains to disk as we go. */
const DRAIN_EVERY = 2000;

/**
 * Writes sheets to `file` as they come, with the same typing as addTableSheet. Sheets are given as
 * specs (rows may be an async iterable) or written through the callback's writer. On failure the
 * partial file is removed and the error rethrown.
 */
export async function writeXlsxStream(file: string, sheets: StreamSheets): Promise<{ sheets: string[]; rows: number }> {
  const out = fs.createWriteStream(file);
  // A full disk or a pulled stick fails the file stream: without a listener the 'error' event would
  // crash the process (each write's own callback reports it to the writer).
  out.on('error', () => undefined);
  try {
    const result = await writeXlsxTo(streamWriter(out), sheets);
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    return result;
  } catch (error) {
    // The file is opened asynchronously: an early failure can come before the open, which would
    // create the file after the removal. Wait for the stream to close, then remove it.
    const closed = new Promise<void>((resolve) => (out.closed ? resolve() : out.once('close', () => resolve())));
    out.destroy();
    await closed;
    await fs.promises.rm(file, { force: true });
    throw error;
  }
}

/**
 * The workbook writeXlsxStream would write, made in memory: a worker thread hands the archive's
 * workbooks over as bytes, and the thread that writes the files fsyncs and hashes them. `created` is the
 * workbook's date (its properties and the zip's entries): an archive's are dated when it was formed.
 */
export async function xlsxBytes(sheets: StreamSheets, created = new Date()): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const collect = async (bytes: Uint8Array) => void chunks.push(bytes);
  await writeXlsxTo(collect, sheets, created);
  return Buffer.concat(chunks);
}

/** The sheets through export/xlsx-writer.ts, typed here as addTableSheet types them. */
async function writeXlsxTo(
  write: (bytes: Uint8Array) => Promise<void>,
  sheets: StreamSheets,
  created = new Date(),
): Promise<{ sheets: string[]; rows: number }> {
  const book = new XlsxWriter(write, created, 'Журнал');
  const names: string[] = [];
  let total = 0;
  let open: SheetAppender | null = null;

  const writer: XlsxStreamWriter = {
    addSheet(spec) {
      open?.commit();
      const name = sheetName(spec.name, names);
      names.push(name);
      const sheet = book.addSheet(
        name,
        spec.title,
        spec.columns.map((c) => ({ header: c.header, width: columnWidth(c, []), numFmt: c.numFmt ?? NUM_FMT[c.type] })),
      );
      let count = 0;
      let committed = false;
      const appender: SheetAppender = {
        name,
        get rowCount() {
          return count;
        },
        addRow(row) {
          appender.addValues(spec.columns.map((c) => row[c.key]));
        },
        addValues(values) {
          if (committed) throw new Error(`Лист «${name}» уже закрыт`);
          sheet.addRow(spec.columns.map((c, i) => cellValue(c.type, values[i]) as WriterValue));
          count++;
          total++;
        },
        commit() {
          if (committed) return;
          committed = true;
          sheet.commit();
          if (open === appender) open = null;
        },
      };
      open = appender;
      return appender;
    },
  };

  if (typeof sheets === 'function') {
    await sheets(writer);
  } else {
    for await (const spec of sheets) {
      const sheet = writer.addSheet(spec);
      for await (const row of spec.rows) {
        sheet.addRow(row);
        if (sheet.rowCount % DRAIN_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      sheet.commit();
    }
  }
  (open as SheetAppender | null)?.commit();
  // Excel refuses a workbook without sheets
  if (names.length === 0) writer.addSheet({ name: 'Нет данных', columns: [] }).commit();
  await book.finish();
  return { sheets: names, rows: total };
}
