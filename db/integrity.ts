// SQLite's integrity and quick checks, read as one short Russian line. A full check of a large journal
// takes seconds: `checkIntegrityOffThread` runs it in a worker thread so the window stays responsive.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type SQLite from 'better-sqlite3';

type CheckRows = Array<Record<string, unknown>>;

/** What the check's rows say: null when sound, else the problems in one line. */
export function describeCheck(rows: CheckRows): string | null {
  // One row may carry several problems separated by new lines.
  const problems = rows.flatMap((r) => String(Object.values(r)[0] ?? '').split('\n')).map((s) => s.trim())
    .filter((s) => s && !/^\*\*\* in database/.test(s));
  if (problems.length === 1 && problems[0] === 'ok') return null;
  const first = problems[0]?.slice(0, 160) ?? 'неизвестная ошибка';
  return problems.length > 1 ? `найдено ошибок: ${problems.length}${problems.length >= 100 ? ' и больше' : ''}, первая — ${first}` : first;
}

const pragmaFor = (full: boolean) => (full ? 'integrity_check(100)' : 'quick_check(100)');

/** Run `integrity_check` (full) or `quick_check` on an open connection; null when the file is sound. */
export function checkIntegrity(raw: SQLite.Database, full: boolean): string | null {
  return describeCheck(raw.pragma(pragmaFor(full)) as CheckRows);
}

// The worker is plain CommonJS evaluated from this string: it runs the same under tsx, vitest and the
// bundled Electron main process, with no separate file to ship.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let result;
try {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  try { result = { rows: db.pragma(workerData.pragma) }; } finally { db.close(); }
} catch (e) {
  result = { error: String((e && e.message) || e), code: e && e.code };
}
parentPort.postMessage(result);
`;

export class IntegrityCheckError extends Error {
  constructor(message: string, readonly code: string | undefined) { super(message); }
}

/** Below this size a check takes a few milliseconds: starting a worker would cost more. */
const IN_THREAD_BYTES = 4 * 1024 * 1024;

/** The same check on a file, in a worker thread (small files in this one). Throws what opening or reading the file throws. */
export async function checkIntegrityOffThread(file: string, full: boolean): Promise<string | null> {
  if (fs.statSync(file).size < IN_THREAD_BYTES) {
    const raw = new Database(file, { readonly: true, fileMustExist: true });
    try { return checkIntegrity(raw, full); } finally { raw.close(); }
  }
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { module, file, pragma: pragmaFor(full) } });
    worker.once('message', (result: { rows?: CheckRows; error?: string; code?: string }) => {
      if (result.rows) resolve(describeCheck(result.rows));
      else reject(new IntegrityCheckError(result.error ?? 'ошибка проверки', result.code));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** SQLite's English corruption message with a Russian explanation in front (the original is for a specialist). */
export function corruptionText(message: string): string {
  if (/malformed/i.test(message)) return `структура файла нарушена — ${message}`;
  if (/not a database/i.test(message)) return `заголовок или страницы файла испорчены — ${message}`;
  return message;
}
