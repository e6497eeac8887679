// What the teacher types into a cell, read the way the services read it (a copy of the small pure
// part of electron/services/journal/scale.ts: the renderer may import only types from there).
import type { AttendanceCode } from '../../../electron/domain/enums';

export const ATTENDANCE_CODES: readonly AttendanceCode[] = ['н', 'у', 'б', 'оп', 'уч'];

const LATIN_TO_CYRILLIC: Record<string, string> = {
  q: 'й', w: 'ц', e: 'у', r: 'к', t: 'е', y: 'н', u: 'г', i: 'ш', o: 'щ', p: 'з', '[': 'х', ']': 'ъ',
  a: 'ф', s: 'ы', d: 'в', f: 'а', g: 'п', h: 'р', j: 'о', k: 'л', l: 'д', ';': 'ж', "'": 'э',
  z: 'я', x: 'ч', c: 'с', v: 'м', b: 'и', n: 'т', m: 'ь', ',': 'б', '.': 'ю',
};
const SYNONYMS: Record<string, string> = {
  'зачет': 'зач', 'зачёт': 'зач', 'зачтено': 'зач', 'незачет': 'незач', 'незачёт': 'незач', 'не зач': 'незач',
  'не зачтено': 'незач', 'на': 'н/а', 'н\\а': 'н/а', 'н.а': 'н/а',
};

export function normalizeValue(raw: string): string {
  let s = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/[a-z[\];',.]/.test(s) && !/[а-яё]/.test(s)) s = [...s].map((ch) => LATIN_TO_CYRILLIC[ch] ?? ch).join('');
  s = s.replace(/ё/g, 'е');
  return SYNONYMS[s] ?? s;
}

/** «н», «оп 10», «y» (Latin layout) → an attendance code; null when it is not one. */
export function parseAttendance(raw: string): { code: AttendanceCode; lateMinutes: number | null } | null {
  const s = normalizeValue(raw);
  const late = /^оп\s*(\d{1,3})$/.exec(s);
  if (late) return { code: 'оп', lateMinutes: Number(late[1]) };
  return (ATTENDANCE_CODES as readonly string[]).includes(s) ? { code: s as AttendanceCode, lateMinutes: null } : null;
}

export function numericValue(value: string): number | null {
  return /^[1-5]$/.test(value) ? Number(value) : null;
}

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

/** The suggested period mark: the weighted average rounded half up, or «зач» for credit work. */
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

export function formatAverage(avg: number | null): string {
  return avg === null ? '' : avg.toFixed(2).replace('.', ',');
}

/** Rows and columns of text copied from Excel (tab-separated, one line per row). */
export function parseClipboard(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines.map((line) => line.split('\t').map((v) => v.trim()));
}

export const LESSON_KIND_LABELS: Record<string, string> = {
  lecture: 'Лекция', practical: 'Практическое занятие', lab: 'Лабораторное занятие', test: 'Контрольное занятие',
  excursion: 'Экскурсия', self_study: 'Самостоятельная работа',
};

export const WORK_KINDS: Record<string, { title: string; short: string; weight: number }> = {
  oral: { title: 'Устный ответ', short: 'УО', weight: 1 },
  written: { title: 'Письменная работа', short: 'ПисР', weight: 1 },
  self: { title: 'Самостоятельная работа', short: 'СР', weight: 1 },
  practical: { title: 'Практическая работа', short: 'ПР', weight: 1 },
  lab: { title: 'Лабораторная работа', short: 'ЛР', weight: 1 },
  homework: { title: 'Домашняя работа', short: 'ДЗ', weight: 1 },
  project: { title: 'Реферат, проект', short: 'Реф', weight: 1 },
  test: { title: 'Контрольная работа', short: 'КР', weight: 2 },
  norms: { title: 'Сдача нормативов', short: 'Норм', weight: 2 },
  practice: { title: 'Выполнение работ', short: 'ВР', weight: 1 },
};

export const ATTENDANCE_LABELS: Record<AttendanceCode, string> = {
  н: 'отсутствовал(а)', у: 'отсутствовал(а) по уважительной причине', б: 'болел(а)', оп: 'опоздал(а)', уч: 'по делам учреждения',
};

export const FINAL_KIND_LABELS = { period: 'Итог', exam: 'Экз.', credit: 'Зачёт', year: 'Год' } as const;
