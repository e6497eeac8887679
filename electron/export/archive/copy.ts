// Duplicates a finished package (from the archive store) to removable media or any folder, with the
// same guarantees as writing it: exact free space checked first, files copied into `.partial-…` and
// fsynced, the copy verified from the media (every hash and the signature), then renamed.
import fs from 'node:fs';
import path from 'node:path';
import { CancelledError } from '../../platform/jobs.js';
import {
  checkTarget,
  cleanLeftovers,
  commitPartial,
  discardPartial,
  freeBytes,
  fsyncDir,
  fsyncFile,
  MediaError,
  mediaError,
  partialDir,
} from './fsutil.js';
import { MANIFEST_FILE, parseManifest, SIGNATURE_FILE } from './manifest.js';
import { verifyArchive, type VerifyResult } from './verify.js';

export interface CopyOptions {
  signal?: AbortSignal;
  progress?: (step: string, done: number, total: number) => void;
  expectedFingerprint?: string | null;
}

export interface CopyResult {
  path: string;
  verify: VerifyResult;
}

const SPACE_MARGIN = 4 * 1024 * 1024;

export async function copyPackage(from: string, target: string, o: CopyOptions = {}): Promise<CopyResult> {
  const progress = o.progress ?? (() => undefined);
  const name = path.basename(from);
  const manifest = parseManifest(await fs.promises.readFile(path.join(from, MANIFEST_FILE), 'utf8'));
  const rels = [...manifest.files.map((f) => f.path), MANIFEST_FILE, SIGNATURE_FILE];
  if (path.resolve(target) === path.resolve(path.dirname(from))) {
    throw new MediaError(
      'Копия не может лежать в той же папке, что и архив хранилища: выберите носитель или другую папку.',
      'bad_target',
    );
  }
  await checkTarget(target);
  let partial: string | null = null;
  try {
    await cleanLeftovers(target, name);
    const needed =
      manifest.files.reduce((s, f) => s + f.size, 0) +
      (await fs.promises.stat(path.join(from, MANIFEST_FILE))).size +
      SPACE_MARGIN;
    const free = await freeBytes(target);
    if (free !== null && free < needed) {
      throw new MediaError(
        `Недостаточно места на носителе (${target}): нужно ${Math.ceil(needed / 1048576)} МБ, свободно ` +
          `${Math.floor(free / 1048576)} МБ. ` +
          'Освободите место или выберите другой носитель.',
        'no_space',
      );
    }
    partial = partialDir(target, name);
    await fs.promises.mkdir(partial);
    const dirs = new Set<string>([partial]);
    for (const [i, rel] of rels.entries()) {
      if (o.signal?.aborted) throw new CancelledError();
      progress('Копирование на носитель', i, rels.length);
      const to = path.join(partial, ...rel.split('/'));
      if (!dirs.has(path.dirname(to))) {
        await fs.promises.mkdir(path.dirname(to), { recursive: true });
        dirs.add(path.dirname(to));
      }
      await fs.promises.copyFile(path.join(from, ...rel.split('/')), to, fs.constants.COPYFILE_EXCL);
      await fsyncFile(to);
    }
    for (const dir of [...dirs].sort((a, b) => b.length - a.length)) await fsyncDir(dir);
    const verify = await verifyArchive(partial, {
      signal: o.signal,
      expectedFingerprint: o.expectedFingerprint,
      progress: (done, total) => progress('Проверка копии на носителе', done, total),
    });
    if (!verify.ok) {
      throw new MediaError(
        `Копия на носителе не совпадает с архивом: ${verify.problems[0]!.message}. Носитель неисправен — возьмите ` +
          `другой.`,
        'io',
      );
    }
    progress('Завершение', rels.length, rels.length);
    await commitPartial(partial, target, name);
    partial = null;
    return { path: path.join(target, name), verify: { ...verify, dir: path.join(target, name) } };
  } catch (error) {
    if (partial) await discardPartial(partial);
    if (o.signal?.aborted) throw new CancelledError();
    throw error instanceof MediaError || error instanceof CancelledError ? error : mediaError(error, target);
  }
}
