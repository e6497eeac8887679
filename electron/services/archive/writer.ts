// Writes one closed year's archive package (DESIGN.md §7) into a target folder, complete or not at
// all: the year's database is built in a local work folder, then every file goes into
// `<target>/.partial-<name>-<random>/` one at a time (fsynced), is read back and hashed; SHA256SUMS,
// manifest.json and its signature come last, and only then is the folder renamed to its final name.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import SQLite from 'better-sqlite3';
import type { JournalDb } from '../../../db/connect.js';
import { LATEST_MIGRATION } from '../../../db/migrations/index.js';
import type { Database } from '../../../db/schema.js';
import { certificatePdf } from '../../export/archive/certificate.js';
import {
  checkTarget,
  cleanLeftovers,
  commitPartial,
  discardPartial,
  freeBytes,
  MediaError,
  mediaError,
  partialDir,
} from '../../export/archive/fsutil.js';
import { groupXlsx } from '../../export/archive/group-xlsx.js';
import type { JournalPdfContext, JournalSheet, RenderedJournal } from '../../export/archive/journal-pdf.js';
import { packageLayout } from '../../export/archive/layout.js';
import {
  CERTIFICATE_FILE,
  databaseFileName,
  FORMAT,
  FORMAT_VERSION,
  MANIFEST_FILE,
  packageName,
  PUBLIC_KEY_FILE,
  README_FILE,
  serializeManifest,
  sha256,
  SIGNATURE_FILE,
  STUDENTS_PDF,
  STUDENTS_XLSX,
  SUMS_FILE,
  sumsText,
  type ArchiveCounts,
  type ArchiveManifest,
  type ManifestFile,
} from '../../export/archive/manifest.js';
import type { GroupInfo } from '../../export/archive/package-data.js';
import { PackageFiles } from '../../export/archive/package-files.js';
import { readmeBytes } from '../../export/archive/readme.js';
import { wordsOf } from '../../domain/vocabulary.js';
import { loadOrCreateInstitutionKey, signBytes } from '../../export/archive/signing.js';
import { studentsPdf, studentsXlsx } from '../../export/archive/students-docs.js';
import type { Certification, Signer } from '../../export/pdf/index.js';
import { CancelledError } from '../../platform/jobs.js';
import { createRenderPool, defaultPoolSize, type JournalRenderer, type RenderPool } from './render-pool.js';
import { groupsOfYear, studentsOfYear } from './year-data.js';
import { buildYearDatabase } from './year-db.js';

/** The live journal database the year is taken from. */
export type ArchiveSource = Pick<JournalDb, 'db' | 'dialect' | 'file'>;

export interface PackageOptions {
  source: ArchiveSource;
  yearId: number;
  /** The folder the package goes into (the store's year folder, a stick, any folder). */
  target: string;
  keysDir: string;
  createdBy: { login: string | null; fullName: string };
  /** Who made the copy (signs the certification sheet) and who certifies it («Копия верна»). */
  madeBy: Signer;
  certifier: Signer;
  appVersion: string;
  formedAt: Date;
  signal?: AbortSignal;
  progress?: (step: string, done: number, total: number) => void;
  /** Instead of the built-in renderer (on this thread then). */
  renderJournal?: JournalRenderer;
  /**
   * Worker threads for the journal pages (0: this thread; default: see defaultPoolSize, for a year of 40+ journals).
   */
  workers?: number;
  /** Tests turn the early free-space check off to reach a full disk in the middle of writing. */
  checkSpace?: boolean;
}

export interface PackageResult {
  /** The final folder. */
  path: string;
  name: string;
  manifest: ArchiveManifest;
  manifestSha256: string;
  /** Base64 of manifest.sig. */
  signature: string;
  /** Files of the manifest (the folder also holds manifest.json and manifest.sig). */
  fileCount: number;
  bytes: number;
}

/** Room the documents take beside the database, per journal and per student (measured on the demo college, doubled). */
const BYTES_PER_JOURNAL = 120_000;
const BYTES_PER_STUDENT = 3_000;
const SPACE_MARGIN = 16 * 1024 * 1024;

