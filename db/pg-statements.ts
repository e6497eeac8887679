// Named (prepared) statements for the queries the program repeats. PostgreSQL parses and plans an unnamed
// statement on every call; a named one is parsed once per connection and then only bound and run, which
// is most of a small query's cost (the journal page is 17 of them, a mark's save 8). A statement is named
// once its text has come round a few times, and a connection keeps a bounded number of them, so queries
// whose text varies (IN lists, bulk inserts) never pile up in the server.
import crypto from 'node:crypto';
import type pg from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';

/** Calls of one text before it is prepared: a one-off (migrations, DDL) is never kept by the server. */
const SEEN_BEFORE_NAMING = 3;
/** Texts counted at most; past it, counting starts over (the hot ones come back within a few calls). */
const TEXTS_COUNTED = 2_000;
/** Named statements one connection keeps; later texts run unnamed on it. */
const NAMED_PER_CONNECTION = 500;

export function preparingPool(pool: pg.Pool): PostgresPool {
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();

  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const kept = new Set<string>();
    // With a callback, not pg's own promise: that promise (and the `.catch` pg chains to it) kept every result
    // alive across young-generation collections, which then took 5–10 ms each and landed inside requests.
    const run = (config: pg.QueryConfig) =>
      new Promise<pg.QueryResult>((resolve, reject) =>
        client.query(config, (error: Error | undefined, result: pg.QueryResult) =>
          error ? reject(error) : resolve(result),
        ),
      );
    const query = (text: unknown, values?: readonly unknown[]): any => {
      if (typeof text !== 'string') return client.query(text as pg.Submittable);
      const name = nameOf(text);
      if (name && (kept.has(name) || kept.size < NAMED_PER_CONNECTION)) {
        kept.add(name);
        return run({ name, text, values: values as unknown[] });
      }
      return run({ text, values: values as unknown[] });
    };
    return { query, release: (destroy?: boolean) => client.release(destroy) } as PostgresPoolClient;
  };

  const nameOf = (text: string): string | null => {
    const name = names.get(text);
    if (name) return name;
    const calls = (seen.get(text) ?? 0) + 1;
    if (calls < SEEN_BEFORE_NAMING) {
      if (seen.size >= TEXTS_COUNTED) seen.clear();
      seen.set(text, calls);
      return null;
    }
    seen.delete(text);
    if (names.size >= TEXTS_COUNTED) return null;
    const made = 'z' + crypto.createHash('sha1').update(text).digest('hex').slice(0, 20);
    names.set(text, made);
    return made;
  };

  return {
    end: () => pool.end(),
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      // One wrapper per connection for its life: Kysely keeps its connection object per client in a WeakMap,
      // and a new key on every query grows that table and slows every young-generation collection.
      let wrapper = wrappers.get(client);
      if (!wrapper) wrappers.set(client, (wrapper = wrap(client)));
      return wrapper;
    },
  };
}
