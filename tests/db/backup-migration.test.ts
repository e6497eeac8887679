// A copy is taken before every migration: an older journal opened by this program is copied (with
// its old structure) before its structure changes; when no copy can be made the update is refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '../../db/connect.js';
import { DatabaseOpenError } from '../../db/errors.js';
import { LATEST_MIGRATION, migrationProvider } from '../../db/migrations/index.js';
import { openCore } from '../../electron/core.js';
import { inspectFile, listBackups } from '../../electron/services/backups/index.js';
import { appPaths } from '../../electron/services/paths.js';
import { memorySettings } from '../../electron/services/settings.js';
import { seedInstitution } from '../support/institution.js';

let dir: string;
let file: string;
let userData: string;

/** A journal one migration behind this program, as a school's file is before an update. */
async function olderJournal(): Promise<string> {
  const handle = await openDatabase(`sqlite:${file}`);
  await seedInstitution(handle);
  const { error } = await new Migrator({ db: handle.db, provider: migrationProvider }).migrateDown();
  if (error) throw error;
  const applied = (await handle.db
    .selectFrom('kysely_migration' as never)
    .select('name' as never)
    .execute()) as Array<{ name: string }>;
  await handle.close();
  return applied
    .map((r) => r.name)
    .sort()
    .at(-1)!;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-mig-'));
  file = path.join(dir, 'journal.sqlite');
  userData = path.join(dir, 'home');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('copies the journal with its old structure before migrating it', async () => {
  const previous = await olderJournal();
  expect(previous).not.toBe(LATEST_MIGRATION);
  const core = await openCore({ databaseUrl: file, userData, settings: memorySettings() });
  await core.close();
  const copies = listBackups(appPaths(userData).backups);
  expect(copies.map((c) => c.reason)).toEqual(['migration']);
  expect(copies[0]!.schema).toBe(previous);
  expect((await inspectFile(copies[0]!.path, { full: true })).summary?.institution).toBe('ГБПОУ ЮЭТ');
  // A new, empty database needs no copy.
  const other = await openCore({ databaseUrl: path.join(dir, 'new.sqlite'), userData, settings: memorySettings() });
  await other.close();
  expect(listBackups(appPaths(userData).backups)).toHaveLength(1);
});

it(
  'falls back to the default folder when the chosen one is missing, and refuses to migrate when no copy can be ' +
    'made',
  async () => {
    const previous = await olderJournal();
    const settings = memorySettings({ backup: { folder: path.join(dir, 'не подключённый диск') } });
    const core = await openCore({ databaseUrl: file, userData, settings });
    await core.close();
    expect(listBackups(appPaths(userData).backups).map((c) => c.reason)).toEqual(['migration']);

    fs.rmSync(file);
    await olderJournal();
    fs.rmSync(appPaths(userData).backups, { recursive: true });
    fs.writeFileSync(appPaths(userData).backups, 'a file where the folder should be');
    const error = await openCore({ databaseUrl: file, userData, settings }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as DatabaseOpenError).reason).toBe('backup_failed');
    expect((error as Error).message).toMatch(
      /не удалось сделать резервную копию, поэтому обновление не выполнено и журнал не изменён/,
    );
    const still = await openDatabase(`sqlite:${file}`, { migrate: false });
    const applied = (await still.db
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .execute()) as Array<{ name: string }>;
    await still.close();
    expect(
      applied
        .map((r) => r.name)
        .sort()
        .at(-1),
    ).toBe(previous);
  },
);