export async function writeArchivePackage(o: PackageOptions): Promise<PackageResult> {
  const progress = o.progress ?? (() => undefined);
  const check = () => {
    if (o.signal?.aborted) throw new CancelledError();
  };
  const year = await o.source.db.selectFrom('academic_years').selectAll().where('id', '=', o.yearId).executeTakeFirst();
  if (!year) throw new Error('Учебный год не найден');
  const institution = await o.source.db.selectFrom('institution').selectAll().executeTakeFirstOrThrow();
  const name = packageName(year.title, institution.short_name);
  await checkTarget(o.target);
  const key = loadOrCreateInstitutionKey(o.keysDir);
  const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'zhurnal-archive-'));
  let partial: string | null = null;
  try {
    // 1. The year's database, locally: documents are read from it, so they match it exactly.
    const dbName = databaseFileName(year.title);
    const dbFile = path.join(work, dbName);
    await buildYearDatabase({
      source: o.source,
      file: dbFile,
      signal: o.signal,
      words: wordsOf(institution.kind),
      year: { yearId: year.id, startsOn: year.starts_on, endsOn: year.ends_on, title: year.title },
      meta: {
        archive_year: year.title,
        archive_created_at: o.formedAt.toISOString(),
        archive_key_fingerprint: key.fingerprint,
      },
      progress: (label, done, total) => progress(`База данных года: ${label}`, done, total),
    });
    const yearRaw = new SQLite(dbFile, { readonly: true });
    const yearDb = new Kysely<Database>({ dialect: new SqliteDialect({ database: yearRaw }) });
    try {
      const groups = await groupsOfYear(yearDb, year.id);
      const students = await studentsOfYear(yearDb, year.id);
      const counts = countRows(yearRaw, groups, students.length);
      const dbSize = (await fs.promises.stat(dbFile)).size;

      // 2. Room on the target, before anything is written there.
      await cleanLeftovers(o.target, name).catch((error: unknown) => {
        throw mediaError(error, o.target);
      });
      const needed = dbSize + counts.journals * BYTES_PER_JOURNAL + counts.students * BYTES_PER_STUDENT + SPACE_MARGIN;
      const free = await freeBytes(o.target);
      if (o.checkSpace !== false && free !== null && free < needed) {
        throw new MediaError(
          `Недостаточно места на носителе (${o.target}): нужно около ${mb(needed)} МБ, свободно ${mb(free)} МБ. ` +
            'Освободите место или выберите другой носитель.',
          'no_space',
        );
      }

      partial = partialDir(o.target, name);
      const out = new PackageFiles(partial, o.signal);
      await out.init();
      const totalFiles = 3 + counts.journals + groups.length + 4;
      const step = (label: string) => progress(label, out.written, totalFiles);

      // 3. Files, one at a time.
      step('Запись базы данных года');
      await out.copy(dbFile, dbName);
      step('Общие сведения об обучающихся');
      const docs = {
        institution: institution.short_name,
        kind: institution.kind,
        year: { id: year.id, title: year.title, startsOn: year.starts_on, endsOn: year.ends_on, status: year.status },
        formedAt: o.formedAt,
        groups,
        students,
      };
      await out.bytes(STUDENTS_PDF, await studentsPdf(docs));
      await out.stream(STUDENTS_XLSX, (file) => studentsXlsx(file, docs));
      await out.bytes(PUBLIC_KEY_FILE, key.publicPem);
      const certification: Certification = { position: o.certifier.position, name: o.certifier.name, date: null };
      const pool = o.renderJournal
        ? {
            workers: 0,
            render: (id: number, c: JournalPdfContext) => o.renderJournal!(yearDb, id, c),
            claim: () => undefined,
            close: async () => undefined,
          }
        : createRenderPool(
            dbFile,
            yearDb,
            o.workers ?? (counts.journals >= MIN_JOURNALS_FOR_WORKERS ? defaultPoolSize() : 0),
          );
      try {
        await writeGroups(
          out,
          groups,
          pool,
          { institution: institution.short_name, kind: institution.kind, formedAt: o.formedAt, certification },
          step,
          o.signal,
        );
      } finally {
        await pool.close();
      }

      // 4. Read everything back from the target and hash what is really there.
      const files: ManifestFile[] = [];
      for (const rel of out.paths) {
        check();
        progress('Проверка записанного: чтение и контрольные суммы', files.length, out.paths.length);
        files.push(await out.readBack(rel));
      }
      const createdBy = o.createdBy.login ? `${o.createdBy.fullName} (${o.createdBy.login})` : o.createdBy.fullName;
      step('Лист заверения и опись');
      files.push(
        await out.bytesChecked(
          CERTIFICATE_FILE,
          await certificatePdf({
            institution: { fullName: institution.full_name, shortName: institution.short_name, kind: institution.kind },
            year: { title: year.title, startsOn: year.starts_on, endsOn: year.ends_on },
            packageName: name,
            formedAt: o.formedAt,
            createdBy,
            appVersion: o.appVersion,
            counts,
            fingerprint: key.fingerprint,
            files,
            madeBy: o.madeBy,
            certification,
          }),
        ),
      );
      files.push(
        await out.bytesChecked(
          README_FILE,
          readmeBytes({
            institution: institution.full_name,
            kind: institution.kind,
            yearTitle: year.title,
            packageName: name,
            database: dbName,
            formedAt: o.formedAt,
            createdBy,
            fingerprint: key.fingerprint,
            listedFiles: files.length + 2,
          }),
        ),
      );
      files.push(await out.bytesChecked(SUMS_FILE, sumsText(files)));

      // 5. The manifest and its signature, then the rename that makes the archive exist.
      step('Подпись описи');
      const manifest: ArchiveManifest = {
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        app: { name: 'Журнал', version: o.appVersion, schema: LATEST_MIGRATION },
        institution: { fullName: institution.full_name, shortName: institution.short_name },
        year: { title: year.title, startsOn: year.starts_on, endsOn: year.ends_on },
        createdAt: o.formedAt.toISOString(),
        createdBy: o.createdBy,
        counts,
        database: dbName,
        publicKey: { algorithm: 'Ed25519', file: PUBLIC_KEY_FILE, fingerprint: key.fingerprint },
        files,
      };
      const manifestText = serializeManifest(manifest);
      const signature = signBytes(key, Buffer.from(manifestText, 'utf8'));
      await out.bytesChecked(MANIFEST_FILE, manifestText);
      await out.bytesChecked(SIGNATURE_FILE, signature);
      await out.syncFolders();
      check();
      step('Завершение');
      await commitPartial(partial, o.target, name);
      partial = null;
      const final = path.join(o.target, name);
      progress('Готово', totalFiles, totalFiles);
      return {
        path: final,
        name,
        manifest,
        manifestSha256: sha256(manifestText),
        signature: signature.toString('base64'),
        fileCount: files.length,
        bytes: files.reduce((s, f) => s + f.size, 0) + Buffer.byteLength(manifestText) + signature.length,
      };
    } finally {
      await yearDb.destroy();
    }
  } catch (error) {
    if (partial) await discardPartial(partial);
    if (o.signal?.aborted) throw new CancelledError();
    throw error instanceof MediaError || !isFsError(error) ? error : mediaError(error, o.target);
  } finally {
    await fs.promises.rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Starting a worker costs about a second: not worth it for a small year. */
const MIN_JOURNALS_FOR_WORKERS = 40;

/** Pages rendered ahead of the one being written: keeps every worker busy, bounds what waits in memory. */
const AHEAD = 8;

/** groups/<group>/<subject>.pdf for every journal and groups/<group>/<group>.xlsx, in order. */
async function writeGroups(
  out: PackageFiles,
  groups: GroupInfo[],
  pool: RenderPool,
  context: Omit<JournalPdfContext, 'journal'>,
  step: (label: string) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const layout = packageLayout(groups);
  const tasks = layout.flatMap((l) => l.group.journals.map((journal) => ({ file: l.pdfs.get(journal.id)!, journal })));
  const rendered = new Map<number, Promise<RenderedJournal>>();
  let next = 0;
  const fill = () => {
    for (; next < tasks.length && rendered.size < AHEAD; next++) {
      const promise = pool.render(tasks[next]!.journal.id, { ...context, journal: tasks[next]!.journal });
      promise.catch(() => undefined); // awaited in order below; a failure surfaces there
      rendered.set(next, promise);
    }
  };
  let index = 0;
  for (const [g, group] of groups.entries()) {
    const sheets: Array<{ journal: GroupInfo['journals'][number]; sheet: JournalSheet }> = [];
    for (let k = 0; k < group.journals.length; k++, index++) {
      if (signal?.aborted) throw new CancelledError();
      fill();
      step(`Журналы ${wordsOf(context.kind).term('group', 'gen')} ${group.name}`);
      pool.claim(tasks[index]!.journal.id);
      const { pdf, sheet } = await rendered.get(index)!;
      rendered.delete(index);
      await out.bytes(tasks[index]!.file, pdf);
      sheets.push({ journal: tasks[index]!.journal, sheet });
    }
    fill();
    step(`Журналы ${wordsOf(context.kind).term('group', 'gen')} ${group.name}: Excel`);
    await out.stream(layout[g]!.xlsx, (file) => groupXlsx(file, group, sheets, context.kind));
  }
}

function isFsError(error: unknown): boolean {
  return (
    typeof (error as NodeJS.ErrnoException)?.code === 'string' &&
    /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code!)
  );
}

const mb = (bytes: number) => Math.ceil(bytes / 1024 / 1024);

function countRows(raw: SQLite.Database, groups: GroupInfo[], students: number): ArchiveCounts {
  const n = (table: string) => Number(raw.prepare(`SELECT count(*) FROM "${table}"`).pluck().get());
  return {
    groups: groups.length,
    students,
    journals: n('journals'),
    lessons: n('lessons'),
    marks: n('marks'),
    attendance: n('attendance'),
    finalMarks: n('final_marks'),
    remarks: n('remarks'),
  };
}
