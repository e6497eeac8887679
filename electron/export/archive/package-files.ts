// The files of a package while it is written: each one into the `.partial-` folder, fsynced, and
// read back and hashed against what was written — the manifest lists only what is really on the media.
// The reading back runs behind the writing, one file at a time, while the next documents are made.
import fs from 'node:fs';
import path from 'node:path';
import { CancelledError } from '../../platform/jobs.js';
import { fsyncDir, fsyncFile, MediaError, writeFileSynced } from './fsutil.js';
import { hashFile, sha256, type ManifestFile } from './manifest.js';

/** The files of the `.partial-` folder: written one at a time, fsynced, read back. */
export class PackageFiles {
  readonly paths: string[] = [];
  private readonly expected = new Map<string, string>();
  private readonly dirs = new Set<string>();
  /** Each written file's read-back, chained one after another behind the writing. */
  private readonly readBacks: Array<Promise<ManifestFile>> = [];
  private lastReadBack: Promise<unknown> = Promise.resolve();
  private failure: unknown = null;

  constructor(
    private readonly root: string,
    private readonly signal: AbortSignal | undefined,
  ) {}

  get written(): number {
    return this.paths.length;
  }

  async init(): Promise<void> {
    await fs.promises.mkdir(this.root);
    this.dirs.add(this.root);
  }

  private async prepare(rel: string): Promise<string> {
    if (this.signal?.aborted) throw new CancelledError();
    if (this.failure) throw this.failure; // a file already written does not read back: stop here
    const parts = rel.split('/');
    // Folders one level at a time, never the root again: a .partial folder that has vanished (a stick
    // pulled out) must fail the next write, not be made anew and then look complete without the files
    // already read back from it.
    let dir = this.root;
    for (const part of parts.slice(0, -1)) {
      dir = path.join(dir, part);
      if (this.dirs.has(dir)) continue;
      await fs.promises.mkdir(dir);
      this.dirs.add(dir);
    }
    return path.join(dir, parts.at(-1)!);
  }

  /** A document made in memory. */
  async bytes(rel: string, bytes: Uint8Array | string): Promise<void> {
    await writeFileSynced(await this.prepare(rel), bytes);
    this.expected.set(rel, sha256(bytes));
    this.listed(rel);
  }

  /** Written, read back and compared at once: the files made after the read-back pass. */
  async bytesChecked(rel: string, bytes: Uint8Array | string): Promise<ManifestFile> {
    await writeFileSynced(await this.prepare(rel), bytes);
    this.expected.set(rel, sha256(bytes));
    return this.readBack(rel);
  }

  /** A file made elsewhere (the year's database), copied in. */
  async copy(from: string, rel: string): Promise<void> {
    const file = await this.prepare(rel);
    await fs.promises.copyFile(from, file, fs.constants.COPYFILE_EXCL);
    await fsyncFile(file);
    this.expected.set(rel, (await hashFile(from)).sha256);
    this.listed(rel);
  }

  /** Listed, and read back after the files before it. */
  private listed(rel: string): void {
    this.paths.push(rel);
    const readBack = this.lastReadBack.then(() => this.readBack(rel));
    readBack.catch((error: unknown) => {
      this.failure ??= error;
    });
    this.lastReadBack = readBack.catch(() => undefined);
    this.readBacks.push(readBack);
  }

  /** Once no file is being read back (the folder can be removed). */
  async settled(): Promise<void> {
    await this.lastReadBack;
  }

  /** What the files written so far really hold, in their order, once every one is read back. */
  async checked(progress?: (done: number, total: number) => void): Promise<ManifestFile[]> {
    const files: ManifestFile[] = [];
    for (const readBack of this.readBacks) {
      progress?.(files.length, this.readBacks.length);
      files.push(await readBack);
    }
    return files;
  }

  async readBack(rel: string): Promise<ManifestFile> {
    const { sha256: hash, size } = await hashFile(path.join(this.root, ...rel.split('/')), this.signal);
    const want = this.expected.get(rel);
    if (want && want !== hash) {
      throw new MediaError(
        `Файл ${rel} на носителе не совпадает с записанным: носитель неисправен. ` + 'Повторите на другом носителе.',
        'io',
      );
    }
    return { path: rel, size, sha256: hash };
  }

  async syncFolders(): Promise<void> {
    for (const dir of [...this.dirs].sort((a, b) => b.length - a.length)) await fsyncDir(dir);
  }
}
