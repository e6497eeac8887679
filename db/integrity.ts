// SQLite's integrity and quick checks, read as one short Russian line. A full check of a large journal
// takes seconds: services/backups/probe.ts runs it in a worker thread so the window stays responsive.
import type SQLite from 'better-sqlite3';

export type CheckRows = Array<Record<string, unknown>>;

/** What the check's rows say: null when sound, else the problems in one line. */
export function describeCheck(rows: CheckRows): string | null {
  // One row may carry several problems separated by new lines.
  const problems = rows
    .flatMap((r) => String(Object.values(r)[0] ?? '').split('\n'))
    .map((s) => s.trim())
    .filter((s) => s && !/^\*\*\* in database/.test(s));
  if (problems.length === 1 && problems[0] === 'ok') return null;
  const first = problems[0]?.slice(0, 160) ?? 'неизвестная ошибка';
  return problems.length > 1
    ? `найдено ошибок: ${problems.length}${problems.length >= 100 ? ' и больше' : ''}, первая — ${first}`
    : first;
}

export const integrityPragma = (full: boolean) => (full ? 'integrity_check(100)' : 'quick_check(100)');

/** Run `integrity_check` (full) or `quick_check` on an open connection; null when the file is sound. */
export function checkIntegrity(raw: SQLite.Database, full: boolean): string | null {
  return describeCheck(raw.pragma(integrityPragma(full)) as CheckRows);
}

/** SQLite's English corruption message with a Russian explanation in front (the original is for a specialist). */
export function corruptionText(message: string): string {
  if (/malformed/i.test(message)) return `структура файла нарушена — ${message}`;
  if (/not a database/i.test(message)) return `заголовок или страницы файла испорчены — ${message}`;
  return message;
}
