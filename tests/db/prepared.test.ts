// Statements compiled once (db/prepared.ts), on both databases: the rows of each in order, whatever their
// columns are called — on PostgreSQL they travel as JSON arrays of one statement, and a column named like
// the statement's own alias once came back instead of the rows — and, through runPreparedOn, inside the
// caller's transaction: what it reads there is what the transaction wrote, and a rollback leaves nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { param, prepare, runPrepared, runPreparedOn } from '../../db/prepared.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { seedInstitution } from '../support/institution.js';

const tagged = prepare((db) =>
  db
    .selectFrom('users')
    .select([sql<string>`'u'`.as('t'), 'login', sql<string>`'x'`.as('__r'), sql<string>`'y'`.as('agg')])
    .where('login', '=', param<string>('login')),
);
const logins = prepare((db) => db.selectFrom('users').select('login').orderBy('login', 'desc'));
const audited = prepare((db) =>
  db.selectFrom('audit_log').select(['action', 'entity']).where('action', '=', param<string>('action')),
);

describeEachDb('statements compiled once', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await seedInstitution(handle);
  });
  afterAll(async () => {
    await handle?.close();
    await fresh?.drop();
  });

  it('returns each statement its own rows, in order, whatever its columns are called', async () => {
    const all = (await handle.db.selectFrom('users').select('login').execute()).map((u) => u.login);
    const someone = all[0]!;
    const [rows, ordered] = await runPrepared(handle, [
      [tagged, { login: someone }],
      [logins, {}],
    ] as const);
    expect(rows).toEqual([{ t: 'u', login: someone, __r: 'x', agg: 'y' }]);
    expect(ordered.map((u) => u.login)).toEqual([...all].sort().reverse());
  });

  it('reads inside the caller transaction: its own writes, and nothing after a rollback', async () => {
    const action = 'test.prepared';
    const write = (db: typeof handle.db) =>
      db
        .insertInto('audit_log')
        .values({ at: '2026-11-25T09:00:00.000Z', action, entity: 'users', login: 'тест' })
        .execute();
    const seen = await handle.db.transaction().execute(async (trx) => {
      await write(trx);
      const [rows] = await runPreparedOn(trx, handle.dialect, [[audited, { action }]] as const);
      return rows;
    });
    expect(seen).toEqual([{ action, entity: 'users' }]);
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await write(trx);
        throw new Error('откат');
      }),
    ).rejects.toThrow('откат');
    const [after] = await runPreparedOn(handle.db, handle.dialect, [[audited, { action }]] as const);
    expect(after).toHaveLength(1);
  });
});
