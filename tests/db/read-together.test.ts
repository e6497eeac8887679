// Independent reads sent as one statement (electron/services/read-together.ts), on both databases: each read
// gets its own rows, in its order, whatever its columns are called — on PostgreSQL the rows travel as a JSON
// array per read, and a column named like the aggregate's own alias must not come back instead of the rows.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { readTogether } from '../../electron/services/read-together.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { seedInstitution } from '../support/institution.js';

describeEachDb('reads sent together', (kind) => {
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

  it('returns each read its own rows, in order, whatever its columns are called', async () => {
    const db = handle.db;
    const all = (await db.selectFrom('users').select('login').execute()).map((u) => u.login);
    const rows = await readTogether(db, {
      named: db
        .selectFrom('users')
        .select(['login', sql<string>`'a'`.as('agg'), sql<string>`'r'`.as('__r'), sql<string>`'n'`.as('named')])
        .where('login', '=', all[0]!),
      ordered: db.selectFrom('users').select('login').orderBy('login', 'desc'),
      none: db.selectFrom('users').select('login').where('login', '=', 'нет такого'),
    });
    expect(rows.named).toEqual([{ login: all[0], agg: 'a', __r: 'r', named: 'n' }]);
    expect(rows.ordered.map((u) => u.login)).toEqual([...all].sort().reverse());
    expect(rows.none).toEqual([]);
  });
});
