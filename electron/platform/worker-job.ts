// One job, two places to run it: on this thread (small inputs, where starting a worker costs more than
// the work) or in a worker thread (a full check or a copy of a large journal, which would otherwise hold
// the window). The job is ordinary typed code; `electron/workers/<name>.worker.ts` serves it in the worker.
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { workerScript } from './worker-script.js';

export interface JobPort<P> {
  progress(value: P): void;
  /** Has the caller asked to stop? */
  cancelled(): boolean;
}

export interface Job<I, O, P = never> {
  /** The worker file: `electron/workers/<name>.worker.ts`, bundled as `<name>-worker.cjs`. */
  name: string;
  run(input: I, port: JobPort<P>): Promise<O>;
}

/** A job failed in the worker: its message and the error's code (SQLite's, for instance) come back. */
export class JobError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly cancelled: boolean,
  ) {
    super(message);
  }
}

type Reply<O, P> = { progress: P } | { done: O } | { error: string; code?: string; cancelled: boolean };

export interface RunOptions<P> {
  /** Run on this thread instead (also when no worker can be started). */
  inline?: boolean;
  onProgress?: (value: P) => void;
  signal?: AbortSignal;
}

export function runJob<I, O, P>(job: Job<I, O, P>, input: I, options: RunOptions<P> = {}): Promise<O> {
  const script = options.inline ? null : workerScript(job.name);
  if (!script) {
    return job.run(input, {
      progress: (v) => options.onProgress?.(v),
      cancelled: () => options.signal?.aborted ?? false,
    });
  }
  return new Promise<O>((resolve, reject) => {
    const worker = new Worker(script.code, { eval: script.eval, workerData: input });
    const onAbort = () => worker.postMessage('cancel');
    options.signal?.addEventListener('abort', onAbort);
    const end = () => {
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
    };
    worker.on('message', (reply: Reply<O, P>) => {
      if ('progress' in reply) return options.onProgress?.(reply.progress);
      end();
      if ('done' in reply) resolve(reply.done);
      else reject(new JobError(reply.error, reply.code, reply.cancelled));
    });
    worker.once('error', (error) => {
      end();
      reject(error);
    });
  });
}

/** In `<name>.worker.ts`: run the job on the worker's input and send back its progress and outcome. */
export function serveJob<I, O, P>(job: Job<I, O, P>): void {
  let cancelled = false;
  const port = parentPort!;
  port.on('message', (m) => {
    if (m === 'cancel') cancelled = true;
  });
  job
    .run(workerData as I, { progress: (value) => port.postMessage({ progress: value }), cancelled: () => cancelled })
    .then(
      (done) => port.postMessage({ done }),
      (e: unknown) =>
        port.postMessage({
          error: e instanceof Error ? e.message : String(e),
          code: (e as { code?: string } | null)?.code,
          cancelled: Boolean((e as { cancelled?: boolean } | null)?.cancelled),
        }),
    )
    .finally(() => port.close());
}
