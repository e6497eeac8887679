// Reading the cells of a list typed by hand in Excel: names as people write them (Ё, double
// surnames, hyphens, no patronymic, stray spaces, CAPITALS), dates as Excel dates, serial numbers
// or «01.09.2010» text. Each reader returns the value or records a problem for the cell.
import type { ImportProblem } from '../../../api/contract.js';
import { isValidIsoDate } from '../../../api/schemas.js';
import { asText, type SheetValue } from '../../../export/xlsx-read.js';
import { cleanName } from '../common.js';

export interface ColumnSpec {
  key: string;
  header: string;
  required?: boolean;
  /** A line for the template's hint row. */
  hint: string;
  example: string | number | null;
  type?: 'text' | 'date' | 'integer';
  width?: number;
}

/** One data row: its Excel row number, its cells by column key, and the problems found in it. */
export class Row {
  readonly problems: ImportProblem[] = [];
  constructor(
    readonly row: number,
    private readonly cells: Map<string, SheetValue>,
    private readonly headers: Map<string, string>,
    /** Values of fields no column holds, implied by a header (a «Мать» column: the relation is «мать»). */
    private readonly implied: Map<string, string> = new Map(),
  ) {}

  raw(key: string): SheetValue {
    return this.cells.get(key) ?? (this.headers.has(key) ? null : (this.implied.get(key) ?? null));
  }
  has(key: string): boolean {
    return this.headers.has(key);
  }
  blank(key: string): boolean {
    return asText(this.raw(key)) === '';
  }
  header(key: string, fallback: string): string {
    return this.headers.get(key) ?? fallback;
  }

  /** Records a problem; one per cell — the first (e.g. «формула без значения») explains the rest. */
  problem(key: string | null, message: string, fallbackHeader = key ?? ''): void {
    const column = key === null ? null : this.header(key, fallbackHeader);
    if (column !== null && this.problems.some((p) => p.column === column)) return;
    this.problems.push({ row: this.row, column, message });
  }

  /** Trimmed text with spaces collapsed, or null when empty. */
  text(key: string, options: { required?: string; max?: number } = {}): string | null {
    const raw = this.raw(key);
    if (typeof raw === 'boolean') {
      this.problem(key, `в ячейке логическое значение ${raw ? 'ИСТИНА' : 'ЛОЖЬ'}, а нужен текст`);
      return null;
    }
    const value = asText(raw)
      .replace(/[\u00A0\s]+/g, ' ')
      .trim();
    if (value === '') {
      if (options.required) this.problem(key, options.required);
      return null;
    }
    const max = options.max ?? 300;
    if (value.length > max) {
      this.problem(key, `не длиннее ${max} символов (сейчас ${value.length})`);
      return null;
    }
    return value;
  }

  /** A person's name part: letters, hyphens, apostrophes and inner spaces; CAPITALS made Normal. */
  name(key: string, required: string | null): string | null {
    const value = this.text(key, { required: required ?? undefined, max: 60 });
    if (value === null) return null;
    const problem = nameProblem(value);
    if (problem) {
      this.problem(key, problem);
      return null;
    }
    return normalCase(cleanName(value));
  }

  /** A date from an Excel date, a serial number or text such as 01.09.2010. */
  date(key: string, options: { required?: string } = {}): string | null {
    const raw = this.raw(key);
    if (raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      if (options.required) this.problem(key, options.required);
      return null;
    }
    const parsed = parseDate(raw);
    if ('error' in parsed) {
      this.problem(key, parsed.error);
      return null;
    }
    return parsed.date;
  }

  /** A whole number, or null (with a problem when the cell is filled with something else). */
  integer(key: string, options: { required?: string; min?: number; max?: number } = {}): number | null {
    const raw = this.raw(key);
    const text = asText(raw).replace(/\s+/g, '');
    if (text === '') {
      if (options.required) this.problem(key, options.required);
      return null;
    }
    const n = typeof raw === 'number' ? raw : /^[-+]?\d+([.,]0+)?$/.test(text) ? Number(text.replace(',', '.')) : NaN;
    if (!Number.isInteger(n)) {
      this.problem(key, `«${asText(raw)}» — не целое число`);
      return null;
    }
    if (options.min !== undefined && n < options.min) {
      this.problem(key, `${n} меньше допустимого (${options.min})`);
      return null;
    }
    if (options.max !== undefined && n > options.max) {
      this.problem(key, `${n} больше допустимого (${options.max})`);
      return null;
    }
    return n;
  }

