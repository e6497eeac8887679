// Numbers as the screens, printed reports and messages write them in Russian: the decimal comma,
// «87,5 %», «12 345», «5 уроков», «1,5 МБ». Intl writes them; the rounding stays Number#toFixed's
// (of the binary value: 2.675 → «2,67»), so every figure prints as it did before they were shared.

const fixedFormats = new Map<number, Intl.NumberFormat>();
const counts = new Intl.NumberFormat('ru-RU');
const plurals = new Intl.PluralRules('ru');

/** 3.14159, 2 → «3,14»: a fixed number of decimals, a comma, no digit groups. */
export function decimal(value: number, digits: number): string {
  let format = fixedFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('ru-RU', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: false,
    });
    fixedFormats.set(digits, format);
  }
  return format.format(Number(value.toFixed(digits)));
}

/** 0.875 → «87,5 %»; null → «—». */
export function pct(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return '—';
  return `${decimal(value * 100, digits)} %`;
}

/** 3.845 → «3,85», −1 → «−1,00» (a true minus sign); null → «—». */
export function dec(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return '—';
  return decimal(value, digits).replace('-', '−');
}

/** Hours: whole numbers as they are, halves with a comma. */
export function hrs(value: number): string {
  return decimal(value, Number.isInteger(value) ? 0 : 1);
}

/** 12345 → «12 345» (a no-break space between groups), as toLocaleString('ru-RU') writes it. */
export function count(value: number): string {
  return counts.format(value);
}

/** The noun's form for a count: plural(5, 'урок', 'урока', 'уроков') → 'уроков'. */
export function plural(n: number, one: string, few: string, many: string): string {
  const form = plurals.select(n);
  return form === 'one' ? one : form === 'few' ? few : many;
}

const BYTE_UNITS = ['КБ', 'МБ', 'ГБ', 'ТБ'];

/** 1536 → «1,5 КБ», 25 MiB → «25 МБ»: one decimal below ten; null → «—». */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} Б`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${decimal(value, value < 10 ? 1 : 0)} ${BYTE_UNITS[unit]}`;
}

/** A file's size against a limit given in megabytes: «20,5 МБ». */
export function megabytes(bytes: number): string {
  return `${decimal(bytes / 1024 / 1024, 1)} МБ`;
}

const UNITS = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const TEENS = [
  'десять',
  'одиннадцать',
  'двенадцать',
  'тринадцать',
  'четырнадцать',
  'пятнадцать',
  'шестнадцать',
  'семнадцать',
  'восемнадцать',
  'девятнадцать',
];
const TENS = [
  '',
  '',
  'двадцать',
  'тридцать',
  'сорок',
  'пятьдесят',
  'шестьдесят',
  'семьдесят',
  'восемьдесят',
  'девяносто',
];
const HUNDREDS = [
  '',
  'сто',
  'двести',
  'триста',
  'четыреста',
  'пятьсот',
  'шестьсот',
  'семьсот',
  'восемьсот',
  'девятьсот',
];

function below1000(n: number, feminine: boolean): string[] {
  const words = [HUNDREDS[Math.floor(n / 100)]!];
  const rest = n % 100;
  if (rest >= 10 && rest < 20) return [...words, TEENS[rest - 10]!].filter(Boolean);
  words.push(TENS[Math.floor(rest / 10)]!);
  const unit = rest % 10;
  words.push(feminine && unit === 1 ? 'одна' : feminine && unit === 2 ? 'две' : UNITS[unit]!);
  return words.filter(Boolean);
}

/**
 * A whole number in words, masculine («сто двадцать один» лист), as a document writes a count out in full:
 * «123 (сто двадцать три) листа». 0 … 999 999.
 */
export function numberWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999) throw new RangeError(`numberWords: ${n}`);
  if (n === 0) return 'ноль';
  const thousands = Math.floor(n / 1000);
  const words: string[] = [];
  if (thousands > 0) words.push(...below1000(thousands, true), plural(thousands, 'тысяча', 'тысячи', 'тысяч'));
  words.push(...below1000(n % 1000, false));
  return words.join(' ');
}
