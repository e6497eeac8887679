// Reading a sheet back as header → value records: for tests of our own files and for the importer of
// lists made by hand in Excel (rich text, formulas, hyperlinks, numbers typed as text, dates).
import fs from 'node:fs';
import type ExcelJS from 'exceljs';
import { exceljs } from './lazy-modules.js';
import { checkXlsx, sizeProblem, XlsxError, type XlsxLimits } from './xlsx-guard.js';

export { XLSX_LIMITS, XlsxError, type XlsxLimits } from './xlsx-guard.js';

export type SheetValue = string | number | boolean | Date | null;

export interface SheetData {
  /** The sheet's actual name. */
  name: string;
  headers: string[];
  /** One record per non-empty row below the header, keyed by header text. */
  rows: Array<Record<string, SheetValue>>;
  /** The 1-based row number of the header. */
  headerRow: number;
  /** The 1-based Excel row number of each record in `rows` (for messages like «строка 12»). */
  rowNumbers: number[];
  /** Cells whose value could not be taken as it is (a formula never computed, an error value, a
   *  merge across columns); their value in `rows` is null. */
  cellProblems: CellProblem[];
}

export interface CellProblem {
  row: number;
  header: string;
  message: string;
}

export interface ReadSheetOptions {
  /** 1-based row of the header. Default: the frozen row of a sheet we wrote, else found by looking. */
  headerRow?: number;
  /** Refuse (XlsxError, Russian) files beyond these limits before loading them — for files from
   *  outside (the importer); our own exports are read without. */
  limits?: XlsxLimits;
}

/**
 * A cell's plain value: rich text joined, a formula's cached result, a hyperlink's text, errors as
 * null. Text stays text — «00123» keeps its zeros; use asNumber() where a number is wanted. Excel dates
 * come back as Dates at UTC midnight (read them with getUTC…).
 */
export function plainValue(value: ExcelJS.CellValue | undefined): SheetValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return plainValue(value.result as ExcelJS.CellValue | undefined);
  if ('hyperlink' in value) return plainValue(value.text as ExcelJS.CellValue);
  if ('error' in value) return null;
  return null;
}

/**
 * Why a cell's value cannot be taken, or null. A formula's computed result is taken as the value
 * («=A2&" "&B2» for a full name is common in hand-made lists) — but a formula Excel never computed
 * (written by a program, saved without recalculation) has none, and an error (#ССЫЛКА!, #Н/Д) is
 * not a value. A cell merged with its left neighbour would repeat that neighbour's value in another
 * column; merged down a column (a group name over its students) the value is meant for every row.
 */
export function cellProblem(cell: ExcelJS.Cell): string | null {
  if (cell.isMerged && cell.master !== cell && Number(cell.master.col) !== Number(cell.col)) {
    return `ячейка объединена с ${cell.master.address}: разъедините ячейки, чтобы у каждого столбца было своё значение`;
  }
  const value = cell.value;
  if (value === null || typeof value !== 'object' || value instanceof Date) return null;
  if ('error' in value) return `в ячейке ошибка ${String(value.error)}: исправьте её в Excel`;
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value && value.formula ? `=${value.formula}` : 'формула';
    const result = value.result as ExcelJS.CellValue | undefined;
    if (result === undefined || result === null) {
      return (
        `формула «${formula}» без вычисленного значения: откройте файл в Excel, чтобы он пересчитал формулы, и ` +
        `сохраните (или вставьте вместо формул значения)`
      );
    }
    if (typeof result === 'object' && !(result instanceof Date) && 'error' in result) {
      return `формула «${formula}» даёт ошибку ${String(result.error)}: исправьте её в Excel`;
    }
  }
  return null;
}

/** Any value as trimmed text: integers without «.0», dates as YYYY-MM-DD, empty as ''. */
export function asText(value: SheetValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
  }
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  return String(value).trim();
}

/** A number, from a number or from text such as «4,5» or «1 200»; null when it is not one. */
export function asNumber(value: SheetValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const normal = value.replace(/[\s\u00A0]/g, '').replace(',', '.');
  return normal !== '' && /^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(normal) ? Number(normal) : null;
}

function isEmpty(value: SheetValue): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}

/** The header row: the frozen row of our own files, else the first of the top 20 rows that is at
 *  least half as full as the fullest (a one-cell title above a header is skipped). */
