// Checks an archive package as found on disk: the signature of manifest.json with the package's
// public key, then every listed file's size and SHA-256, then files that should not be there. The
// first problem is named; all are listed.
import fs from 'node:fs';
import path from 'node:path';
import {
  hashFile,
  MANIFEST_FILE,
  parseManifest,
  PUBLIC_KEY_FILE,
  SIGNATURE_FILE,
  UNLISTED,
  type ArchiveManifest,
} from './manifest.js';
import { fingerprintOf, verifyBytes } from './signing.js';
import { CancelledError } from '../../platform/jobs.js';

export type ProblemKind = 'manifest' | 'signature' | 'key' | 'changed' | 'missing' | 'extra';

export interface VerifyProblem {
  kind: ProblemKind;
  /** The file, relative to the package folder with `/`. */
  path: string;
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  dir: string;
  manifest: ArchiveManifest | null;
  /** SHA-256 of the package's public key (as printed on the certification sheet). */
  fingerprint: string | null;
  /** The key is the one expected (this institution's, or `--key`); null when nothing was expected. */
  keyMatches: boolean | null;
  filesChecked: number;
  bytesChecked: number;
  problems: VerifyProblem[];
}

export interface VerifyOptions {
  /** The fingerprint the package must be signed with (the institution's own key). */
  expectedFingerprint?: string | null;
  signal?: AbortSignal;
  progress?: (done: number, total: number, file: string) => void;
}

/** Every file under dir: its NFC name (as the manifest writes it) → the name on disk (macOS may decompose). */
async function listFiles(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(rel: string): Promise<void> {
    for (const e of await fs.promises.readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(child);
      else out.set(child.normalize('NFC'), child);
    }
  }
  await walk('');
  return out;
}

export async function verifyArchive(dir: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const result: VerifyResult = {
    ok: false,
    dir,
    manifest: null,
    fingerprint: null,
    keyMatches: null,
    filesChecked: 0,
    bytesChecked: 0,
    problems: [],
  };
  const problem = (kind: ProblemKind, file: string, message: string) => {
    result.problems.push({ kind, path: file, message });
  };
  let stat: fs.Stats | null = null;
  try {
    stat = await fs.promises.stat(dir);
  } catch {
    stat = null;
  }
  if (!stat?.isDirectory()) {
    problem('missing', '.', `Папка архива не найдена: ${dir}`);
    return result;
  }
  const real = await listFiles(dir);
  const fileOf = (rel: string) => path.join(dir, ...(real.get(rel) ?? rel).split('/'));

  let manifestBytes: Buffer;
  try {
    manifestBytes = await fs.promises.readFile(fileOf(MANIFEST_FILE));
    result.manifest = parseManifest(manifestBytes.toString('utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    problem(
      missing ? 'missing' : 'manifest',
      MANIFEST_FILE,
      missing
        ? `Нет описи ${MANIFEST_FILE}: это не архив «Журнала» или он неполон`
        : `Опись ${MANIFEST_FILE} повреждена: ${(error as Error).message}`,
    );
    return result;
  }
  const manifest = result.manifest;

  // The signature first: if it fails, the manifest itself cannot be trusted.
  const keyFile = manifest.publicKey?.file ?? PUBLIC_KEY_FILE;
  let publicPem: string | null = null;
  try {
    publicPem = await fs.promises.readFile(fileOf(keyFile), 'utf8');
    result.fingerprint = fingerprintOf(publicPem);
  } catch (error) {
    problem(
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'key',
      keyFile,
      `Открытый ключ ${keyFile} отсутствует или повреждён`,
    );
  }
  let signature: Buffer | null = null;
  try {
    signature = await fs.promises.readFile(fileOf(SIGNATURE_FILE));
  } catch {
    problem('missing', SIGNATURE_FILE, `Нет подписи описи ${SIGNATURE_FILE}`);
  }
  if (publicPem && signature && !verifyBytes(publicPem, manifestBytes, signature)) {
    problem(
      'signature',
      MANIFEST_FILE,
      `Подпись не сходится: опись ${MANIFEST_FILE} изменена после подписания или подпись ${SIGNATURE_FILE} испорчена`,
    );
  }
  if (result.fingerprint && manifest.publicKey?.fingerprint && manifest.publicKey.fingerprint !== result.fingerprint) {
    problem('key', keyFile, `Ключ ${keyFile} не тот, что указан в описи`);
  }
  if (options.expectedFingerprint && result.fingerprint) {
    result.keyMatches = options.expectedFingerprint === result.fingerprint;
    if (!result.keyMatches)
      problem('key', keyFile, 'Архив подписан не ключом этой организации: сверьте отпечаток с листом заверения');
  }

  const listed = new Set<string>();
  for (const [index, entry] of manifest.files.entries()) {
    if (options.signal?.aborted) throw new CancelledError();
    const rel = entry.path.normalize('NFC');
    listed.add(rel);
    options.progress?.(index, manifest.files.length, rel);
    if (!real.has(rel)) {
      problem('missing', rel, `Файл ${rel} отсутствует`);
      continue;
    }
    const { sha256, size } = await hashFile(fileOf(rel), options.signal);
    result.filesChecked++;
    result.bytesChecked += size;
    if (size !== entry.size || sha256 !== entry.sha256) {
      problem(
        'changed',
        rel,
        `Файл ${rel} изменён: ` +
          (size !== entry.size ? `размер ${size} байт вместо ${entry.size}` : 'контрольная сумма SHA-256 не совпадает'),
      );
    }
  }
  for (const rel of [...real.keys()].sort()) {
    if (!listed.has(rel) && !UNLISTED.has(rel)) problem('extra', rel, `Лишний файл ${rel}: его нет в описи`);
  }
  options.progress?.(manifest.files.length, manifest.files.length, '');
  result.ok = result.problems.length === 0;
  return result;
}

/** One line for the user: «Архив цел…» or the first problem. */
export function verifySummary(r: VerifyResult): string {
  if (r.ok) {
    return (
      `Архив цел: ${r.filesChecked} файлов сверены по SHA-256, подпись описи верна` +
      (r.keyMatches ? ', ключ — этой организации' : '') +
      '.'
    );
  }
  const first = r.problems[0]!;
  const more = r.problems.length > 1 ? ` (и ещё ${r.problems.length - 1})` : '';
  return `Архив повреждён: ${first.message}${more}.`;
}
