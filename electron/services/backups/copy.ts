// SQLite's online backup API, on a connection of its own, while the program keeps working.
//
// Why a separate connection: the app's connection runs Kysely transactions that await between
// statements; a backup step on that connection would read their uncommitted pages, and a copy that
// finished mid-transaction would hold half of it (a mark without its audit entry) — or nothing at all.
// A second connection sees committed data only, and SQLite restarts the copy when a commit lands
// between two steps, so a finished copy is always one committed moment. If commits keep restarting
// it, the rest is copied in one step.
//
// Why a worker thread (for all but small files): the steps are quick, but finishing the copy syncs the
// whole new file to disk, which holds the calling thread for a noticeable moment on a large journal.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { CancelledError } from '../jobs.js';

const PAGES_PER_STEP = 1000;
const RESTARTS_BEFORE_ONE_STEP = 3;
const IN_THREAD_BYTES = 4 * 1024 * 1024;

export type CopyProgress = (copiedPages: number, totalPages: number) => void;

export interface CopyOptions { onProgress?: CopyProgress; signal?: AbortSignal }

// Plain JavaScript shared by both paths: `report(done, total)` returns false when cancelled.
const STEPS = `
  let stalled = 0;
  let lastRemaining = Infinity;
  return db.backup(destination, {
    progress: ({ totalPages, remainingPages }) => {
      if (!report(totalPages - remainingPages, totalPages)) throw Object.assign(new Error('cancelled'), { cancelled: true });
      if (remainingPages >= lastRemaining) stalled++;
      lastRemaining = remainingPages;
      return stalled >= ${RESTARTS_BEFORE_ONE_STEP} ? 0x7fffffff : ${PAGES_PER_STEP};
    },
  });
`;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let cancelled = false;
parentPort.on('message', (m) => { if (m === 'cancel') cancelled = true; });
async function steps(db, destination, report) { ${STEPS} }
(async () => {
  let db;
  try {
    db = new Database(workerData.source, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const result = await steps(db, workerData.destination, (done, total) => {
      parentPort.postMessage({ progress: [done, total] });
      return !cancelled;
    });
    parentPort.postMessage({ done: result.totalPages });
  } catch (e) {
    parentPort.postMessage({ error: String((e && e.message) || e), code: e && e.code, cancelled: Boolean(e && e.cancelled) });
  } finally {
    if (db) db.close();
  }
})();
`;

// The same steps the worker runs, for small files in this thread.
const stepsInThread = new Function('db', 'destination', 'report', STEPS) as
  (db: SQLite.Database, destination: string, report: (done: number, total: number) => boolean) => Promise<{ totalPages: number }>;

export async function onlineCopy(source: string, destination: string, options: CopyOptions = {}): Promise<{ pages: number }> {
  const report = (done: number, total: number) => { options.onProgress?.(done, total); return !options.signal?.aborted; };
  if (fs.statSync(source).size < IN_THREAD_BYTES) {
    const raw = new SQLite(source, { readonly: true, fileMustExist: true });
    try {
      raw.pragma('busy_timeout = 5000');
      const result = await stepsInThread(raw, destination, report);
      options.onProgress?.(result.totalPages, result.totalPages);
      return { pages: result.totalPages };
    } catch (error) {
      if ((error as { cancelled?: boolean }).cancelled) throw new CancelledError();
      throw error;
    } finally {
      raw.close();
    }
  }
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { module, source, destination } });
    const onAbort = () => worker.postMessage('cancel');
    options.signal?.addEventListener('abort', onAbort);
    const end = () => { options.signal?.removeEventListener('abort', onAbort); void worker.terminate(); };
    worker.on('message', (m: { progress?: [number, number]; done?: number; error?: string; code?: string; cancelled?: boolean }) => {
      if (m.progress) options.onProgress?.(m.progress[0], m.progress[1]);
      else if (m.done !== undefined) {
        end();
        options.onProgress?.(m.done, m.done);
        resolve({ pages: m.done });
      } else {
        end();
        reject(m.cancelled ? new CancelledError() : Object.assign(new Error(m.error ?? 'ошибка копирования'), { code: m.code }));
      }
    });
    worker.once('error', (error) => { end(); reject(error); });
  });
}
