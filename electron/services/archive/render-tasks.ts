// The package's documents made from the year's database, a piece of work at a time: the students'
// documents, or one group — its journals read together, each journal's certified copy, and the
// group's workbook —, the check of the database's references, the certification sheet. A render
// worker (workers/render.worker.ts) runs them, or this thread when no worker can start; either way
// the bytes come back to the thread that writes the files.
import SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { certificatePdf, type CertificateOptions } from '../../export/archive/certificate.js';
import { groupXlsx } from '../../export/archive/group-xlsx.js';
import { renderJournal, type JournalPdfContext, type JournalSheet } from '../../export/archive/journal-pdf.js';
import type { GroupInfo, JournalInfo, YearRow } from '../../export/archive/package-data.js';
import { studentsPdf, studentsXlsx, type StudentsDocOptions } from '../../export/archive/students-docs.js';
import { archivedJournals, studentsOfYear } from './year-data.js';
import { checkForeignKeys, type BrokenKey } from './year-db.js';

export type RenderTask =
  | { kind: 'students'; docs: Omit<StudentsDocOptions, 'students'> }
  | { kind: 'group'; year: YearRow; group: GroupInfo; context: Omit<JournalPdfContext, 'journal'> }
  /** PRAGMA foreign_key_check of the finished year's database (`file`), off the writing thread (it reads every
   *  table); the documents may be read from the journal's own file meanwhile (see writer.ts). */
  | { kind: 'keys'; file: string }
  | { kind: 'certificate'; options: CertificateOptions };

interface TaskResults {
  students: { pdf: Uint8Array; xlsx: Uint8Array };
  group: { pdfs: Uint8Array[]; xlsx: Uint8Array };
  keys: { checked: true };
  certificate: { pdf: Uint8Array };
}
export type RenderResult<T extends RenderTask = RenderTask> = TaskResults[T['kind']];

export async function runRenderTask<T extends RenderTask>(db: Kysely<Database>, task: T): Promise<RenderResult<T>> {
  if (task.kind === 'students') {
    const docs = { ...task.docs, students: await studentsOfYear(db, task.docs.year.id) };
    return { pdf: await studentsPdf(docs), xlsx: await studentsXlsx(docs) } as RenderResult<T>;
  }
  if (task.kind === 'keys') {
    const year = new SQLite((task as Extract<RenderTask, { kind: 'keys' }>).file, { readonly: true });
    try {
      checkForeignKeys(year.prepare('PRAGMA foreign_key_check').all() as BrokenKey[]);
    } finally {
      year.close();
    }
    return { checked: true } as RenderResult<T>;
  }
  if (task.kind === 'certificate') {
    const { options } = task as Extract<RenderTask, { kind: 'certificate' }>;
    return { pdf: await certificatePdf(options) } as RenderResult<T>;
  }
  const { year, group, context } = task as Extract<RenderTask, { kind: 'group' }>;
  const journals = await archivedJournals(
    db,
    year,
    group.journals.map((j) => j.id),
  );
  const pdfs: Uint8Array[] = [];
  const sheets: Array<{ journal: JournalInfo; sheet: JournalSheet }> = [];
  for (const journal of group.journals) {
    const rendered = await renderJournal(journals.get(journal.id)!, { ...context, journal });
    journals.delete(journal.id); // what is drawn is let go as we go: a group's pages are tens of MB
    pdfs.push(rendered.pdf);
    sheets.push({ journal, sheet: rendered.sheet });
  }
  return { pdfs, xlsx: await groupXlsx(group, sheets, context.kind, context.formedAt) } as RenderResult<T>;
}

/** The result with each buffer its own, and those buffers: handed to another thread without a copy. */
export function transferable(result: RenderResult): { result: RenderResult; transfer: ArrayBuffer[] } {
  // A Buffer may be a slice of a shared pool, which cannot be transferred: such a one is copied.
  const transfer: ArrayBuffer[] = [];
  const owned = (b: Uint8Array) => {
    const own = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b);
    transfer.push(own.buffer as ArrayBuffer);
    return own;
  };
  const own = Object.fromEntries(
    Object.entries(result).map(([k, v]) => [
      k,
      v instanceof Uint8Array ? owned(v) : Array.isArray(v) ? (v as Uint8Array[]).map(owned) : v,
    ]),
  ) as RenderResult;
  return { result: own, transfer };
}
