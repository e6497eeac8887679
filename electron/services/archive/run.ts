// One archive run, for the secretary's button and for the schedule alike: the year's package in
// the store by years (built, or reused when a verified one is newer than the year's closing), then
// a verified copy on the chosen drive or folder; the rows and the year's «archived» status are
// written only after the files are complete.
import fs from 'node:fs';
import path from 'node:path';
import { AppError, badInput, conflict, notFound } from '../../api/errors.js';
import { copyPackage } from '../../export/archive/copy.js';
import { packageName, yearSlug } from '../../export/archive/manifest.js';
import { fingerprintOf, KEY_PUBLIC_FILE } from '../../export/archive/signing.js';
import { verifyArchive, verifySummary } from '../../export/archive/verify.js';
import { writeArchivePackage } from './writer.js';
import { shortName } from '../../export/pdf/index.js';
import { audit } from '../audit.js';
import type { ServiceDeps } from '../context.js';
import { CancelledError, type JobControl } from '../../platform/jobs.js';
import type { JobRegistry } from '../jobs.js';
import { APP_VERSION } from '../version.js';
import { listDrives, onDrive } from './drives.js';

export interface Archivist {
  userId: number | null;
  login: string | null;
  fullName: string;
}

export const SCHEDULE_ARCHIVIST: Archivist = {
  userId: null,
  login: null,
  fullName: 'Программа «Журнал» (по расписанию)',
};

export interface ArchiveRequest {
  yearId: number;
  destination: string | null;
  rebuild: boolean;
}

export interface ArchiveRunResult {
  storePath: string;
  storeBuilt: boolean;
  copyPath: string | null;
  summary: string;
}

/** One archive at a time per program: two would fight over the same folders. */
const running = new WeakMap<JobRegistry, string>();

export function runningArchiveJob(jobs: JobRegistry): string | null {
  const id = running.get(jobs);
  return id && jobs.get(id)?.state === 'running' ? id : null;
}

/** The checks that can fail at once, before a job is started: a clear error instead of a failed job. */
export async function checkRequest(deps: ServiceDeps, req: ArchiveRequest): Promise<void> {
  const year = await deps.db
    .selectFrom('academic_years')
    .select(['title', 'status'])
    .where('id', '=', req.yearId)
    .executeTakeFirst();
  if (!year) throw notFound('Учебный год');
  if (year.status === 'open') {
    throw badInput(
      `Учебный год ${year.title} ещё не закрыт: архивируется только закрытый год. Закрывает год администратор.`,
    );
  }
  if (runningArchiveJob(deps.jobs)) throw conflict('Архив уже формируется: дождитесь окончания или отмените его');
  if (req.destination) {
    const dest = path.resolve(req.destination);
    if (!fs.existsSync(dest))
      throw new AppError('not_found', `Папка ${dest} не найдена. Вставьте носитель или выберите другую папку.`);
    if (!fs.statSync(dest).isDirectory()) throw badInput(`${dest} — это файл, а не папка`);
    const store = path.resolve(deps.paths.archiveStore);
    if (dest === store || dest.startsWith(store + path.sep))
      throw badInput('Копию нужно записать на съёмный носитель или в другую папку, а не в хранилище архива');
  }
}

export function startArchiveJob(deps: ServiceDeps, who: Archivist, req: ArchiveRequest) {
  const job = deps.jobs.start('archive', who.userId, (control) => runArchive(deps, who, req, control));
  running.set(deps.jobs, job.id);
  return job;
}

export function ownFingerprint(deps: ServiceDeps): string | null {
  try {
    return fingerprintOf(fs.readFileSync(path.join(deps.paths.keys, KEY_PUBLIC_FILE), 'utf8'));
  } catch {
    return null; // no archive has been made yet: the key does not exist
  }
}

