// SQLite's online backup API, on a connection of its own, while the program keeps working.
//
// Why a separate connection: the app's connection runs Kysely transactions that await between
// statements; a backup step on that connection would read their uncommitted pages, and a copy that
// finished mid-transaction would hold half of it (a mark without its audit entry). A second connection
// sees committed data only, and SQLite restarts the copy when a commit lands between two steps, so a
// finished copy is always one committed moment. Steps are small (the event loop, and with it the
// window, stays responsive); if commits keep restarting it, the rest is copied in one step.
import SQLite from 'better-sqlite3';
import { CancelledError } from '../jobs.js';

const PAGES_PER_STEP = 1000;
const RESTARTS_BEFORE_ONE_STEP = 3;
const ALL_PAGES = 0x7fffffff;

export interface CopyProgress {
  (copiedPages: number, totalPages: number): void;
}

export async function onlineCopy(source: string, destination: string, options: { onProgress?: CopyProgress; signal?: AbortSignal } = {}): Promise<{ pages: number }> {
  const raw = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    raw.pragma('busy_timeout = 5000');
    let stalled = 0;
    let lastRemaining = Infinity;
    const result = await raw.backup(destination, {
      progress: ({ totalPages, remainingPages }) => {
        if (options.signal?.aborted) throw new CancelledError();
        options.onProgress?.(totalPages - remainingPages, totalPages);
        if (remainingPages >= lastRemaining) stalled++;
        lastRemaining = remainingPages;
        return stalled >= RESTARTS_BEFORE_ONE_STEP ? ALL_PAGES : PAGES_PER_STEP;
      },
    });
    options.onProgress?.(result.totalPages, result.totalPages);
    return { pages: result.totalPages };
  } finally {
    raw.close();
  }
}
