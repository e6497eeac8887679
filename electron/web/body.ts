// Request bodies with a size limit by method and a deadline: an import may carry a 20 MB workbook
// (base64), nothing else needs more than a little; a client that sends slowly is cut off.
import type { IncomingMessage } from 'node:http';

export interface BodyLimit {
  bytes: number;
  /** The whole body must arrive within this long. */
  ms: number;
}

/** Methods that carry files: an .xlsx of up to 20 MB is 27 MB in base64. */
const FILE_METHODS = /^import\.start$/;
export const SMALL_BODY: BodyLimit = { bytes: 1024 * 1024, ms: 15_000 };
export const FILE_BODY: BodyLimit = { bytes: 32 * 1024 * 1024, ms: 120_000 };

/** A whole journal restored on first run: a college's file of up to ~150 MB. */
export const RESTORE_BODY: BodyLimit = { bytes: 200 * 1024 * 1024, ms: 600_000 };

export function bodyLimitFor(method: string): BodyLimit {
  if (method === 'setup.restore') return RESTORE_BODY;
  return FILE_METHODS.test(method) ? FILE_BODY : SMALL_BODY;
}

export type BodyOutcome = { ok: true; body: Buffer } | { ok: false; status: 408 | 413; message: string };

export function readBody(req: IncomingMessage, limit: BodyLimit): Promise<BodyOutcome> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit.bytes) return Promise.resolve(tooBig());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (outcome: BodyOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    // The answer goes out with «Connection: close», which ends the connection.
    const timer = setTimeout(
      () => finish({ ok: false, status: 408, message: 'Запрос передавался слишком долго' }),
      limit.ms,
    );
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit.bytes) {
        finish(tooBig());
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish({ ok: true, body: Buffer.concat(chunks) }));
    req.on('error', (error) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        reject(error);
      }
    });
  });
}

function tooBig(): BodyOutcome {
  return { ok: false, status: 413, message: 'Слишком большой запрос' };
}
