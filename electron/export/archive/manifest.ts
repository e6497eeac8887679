// What an archive package holds and how its manifest is written. The manifest lists every file
// with its size and SHA-256; manifest.sig is the Ed25519 signature of manifest.json's exact bytes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { CancelledError } from '../../platform/jobs.js';

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const SUMS_FILE = 'SHA256SUMS';
export const PUBLIC_KEY_FILE = 'public-key.pem';
export const README_FILE = 'ПРОВЕРКА.txt';
export const CERTIFICATE_FILE = 'лист-заверения.pdf';
export const STUDENTS_PDF = 'students.pdf';
export const STUDENTS_XLSX = 'students.xlsx';
export const GROUPS_DIR = 'groups';
export const FORMAT = 'zhurnal-archive';
export const FORMAT_VERSION = 1;

/** Files that describe the package and so are not listed in the manifest themselves. */
export const UNLISTED = new Set([MANIFEST_FILE, SIGNATURE_FILE]);

export interface ManifestFile {
  /** Relative, with `/`, in Unicode NFC (macOS may hand names back decomposed). */
  path: string;
  size: number;
  sha256: string;
}

export interface ArchiveCounts {
  groups: number;
  students: number;
  journals: number;
  lessons: number;
  marks: number;
  attendance: number;
  finalMarks: number;
  remarks: number;
}

export interface ArchiveManifest {
  format: typeof FORMAT;
  formatVersion: number;
  app: { name: string; version: string; schema: string };
  institution: { fullName: string; shortName: string };
  year: { title: string; startsOn: string; endsOn: string };
  createdAt: string;
  createdBy: { login: string | null; fullName: string };
  counts: ArchiveCounts;
  database: string;
  publicKey: { algorithm: 'Ed25519'; file: string; fingerprint: string };
  files: ManifestFile[];
}

/** `2025/2026` → `2025-2026`, for file and folder names. */
export function yearSlug(title: string): string {
  return title.replace(/[^0-9A-Za-zА-Яа-яЁё]+/g, '-').replace(/^-|-$/g, '');
}

/** The sqlite file's name inside the package. */
export function databaseFileName(yearTitle: string): string {
  return `journal-${yearSlug(yearTitle)}.sqlite`;
}

/** `Журнал_2025-2026_ГБПОУ_ЮЭТ`: no spaces or quotes, so commands need no quoting. */
export function packageName(yearTitle: string, institutionShortName: string): string {
  const inst =
    institutionShortName
      // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
      .replace(/[\\/:*?"<>|«»„“”'`\u0000-\u001f]+/g, ' ')
      .trim()
      .replace(/\s+/g, '_')
      .slice(0, 60) || 'организация';
  return `Журнал_${yearSlug(yearTitle)}_${inst}`;
}

/**
 * manifest.json text: readable indented JSON with each file on one line, so that
 * `grep SHA256SUMS manifest.json` shows a file's size and hash in one go.
 */
export function serializeManifest(manifest: ArchiveManifest): string {
  const { files, ...rest } = manifest;
  const head = JSON.stringify(rest, null, 2).replace(/\n}$/, '');
  const lines = files.map((f) => `    ${JSON.stringify({ path: f.path, size: f.size, sha256: f.sha256 })}`);
  return `${head},\n  "files": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

export function parseManifest(text: string): ArchiveManifest {
  const value = JSON.parse(text) as ArchiveManifest;
  if (value?.format !== FORMAT || !Array.isArray(value.files))
    throw new Error('manifest.json: это не опись архива «Журнала»');
  if (value.formatVersion > FORMAT_VERSION) {
    throw new Error(
      `manifest.json: формат архива версии ${value.formatVersion} новее этой программы — обновите «Журнал»`,
    );
  }
  return value;
}

/** `sha256sum -c` input: `<hash>  <path>` per line, LF, UTF-8. */
export function sumsText(files: readonly ManifestFile[]): string {
  return files.map((f) => `${f.sha256}  ${f.path}\n`).join('');
}

/** SHA-256 and size of a file, read from disk in 1 MB pieces. */
export async function hashFile(file: string, signal?: AbortSignal): Promise<{ sha256: string; size: number }> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  const fd = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      if (signal?.aborted) throw new CancelledError();
      const { bytesRead } = await fd.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      size += bytesRead;
    }
  } finally {
    await fd.close();
  }
  return { sha256: hash.digest('hex'), size };
}

export function sha256(bytes: Uint8Array | string): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}
