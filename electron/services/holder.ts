// The live database behind every service. A restore replaces the file under it: the holder closes the
// handle, lets the caller swap the file, opens it again, and tells the hosts, which then end every
// login (the restored database may have other users). Services read `deps.db` through it, so each call
// sees the handle that is live at that moment.
import { openDatabase, type JournalDb, type OpenOptions } from '../../db/connect.js';
import type { ServiceDeps } from './context.js';

export class DatabaseHolder {
  private handle: JournalDb;
  private readonly listeners = new Set<() => void>();
  private closed = false;
  /** Grows by one with every replacement; lets a caller tell whether the database changed under it. */
  generation = 0;

  constructor(
    handle: JournalDb,
    private readonly openOptions: OpenOptions = {},
  ) {
    this.handle = handle;
  }

  get current(): JournalDb {
    return this.handle;
  }

  /** Called after the database was replaced (the hosts end every session). */
  onReplaced(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Close the live database, run `work` while no connection is open (it may replace the file), then
   * open the same URL again and point every service at it. When `work` or the reopening fails the
   * error is thrown and the holder is left closed: the caller puts the previous file back and calls
   * `reopen()`.
   */
  async replace(work: () => Promise<void>): Promise<JournalDb> {
    await this.closeCurrent();
    await work();
    return this.reopen();
  }

  /** Open the URL of the last handle again (after `replace` failed, or to pick up a file put back). */
  async reopen(): Promise<JournalDb> {
    await this.closeCurrent();
    this.handle = await openDatabase(this.handle.url, this.openOptions);
    this.closed = false;
    this.generation++;
    for (const listener of this.listeners) listener();
    return this.handle;
  }

  /**
   * Point every service at another database (the first run's «connect to a server»). The new one is
   * opened first: when it cannot be, the error is thrown and the current one stays live.
   */
  async switchTo(url: string): Promise<JournalDb> {
    const next = await openDatabase(url, this.openOptions);
    await this.closeCurrent();
    this.handle = next;
    this.closed = false;
    this.generation++;
    for (const listener of this.listeners) listener();
    return this.handle;
  }

  async close(): Promise<void> {
    await this.closeCurrent();
  }

  private async closeCurrent(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}

export type HostDeps = Omit<ServiceDeps, 'db' | 'dialect' | 'file' | 'database'>;

/** Service dependencies whose database fields always read the holder's live handle. */
export function depsOver(holder: DatabaseHolder, rest: HostDeps): ServiceDeps {
  const deps = { ...rest, database: holder } as ServiceDeps;
  // Enumerable getters: dispatch's `{ ...deps }` copies the handle that is live at the call.
  Object.defineProperties(deps, {
    db: { get: () => holder.current.db, enumerable: true },
    dialect: { get: () => holder.current.dialect, enumerable: true },
    file: { get: () => holder.current.file, enumerable: true },
  });
  return deps;
}
