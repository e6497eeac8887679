// A journal file's integrity or quick check and, when it is sound, a few read-only queries — in a worker
// thread for all but small files, so that the full check of a large journal never holds the window.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describeCheck, integrityPragma, type CheckRows } from '../../../db/integrity.js';
import { JobError, runJob, type Job } from '../../platform/worker-job.js';

export class IntegrityCheckError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export interface ProbeResult {
  /** null when the file is sound, else what the check found. */
  problem: string | null;
  /** Each query's rows, or its error when its table is missing; empty when the file is not sound. */
  results: Record<string, { rows?: Array<Record<string, unknown>>; error?: string }>;
}

interface ProbeInput {
  file: string;
  pragma: string;
  queries: Record<string, string>;
}
interface ProbeOutput {
  rows: CheckRows;
  results: ProbeResult['results'];
}

/** Opens the file read-only; a query on a missing table gives its error, not a failure of the probe. */
export const probeJob: Job<ProbeInput, ProbeOutput> = {
  name: 'probe',
  async run(data) {
    const db = new Database(data.file, { readonly: true, fileMustExist: true });
    try {
      const rows = db.pragma(data.pragma) as CheckRows;
      const results: ProbeResult['results'] = {};
      if (describeCheck(rows) === null) {
        for (const [key, query] of Object.entries(data.queries)) {
          try {
            results[key] = { rows: db.prepare(query).all() as Array<Record<string, unknown>> };
          } catch (e) {
            if (!/no such table/i.test((e as Error).message)) throw e;
            results[key] = { error: (e as Error).message };
          }
        }
      }
      return { rows, results };
    } finally {
      db.close();
    }
  },
};

/** Below this size a probe takes a few milliseconds: starting a worker would cost more. */
const IN_THREAD_BYTES = 4 * 1024 * 1024;

/** Check a file (`integrity_check` when `full`, else `quick_check`) and, when sound, run read-only queries on it. */
export async function probeFile(
  file: string,
  full: boolean,
  queries: Record<string, string> = {},
): Promise<ProbeResult> {
  const inline = fs.statSync(file).size < IN_THREAD_BYTES;
  try {
    const result = await runJob(probeJob, { file, pragma: integrityPragma(full), queries }, { inline });
    return { problem: describeCheck(result.rows), results: result.results };
  } catch (e) {
    const code = e instanceof JobError ? e.code : (e as { code?: string }).code;
    throw new IntegrityCheckError((e as Error).message, code);
  }
}
