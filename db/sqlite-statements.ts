// Statements kept by their text for each SQLite file handle. Kysely's SQLite driver asks for a new statement on
// every query, and better-sqlite3 parses and plans one on every prepare(): a journal page of a dozen queries paid
// that a dozen times per call. A kept statement is reset after each run and SQLite re-plans it by itself after a
// schema change (a migration), so it answers as a new one would. One still being iterated (a stream) is not
// handed out twice: a fresh one is prepared for the second caller.
import type SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { Database } from './schema.js';

/** Texts kept per handle; the least recently used goes first (IN lists of every length must not pile up). */
const KEPT = 400;

export function keptStatements(raw: SQLite.Database): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => raw.close(),
    prepare(sql: string): SqliteStatement {
      const found = kept.get(sql);
      if (found && !found.busy) {
        kept.delete(sql); // to the end: the most recently used
        kept.set(sql, found);
        return found;
      }
      const made = raw.prepare(sql);
      if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
      kept.set(sql, made);
      return made;
    },
  };
}

/** Kysely over a file opened beside the journal's own handle (the archive's year database, a render worker's
 *  read of the journal), with its statements kept as connect.ts keeps the journal's. */
export function keptKysely(raw: SQLite.Database): Kysely<Database> {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: keptStatements(raw) }) });
}
