// The package's documents are made by worker threads, one per core as far as memory allows, each
// with its own read-only connection to the database they are read from (an SQLite journal's own file
// from the start, else the year's database once it is built); this thread builds the year's database,
// writes, fsyncs and hashes the files, so every core works. Where no worker can start or one dies (a
// host without the bundled worker file, out of memory), the work is done on this thread instead:
// slower, never wrong.
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { fontPath } from '../../export/fonts.js';
import { workerScript } from '../../platform/worker-script.js';
import type { RenderResult, RenderTask } from './render-tasks.js';

/** What this thread tells a worker (workers/render.worker.ts), and what the worker answers. */
export type RenderMessage = { open: string } | { id: number; task: RenderTask };
export type RenderReply = { id: number; result: RenderResult } | { id: number; error: string } | { ready: true };

export interface RenderPool {
  readonly workers: number;
  /** The documents can be read: the workers open `dbFile` read-only, this thread's work uses `db`. */
  open(dbFile: string, db: Kysely<Database>): void;
  /** `first`: before the jobs waiting (one the writing waits for, behind a window of documents started ahead). */
  run<T extends RenderTask>(task: T, first?: boolean): Promise<RenderResult<T>>;
  close(): Promise<void>;
}

/** A worker's old generation: a group's documents need tens of MB; the cap makes it collect instead of growing. */
const WORKER_HEAP_MB = 128;
/** What a worker adds to the process at its peak (heap, code, fonts, its connection), measured on the bench college. */
const WORKER_MB = 130;
/** The process itself while archiving, the workers aside. */
const MAIN_MB = 220;
/** The whole archive, on any machine (DESIGN.md §8). */
const ARCHIVE_MB = 500;

/** The folder this thread takes the fonts from, for the workers (a packaged app keeps them outside the asar). */
function fontsDir(): string {
  return path.dirname(fontPath('condensed'));
}

/** One worker per core, as many as fit in the archive's memory and in what the machine has free. */
export function defaultPoolSize(): number {
  const cores = os.availableParallelism();
  if (cores < 2) return 0; // one core: a worker would only take turns with this thread
  const byBudget = Math.floor((ARCHIVE_MB - MAIN_MB) / WORKER_MB);
  const byFree = Math.floor(os.freemem() / 1024 / 1024 / WORKER_MB) - 1;
  return Math.max(1, Math.min(cores, byBudget, byFree));
}

/** Jobs a worker holds at once: the one it makes and the next, so that it goes on while this thread is busy
 *  (building the year's database, writing and fsyncing its file) and has not yet taken its answer. */
const HELD = 2;

interface Job {
  id: number;
  task: RenderTask;
  resolve: (result: RenderResult) => void;
  reject: (error: Error) => void;
}

export function createRenderPool(size: number): RenderPool {
  const entry = size > 0 && process.env.ZHURNAL_ARCHIVE_WORKERS !== '0' ? workerScript('render') : null;
  let db: Kysely<Database> | null = null;
  let dbFile: string | null = null;
  let seq = 0;
  let broken = entry === null;
  let closing = false;
  const queue: Job[] = [];
  /** The jobs sent to each worker, in the order it runs them. */
  const held = new Map<Worker, Job[]>();
  const workers: Worker[] = [];

  // This thread's work, one job at a time: several at once would hold several groups in memory.
  let inlineChain: Promise<unknown> = Promise.resolve();
  // The documents' code is loaded here only when this thread has to make them (the archive's memory).
  const runInline = (job: Job) => {
    inlineChain = inlineChain.then(async () => {
      try {
        if (closing) throw new Error('Формирование документов остановлено');
        const { runRenderTask } = await import('./render-tasks.js');
        job.resolve(await runRenderTask(db!, job.task));
      } catch (error) {
        job.reject(error as Error);
      }
    });
  };
  // A worker that cannot start or dies: what the workers had and everything after is done here.
  const fail = () => {
    if (closing || broken) return;
    broken = true;
    for (const job of [...[...held.values()].flat(), ...queue.splice(0)]) runInline(job);
    held.clear();
    for (const w of workers) void w.terminate();
  };
  const pump = () => {
    if (dbFile === null) return;
    while (!broken && queue.length > 0) {
      // The worker holding fewest, if it has room: a job runs as soon as the one before it on that worker ends.
      let worker: Worker | null = null;
      for (const [w, jobs] of held)
        if (jobs.length < HELD && (!worker || jobs.length < held.get(worker)!.length)) worker = w;
      if (!worker) return;
      const job = queue.shift()!;
      held.get(worker)!.push(job);
      worker.postMessage({ id: job.id, task: job.task } satisfies RenderMessage);
    }
  };

  // One worker at a time loads its code (the next starts when the one before is ready) until there is
  // something to render: started together they took a core from the year's database being built.
  const start = () => {
    const worker = new Worker(entry!.code, {
      workerData: { fontsDir: fontsDir() },
      eval: entry!.eval,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    worker.on('message', (reply: RenderReply) => {
      if ('ready' in reply) {
        if (!broken && !closing && workers.length < size) start();
        return;
      }
      const jobs = held.get(worker);
      const job = jobs?.[0];
      if (!job || job.id !== reply.id) return; // a job already handed to this thread after a failure
      jobs!.shift();
      if ('error' in reply) job.reject(new Error(reply.error));
      else job.resolve(reply.result);
      pump();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail();
    });
    workers.push(worker);
    held.set(worker, []);
    if (dbFile !== null) worker.postMessage({ open: dbFile } satisfies RenderMessage);
  };
  if (entry) start();

  return {
    workers: broken ? 0 : size,
    open(file, yearDb) {
      db = yearDb;
      dbFile = file;
      for (const w of workers) w.postMessage({ open: file } satisfies RenderMessage);
      // There is something to render: the workers not yet started start now, all together.
      while (entry && !broken && !closing && workers.length < size) start();
      pump();
    },
    run<T extends RenderTask>(task: T, first = false) {
      if (!db) throw new Error('База данных года ещё не открыта');
      return new Promise<RenderResult<T>>((resolve, reject) => {
        const job: Job = { id: ++seq, task, resolve: resolve as (r: RenderResult) => void, reject };
        if (broken) runInline(job);
        else {
          if (first) queue.unshift(job);
          else queue.push(job);
          pump();
        }
      });
    },
    async close() {
      closing = true;
      queue.length = 0;
      await Promise.all(workers.map((w) => w.terminate()));
      await inlineChain; // the job this thread is on ends before the database it reads is closed
    },
  };
}
