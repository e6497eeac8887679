// Mark and attendance values as the teacher types them: normalised (case, «ё», a keyboard left in
// the Latin layout) and checked against the institution's scale. The grid reads a cell with the same
// rules before it is sent, so what the screen accepts is what the services accept.
import { ATTENDANCE_CODES, type AttendanceCode } from './enums.js';

/** «не аттестован»: a final mark only. */
export const NOT_CERTIFIED = 'н/а';
export const CREDIT = ['зач', 'незач'] as const;

// ЙЦУКЕН on a QWERTY keyboard: a teacher who forgot to switch the layout types «y» for «н».
const LATIN_TO_CYRILLIC: Record<string, string> = {
  q: 'й',
  w: 'ц',
  e: 'у',
  r: 'к',
  t: 'е',
  y: 'н',
  u: 'г',
  i: 'ш',
  o: 'щ',
  p: 'з',
  '[': 'х',
  ']': 'ъ',
  a: 'ф',
  s: 'ы',
  d: 'в',
  f: 'а',
  g: 'п',
  h: 'р',
  j: 'о',
  k: 'л',
  l: 'д',
  ';': 'ж',
  "'": 'э',
  z: 'я',
  x: 'ч',
  c: 'с',
  v: 'м',
  b: 'и',
  n: 'т',
  m: 'ь',
  ',': 'б',
  '.': 'ю',
};

const SYNONYMS: Record<string, string> = {
  зачет: 'зач',
  зачёт: 'зач',
  зачтено: 'зач',
  незачет: 'незач',
  незачёт: 'незач',
  'не зач': 'незач',
  'не зачтено': 'незач',
  на: 'н/а',
  'н\\а': 'н/а',
  'н.а': 'н/а',
};

/** Lower-case, trimmed, Cyrillic: «  Зачёт » → «зач», «y» → «н», «jg» → «оп». */
export function normalizeValue(raw: string): string {
  let s = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/[a-z[\];',.]/.test(s) && !/[а-яё]/.test(s)) s = [...s].map((ch) => LATIN_TO_CYRILLIC[ch] ?? ch).join('');
  s = s.replace(/ё/g, 'е');
  return SYNONYMS[s] ?? s;
}

/** The scale a new institution starts with; a journal keeps the one it was created with. */
export const DEFAULT_MARK_SCALE = '5,4,3,2,зач,незач';

/** Every value a scale may hold, in the order a scale is written. */
export const MARK_SCALE_VALUES = ['5', '4', '3', '2', '1', 'зач', 'незач'] as const;

/** The scale in use: `5,4,3,2,зач,незач` from the journal (a `1` in it allows one). */
export function parseScale(markScale: string): string[] {
  const values = markScale
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return values.length > 0 ? values : DEFAULT_MARK_SCALE.split(',');
}

/**
 * A scale as the admin typed it («5, 4, 3, 2, зачёт, незачёт»), checked and written the one way
 * (`5,4,3,2,зач,незач`, in the order of MARK_SCALE_VALUES); a Russian message when it is not a scale.
 */
export function checkScale(raw: string): { scale: string } | { error: string } {
  const parts = raw
    .split(/[,;\s]+/)
    .map((v) => v.trim())
    .filter(Boolean);
  if (parts.length === 0) return { error: 'Шкала отметок: укажите хотя бы одно значение' };
  const values = new Set<string>();
  for (const part of parts) {
    const value = normalizeValue(part);
    if (!(MARK_SCALE_VALUES as readonly string[]).includes(value))
      return { error: `Шкала отметок: «${part}» не отметка; допустимы ${MARK_SCALE_VALUES.join(', ')}` };
    if (values.has(value)) return { error: `Шкала отметок: «${value}» указано дважды` };
    values.add(value);
  }
  const numeric = [...values].filter((v) => numericValue(v) !== null);
  if (numeric.length === 1) return { error: 'Шкала отметок: нужно не меньше двух числовых отметок (например, 5 и 2)' };
  if (values.has('зач') !== values.has('незач')) return { error: 'Шкала отметок: «зач» и «незач» указываются вместе' };
  return { scale: MARK_SCALE_VALUES.filter((v) => values.has(v)).join(',') };
}

export function scaleMessage(raw: string, scale: readonly string[]): string {
  return `Неверное значение отметки «${raw.trim()}»: допустимы ${scale.join(', ')}`;
}

/** A numeric mark (5…1) or null for credit marks and «н/а». */
export function numericValue(value: string): number | null {
  return /^[1-5]$/.test(value) ? Number(value) : null;
}

/** An attendance code with optional minutes for «оп»: «оп», «оп 10», «оп10»; null when it is not one. */
export function parseAttendance(raw: string): { code: AttendanceCode; lateMinutes: number | null } | null {
  const s = normalizeValue(raw);
  const late = /^оп\s*(\d{1,3})$/.exec(s);
  if (late) return { code: 'оп', lateMinutes: Number(late[1]) };
  return (ATTENDANCE_CODES as readonly string[]).includes(s) ? { code: s as AttendanceCode, lateMinutes: null } : null;
}

export function attendanceMessage(raw: string): string {
  return `Неверная отметка посещаемости «${raw.trim()}»: допустимы ${ATTENDANCE_CODES.join(', ')}`;
}
