// The hot queries use their indexes (DESIGN §8), on both databases. The statements are not copied
// here: each case calls the real service through dispatch with a listener on the connection, and
// every statement the service ran is explained — a query added or changed later is checked too.
// SQLite: EXPLAIN QUERY PLAN must not «SCAN» a table that grows with the years (SEARCH … USING INDEX
// instead). PostgreSQL: with enable_seqscan = off the planner takes an index whenever one can serve,
// so a «Seq Scan» of such a table in EXPLAIN (FORMAT JSON) means no index can.
import pg from 'pg';
import type { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import { describeEachDb, freshDb, type DbKind, type FreshDb } from '../support/databases.js';
import { loadFixtures, SMALL_DEMO, type Fixtures } from '../support/fixtures.js';
import { makeDeps, TestClient } from '../support/harness.js';
import type { ServiceDeps } from '../../electron/services/context.js';

/** Tables that grow with every year of use: reading one of them whole is what must never happen. */
const BIG = new Set([
  'users',
  'students',
  'guardians',
  'enrolments',
  'subgroup_students',
  'journals',
  'journal_period_hours',
  'plan_topics',
  'plan_corrections',
  'timetable',
  'lessons',
  'homework_individual',
  'work_columns',
  'marks',
  'attendance',
  'final_marks',
  'absence_excuses',
  'period_unlocks',
  'remarks',
  'audit_log',
  'user_roles',
]);

interface Captured {
  sql: string;
  parameters: readonly unknown[];
}
interface FullScan {
  table: string;
  plan: string;
  sql: string;
}

describeEachDb('hot queries use their indexes', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let deps: ServiceDeps;
  let fx: Fixtures;
  let explainer: Explainer;
  let recording: Captured[] | null = null;

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await openDatabase(fresh.url, {
      onQuery: (q: CompiledQuery) => {
        recording?.push({ sql: q.sql, parameters: q.parameters });
      },
    });
    await generateDemo(handle.db, SMALL_DEMO);
    fx = await loadFixtures(handle.db);
    deps = makeDeps(handle);
    explainer = await makeExplainer(kind, handle);
  });
  afterAll(async () => {
    await explainer?.close();
    await handle?.close();
    await fresh?.drop();
  });

  /** Run `work`, then explain every statement it sent; returns the statements and the full scans found. */
  async function plansOf(work: () => Promise<unknown>): Promise<{ queries: Captured[]; scans: FullScan[] }> {
    recording = [];
    await work();
    const queries = recording;
    recording = null;
    const scans: FullScan[] = [];
    for (const q of queries) {
      if (!/^\s*(select|update|delete|insert|with)\b/i.test(q.sql)) continue;
      scans.push(...(await explainer.fullScans(q)));
    }
    return { queries, scans };
  }

  const as = (login: string) => new TestClient(deps).login(login);

  it('logging in finds the user by login_key', async () => {
    const { queries, scans } = await plansOf(() => new TestClient(deps).login('teacher'));
    expect(queries.some((q) => /"login_key"\s*=/.test(q.sql))).toBe(true);
    expect(scans).toEqual([]);
  });

  it('opening a journal page reads lessons, columns, marks and attendance through indexes', async () => {
    const teacher = await as('teacher');
    const { queries, scans } = await plansOf(() => teacher.call('journal.open', { journalId: fx.teacherJournalId }));
    for (const table of ['lessons', 'work_columns', 'marks', 'attendance']) {
      expect(
        queries.some((q) => q.sql.includes(`from "${table}"`) || q.sql.includes(`join "${table}"`)),
        table,
      ).toBe(true);
    }
    expect(scans).toEqual([]);
  });

  it('saving a mark looks the cell up by column and student, in the transaction with the audit row', async () => {
    const teacher = await as('teacher');
    const page = await teacher.call('journal.open', { journalId: fx.teacherJournalId });
    const lesson = page.lessons.at(-1)!;
    const column = lesson.columns[0]!;
    const student = page.students.find(
      (s) =>
        !page.attendance.some((a) => a.lessonId === lesson.id && a.studentId === s.id) &&
        s.intervals.some((i) => i.from <= lesson.date && (i.until === null || lesson.date < i.until)),
    )!;
    const existing = page.marks.find((m) => m.columnId === column.id && m.studentId === student.id);
    const { queries, scans } = await plansOf(() =>
      teacher.call('marks.set', {
        columnId: column.id,
        studentId: student.id,
        value: existing?.value === '5' ? '4' : '5',
        version: existing?.version ?? null,
      }),
    );
    expect(queries.some((q) => /from "marks"/.test(q.sql) && /"column_id"/.test(q.sql))).toBe(true);
    // The audit row by itself, or (PostgreSQL) in one statement with the mark's write.
    expect(
      queries.some((q) =>
        /^(with "w" as \((update|insert into) "marks"[\s\S]*\) )?insert into "audit_log"/.test(q.sql),
      ),
    ).toBe(true);
    expect(scans).toEqual([]);
    // One cell needs no BEGIN and COMMIT on PostgreSQL: one read, then one write with its audit row (cells.ts).
    const transactions = queries.filter((q) => /^(begin|commit)\b/i.test(q.sql.trim()));
    expect(transactions.length).toBe(kind === 'postgres' ? 0 : 2);

    // Attendance likewise: on PostgreSQL the cell and its audit row are one statement.
    const marked = await plansOf(() =>
      teacher.call('attendance.set', { lessonId: lesson.id, studentId: student.id, code: 'оп', version: null }),
    );
    const oneStatement = /^with "w" as \(insert into "attendance"[\s\S]*\) insert into "audit_log"/;
    expect(marked.queries.some((q) => oneStatement.test(q.sql))).toBe(kind === 'postgres');
    expect(marked.scans).toEqual([]);
  });

  it('the half-year keeping report aggregates per journal without reading whole tables', async () => {
    const deputy = await as('deputy');
    const year = await handle.db
      .selectFrom('academic_years')
      .select('id')
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    const period = await handle.db
      .selectFrom('periods')
      .select('id')
      .where('year_id', '=', year.id)
      .where('seq', '=', 1)
      .executeTakeFirstOrThrow();
    const { queries, scans } = await plansOf(() =>
      deputy.call('reports.keeping', { yearId: year.id, periodId: period.id }),
    );
    expect(queries.some((q) => /group by "l"\."journal_id"/.test(q.sql))).toBe(true);
    expect(scans).toEqual([]);
  });

  it('the audit log of one journal is read through its journal index', async () => {
    const admin = await as('admin');
    const { queries, scans } = await plansOf(() =>
      admin.call('audit.list', { journalId: fx.teacherJournalId, page: 1, pageSize: 50 }),
    );
    expect(queries.some((q) => /"a"\."journal_id" = /.test(q.sql))).toBe(true);
    expect(scans).toEqual([]);
  });

  it("the family page reads the student's rows by student, and its caches through their indexes", async () => {
    const parent = await as('parent');
    // The first page of a process reads the catalogue and the journals' lessons too.
    const cold = await plansOf(() => parent.call('family.page', { studentId: fx.studentId }));
    const tables = [
      'marks',
      'attendance',
      'timetable',
      'lessons',
      'work_columns',
      'final_marks',
      'homework_individual',
    ];
    for (const table of tables) {
      expect(
        cold.queries.some((q) => q.sql.includes(`from "${table}"`)),
        table,
      ).toBe(true);
    }
    expect(cold.scans).toEqual([]);
    // The next: only statements about the student, one round of them.
    const warm = await plansOf(() => parent.call('family.page', { studentId: fx.studentId, weekOf: '2026-10-07' }));
    const session = /from "(users|user_roles)"|from "students" where "user_id"/;
    const page = warm.queries.filter((q) => !session.test(q.sql));
    expect(page.some((q) => /from "(timetable|lessons|work_columns|bells|periods)"/.test(q.sql))).toBe(false);
    expect(page.length).toBeLessThanOrEqual(9);
    expect(warm.scans).toEqual([]);
  });

  it('the check itself catches a full scan (it can fail)', async () => {
    const found = await explainer.fullScans({
      sql:
        kind === 'sqlite' ? 'select * from "marks" where "comment" = ?' : 'select * from "marks" where "comment" = $1',
      parameters: ['5'],
    });
    expect(found.map((s) => s.table)).toEqual(['marks']);
  });
});

