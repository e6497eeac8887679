// Writes one closed year's archive package (DESIGN.md §7) into a target folder, complete or not at
// all: the year's database is built in a local work folder, then every file goes into
// `<target>/.partial-<name>-<random>/` one at a time (fsynced), is read back and hashed; SHA256SUMS,
// manifest.json and its signature come last, and only then is the folder renamed to its final name.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { JournalDb } from '../../../db/connect.js';
import { LATEST_MIGRATION } from '../../../db/migrations/index.js';
import { keptKysely } from '../../../db/sqlite-statements.js';
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
import type { JournalPdfContext } from '../../export/archive/journal-pdf.js';
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
import type { GroupInfo, YearRow } from '../../export/archive/package-data.js';
import { PackageFiles } from '../../export/archive/package-files.js';
import { readmeBytes } from '../../export/archive/readme.js';
import { wordsOf } from '../../domain/vocabulary.js';
import { loadOrCreateInstitutionKey, signBytes } from '../../export/archive/signing.js';
import type { Certification, Signer } from '../../export/pdf/index.js';
import { CancelledError } from '../../platform/jobs.js';
import { createRenderPool, defaultPoolSize } from './render-pool.js';
import { ahead, type Ahead } from './render-ahead.js';
import type { RenderResult, RenderTask } from './render-tasks.js';
import { groupsOfYear } from './year-data.js';
import { buildYearDatabase } from './year-db.js';
import { changedSince } from './year-unchanged.js';
import { conflict } from '../../api/errors.js';

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
  /**
   * Worker threads for the documents (0: this thread; default: see defaultPoolSize, for a year of 40+ journals).
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
  const workers =
    o.workers ?? ((await journalsOf(o.source, year.id)) >= MIN_JOURNALS_FOR_WORKERS ? defaultPoolSize() : 0);
  const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'zhurnal-archive-'));
  // The workers start now and load their code while the year's database is built.
  const pool = createRenderPool(workers);
  let partial: string | null = null;
  let writing: PackageFiles | null = null;
  const certification: Certification = { position: o.certifier.position, name: o.certifier.name, date: null };
  const context = { institution: institution.short_name, kind: institution.kind, formedAt: o.formedAt, certification };
  const yearRow: YearRow = {
    id: year.id,
    title: year.title,
    startsOn: year.starts_on,
    endsOn: year.ends_on,
    status: year.status,
  };
  /** The students' documents, then each group's: started a few ahead of the writing (see ahead()). */
  const documents = (groups: GroupInfo[]) =>
    ahead(pool, [
      {
        kind: 'students',
        docs: { institution: context.institution, kind: context.kind, year: yearRow, formedAt: o.formedAt, groups },
      },
      ...groups.map((group): RenderTask => ({ kind: 'group', year: yearRow, group, context })),
    ]);
  // From an SQLite journal the workers read the documents from the journal's own file while this thread
  // builds the year's database from it: both read the rows of a closed year, which nothing changes (a year
  // reopened meanwhile fails the archive when it is recorded, run.ts). The second core then renders from
  // the start instead of waiting seconds for the copy. From PostgreSQL they read the year's database.
  // They start once the copy's snapshot is fixed, so a row edited meanwhile is seen by them, not by the copy, and
  // the check after the documents (year-unchanged.ts) finds it.
  const early = pool.workers > 0 && o.source.dialect === 'sqlite' && o.source.file !== null;
  let groups: GroupInfo[] = [];
  let made: Ahead | null = null;
  const startEarly = async () => {
    groups = await groupsOfYear(o.source.db, year.id);
    pool.open(o.source.file!, o.source.db);
    made = documents(groups);
  };
  try {
    // 1. The year's database, locally: it holds the same rows the documents are made from.
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
      checkKeys: false, // by a worker while the documents are made: a task of the pool, below
      onSnapshot: early ? startEarly : undefined,
      progress: (label, done, total) => progress(`База данных года: ${label}`, done, total),
    });
    const yearRaw = new SQLite(dbFile, { readonly: true });
    const yearDb = keptKysely(yearRaw);
    try {
      if (!made) {
        groups = await groupsOfYear(yearDb, year.id);
        pool.open(dbFile, yearDb);
        made = documents(groups);
      }
      // Every reference of the year's database checked before the package is complete: else it is not.
      const keys = pool.run({ kind: 'keys', file: dbFile }, true); // the writing waits for it
      keys.catch(() => undefined); // awaited below
      const counts = countRows(yearRaw, groups);
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
      writing = out;
      await out.init();
      const totalFiles = 3 + counts.journals + groups.length + 4;
      const step = (label: string) => progress(label, out.written, totalFiles);

      // 3. Files, one at a time, in the order of the listing; the workers make the documents meanwhile.
      step('Запись базы данных года');
      await out.copy(dbFile, dbName);
      step('Общие сведения об обучающихся');
      const students = (await made.next()) as RenderResult<Extract<RenderTask, { kind: 'students' }>>;
      await out.bytes(STUDENTS_PDF, students.pdf);
      await out.bytes(STUDENTS_XLSX, students.xlsx);
      await out.bytes(PUBLIC_KEY_FILE, key.publicPem);
      await keys;
      await writeGroups(out, groups, made, context.kind, step, o.signal);
      if (early) {
        const changed = changedSince(dbFile, o.source.file!, wordsOf(institution.kind));
        if (changed.length > 0)
          throw conflict(
            `Пока формировался архив, в журнале изменили данные (${changed.join(', ')}): документы могли разойтись ` +
              'с базой данных года. Повторите архивирование.',
          );
      }

      // 4. Everything read back from the target and hashed — what is really there (begun as each file was written).
      const files: ManifestFile[] = await out.checked((done, total) => {
        check();
        progress('Проверка записанного: чтение и контрольные суммы', done, total);
      });
      const createdBy = o.createdBy.login ? `${o.createdBy.fullName} (${o.createdBy.login})` : o.createdBy.fullName;
      step('Лист заверения и опись');
      // Made by a worker too: this thread loads no PDF library, and a worker's is warm.
      const certificate = await pool.run({
        kind: 'certificate',
        options: {
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
        },
      });
      await pool.close();
      files.push(await out.bytesChecked(CERTIFICATE_FILE, certificate.pdf));
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
      await pool.close();
      await yearDb.destroy();
    }
  } catch (error) {
    await writing?.settled(); // no file of the folder still open for reading back while it is removed
    if (partial) await discardPartial(partial);
    if (o.signal?.aborted) throw new CancelledError();
    throw error instanceof MediaError || !isFsError(error) ? error : mediaError(error, o.target);
  } finally {
    await pool.close();
    await fs.promises.rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Starting a worker costs about a second: not worth it for a small year. */
const MIN_JOURNALS_FOR_WORKERS = 40;

async function journalsOf(source: ArchiveSource, yearId: number): Promise<number> {
  const row = await source.db
    .selectFrom('journals')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('year_id', '=', yearId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** groups/<group>/<subject>.pdf for every journal and groups/<group>/<group>.xlsx, in order. */
async function writeGroups(
  out: PackageFiles,
  groups: GroupInfo[],
  made: Ahead,
  kind: JournalPdfContext['kind'],
  step: (label: string) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const words = wordsOf(kind);
  for (const [g, layout] of packageLayout(groups).entries()) {
    if (signal?.aborted) throw new CancelledError();
    const label = `Журналы ${words.term('group', 'gen')} ${groups[g]!.name}`;
    step(label);
    const { pdfs, xlsx } = (await made.next()) as RenderResult<Extract<RenderTask, { kind: 'group' }>>;
    for (const [k, journal] of layout.group.journals.entries()) {
      if (signal?.aborted) throw new CancelledError();
      step(label);
      await out.bytes(layout.pdfs.get(journal.id)!, pdfs[k]!);
    }
    step(`${label}: Excel`);
    await out.bytes(layout.xlsx, xlsx);
  }
}

function isFsError(error: unknown): boolean {
  return (
    typeof (error as NodeJS.ErrnoException)?.code === 'string' &&
    /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code!)
  );
}

const mb = (bytes: number) => Math.ceil(bytes / 1024 / 1024);

function countRows(raw: SQLite.Database, groups: GroupInfo[]): ArchiveCounts {
  const n = (table: string) => Number(raw.prepare(`SELECT count(*) FROM "${table}"`).pluck().get());
  // Everyone enrolled in a group of the year (the database holds that year's groups only).
  const students = Number(raw.prepare('SELECT count(DISTINCT student_id) FROM enrolments').pluck().get());
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
