// Every database test runs twice: on a fresh SQLite file and on a fresh PostgreSQL database.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, inject } from 'vitest';
import { openDatabase, type Dialect, type JournalDb } from '../../db/connect.js';
import type pg from 'pg';
import { withPg } from './db-templates.js';

export type DbKind = Dialect;

export interface FreshDb {
  url: string;
  open(): Promise<JournalDb>;
  drop(): Promise<void>;
}

export function pgUrl(): string {
  return inject('pgUrl');
}

/**
 * A new database of the given kind (not yet opened): the journal's schema and nothing else, copied from the run's
 * template, or with nothing at all (`empty`) for a test of what opening does to a database.
 */
export async function freshDb(kind: DbKind, options: { empty?: boolean } = {}): Promise<FreshDb> {
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-db-'));
    const file = path.join(dir, `${name}.sqlite`);
    const template = inject('sqliteTemplate');
    if (template && !options.empty) fs.copyFileSync(template, file);
    return {
      url: `sqlite:${file}`,
      open: () => openDatabase(`sqlite:${file}`),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = pgUrl();
  const template = inject('pgTemplate');
  await withPg(admin, async (c) =>
    c.query(`CREATE DATABASE ${name}${template && !options.empty ? ` TEMPLATE ${template}${await fileCopy(c)}` : ''}`),
  );
  const url = admin.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    open: () => openDatabase(url),
    drop: () => withPg(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

let strategy: Promise<string> | null = null;

/**
 * PostgreSQL 15 copies a template block by block through the write-ahead log unless told to copy its files: for the
 * suite's small templates on a server without fsync, the file copy takes 60 ms where the log takes 160.
 */
function fileCopy(c: pg.Client): Promise<string> {
  strategy ??= c
    .query<{ v: string }>("SELECT current_setting('server_version_num') AS v")
    .then((r) => (Number(r.rows[0]!.v) >= 150000 ? ' STRATEGY = FILE_COPY' : ''));
  return strategy;
}

/**
 * `describe` once per database; the PostgreSQL half is skipped with a message when no server is available. A test
 * that applies to one database only is registered only there (`if (kind === 'sqlite') it(…)`), not skipped on the
 * other: a skip in the report always means something that should have run did not.
 */
export function describeEachDb(title: string, body: (kind: DbKind) => void): void {
  describe.each(['sqlite', 'postgres'] as const)(`${title} [%s]`, (kind) => {
    if (kind === 'postgres' && !pgUrl()) {
      describe.skip('PostgreSQL недоступен: половина тестов пропущена', () => body(kind));
      return;
    }
    body(kind);
  });
}

/** `describe` for what needs the PostgreSQL server once, not per database (e.g. moving a SQLite journal onto it). */
export function describeWithPostgres(title: string, body: () => void): void {
  if (pgUrl()) describe(title, body);
  else describe.skip(`${title}: PostgreSQL недоступен`, body);
}
