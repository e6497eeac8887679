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
import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { CancelledError } from '../../platform/jobs.js';
import { JobError, runJob, type Job } from '../../platform/worker-job.js';

const PAGES_PER_STEP = 1000;
const RESTARTS_BEFORE_ONE_STEP = 3;
const IN_THREAD_BYTES = 4 * 1024 * 1024;

export type CopyProgress = (copiedPages: number, totalPages: number) => void;

export interface CopyOptions {
  onProgress?: CopyProgress;
  signal?: AbortSignal;
}

class Cancelled extends Error {
  readonly cancelled = true;
}

/** The copy, on a read-only connection of its own; progress is [copied, total] pages. */
export const copyJob: Job<{ source: string; destination: string }, { pages: number }, [number, number]> = {
  name: 'copy',
  async run({ source, destination }, port) {
    const db = new SQLite(source, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      let stalled = 0;
      let lastRemaining = Infinity;
      const result = await db.backup(destination, {
        progress: ({ totalPages, remainingPages }) => {
          port.progress([totalPages - remainingPages, totalPages]);
          if (port.cancelled()) throw new Cancelled('cancelled');
          if (remainingPages >= lastRemaining) stalled++;
          lastRemaining = remainingPages;
          return stalled >= RESTARTS_BEFORE_ONE_STEP ? 0x7fffffff : PAGES_PER_STEP;
        },
      });
      return { pages: result.totalPages };
    } finally {
      db.close();
    }
  },
};

export async function onlineCopy(
  source: string,
  destination: string,
  options: CopyOptions = {},
): Promise<{ pages: number }> {
  try {
    const result = await runJob(
      copyJob,
      { source, destination },
      {
        inline: fs.statSync(source).size < IN_THREAD_BYTES,
        onProgress: ([done, total]) => options.onProgress?.(done, total),
        signal: options.signal,
      },
    );
    options.onProgress?.(result.pages, result.pages);
    return result;
  } catch (error) {
    if ((error as { cancelled?: boolean }).cancelled) throw new CancelledError();
    if (error instanceof JobError) throw Object.assign(new Error(error.message), { code: error.code });
    throw error;
  }
}
