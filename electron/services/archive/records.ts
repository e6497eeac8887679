// The `archives` table as the services see it: one row per copy of a year's package (the store,
// a removable drive, another folder), with when it was last verified.
import fs from 'node:fs';
import path from 'node:path';
import type { ArchiveCopy, ArchiveTarget } from '../../api/contract.js';
import { AppError, notFound } from '../../api/errors.js';
import { MANIFEST_FILE } from '../../export/archive/manifest.js';
import type { Db } from '../context.js';
import { fullName } from '../session.js';

export async function archiveCopies(db: Db, yearId?: number): Promise<Array<ArchiveCopy & { yearId: number }>> {
  let q = db
    .selectFrom('archives as a')
    .leftJoin('users as u', 'u.id', 'a.created_by')
    .select([
      'a.id',
      'a.year_id',
      'a.target',
      'a.path',
      'a.created_at',
      'a.file_count',
      'a.bytes',
      'a.manifest_sha256',
      'a.verified_at',
      'a.verify_ok',
      'u.last_name',
      'u.first_name',
      'u.middle_name',
    ])
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc');
  if (yearId !== undefined) q = q.where('a.year_id', '=', yearId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    yearId: r.year_id,
    target: r.target as ArchiveTarget,
    path: r.path,
    createdAt: r.created_at,
    createdBy: r.last_name
      ? fullName({ last_name: r.last_name, first_name: r.first_name!, middle_name: r.middle_name })
      : 'программа «Журнал»',
    fileCount: r.file_count,
    bytes: Number(r.bytes),
    manifestSha256: r.manifest_sha256,
    verifiedAt: r.verified_at,
    verifyOk: r.verify_ok === 1,
    present: fs.existsSync(path.join(r.path, MANIFEST_FILE)),
  }));
}

export type ArchiveRef = { archiveId: number } | { path: string };

/** The package folder an input names, with the recorded row when there is one. */
export async function resolveArchive(db: Db, ref: ArchiveRef): Promise<{ dir: string; archiveId: number | null }> {
  if ('archiveId' in ref) {
    const row = await db
      .selectFrom('archives')
      .select(['id', 'path'])
      .where('id', '=', ref.archiveId)
      .executeTakeFirst();
    if (!row) throw notFound('Архив');
    return { dir: row.path, archiveId: row.id };
  }
  const dir = path.resolve(ref.path);
  const row = await db
    .selectFrom('archives')
    .select('id')
    .where('path', '=', dir)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return { dir, archiveId: row?.id ?? null };
}

/** Refuses, in Russian, a folder that is not an archive package (or a stick that was taken out). */
export function assertPackage(dir: string): void {
  if (!fs.existsSync(dir)) {
    throw new AppError('not_found', `Папка архива не найдена: ${dir}. Если архив на флешке — вставьте её.`);
  }
  if (!fs.existsSync(path.join(dir, MANIFEST_FILE))) {
    throw new AppError(
      'bad_request',
      `В папке ${dir} нет описи ${MANIFEST_FILE}: это не архив «Журнала». Выберите папку вида «Журнал_2025-2026_…».`,
    );
  }
}
