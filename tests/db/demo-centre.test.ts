// The demo centre (seed 000) at its real size — children in two or three объединения, five направленности —
// and demo generation all or nothing: any seed and date succeeds, and a failure midway leaves no file
// (SQLite) or nothing written (PostgreSQL), reported in one Russian line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type JournalDb } from '../../db/connect.js';
import { generateDemo, type DemoCounts } from '../../db/demo/index.js';
import { buildDemo, DemoBuildError } from '../../electron/cli/demo-build.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { makeDeps, TestClient } from '../support/harness.js';
import { cliArgs } from '../support/bin.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TODAY = '2026-11-25';
const SMALL = { students: 30, groups: 3, teachers: 8 };

/** A progress callback that fails at the given step, as a crash there would. */
const failAt = (step: string) => (s: string) => {
  if (s === step) throw new Error(`сбой на шаге «${step}»`);
};

async function count(handle: JournalDb, table: 'students' | 'institution' | 'enrolments'): Promise<number> {
  const row = await handle.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

it('builds both kinds for any seed and any date of the year, at a small size', async () => {
  const dates = ['2026-09-01', '2027-01-10', '2027-06-15', '2027-08-31'];
  const failures: string[] = [];
  for (const kind of ['college', 'supplementary'] as const)
    for (const today of dates)
      for (const seed of [0, 1, 7]) {
        const handle = await openDatabase('sqlite::memory:');
        try {
          const c = await generateDemo(handle.db, { ...SMALL, seed, today, kind });
          if (c.lessons === 0 && today > '2026-09-01') failures.push(`${kind} ${today} ${seed}: нет занятий`);
        } catch (error) {
          failures.push(`${kind} ${today} ${seed}: ${(error as Error).message}`);
        } finally {
          await handle.close();
        }
      }
  expect(failures).toEqual([]);
}, 300_000);

it('leaves no file when generation fails midway, and a second run then starts clean', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-demo-'));
  const target = path.join(dir, 'centre.sqlite');
  try {
    const error = await buildDemo(target, {
      ...SMALL,
      kind: 'supplementary',
      today: TODAY,
      onProgress: failAt('Замечания и итоги'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DemoBuildError);
    expect((error as Error).message).toBe(
      'демонстрационные данные не созданы, база не изменена (сбой на шаге «Замечания и итоги»)',
    );
    expect(fs.readdirSync(dir)).toEqual([]);
    const counts = await buildDemo(target, { ...SMALL, kind: 'supplementary', today: TODAY });
    expect(fs.readdirSync(dir)).toEqual(['centre.sqlite']);
    const handle = await openDatabase(`sqlite:${target}`);
    expect(await count(handle, 'students')).toBe(counts.students);
    await handle.close();
    // A full journal is never replaced.
    await expect(buildDemo(target, { ...SMALL, today: TODAY })).rejects.toThrow(/уже есть учреждение/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('says what failed in one Russian line, without a stack trace, and writes nothing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-demo-cli-'));
  try {
    const res = spawnSync(
      process.execPath,
      [...cliArgs(), 'demo-data', '--db', path.join(dir, 'c.sqlite'), '--today', '2026-02-30'],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(res.status).toBe(2);
    expect(res.stderr.trim().split('\n')).toEqual([
      'Ошибка: демонстрационные данные не созданы, база не изменена (Неверная дата «2026-02-30»: нужна ГГГГ-ММ-ДД)',
    ]);
    expect(fs.readdirSync(dir)).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describeEachDb('the demo centre', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let counts: DemoCounts;
  beforeAll(async () => {
    fresh = await freshDb(kind);
    // All or nothing on this database too: a failure midway leaves no institution and no rows.
    await expect(
      buildDemo(fresh.url, { kind: 'supplementary', today: TODAY, onProgress: failAt('Замечания и итоги') }),
    ).rejects.toThrow(DemoBuildError);
    const empty = await fresh.open();
    expect([await count(empty, 'institution'), await count(empty, 'students')]).toEqual([0, 0]);
    await empty.close();
    counts = await buildDemo(fresh.url, { kind: 'supplementary', today: TODAY });
    handle = await fresh.open();
  }, 300_000);
  afterAll(async () => {
    await handle?.close();
    await fresh.drop();
  });

  it('has about 600 children in 40 объединения of 5 направленностей, 25 педагогов, many in two or three', async () => {
    const year = await handle.db.selectFrom('academic_years').select(['id', 'status']).orderBy('starts_on').execute();
    expect(year.map((y) => y.status)).toEqual(['closed', 'open']);
    const groups = await handle.db
      .selectFrom('groups')
      .select(['id', 'programme_subject_id'])
      .where('year_id', '=', year[1]!.id)
      .execute();
    expect(groups).toHaveLength(40);
    const programmeOf = new Map(groups.map((g) => [g.id, g.programme_subject_id]));
    const departments = await handle.db.selectFrom('departments').select('name').orderBy('id').execute();
    expect(departments.map((d) => d.name)).toEqual([
      'Отдел технической направленности',
      'Отдел естественнонаучной направленности',
      'Отдел художественной направленности',
      'Отдел физкультурно-спортивной направленности',
      'Отдел социально-гуманитарной направленности',
    ]);
    expect(counts.teachers).toBe(25);
    const onRoster = await handle.db
      .selectFrom('enrolments as e')
      .innerJoin('groups as g', 'g.id', 'e.group_id')
      .select(['e.student_id', 'e.group_id'])
      .where('g.year_id', '=', year[1]!.id)
      .where('e.from_date', '<=', TODAY)
      .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', TODAY)]))
      .execute();
    const perChild = new Map<number, Set<number>>();
    for (const r of onRoster) perChild.set(r.student_id, (perChild.get(r.student_id) ?? new Set()).add(r.group_id));
    expect(perChild.size).toBeGreaterThanOrEqual(570);
    expect(perChild.size).toBeLessThanOrEqual(620);
    const several = [...perChild.values()].filter((g) => g.size >= 2).length;
    const three = [...perChild.values()].filter((g) => g.size >= 3).length;
    expect(several).toBeGreaterThan(perChild.size * 0.3);
    expect(three).toBeGreaterThan(perChild.size * 0.05);
    // Two объединения of one programme at once would be the same lessons twice.
    const repeated = [...perChild.values()].filter(
      (g) => new Set([...g].map((id) => programmeOf.get(id))).size < g.size,
    );
    expect(repeated).toEqual([]);
    // A child is never due in two объединения at the same hour.
    const slots = await handle.db
      .selectFrom('timetable')
      .select(['group_id', 'weekday', 'lesson_no', 'week_parity'])
      .where('year_id', '=', year[1]!.id)
      .execute();
    const meet = (a: (typeof slots)[number], b: (typeof slots)[number]) =>
      a.weekday === b.weekday &&
      a.lesson_no === b.lesson_no &&
      (a.week_parity === 'all' || b.week_parity === 'all' || a.week_parity === b.week_parity);
    const clashes = [...perChild].filter(([, g]) => {
      const mine = slots.filter((t) => g.has(t.group_id));
      return mine.some((a, i) => mine.some((b, k) => k > i && a.group_id !== b.group_id && meet(a, b)));
    });
    expect(clashes).toEqual([]);
    // Never the same объединение twice over the same dates.
    const rows = await handle.db
      .selectFrom('enrolments')
      .select(['student_id', 'group_id', 'from_date', 'until_date'])
      .orderBy('student_id')
      .orderBy('group_id')
      .orderBy('from_date')
      .execute();
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      if (a.student_id === b.student_id && a.group_id === b.group_id)
        expect(a.until_date !== null && a.until_date <= b.from_date).toBe(true);
    }
  });

  it('gives every объединение a programme with its направленность, hours, years, ages and a plan', async () => {
    const year = await handle.db
      .selectFrom('academic_years')
      .select('id')
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    const rows = await handle.db
      .selectFrom('groups as g')
      .leftJoin('programmes as p', 'p.subject_id', 'g.programme_subject_id')
      .select(['g.name', 'g.course', 'p.id', 'p.focus', 'p.hours_per_year', 'p.years', 'p.age_from', 'p.age_to'])
      .where('g.year_id', '=', year.id)
      .execute();
    expect(rows).toHaveLength(40);
    expect(rows.filter((r) => r.id === null || r.focus === null).map((r) => r.name)).toEqual([]);
    expect(new Set(rows.map((r) => r.focus)).size).toBe(5);
    for (const r of rows) {
      expect([72, 108], r.name).toContain(r.hours_per_year);
      expect(r.course, r.name).toBeLessThanOrEqual(r.years!);
      expect(r.age_from! >= 5 && r.age_from! <= r.age_to! && r.age_to! <= 18, r.name).toBe(true);
    }
    const plans = await handle.db
      .selectFrom('programme_topics as t')
      .innerJoin('programmes as p', 'p.id', 't.programme_id')
      .select(['p.id', 'p.hours_per_year', (eb) => eb.fn.sum<number>('t.hours').as('h')])
      .groupBy(['p.id', 'p.hours_per_year'])
      .execute();
    expect(plans.length).toBe(new Set(rows.map((r) => r.id)).size);
    for (const p of plans) expect(Number(p.h)).toBe(p.hours_per_year);
    // Shown to staff with the объединение.
    const admin = await new TestClient(makeDeps(handle, { today: TODAY })).login('admin');
    const groups = await admin.call('groups.list', { yearId: year.id });
    expect(groups.every((g) => g.programme?.focus && g.programme.hoursPerYear)).toBe(true);
  });

  it('shows the demo parent the journals of both of the child’s объединения', async () => {
    const parent = await new TestClient(makeDeps(handle, { today: TODAY })).login('parent');
    const home = await parent.call('home.summary', {});
    const studentId = home.children[0]!.studentId;
    const current = await handle.db
      .selectFrom('enrolments as e')
      .innerJoin('groups as g', 'g.id', 'e.group_id')
      .innerJoin('journals as j', 'j.group_id', 'g.id')
      .select(['g.name', 'j.id'])
      .where('e.student_id', '=', studentId)
      .where('e.from_date', '<=', TODAY)
      .where('e.until_date', 'is', null)
      .execute();
    expect(new Set(current.map((c) => c.name)).size).toBe(2);
    expect(home.children[0]!.groupName!.split('; ').sort()).toEqual([...new Set(current.map((c) => c.name))].sort());
    const page = await parent.call('family.page', { studentId });
    expect(page.subjects.map((s) => s.journalId).sort()).toEqual(current.map((c) => c.id).sort());
    expect(page.student.groupName!.split('; ').sort()).toEqual([...new Set(current.map((c) => c.name))].sort());
    const days = page.week.days.flatMap((d) => d.lessons.map((l) => l.journalId));
    expect(new Set(days).size).toBe(2);
  });
});
