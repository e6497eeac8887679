import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type JournalDb } from '../../db/connect.js';
import { DatabaseOpenError } from '../../db/errors.js';
import { migrations } from '../../db/migrations/index.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';

const TABLES = [
  'academic_years',
  'archives',
  'attendance',
  'audit_log',
  'enrolments',
  'final_marks',
  'groups',
  'guardians',
  'institution',
  'journals',
  'lessons',
  'marks',
  'periods',
  'plan_topics',
  'remarks',
  'students',
  'subgroups',
  'subjects',
  'timetable',
  'user_roles',
  'users',
  'work_columns',
  'homework_individual',
];

describeEachDb('database', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  beforeEach(async () => {
    fresh = await freshDb(kind, { empty: true });
    handle = await fresh.open();
  });
  afterEach(async () => {
    await handle.close();
    await fresh.drop();
  });

  it('creates the whole model of DESIGN §2 on open and marks the database as ours', async () => {
    const names = (await handle.db.introspection.getTables()).map((t) => t.name);
    for (const table of TABLES) expect(names).toContain(table);
    const meta = await handle.db.selectFrom('app_meta').selectAll().orderBy('key').execute();
    expect(meta).toEqual([
      { key: 'app', value: 'zhurnal' },
      { key: 'schema', value: Object.keys(migrations).at(-1) },
    ]);
  });

  it('reopens an existing database without migrating again', async () => {
    await handle.db.insertInto('departments').values({ name: 'Энергетическое отделение', short_name: 'ЭО' }).execute();
    await handle.close();
    handle = await fresh.open();
    const rows = await handle.db.selectFrom('departments').select('name').execute();
    expect(rows).toEqual([{ name: 'Энергетическое отделение' }]);
  });

  it('keeps the audit log append-only in the database itself', async () => {
    await handle.db
      .insertInto('audit_log')
      .values({
        at: '2026-11-25T10:00:00.000Z',
        user_id: null,
        login: 'admin',
        action: 'test',
        entity: 'x',
        entity_id: '1',
        journal_id: null,
        student_id: null,
        before: null,
        after: '{"a":1}',
      })
      .execute();
    await expect(handle.db.updateTable('audit_log').set({ action: 'forged' }).execute()).rejects.toThrow(
      /только добавление/,
    );
    await expect(handle.db.deleteFrom('audit_log').execute()).rejects.toThrow(/только добавление/);
    const rows = await handle.db.selectFrom('audit_log').select('action').execute();
    expect(rows).toEqual([{ action: 'test' }]);
  });

  it('refuses a database made by a newer version of the program', async () => {
    await sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future',
      '2030-01-01T00:00:00.000Z')`.execute(handle.db);
    await handle.close();
    const error = await fresh.open().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as DatabaseOpenError).reason).toBe('newer_schema');
    expect((error as Error).message).toMatch(/более новой версией программы/);
    handle = await openDatabase(fresh.url, { migrate: false }).catch(() => handle);
  });

  it('keeps Cyrillic text intact', async () => {
    const name = 'Ёлкина-Смирнова Анна-Мария «Щ»';
    await handle.db.insertInto('departments').values({ name, short_name: 'ЁЩ' }).execute();
    const row = await handle.db.selectFrom('departments').select('name').executeTakeFirstOrThrow();
    expect(row.name).toBe(name);
  });
});

describeEachDb('a database that is not a journal', (kind) => {
  it('is refused with a Russian message', async () => {
    const fresh = await freshDb(kind, { empty: true });
    if (kind === 'sqlite') {
      const file = fresh.url.slice('sqlite:'.length);
      const raw = new SQLite(file);
      raw.exec('create table customers (id integer primary key, name text)');
      raw.close();
    } else {
      const h = await openDatabase(fresh.url, { migrate: false });
      await sql`create table customers (id serial primary key, name text)`.execute(h.db);
      await h.close();
    }
    await expect(fresh.open()).rejects.toThrow(/не является базой данных программы «Журнал»/);
    await fresh.drop();
  });
});

it('refuses a file that is not SQLite at all, and a folder', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-bad-'));
  const file = path.join(dir, 'отчёт.docx');
  fs.writeFileSync(file, 'PK\u0003\u0004 not a database at all');
  await expect(openDatabase(`sqlite:${file}`)).rejects.toThrow(/не является базой данных программы «Журнал»/);
  expect(fs.readFileSync(file, 'utf8')).toContain('not a database');
  await expect(openDatabase(`sqlite:${dir}`)).rejects.toThrow(/это папка/);
  fs.rmSync(dir, { recursive: true, force: true });
});

it('uses WAL, foreign keys, a busy timeout and synchronous=FULL on SQLite', async () => {
  const fresh = await freshDb('sqlite');
  const handle = await fresh.open();
  const raw = handle.sqlite!;
  expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(raw.pragma('busy_timeout', { simple: true })).toBe(5000);
  expect(raw.pragma('synchronous', { simple: true })).toBe(2);
  await handle.close();
  await fresh.drop();
});