interface Explainer {
  fullScans(q: Captured): Promise<FullScan[]>;
  close(): Promise<void>;
}

async function makeExplainer(kind: DbKind, handle: JournalDb): Promise<Explainer> {
  if (kind === 'sqlite') {
    const raw = handle.sqlite!;
    return {
      fullScans: async (q) => {
        const rows = raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as Array<{
          detail: string;
        }>;
        const plan = rows.map((r) => r.detail).join(' | ');
        // «SCAN t» reads the whole table, «SCAN t USING [COVERING] INDEX i» the whole of an index: both
        // grow with the table. «SEARCH t USING INDEX i (col=?)» reads only the matching rows.
        return rows.flatMap((r) => {
          const m = /^SCAN (\w+)\b/.exec(r.detail.trim());
          return m && BIG.has(m[1]!) ? [{ table: m[1]!, plan, sql: q.sql }] : [];
        });
      },
      close: async () => undefined,
    };
  }
  const client = new pg.Client({ connectionString: handle.url });
  await client.connect();
  await client.query('ANALYZE');
  await client.query('SET enable_seqscan = off');
  return {
    fullScans: async (q) => {
      const res = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
        `EXPLAIN (FORMAT JSON) ${q.sql}`,
        q.parameters as unknown[],
      );
      const root = res.rows[0]!['QUERY PLAN'][0]!.Plan;
      const out: FullScan[] = [];
      const walk = (node: PlanNode) => {
        // Only a Seq Scan counts: on the small demo, with sequential scans priced out, the planner may
        // still walk a whole primary key for its order where a bigger table would take the right
        // index — that is a costing choice, not a missing index (the SQLite half catches those).
        if (node['Node Type'] === 'Seq Scan' && node['Relation Name'] && BIG.has(node['Relation Name'])) {
          out.push({ table: node['Relation Name'], plan: JSON.stringify(root).slice(0, 2000), sql: q.sql });
        }
        for (const child of node.Plans ?? []) walk(child);
      };
      walk(root);
      return out;
    },
    close: async () => {
      await client.end();
    },
  };
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}
