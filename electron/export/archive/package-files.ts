// The files of a package while it is written: each one into the `.partial-` folder, fsynced, and
// read back and hashed against what was written — the manifest lists only what is really on the media.
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
    const file = path.join(this.root, ...rel.split('/'));
    const dir = path.dirname(file);
    if (!this.dirs.has(dir)) {
      await fs.promises.mkdir(dir, { recursive: true });
      this.dirs.add(dir);
    }
    return file;
  }

  /** A document made in memory. */
  async bytes(rel: string, bytes: Uint8Array | string): Promise<void> {
    await writeFileSynced(await this.prepare(rel), bytes);
    this.expected.set(rel, sha256(bytes));
    this.paths.push(rel);
  }

  /** Written, read back and compared at once: the files made after the read-back pass. */
  async bytesChecked(rel: string, bytes: Uint8Array | string): Promise<ManifestFile> {
    await writeFileSynced(await this.prepare(rel), bytes);
    this.expected.set(rel, sha256(bytes));
    return this.readBack(rel);
  }

  /** A workbook streamed to disk by exceljs. */
  async stream(rel: string, write: (file: string) => Promise<unknown>): Promise<void> {
    const file = await this.prepare(rel);
    await write(file);
    await fsyncFile(file);
    this.paths.push(rel);
  }

  /** A file made elsewhere (the year's database), copied in. */
  async copy(from: string, rel: string): Promise<void> {
    const file = await this.prepare(rel);
    await fs.promises.copyFile(from, file, fs.constants.COPYFILE_EXCL);
    await fsyncFile(file);
    this.expected.set(rel, (await hashFile(from)).sha256);
    this.paths.push(rel);
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
