// The suite's test databases start from templates migrated once per run: a SQLite file copied, a
// PostgreSQL database named as TEMPLATE. Migrating each new database took 50–80 ms on SQLite and
// ~0.4 s on PostgreSQL, and the suite makes hundreds. A test that needs a database with nothing in
// it (not even the journal's tables) asks freshDb for an empty one.
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../../db/connect.js';

export interface Templates {
  sqlite: string;
  pg: string;
  drop(): Promise<void>;
}

export async function makeTemplates(dir: string, pgUrl: string): Promise<Templates> {
  const sqlite = path.join(dir, 'template.sqlite');
  await (await openDatabase(`sqlite:${sqlite}`)).close();
  // One file to copy: the write-ahead log folded in.
  const raw = new SQLite(sqlite);
  raw.pragma('journal_mode = DELETE');
  raw.close();
  if (!pgUrl) return { sqlite, pg: '', drop: async () => undefined };
  const name = `zhurnal_tpl_${crypto.randomBytes(4).toString('hex')}`;
  await withPg(pgUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  await (await openDatabase(pgUrl.replace(/\/[^/]*$/, `/${name}`))).close();
  return {
    sqlite,
    pg: name,
    drop: () => withPg(pgUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export async function withPg<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
