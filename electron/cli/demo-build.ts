// Demo data all or nothing: a SQLite journal is built in a temporary file beside the target and renamed
// over it only when complete, so a failure leaves no half-made file (a second run then starts clean);
// on PostgreSQL the generator writes in one transaction, so a failure leaves the database as it was.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, parseDatabaseUrl } from '../../db/connect.js';
import { generateDemo, type DemoCounts, type DemoOptions } from '../../db/demo/index.js';

/** A failed generation, worded for the user in one line: nothing was written. */
export class DemoBuildError extends Error {}

/** Whether the journal at `url` already holds an institution (a missing file holds none). */
export async function demoTargetFilled(url: string): Promise<boolean> {
  const parsed = parseDatabaseUrl(url);
  if (parsed.dialect === 'sqlite' && parsed.file !== null && !fs.existsSync(parsed.file)) return false;
  const handle = await openDatabase(url, parsed.dialect === 'sqlite' ? { migrate: false, readonly: true } : {});
  try {
    return Boolean(await handle.db.selectFrom('institution').select('id').executeTakeFirst());
  } catch {
    // A file of ours not yet migrated has no institution table: nothing in it to keep.
    return false;
  } finally {
    await handle.close();
  }
}

export async function buildDemo(url: string, options: DemoOptions): Promise<DemoCounts> {
  const parsed = parseDatabaseUrl(url);
  try {
    if (parsed.dialect === 'sqlite' && parsed.file !== null) return await buildSqliteFile(parsed.file, options);
    const handle = await openDatabase(url);
    try {
      return await generateDemo(handle.db, options);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof DemoBuildError) throw error;
    const cause = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new DemoBuildError(`демонстрационные данные не созданы, база не изменена (${cause})`);
  }
}

async function buildSqliteFile(target: string, options: DemoOptions): Promise<DemoCounts> {
  if (fs.existsSync(target)) {
    if (fs.statSync(target).isDirectory()) throw new DemoBuildError(`${target} — это папка, а не файл базы данных`);
    if (await demoTargetFilled(`sqlite:${target}`))
      throw new DemoBuildError(
        `в базе данных ${target} уже есть учреждение: демонстрационные данные можно создать только в пустой базе`,
      );
  }
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const partial = path.join(dir, `.${path.basename(target)}.partial-${crypto.randomBytes(4).toString('hex')}`);
  const leftovers = () => {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  };
  try {
    const handle = await openDatabase(`sqlite:${partial}`, { skipCheck: true });
    let counts: DemoCounts;
    try {
      counts = await generateDemo(handle.db, options);
      // One self-contained file: the write-ahead log folded back before the rename.
      handle.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await handle.close();
    }
    const fd = fs.openSync(partial, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    for (const f of [`${target}-wal`, `${target}-shm`]) fs.rmSync(f, { force: true });
    fs.renameSync(partial, target);
    leftovers();
    return counts;
  } catch (error) {
    leftovers();
    throw error;
  }
}