  email(key: string): string | null {
    const value = this.text(key, { max: 100 });
    if (value === null) return null;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
      this.problem(key, `«${value}» — не адрес электронной почты`);
      return null;
    }
    return value.toLowerCase();
  }

  phone(key: string): string | null {
    const value = this.text(key, { max: 40 });
    if (value === null) return null;
    const digits = value.replace(/\D/g, '');
    if (digits.length < 5) {
      this.problem(key, `«${value}» — не номер телефона`);
      return null;
    }
    return formatPhone(value);
  }
}

export function nameProblem(value: string): string | null {
  if (/\d/.test(value)) return `«${value}»: в имени не должно быть цифр`;
  if (!/^[\p{L}][\p{L}\p{M}'’ .-]*$/u.test(value.trim()))
    return `«${value}»: допустимы буквы, дефис, апостроф и пробел`;
  return null;
}

/** «ИВАНОВ-ПЕТРОВ» or «иванов» → «Иванов-Петров», «Иванов»; mixed case (Мак-Дональд, оглы) stays as typed. */
export function normalCase(value: string): string {
  const letters = value.replace(/[^\p{L}]/gu, '');
  if (letters !== letters.toUpperCase() && letters !== letters.toLowerCase()) return value;
  if (letters.length <= 1) return value.toUpperCase();
  return value.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** «Иванов Иван Иванович», «Ли Анна», «Мамедов Эльчин Рашид оглы» → parts. */
export function splitFullName(value: string): { last: string; first: string | null; middle: string | null } {
  const parts = cleanName(value).split(' ').filter(Boolean);
  return { last: parts[0] ?? '', first: parts[1] ?? null, middle: parts.length > 2 ? parts.slice(2).join(' ') : null };
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export function parseDate(raw: SheetValue): { date: string } | { error: string } {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { error: 'не дата' };
    // exceljs gives Excel dates as UTC midnight; a time of day (rare) rounds to its calendar day.
    const shifted = new Date(raw.getTime() + 12 * 3600_000);
    return checkRange(shifted.toISOString().slice(0, 10));
  }
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 3000 || raw > 80000)
      return { error: `«${raw}» — не дата: укажите число, месяц и год (01.09.2010)` };
    return checkRange(new Date(EXCEL_EPOCH + Math.round(raw) * 86_400_000).toISOString().slice(0, 10));
  }
  if (raw === null) return { error: 'не дата' };
  if (typeof raw === 'boolean')
    return { error: `в ячейке логическое значение ${raw ? 'ИСТИНА' : 'ЛОЖЬ'}, а нужна дата (01.09.2010)` };
  const text = raw
    .replace(/[\u00A0\s]+/g, ' ')
    .trim()
    .replace(/\s*г(ода?)?\.?$/i, '');
  let m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})$/.exec(text);
  if (m) {
    if (m[3]!.length === 2) return { error: `«${text}»: год записан двумя цифрами — укажите четыре (01.09.2010)` };
    if (m[3]!.length !== 4) return { error: `«${text}» — не дата: ожидается ДД.ММ.ГГГГ` };
    const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
    return isValidIsoDate(iso) ? checkRange(iso) : { error: `«${text}»: такой даты нет` };
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return isValidIsoDate(text) ? checkRange(text) : { error: `«${text}»: такой даты нет` };
  return { error: `«${text}» — не дата: ожидается ДД.ММ.ГГГГ, например 01.09.2010` };
}

function checkRange(iso: string): { date: string } | { error: string } {
  if (iso < '1900-01-01' || iso > '2200-12-31')
    return { error: `${iso.split('-').reverse().join('.')} — год вне разумных пределов` };
  return { date: iso };
}

/** Russian mobile numbers as +7 912 345-67-89; anything else as typed. */
export function formatPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  const ten =
    digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'))
      ? digits.slice(1)
      : digits.length === 10
        ? digits
        : null;
  if (!ten) return value.trim();
  return `+7 ${ten.slice(0, 3)} ${ten.slice(3, 6)}-${ten.slice(6, 8)}-${ten.slice(8)}`;
}
