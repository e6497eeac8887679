// A worker thread that makes the archive's documents (services/archive/render-tasks.ts), so that a
// 600-journal archive uses every core and the main process stays responsive while the files are
// written. It loads what every task needs as it starts, and opens the database file when told which.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { keptKysely } from '../../db/sqlite-statements.js';
import { setFontsDir } from '../export/fonts.js';
import { createPdf } from '../export/pdf/index.js';
import type { RenderMessage, RenderReply } from '../services/archive/render-pool.js';
import { runRenderTask, transferable } from '../services/archive/render-tasks.js';

const data = workerData as { fontsDir: string | null };
if (data.fontsDir) setFontsDir(data.fontsDir);
let db: Kysely<Database> | null = null;
// The tasks one after another: the pool sends the next before this one ends (so that this worker goes on while
// the writing thread is busy), and two groups at once would hold both in memory.
let tasks: Promise<void> = Promise.resolve();

parentPort!.on('message', (message: RenderMessage) => {
  if ('open' in message) {
    db = keptKysely(new SQLite(message.open, { readonly: true }));
    return;
  }
  const { id, task } = message;
  tasks = tasks.then(() =>
    runRenderTask(db!, task).then(
      (rendered) => {
        const { result, transfer } = transferable(rendered);
        parentPort!.postMessage({ id, result } satisfies RenderReply, transfer);
      },
      (error: unknown) =>
        parentPort!.postMessage({
          id,
          error: error instanceof Error ? error.message : String(error),
        } satisfies RenderReply),
    ),
  );
});

// Loaded now, while the year's database is being built: the parsed fonts. Then the pool may start the next worker.
void createPdf({ title: '', orientation: 'portrait', institution: '', formedAt: new Date(0) })
  .then((pdf) => pdf.finish())
  .finally(() => parentPort!.postMessage({ ready: true } satisfies RenderReply));
