// The database holder behind the services: a replacement swaps the handle every service reads, tells
// the hosts, and a failed replacement can be recovered by putting the file back and reopening.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '../../db/connect.js';
import { DatabaseHolder, depsOver } from '../../electron/services/holder.js';
import { JobRegistry } from '../../electron/services/jobs.js';
import { appPaths } from '../../electron/services/paths.js';
import { memorySettings } from '../../electron/services/settings.js';
import { systemClock } from '../../electron/services/clock.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-holder-'));
  file = path.join(dir, 'j.sqlite');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const names = async (deps: ReturnType<typeof depsOver>) =>
  (await deps.db.selectFrom('departments').select('name').execute()).map((d) => d.name);

it('swaps the handle the services read, and tells the listeners', async () => {
  const first = await openDatabase(`sqlite:${file}`);
  await first.db.insertInto('departments').values({ name: 'До замены', short_name: 'А' }).execute();
  const holder = new DatabaseHolder(first);
  const deps = depsOver(holder, {
    clock: systemClock,
    settings: memorySettings(),
    paths: appPaths(dir),
    jobs: new JobRegistry(),
  });
  const seen: number[] = [];
  holder.onReplaced(() => seen.push(holder.generation));
  const snapshot = { ...deps }; // what dispatch does on every call
  expect(snapshot.db).toBe(first.db);
  expect(snapshot.file).toBe(file);

  const other = path.join(dir, 'other.sqlite');
  const h2 = await openDatabase(`sqlite:${other}`);
  await h2.db.insertInto('departments').values({ name: 'Из копии', short_name: 'Б' }).execute();
  await h2.close();
  const fresh = await holder.replace(async () => {
    fs.rmSync(`${file}-wal`, { force: true });
    fs.renameSync(other, file);
  });
  expect(fresh).not.toBe(first);
  expect(deps.db).toBe(fresh.db);
  expect({ ...deps }.db).toBe(fresh.db);
  expect(await names(deps)).toEqual(['Из копии']);
  expect(seen).toEqual([1]);
  await expect(first.db.selectFrom('departments').selectAll().execute()).rejects.toThrow();
  await holder.close();
  await holder.close(); // twice is harmless
});

it('after a failed replacement stays closed until the file is put back and reopened', async () => {
  const first = await openDatabase(`sqlite:${file}`);
  await first.db.insertInto('departments').values({ name: 'Живая база', short_name: 'Ж' }).execute();
  const holder = new DatabaseHolder(first);
  const deps = depsOver(holder, {
    clock: systemClock,
    settings: memorySettings(),
    paths: appPaths(dir),
    jobs: new JobRegistry(),
  });
  const saved = path.join(dir, 'saved.sqlite');
  await expect(
    holder.replace(async () => {
      fs.copyFileSync(file, saved);
      fs.writeFileSync(file, 'not a database at all, longer than the header of sixteen bytes');
    }),
  ).rejects.toThrow(/не является базой данных/);
  expect(holder.generation).toBe(0);
  fs.copyFileSync(saved, file);
  await holder.reopen();
  expect(await names(deps)).toEqual(['Живая база']);
  expect(holder.generation).toBe(1);
  await holder.close();
});
