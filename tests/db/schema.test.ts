// The schema changes only on purpose: a snapshot of every table and column, and each migration
// tested from the one before it with data in place.
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import SQLite from 'better-sqlite3';
import { expect, it } from 'vitest';
import { migrationProvider, migrations } from '../../db/migrations/index.js';
import { describeEachDb, freshDb } from '../support/databases.js';

const SNAPSHOT = path.join(import.meta.dirname, '..', 'fixtures', 'schema-snapshot.json');

describeEachDb('schema', (kind) => {
  it('matches the committed snapshot (update tests/fixtures/schema-snapshot.json with a new migration)', async () => {
    const fresh = await freshDb(kind);
    const handle = await fresh.open();
    const tables = await handle.db.introspection.getTables();
    const shape = Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => c.name).sort()]).sort());
    await handle.close();
    await fresh.drop();
    if (process.env.UPDATE_SCHEMA_SNAPSHOT && kind === 'sqlite') fs.writeFileSync(SNAPSHOT, JSON.stringify(shape, null, 2) + '\n');
    const expected = JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) as Record<string, string[]>;
    expect(shape).toEqual(expected);
  });
});

it('runs every migration from the previous one with data in place, and back down', async () => {
  const raw = new SQLite(':memory:');
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
  const migrator = new Migrator({ db, provider: migrationProvider });
  const names = Object.keys(migrations).sort();
  const first = await migrator.migrateTo(names[0]!);
  expect(first.error).toBeUndefined();
  await db.insertInto('departments').values({ name: 'Энергетическое отделение', short_name: 'ЭО' }).execute();
  for (const name of names.slice(1)) {
    const step = await migrator.migrateTo(name);
    expect(step.error, name).toBeUndefined();
    expect(await db.selectFrom('departments').select('name').execute()).toEqual([{ name: 'Энергетическое отделение' }]);
  }
  const down = await migrator.migrateTo(names[0]!);
  expect(down.error).toBeUndefined();
  expect(await db.selectFrom('departments').select('name').execute()).toEqual([{ name: 'Энергетическое отделение' }]);
  await db.destroy();
});