function findHeaderRow(ws: ExcelJS.Worksheet): number {
  const view = (ws.views as ExcelJS.WorksheetView[] | null)?.[0]; // null when the file has no sheetViews
  if (view && view.state === 'frozen' && (view.ySplit ?? 0) > 0) return view.ySplit ?? 1;
  const counts: number[] = [];
  for (let r = 1; r <= Math.min(ws.rowCount, 20); r++) {
    let filled = 0;
    ws.getRow(r).eachCell({ includeEmpty: false }, (cell) => {
      if (!isEmpty(plainValue(cell.value))) filled++;
    });
    counts.push(filled);
  }
  const most = Math.max(0, ...counts);
  const index = counts.findIndex((c) => c > 0 && c >= most / 2 && (c > 1 || most === 1));
  return index < 0 ? 1 : index + 1;
}

async function loadWorkbook(
  source: string | Uint8Array | ArrayBuffer,
  limits: XlsxLimits | undefined,
): Promise<ExcelJS.Workbook> {
  const wb = new (exceljs().Workbook)();
  if (limits) {
    if (typeof source === 'string') {
      const tooBig = sizeProblem(fs.statSync(source).size, limits);
      if (tooBig) throw new XlsxError(tooBig);
      source = fs.readFileSync(source);
    }
    await checkXlsx(source instanceof ArrayBuffer ? new Uint8Array(source) : source, limits);
  }
  if (typeof source === 'string') await wb.xlsx.readFile(source);
  else {
    // exceljs declares its own global `Buffer extends ArrayBuffer`, which Node's Buffer type no longer matches.
    const bytes = Buffer.from(source instanceof ArrayBuffer ? new Uint8Array(source) : source);
    await wb.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  }
  return wb;
}

/** Reads one sheet (the first when no name is given; names match ignoring case) into records. */
export async function readSheet(
  source: string | Uint8Array | ArrayBuffer,
  sheetName?: string,
  options: ReadSheetOptions = {},
): Promise<SheetData> {
  const wb = await loadWorkbook(source, options.limits);
  const ws =
    sheetName === undefined
      ? wb.worksheets[0]
      : (wb.worksheets.find((w) => w.name === sheetName) ??
        wb.worksheets.find((w) => w.name.toLowerCase() === sheetName.toLowerCase()));
  if (!ws) {
    const names = wb.worksheets.map((w) => `«${w.name}»`).join(', ') || 'нет ни одного листа';
    throw new Error(
      sheetName === undefined ? 'В файле нет листов' : `Лист «${sheetName}» не найден; в файле: ${names}`,
    );
  }
  const headerRow = options.headerRow ?? findHeaderRow(ws);

  // Headers up to the last filled one; blanks get «Столбец N», repeats «Имя (2)».
  const raw: string[] = [];
  ws.getRow(headerRow).eachCell({ includeEmpty: false }, (cell, col) => {
    raw[col - 1] = asText(plainValue(cell.value));
  });
  while (raw.length > 0 && !raw[raw.length - 1]) raw.pop();
  const seen = new Map<string, number>();
  const headers = Array.from(raw, (h, i) => {
    const base = h && h !== '' ? h : `Столбец ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });

  const rows: Array<Record<string, SheetValue>> = [];
  const rowNumbers: number[] = [];
  const cellProblems: CellProblem[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue;
    const record: Record<string, SheetValue> = {};
    const problems: CellProblem[] = [];
    let filled = false;
    headers.forEach((header, i) => {
      const cell = row.getCell(i + 1);
      const problem = cellProblem(cell);
      const value = problem ? null : plainValue(cell.value);
      if (problem) {
        problems.push({ row: r, header, message: problem });
        filled = true;
      }
      record[header] = value;
      if (!isEmpty(value)) filled = true;
    });
    if (filled) {
      rows.push(record);
      rowNumbers.push(r);
      cellProblems.push(...problems);
    }
    if (options.limits && rows.length > options.limits.maxRows) {
      throw new XlsxError(
        `В списке больше ${options.limits.maxRows.toLocaleString('ru-RU').replace(/\u00A0/g, ' ')} строк — столько ` +
          `за один раз не загрузить. Разделите список на несколько файлов`,
      );
    }
  }
  return { name: ws.name, headers, rows, headerRow, rowNumbers, cellProblems };
}
