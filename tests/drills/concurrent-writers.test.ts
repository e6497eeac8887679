// Two processes writing to one SQLite file, and two connections to PostgreSQL: busy waits resolve,
// nothing acknowledged is lost, and a stale save of one cell is refused with a clear message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import { AppError } from '../../electron/api/errors.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { SMALL_DEMO, DEMO_TODAY } from '../support/fixtures.js';
import { makeDeps, TestClient } from '../support/harness.js';
import { parseAcks, VALUES, writableCells, writeCellsFile, type DrillCell } from './cells.js';
import { startWriter } from './writers.js';

const PER_WRITER = process.env.DRILLS_SLOW ? 400 : 80;

describeEachDb('two writers at once', (kind) => {
  let fresh: FreshDb;
  let cells: DrillCell[];
  let dir: string;
  beforeAll(async () => {
    fresh = await freshDb(kind);
    const handle = await fresh.open();
    await generateDemo(handle.db, SMALL_DEMO);
    cells = await writableCells(handle.db, 'teacher', DEMO_TODAY, 60);
    await handle.close();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-two-'));
  });
  afterAll(async () => {
    await fresh.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'two processes on disjoint cells: every save succeeds and every acknowledged value is in the ' + 'database',
    async () => {
      const file = path.join(dir, 'cells.json');
      writeCellsFile(file, cells);
      // Even iterations go to one process, odd to the other: with an even number of cells they never share a cell.
      const a = startWriter([fresh.url, file, 'teacher', '0', '2', String(PER_WRITER)]);
      const b = startWriter([fresh.url, file, 'teacher', '1', '2', String(PER_WRITER)]);
      expect(await a.done, a.output().slice(-1500)).toBe(0);
      expect(await b.done, b.output().slice(-1500)).toBe(0);
      const acks = [...parseAcks(a.output()), ...parseAcks(b.output())];
      expect(acks).toHaveLength(PER_WRITER * 2);
      const handle = await openDatabase(fresh.url);
      const last = new Map<number, string>();
      for (const ack of acks.sort((x, y) => x.k - y.k)) last.set(ack.cell, ack.value);
      for (const [index, value] of last) {
        const row = await handle.db
          .selectFrom('marks')
          .select('value')
          .where('column_id', '=', cells[index]!.columnId)
          .where('student_id', '=', cells[index]!.studentId)
          .executeTakeFirst();
        expect(row?.value).toBe(value);
      }
      await handle.close();
    },
  );

  it(
    'two processes fighting over one cell: each save either lands with an audit row or is refused as a ' + 'conflict',
    async () => {
      const handle = await openDatabase(fresh.url);
      const cell = cells[cells.length - 1]!;
      const current = await handle.db
        .selectFrom('marks')
        .select('version')
        .where('column_id', '=', cell.columnId)
        .where('student_id', '=', cell.studentId)
        .executeTakeFirst();
      const file = path.join(dir, 'one.json');
      writeCellsFile(file, [{ ...cell, version: current?.version ?? null }]);
      const auditBefore = await marksAudit(handle);
      const a = startWriter([fresh.url, file, 'teacher', '0', '2', '40', 'contend']);
      const b = startWriter([fresh.url, file, 'teacher', '1', '2', '40', 'contend']);
      expect(await a.done, a.output().slice(-1500)).toBe(0);
      expect(await b.done, b.output().slice(-1500)).toBe(0);
      const acks = [...parseAcks(a.output()), ...parseAcks(b.output())];
      const conflicts = (a.output() + b.output()).match(/^CONFLICT .*/gm) ?? [];
      expect(acks.length + conflicts.length).toBe(80);
      expect(conflicts.length).toBeGreaterThan(0);
      expect(conflicts[0]).toMatch(/[А-Яа-я]/);
      expect((await marksAudit(handle)) - auditBefore).toBe(acks.length);
      const row = await handle.db
        .selectFrom('marks')
        .select('version')
        .where('column_id', '=', cell.columnId)
        .where('student_id', '=', cell.studentId)
        .executeTakeFirstOrThrow();
      expect(row.version).toBe(Math.max(...acks.map((x) => x.version)));
      await handle.close();
    },
  );

  it(
    'two sessions (two connections on PostgreSQL) saving the same seen version: exactly one wins, the other gets ' +
      'the fresh value',
    async () => {
      const one = await openDatabase(fresh.url);
      // SQLite: one process has one connection (better-sqlite3 is synchronous; a second handle in the
      // same process would block the first one's event loop). Other processes are the case above.
      const two = kind === 'postgres' ? await openDatabase(fresh.url) : one;
      const c1 = await new TestClient(makeDeps(one, { today: DEMO_TODAY })).login('teacher');
      const c2 = await new TestClient(makeDeps(two, { today: DEMO_TODAY })).login('teacher');
      const cell = cells[0]!;
      for (let round = 0; round < 10; round++) {
        const seen = await one.db
          .selectFrom('marks')
          .select(['version', 'value'])
          .where('column_id', '=', cell.columnId)
          .where('student_id', '=', cell.studentId)
          .executeTakeFirst();
        // Two values that both change the cell (saving the value it already has is a harmless no-op).
        const [v1, v2] = VALUES.filter((v) => v !== seen?.value);
        const results = await Promise.allSettled([
          c1.call('marks.set', {
            columnId: cell.columnId,
            studentId: cell.studentId,
            value: v1!,
            version: seen?.version ?? null,
          }),
          c2.call('marks.set', {
            columnId: cell.columnId,
            studentId: cell.studentId,
            value: v2!,
            version: seen?.version ?? null,
          }),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]!.reason).toBeInstanceOf(AppError);
        expect((lost[0]!.reason as AppError).code).toBe('conflict');
        const fresh = ((lost[0]!.reason as AppError).details as { fresh: Array<{ cell: { value: string } }> }).fresh[0]!
          .cell.value;
        const stored = await two.db
          .selectFrom('marks')
          .select('value')
          .where('column_id', '=', cell.columnId)
          .where('student_id', '=', cell.studentId)
          .executeTakeFirstOrThrow();
        expect(fresh).toBe(stored.value);
      }
      await one.close();
      if (two !== one) await two.close();
    },
  );
});

async function marksAudit(handle: JournalDb): Promise<number> {
  const row = await handle.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'marks.set')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
