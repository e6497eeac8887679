// Mark and attendance values as the teacher types them: normalised (case, «ё», a keyboard left in
// the Latin layout), checked against the institution's scale, and averaged with the column weights.
// The renderer keeps a copy of the small pure parts (renderer/screens/journal/values.ts).
import type { AttendanceCode } from '../../../db/schema.js';

export const ATTENDANCE: readonly AttendanceCode[] = ['н', 'у', 'б', 'оп', 'уч'];
/** «не аттестован»: a final mark only. */
export const NOT_CERTIFIED = 'н/а';
export const CREDIT = ['зач', 'незач'] as const;

// ЙЦУКЕН on a QWERTY keyboard: a teacher who forgot to switch the layout types «y» for «н».
const LATIN_TO_CYRILLIC: Record<string, string> = {
  q: 'й', w: 'ц', e: 'у', r: 'к', t: 'е', y: 'н', u: 'г', i: 'ш', o: 'щ', p: 'з', '[': 'х', ']': 'ъ',
  a: 'ф', s: 'ы', d: 'в', f: 'а', g: 'п', h: 'р', j: 'о', k: 'л', l: 'д', ';': 'ж', "'": 'э',
  z: 'я', x: 'ч', c: 'с', v: 'м', b: 'и', n: 'т', m: 'ь', ',': 'б', '.': 'ю',
};

const SYNONYMS: Record<string, string> = {
  'зачет': 'зач', 'зачёт': 'зач', 'зачтено': 'зач', 'незачет': 'незач', 'незачёт': 'незач', 'не зач': 'незач',
  'не зачтено': 'незач', 'на': 'н/а', 'н\\а': 'н/а', 'н.а': 'н/а',
};

/** Lower-case, trimmed, Cyrillic: «  Зачёт » → «зач», «y» → «н», «jg» → «оп». */
export function normalizeValue(raw: string): string {
  let s = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/[a-z[\];',.]/.test(s) && !/[а-яё]/.test(s)) s = [...s].map((ch) => LATIN_TO_CYRILLIC[ch] ?? ch).join('');
  s = s.replace(/ё/g, 'е');
  return SYNONYMS[s] ?? s;
}

/** The scale in use: `5,4,3,2,зач,незач` from the institution (a `1` in it allows one). */
export function parseScale(markScale: string): string[] {
  const values = markScale.split(',').map((v) => v.trim()).filter(Boolean);
  return values.length > 0 ? values : ['5', '4', '3', '2', 'зач', 'незач'];
}

export function scaleMessage(raw: string, scale: readonly string[]): string {
  return `Неверное значение отметки «${raw.trim()}»: допустимы ${scale.join(', ')}`;
}

/** A numeric mark (5…1) or null for credit marks and «н/а». */
export function numericValue(value: string): number | null {
  return /^[1-5]$/.test(value) ? Number(value) : null;
}

/** An attendance code with optional minutes for «оп»: «оп», «оп 10», «оп10». */
export function parseAttendance(raw: string): { code: AttendanceCode; lateMinutes: number | null } | null {
  const s = normalizeValue(raw);
  const late = /^оп\s*(\d{1,3})$/.exec(s);
  if (late) return { code: 'оп', lateMinutes: Number(late[1]) };
  return (ATTENDANCE as readonly string[]).includes(s) ? { code: s as AttendanceCode, lateMinutes: null } : null;
}

export function attendanceMessage(raw: string): string {
  return `Неверная отметка посещаемости «${raw.trim()}»: допустимы н, у, б, оп, уч`;
}

/** Weighted average of the numeric marks, two decimals; null without any. */
export function weightedAverage(marks: Iterable<{ value: string; weight: number }>): number | null {
  let sum = 0, weights = 0;
  for (const m of marks) {
    const n = numericValue(m.value);
    if (n === null) continue;
    sum += n * m.weight;
    weights += m.weight;
  }
  return weights > 0 ? Math.round((sum / weights) * 100) / 100 : null;
}

/**
 * The mark the program offers for a period: the weighted average rounded half up (3.5 → 4), or for
 * credit-only work «зач» when credits outnumber fails. The teacher confirms or changes it.
 */
export function suggestFinal(marks: Array<{ value: string; weight: number }>, scale: readonly string[]): string | null {
  const avg = weightedAverage(marks);
  if (avg !== null) {
    const numeric = scale.map(Number).filter((n) => Number.isInteger(n));
    const lowest = Math.min(...numeric, 5);
    const value = String(Math.max(lowest, Math.min(5, Math.floor(avg + 0.5))));
    return scale.includes(value) ? value : null;
  }
  const passed = marks.filter((m) => m.value === 'зач').length;
  const failed = marks.filter((m) => m.value === 'незач').length;
  if (passed + failed === 0) return null;
  return passed >= failed ? 'зач' : 'незач';
}
