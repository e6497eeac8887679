// Statements kept per SQLite handle (db/sqlite-statements.ts): prepared once, answering as a new one would after
// a schema change, never handed out while still being iterated, and bounded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type JournalDb } from '../../db/connect.js';
import { keptStatements } from '../../db/sqlite-statements.js';

let dir: string;
let raw: SQLite.Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-statements-'));
  raw = new SQLite(path.join(dir, 'kept.sqlite'));
  raw.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t (v) VALUES ('а'), ('б');");
});

afterEach(() => {
  if (raw.open) raw.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('prepares a text once and hands the same statement out again', () => {
  const kept = keptStatements(raw);
  const first = kept.prepare('SELECT v FROM t ORDER BY id');
  expect(kept.prepare('SELECT v FROM t ORDER BY id')).toBe(first);
  expect(kept.prepare('SELECT v FROM t ORDER BY id DESC')).not.toBe(first);
});

it('answers as a new statement would after the table changes', () => {
  const kept = keptStatements(raw);
  expect(kept.prepare('SELECT * FROM t ORDER BY id').all([])).toEqual([
    { id: 1, v: 'а' },
    { id: 2, v: 'б' },
  ]);
  raw.exec("ALTER TABLE t ADD COLUMN w TEXT NOT NULL DEFAULT 'x'; INSERT INTO t (v) VALUES ('в')");
  expect(kept.prepare('SELECT * FROM t ORDER BY id').all([])).toEqual([
    { id: 1, v: 'а', w: 'x' },
    { id: 2, v: 'б', w: 'x' },
    { id: 3, v: 'в', w: 'x' },
  ]);
});

it('gives a fresh statement while the kept one is being iterated', () => {
  const kept = keptStatements(raw);
  const text = 'SELECT v FROM t WHERE id >= ? ORDER BY id';
  const seen: string[] = [];
  for (const row of kept.prepare(text).iterate([1]) as Iterable<{ v: string }>) {
    seen.push(row.v, ...(kept.prepare(text).all([2]) as Array<{ v: string }>).map((r) => `${r.v}*`));
  }
  expect(seen).toEqual(['а', 'б*', 'б', 'б*']);
});

it('keeps at most 400 texts, the least recently used going first', () => {
  const kept = keptStatements(raw);
  const first = kept.prepare('SELECT 0');
  const often = kept.prepare('SELECT 1');
  for (let i = 2; i <= 400; i++) {
    kept.prepare(`SELECT ${i}`);
    kept.prepare('SELECT 1'); // used all along: kept
  }
  expect(kept.prepare('SELECT 1')).toBe(often);
  expect(kept.prepare('SELECT 0')).not.toBe(first);
});

it('runs Kysely queries, writes and transactions through kept statements', async () => {
  raw.close();
  const handle: JournalDb = await openDatabase(`sqlite:${path.join(dir, 'journal.sqlite')}`);
  try {
    for (let i = 0; i < 3; i++) {
      await handle.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO app_meta (key, value) VALUES (${`k${i}`}, ${String(i)})`.execute(trx);
      });
    }
    const rows = await handle.db
      .selectFrom('app_meta')
      .select(['key', 'value'])
      .where('key', 'like', 'k%')
      .orderBy('key')
      .execute();
    expect(rows).toEqual([
      { key: 'k0', value: '0' },
      { key: 'k1', value: '1' },
      { key: 'k2', value: '2' },
    ]);
  } finally {
    await handle.close();
  }
});