export async function runArchive(
  deps: ServiceDeps,
  who: Archivist,
  req: ArchiveRequest,
  job: JobControl,
): Promise<ArchiveRunResult> {
  const { db } = deps;
  const year = await db.selectFrom('academic_years').selectAll().where('id', '=', req.yearId).executeTakeFirstOrThrow();
  const institution = await db.selectFrom('institution').selectAll().executeTakeFirstOrThrow();
  const storeDir = path.join(deps.paths.archiveStore, yearSlug(year.title));
  const storeFinal = path.join(storeDir, packageName(year.title, institution.short_name));
  await fs.promises.mkdir(storeDir, { recursive: true });

  // Reuse the store's package when it is verified and newer than the year's closing.
  const storeRow = await db
    .selectFrom('archives')
    .selectAll()
    .where('year_id', '=', year.id)
    .where('target', '=', 'store')
    .where('path', '=', storeFinal)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  let reuse =
    !req.rebuild &&
    storeRow !== undefined &&
    fs.existsSync(storeFinal) &&
    (year.closed_at ?? '') <= storeRow.created_at;
  let reusedVerifiedAt: string | null = null;
  if (reuse) {
    const check = await verifyArchive(storeFinal, {
      signal: job.signal,
      expectedFingerprint: ownFingerprint(deps),
      progress: (done, total) => job.progress('Проверка архива в хранилище', done, total),
    });
    reuse = check.ok;
    reusedVerifiedAt = deps.clock.now().toISOString();
  }
  let built: Awaited<ReturnType<typeof writeArchivePackage>> | null = null;
  if (!reuse) {
    const s = deps.settings.get().signatures;
    built = await writeArchivePackage({
      source: { db, dialect: deps.dialect, file: deps.file },
      yearId: year.id,
      target: storeDir,
      keysDir: deps.paths.keys,
      createdBy: { login: who.login, fullName: who.fullName },
      madeBy: { position: s.secretaryPosition, name: s.secretaryName || (who.userId ? shortName(who.fullName) : '') },
      certifier: { position: s.directorPosition, name: s.directorName || shortName(institution.director_name) },
      appVersion: APP_VERSION,
      formedAt: deps.clock.now(),
      signal: job.signal,
      progress: (step, done, total) => job.progress(`Хранилище: ${step}`, done, total),
    });
  }

  let copy: Awaited<ReturnType<typeof copyPackage>> | null = null;
  let copyTarget: 'removable' | 'folder' = 'folder';
  if (req.destination) {
    const dest = path.resolve(req.destination);
    copyTarget = onDrive(dest, await listDrives().catch(() => [])) ? 'removable' : 'folder';
    copy = await copyPackage(storeFinal, dest, {
      signal: job.signal,
      expectedFingerprint: ownFingerprint(deps),
      progress: (step, done, total) => job.progress(`Носитель: ${step}`, done, total),
    });
  }
  if (job.signal.aborted) throw new CancelledError();

  job.progress('Запись в журнал архивов', 1, 1);
  const now = deps.clock.now().toISOString();
  const manifestSha = built?.manifestSha256 ?? storeRow!.manifest_sha256;
  const signature = built?.signature ?? storeRow!.signature;
  const fileCount = built?.fileCount ?? storeRow!.file_count;
  const bytes = built?.bytes ?? Number(storeRow!.bytes);
  const actor = who.userId ? { userId: who.userId, login: who.login ?? '' } : null;
  await db.transaction().execute(async (trx) => {
    const at = deps.clock.now();
    /** One row of the archives' register for a package written to `target`, with its audit entry. */
    const register = async (
      target: 'store' | 'removable' | 'folder',
      where: string,
      after: Record<string, unknown>,
    ) => {
      const row = await trx
        .insertInto('archives')
        .values({
          year_id: year.id,
          created_at: now,
          created_by: who.userId,
          target,
          path: where,
          manifest_sha256: manifestSha,
          signature,
          file_count: fileCount,
          bytes,
          verified_at: now,
          verify_ok: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(trx, actor, at, {
        action: target === 'store' ? 'archive.create' : 'archive.copy',
        entity: 'archives',
        entityId: row.id,
        after,
      });
    };
    if (built) {
      await register('store', built.path, {
        year: year.title,
        target: 'store',
        path: built.path,
        manifestSha256: manifestSha,
        files: fileCount,
        bytes,
      });
    } else if (storeRow) {
      await trx
        .updateTable('archives')
        .set({ verified_at: reusedVerifiedAt, verify_ok: 1 })
        .where('id', '=', storeRow.id)
        .execute();
      await audit(trx, actor, at, {
        action: 'archive.verify',
        entity: 'archives',
        entityId: storeRow.id,
        after: { ok: true, path: storeRow.path },
      });
    }
    if (copy) {
      await register(copyTarget, copy.path, {
        year: year.title,
        target: copyTarget,
        path: copy.path,
        manifestSha256: manifestSha,
      });
    }
    if (year.status !== 'archived') {
      const moved = await trx
        .updateTable('academic_years')
        .set({ status: 'archived', version: year.version + 1 })
        .where('id', '=', year.id)
        .where('version', '=', year.version)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) === 0)
        throw conflict(`Учебный год ${year.title} изменён во время архивирования: повторите архивирование`);
      await audit(trx, actor, at, {
        action: 'year.archive',
        entity: 'academic_years',
        entityId: year.id,
        before: { status: year.status },
        after: { status: 'archived' },
      });
    }
  });
  const summary = [
    built
      ? `Архив ${year.title} сформирован в хранилище: ${fileCount} файлов.`
      : `Архив ${year.title} в хранилище проверен и цел.`,
    copy ? `Копия записана и проверена: ${copy.path}. ${verifySummary(copy.verify)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { storePath: storeFinal, storeBuilt: built !== null, copyPath: copy?.path ?? null, summary };
}
