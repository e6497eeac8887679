// SQLite's integrity and quick checks, read as one short Russian line.
import type SQLite from 'better-sqlite3';

/** Run `integrity_check` (full) or `quick_check`; null when the file is sound, else what is wrong. */
export function checkIntegrity(raw: SQLite.Database, full: boolean): string | null {
  const rows = raw.pragma(full ? 'integrity_check(100)' : 'quick_check(100)') as Array<Record<string, string>>;
  // One row may carry several problems separated by new lines.
  const problems = rows.flatMap((r) => String(Object.values(r)[0] ?? '').split('\n')).map((s) => s.trim())
    .filter((s) => s && !/^\*\*\* in database/.test(s));
  if (problems.length === 1 && problems[0] === 'ok') return null;
  const first = problems[0]?.slice(0, 160) ?? 'неизвестная ошибка';
  return problems.length > 1 ? `найдено ошибок: ${problems.length}${problems.length >= 100 ? ' и больше' : ''}, первая — ${first}` : first;
}

/** SQLite's English corruption message with a Russian explanation in front (the original is for a specialist). */
export function corruptionText(message: string): string {
  if (/malformed/i.test(message)) return `структура файла нарушена — ${message}`;
  if (/not a database/i.test(message)) return `заголовок или страницы файла испорчены — ${message}`;
  return message;
}
