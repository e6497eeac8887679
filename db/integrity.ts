// SQLite's integrity and quick checks, read as one short Russian line. A full check of a large journal
// takes seconds: `probeFile` runs it in a worker thread so the window stays responsive.
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

// The probe runs in a worker thread from this plain-JavaScript body: the same under tsx, vitest and the
// bundled Electron main process, with no separate file to ship. It opens the file read-only, runs the
// check and, when the file is sound, the given read-only queries (a query on a missing table gives
// its error, not a failure of the probe).
const PROBE = `
  const db = new Database(data.file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma(data.pragma);
    const results = {};
    const sound = rows.length === 1 && Object.values(rows[0])[0] === 'ok';
    if (sound) {
      for (const [key, query] of Object.entries(data.queries)) {
        try { results[key] = { rows: db.prepare(query).all() }; } catch (e) {
          if (!/no such table/i.test(String(e && e.message))) throw e;
          results[key] = { error: String(e.message) };
        }
      }
    }
    return { rows, results };
  } finally {
    db.close();
  }
`;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
function probe(Database, data) { ${PROBE} }
let result;
try { result = probe(Database, workerData); } catch (e) { result = { error: String((e && e.message) || e), code: e && e.code }; }
parentPort.postMessage(result);
`;

export class IntegrityCheckError extends Error {
  constructor(message: string, readonly code: string | undefined) { super(message); }
}

export interface ProbeResult {
  /** null when the file is sound, else what the check found. */
  problem: string | null;
  /** Each query's rows, or its error when its table is missing; empty when the file is not sound. */
  results: Record<string, { rows?: Array<Record<string, unknown>>; error?: string }>;
}

/** Below this size a probe takes a few milliseconds: starting a worker would cost more. */
const IN_THREAD_BYTES = 4 * 1024 * 1024;
// The same body the worker evaluates, for small files in this thread.
const probeInThread = new Function('Database', 'data', PROBE) as (db: typeof Database, data: unknown) => { rows: CheckRows; results: ProbeResult['results'] };

/**
 * Check a file (`integrity_check` when `full`, else `quick_check`) and, when sound, run read-only
 * queries on it — in a worker thread for all but small files, so a large journal never holds the
 * window. Throws what opening or reading the file throws (an IntegrityCheckError with SQLite's code).
 */
export async function probeFile(file: string, full: boolean, queries: Record<string, string> = {}): Promise<ProbeResult> {
  const data = { file, pragma: pragmaFor(full), queries };
  if (fs.statSync(file).size < IN_THREAD_BYTES) {
    try {
      const result = probeInThread(Database, data);
      return { problem: describeCheck(result.rows), results: result.results };
    } catch (e) {
      throw new IntegrityCheckError((e as Error).message, (e as { code?: string }).code);
    }
  }
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { ...data, module } });
    worker.once('message', (result: { rows?: CheckRows; results?: ProbeResult['results']; error?: string; code?: string }) => {
      if (result.rows) resolve({ problem: describeCheck(result.rows), results: result.results ?? {} });
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
