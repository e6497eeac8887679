// Journal pages rendered by a worker thread with its own read-only connection to the year's
// database, while this thread writes the files and the Excel workbooks — and renders a page itself
// whenever the worker has not got to it yet (claim), so two cores are both busy. One worker, not one
// per core: each costs ~130 MB, and the archive keeps under 500 MB on any machine. Where no worker
// can start (a host without the bundled worker file), pages are rendered on this thread instead:
// slower, never wrong.
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { fontPath } from '../../export/fonts.js';
import { renderJournal, type JournalPdfContext, type RenderedJournal } from '../../export/archive/journal-pdf.js';
import { workerScript } from '../../platform/worker-script.js';
import { archivedJournal } from './year-data.js';

/** Reads a journal of the year's database and renders its copy, on the calling thread. */
export type JournalRenderer = (
  db: Kysely<Database>,
  journalId: number,
  context: JournalPdfContext,
) => Promise<RenderedJournal>;

/** What this thread asks the worker (workers/render.worker.ts) and what it answers. */
export interface RenderRequest {
  id: number;
  journalId: number;
  context: JournalPdfContext;
}
export type RenderReply = { id: number; rendered: RenderedJournal } | { id: number; error: string };

export interface RenderPool {
  readonly workers: number;
  render(journalId: number, context: JournalPdfContext): Promise<RenderedJournal>;
  /**
   * The caller needs this journal now: if no worker has started it yet, render it on this thread
   * (the promise render() gave resolves with it). Keeps both cores busy when the workers fall behind.
   */
  claim(journalId: number): void;
  close(): Promise<void>;
}

const WORKER_HEAP_MB = 128;

/** The folder this thread takes the fonts from, for the worker (a packaged app keeps them outside the asar). */
function fontsDir(): string {
  return path.dirname(fontPath('condensed'));
}

export function defaultPoolSize(): number {
  return os.availableParallelism() >= 2 ? 1 : 0;
}

/** Renders on the calling thread: the fallback, and what tests of the renderer itself use. */
export function inlinePool(db: Kysely<Database>): RenderPool {
  const render = async (journalId: number, context: JournalPdfContext) =>
    renderJournal(await archivedJournal(db, journalId), context);
  return { workers: 0, render, claim: () => undefined, close: async () => undefined };
}

export function createRenderPool(dbFile: string, db: Kysely<Database>, size: number): RenderPool {
  const entry = process.env.ZHURNAL_ARCHIVE_WORKERS === '0' ? null : workerScript('render');
  if (!entry || size < 1) return inlinePool(db);
  const inline = inlinePool(db);
  const pending = new Map<
    number,
    { request: RenderRequest; resolve: (r: RenderedJournal) => void; reject: (e: Error) => void }
  >();
  const idle: Worker[] = [];
  const queue: RenderRequest[] = [];
  let seq = 0;
  let broken: Error | null = null;
  let closing = false;
  const workers: Worker[] = [];
  // A worker that cannot start or dies (a packaged app missing its worker file, out of memory):
  // what it had and everything after is rendered on this thread — slower, but the archive completes.
  const fail = (error: Error) => {
    if (closing) return;
    broken ??= error;
    for (const p of pending.values()) inline.render(p.request.journalId, p.request.context).then(p.resolve, p.reject);
    pending.clear();
    queue.length = 0;
  };
  const pump = () => {
    while (idle.length > 0 && queue.length > 0) idle.pop()!.postMessage(queue.shift()!);
  };
  for (let i = 0; i < size; i++) {
    // A journal's document needs tens of MB; the cap makes the worker collect garbage instead of
    // growing, which keeps the whole archive under 500 MB.
    const worker = new Worker(entry.code, {
      workerData: { dbFile, fontsDir: fontsDir() },
      eval: entry.eval,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    worker.on('message', (reply: RenderReply) => {
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      if ('error' in reply) p?.reject(new Error(reply.error));
      else p?.resolve(reply.rendered);
      idle.push(worker);
      pump();
    });
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`Поток формирования PDF завершился с кодом ${code}`));
    });
    workers.push(worker);
    idle.push(worker);
  }
  return {
    workers: size,
    render(journalId, context) {
      if (broken) return inline.render(journalId, context);
      const id = ++seq;
      return new Promise<RenderedJournal>((resolve, reject) => {
        const request = { id, journalId, context };
        pending.set(id, { request, resolve, reject });
        queue.push(request);
        pump();
      });
    },
    claim(journalId) {
      const index = queue.findIndex((r) => r.journalId === journalId);
      if (index < 0) return;
      const [request] = queue.splice(index, 1);
      const p = pending.get(request!.id)!;
      pending.delete(request!.id);
      inline.render(request!.journalId, request!.context).then(p.resolve, p.reject);
    },
    async close() {
      closing = true;
      queue.length = 0;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
