// Archived years, read-only, from the store or from a stick: the package's own database is opened
// read-only (no migrations, nothing written), its groups and journals listed, a journal page shown,
// and the package's documents handed out as files.
import fs from 'node:fs';
import path from 'node:path';
import type { ArchivedJournalPage, ArchivedYear, FileOutput, Parsed } from '../../api/contract.js';
import { PDF_MIME, XLSX_MIME } from '../../api/contract.js';
import { AppError, badInput, notFound } from '../../api/errors.js';
import { packageLayout } from '../../export/archive/layout.js';
import { MANIFEST_FILE, parseManifest, type ArchiveManifest } from '../../export/archive/manifest.js';
import { groupsOfYear, journalPage, yearOf } from './year-data.js';
import { openDatabase, type JournalDb } from '../../../db/connect.js';
import { DatabaseOpenError } from '../../../db/errors.js';
import type { AuthedContext } from '../context.js';
import { fileOutput } from '../files.js';
import { assertPackage, resolveArchive, type ArchiveRef } from './records.js';

async function withArchive<T>(
  ctx: AuthedContext,
  ref: ArchiveRef,
  use: (db: JournalDb, manifest: ArchiveManifest, dir: string) => Promise<T>,
): Promise<T> {
  const { dir } = await resolveArchive(ctx.db, ref);
  assertPackage(dir);
  let manifest: ArchiveManifest;
  try {
    manifest = parseManifest(await fs.promises.readFile(path.join(dir, MANIFEST_FILE), 'utf8'));
  } catch (error) {
    throw badInput(`Опись архива повреждена: ${(error as Error).message}. Проверьте архив.`);
  }
  const dbFile = path.join(dir, manifest.database);
  let handle: JournalDb;
  try {
    handle = await openDatabase(`sqlite:${dbFile}`, { readonly: true, migrate: false });
  } catch (error) {
    throw new AppError(
      'unavailable',
      error instanceof DatabaseOpenError
        ? error.message
        : `Не удалось открыть базу архива: ${(error as Error).message}`,
    );
  }
  try {
    return await use(handle, manifest, dir);
  } finally {
    await handle.close();
  }
}

export async function open(ctx: AuthedContext, input: Parsed<'archive.open'>): Promise<ArchivedYear> {
  return withArchive(ctx, input, async (handle, manifest, dir) => {
    const year = await yearOf(handle.db);
    const layout = packageLayout(await groupsOfYear(handle.db, year.id));
    const listed = new Set(manifest.files.map((f) => f.path));
    return {
      path: dir,
      institution: manifest.institution.shortName,
      yearTitle: manifest.year.title,
      createdAt: manifest.createdAt,
      createdBy: manifest.createdBy.fullName,
      counts: { ...manifest.counts },
      fingerprint: manifest.publicKey.fingerprint,
      groups: layout.map(({ group: g, pdfs }) => ({
        id: g.id,
        name: g.name,
        course: g.course,
        curator: g.curator,
        journals: g.journals.map((j) => ({
          id: j.id,
          subjectName: j.subjectName,
          subjectCode: j.subjectCode,
          subgroup: j.subgroup,
          teacher: j.teacher,
          pdf: listed.has(pdfs.get(j.id)!) ? pdfs.get(j.id)! : null,
        })),
      })),
      files: manifest.files.filter((f) => !f.path.startsWith('groups/')).map((f) => ({ path: f.path, size: f.size })),
    };
  });
}

export async function journal(ctx: AuthedContext, input: Parsed<'archive.journal'>): Promise<ArchivedJournalPage> {
  return withArchive(ctx, input.archive, async (handle) => {
    const exists = await handle.db
      .selectFrom('journals')
      .select('id')
      .where('id', '=', input.journalId)
      .executeTakeFirst();
    if (!exists) throw notFound('Журнал в архиве');
    const page = await journalPage(handle.db, input.journalId);
    return {
      groupName: page.journal.groupName,
      subjectName: page.journal.subjectName,
      subgroup: page.journal.subgroup,
      teacher: page.journal.teacher,
      yearTitle: page.year.title,
      lessons: page.lessons.map((l) => ({
        date: l.date,
        lessonNo: l.lessonNo,
        hours: l.hours,
        topic: l.topic,
        kind: l.kind,
        homework: l.homework,
      })),
      students: page.students,
      finalColumns: page.finalColumns,
    };
  });
}

const MIME: Record<string, string> = {
  '.pdf': PDF_MIME,
  '.xlsx': XLSX_MIME,
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.pem': 'application/x-pem-file',
};
const MAX_FILE = 60 * 1024 * 1024;

export async function file(ctx: AuthedContext, input: Parsed<'archive.file'>): Promise<FileOutput> {
  const { dir } = await resolveArchive(ctx.db, input.archive);
  assertPackage(dir);
  const manifest = parseManifest(await fs.promises.readFile(path.join(dir, MANIFEST_FILE), 'utf8'));
  // Only what the manifest lists: no path from the caller reaches the file system unchecked.
  const entry = manifest.files.find((f) => f.path === input.file);
  if (!entry) throw notFound(`Файл «${input.file}» в описи архива`);
  const mime = MIME[path.extname(entry.path).toLowerCase()];
  if (!mime || entry.size > MAX_FILE)
    throw badInput(
      'Этот файл открывается только с носителя или из папки архива (база данных года — программой sqlite3 или ' +
        '«Журналом»)',
    );
  const bytes = await fs.promises.readFile(path.join(dir, ...entry.path.split('/')));
  return fileOutput(path.basename(entry.path), mime, bytes);
}
