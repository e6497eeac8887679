// The copies in a backup folder. Each `journal_….sqlite` has a `….sqlite.json` beside it, written
// before the copy gets its final name, with what the copy holds and how it was checked; a copy whose
// description is missing is still listed (from its name), marked as not yet checked.
import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_EXT, parseBackupFileName, PARTIAL_PREFIX, SIDECAR_EXT, type BackupReason } from './naming.js';
import type { JournalCounts } from './inspect.js';
import { removeQuietly, writeFileAtomic } from './disk.js';

export interface BackupInfo {
  name: string;
  path: string;
  /** ISO moment the copy was taken. */
  createdAt: string;
  reason: BackupReason;
  size: number;
  /** SHA-256 of the file as written; null when its description is missing. */
  sha256: string | null;
  /** When `integrity_check` passed on the copy, or null when it was not checked. */
  checkedAt: string | null;
  schema: string | null;
  institution: string | null;
  year: string | null;
  counts: JournalCounts | null;
  auditMax: number | null;
  /** The journal it was taken from. */
  source: string | null;
}

type Sidecar = Omit<BackupInfo, 'path' | 'name'> & { format: 1; name: string };

export function sidecarPath(file: string): string {
  return `${file}${SIDECAR_EXT}`;
}

export function writeSidecar(file: string, info: BackupInfo): void {
  const { path: _p, ...rest } = info;
  const body: Sidecar = { format: 1, ...rest };
  writeFileAtomic(sidecarPath(file), `${JSON.stringify(body, null, 2)}\n`);
}

function readSidecar(file: string): Sidecar | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(sidecarPath(file), 'utf8')) as Sidecar;
    return parsed && parsed.format === 1 ? parsed : null;
  } catch {
    return null;
  }
}

/** One copy by its file; null when the file is not one of ours. */
export function describeBackup(file: string): BackupInfo | null {
  const name = path.basename(file);
  const parsed = parseBackupFileName(name);
  if (!parsed) return null;
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    return null;
  }
  const side = readSidecar(file);
  if (side && side.name === name) {
    // A file whose length no longer matches its description has been cut or altered since.
    const intact = side.size === size;
    return { ...side, name, path: file, size, checkedAt: intact ? side.checkedAt : null };
  }
  return {
    name,
    path: file,
    createdAt: parsed.at.toISOString(),
    reason: parsed.reason,
    size,
    sha256: null,
    checkedAt: null,
    schema: null,
    institution: null,
    year: null,
    counts: null,
    auditMax: null,
    source: null,
  };
}

/** Every copy in the folder, newest first. A missing folder has none. */
export function listBackups(folder: string): BackupInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(BACKUP_EXT) && !n.startsWith(PARTIAL_PREFIX))
    .map((n) => describeBackup(path.join(folder, n)))
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
}

/** Delete a copy and its description (rotation). */
export function deleteBackup(file: string): void {
  removeQuietly(sidecarPath(file), file);
}

/** Leftovers of copies interrupted by a crash: partial files older than an hour, descriptions without a copy. */
export function sweepLeftovers(folder: string, now: Date): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return removed;
  }
  for (const name of names) {
    const full = path.join(folder, name);
    const orphanSidecar =
      name.endsWith(`${BACKUP_EXT}${SIDECAR_EXT}`) &&
      !names.includes(name.slice(0, -SIDECAR_EXT.length)) &&
      parseBackupFileName(name.slice(0, -SIDECAR_EXT.length)) !== null;
    const stalePartial = name.startsWith(PARTIAL_PREFIX) || name.startsWith('.tmp-');
    if (!orphanSidecar && !stalePartial) continue;
    try {
      if (now.getTime() - fs.statSync(full).mtimeMs < 60 * 60 * 1000) continue;
      fs.rmSync(full, { force: true });
      removed.push(name);
    } catch {
      // Another process may be removing it at the same moment: nothing to do.
      continue;
    }
  }
  return removed;
}
