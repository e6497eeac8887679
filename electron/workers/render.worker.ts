// A worker thread that renders journal pages from the year's database file, so that a 600-journal
// archive uses every core and the main process stays responsive while it is written: each journal is
// read by the service (services/archive/year-data.ts) and drawn by the export (export/archive/journal-pdf.ts).
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../../db/schema.js';
import { setFontsDir } from '../export/fonts.js';
import { renderJournal } from '../export/archive/journal-pdf.js';
import type { RenderReply, RenderRequest } from '../services/archive/render-pool.js';
import { archivedJournal } from '../services/archive/year-data.js';

const data = workerData as { dbFile: string; fontsDir: string | null };
if (data.fontsDir) setFontsDir(data.fontsDir);
const raw = new SQLite(data.dbFile, { readonly: true });
const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });

parentPort!.on('message', (request: RenderRequest) => {
  archivedJournal(db, request.journalId)
    .then((journal) => renderJournal(journal, request.context))
    .then(
      (rendered) =>
        parentPort!.postMessage({ id: request.id, rendered } satisfies RenderReply, [
          rendered.pdf.buffer as ArrayBuffer,
        ]),
      (error: unknown) =>
        parentPort!.postMessage({
          id: request.id,
          error: error instanceof Error ? error.message : String(error),
        } satisfies RenderReply),
    );
});
