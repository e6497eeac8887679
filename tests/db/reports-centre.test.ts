// The centre's own reports (seed 000 §3.2.1, §3.2.4, §3.2.5): attendance by объединение and month,
// человеко-часы and сохранность контингента. Every figure is computed again here straight from the tables
// with SQL (the same on SQLite and PostgreSQL) and compared; the Excel copies are read back, the PDF's text
// is read with pdftotext. A college is not offered them, and a teacher sees only their own объединения.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import type { FileOutput, Input, ReportFiles, ReportMonth } from '../../electron/api/contract.js';
import { pct } from '../../electron/domain/format-numbers.js';
import { readSheet } from '../../electron/export/xlsx.js';
import { collegeWordsIn } from '../support/college-words.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { DEMO_TODAY, SMALL_DEMO } from '../support/fixtures.js';
import { makeDeps, refused, TestClient } from '../support/harness.js';

const popplerMissing = spawnSync('pdftotext', ['-v']).error !== undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-centre-reports-'));

/** Children on a lesson's list: the group's enrolments on its date (the subgroup's members for a subgroup). */
const ON_LIST = (e: string, student = 'e.student_id') => `
  ${e}.group_id = j.group_id and ${e}.from_date <= l.date and (${e}.until_date is null or ${e}.until_date > l.date)
  and (j.subgroup_id is null or exists (select 1 from subgroup_students ss
       where ss.subgroup_id = j.subgroup_id and ss.student_id = ${student}))`;

/** Per lesson of a group in [from, to]: hours, children on the list, children absent («н», «у», «б»). */
const LESSONS = `
  select l.hours as hours,
    (select count(*) from enrolments e where ${ON_LIST('e')}) as n,
    (select count(*) from attendance a where a.lesson_id = l.id and a.code in ('н', 'у', 'б')
       and exists (select 1 from enrolments e2 where e2.student_id = a.student_id and ${ON_LIST('e2', 'a.student_id')}))
      as absent
  from lessons l join journals j on j.id = l.journal_id
  where j.group_id = $g and l.date >= $from and l.date <= $to`;

interface Expected {
  students: number;
  lessons: number;
  possible: number;
  attendances: number;
  personHours: number;
}

async function expected(db: JournalDb['db'], groupId: number, from: string, to: string): Promise<Expected> {
  const q = LESSONS.replace('$g', String(groupId)).replace('$from', `'${from}'`).replace('$to', `'${to}'`);
  const row = (
    await sql<{ lessons: unknown; possible: unknown; absent: unknown; ph: unknown }>`
      select count(*) as lessons, coalesce(sum(x.n), 0) as possible, coalesce(sum(x.absent), 0) as absent,
        coalesce(sum(x.hours * (x.n - x.absent)), 0) as ph
      from (${sql.raw(q)}) x`.execute(db)
  ).rows[0]!;
  const students = (
    await sql<{ n: unknown }>`
      select count(distinct e.student_id) as n from enrolments e
      where e.group_id = ${groupId} and e.from_date <= ${to}
        and (e.until_date is null or e.until_date > ${from})`.execute(db)
  ).rows[0]!;
  return {
    students: Number(students.n),
    lessons: Number(row.lessons),
    possible: Number(row.possible),
    attendances: Number(row.possible) - Number(row.absent),
    personHours: Number(row.ph),
  };
}

async function retentionOf(db: JournalDb['db'], groupId: number, first: string, before: string, to: string) {
  const count = async (where: string) =>
    Number(
      (
        await sql<{ n: unknown }>`select count(*) as n from enrolments e where e.group_id = ${groupId} and ${sql.raw(
          where,
        )}`.execute(db)
      ).rows[0]!.n,
    );
  const on = (day: string) => `e.from_date <= '${day}' and (e.until_date is null or e.until_date > '${day}')`;
  const distinct = async (where: string) =>
    Number(
      (
        await sql<{ n: unknown }>`select count(distinct e.student_id) as n from enrolments e
          where e.group_id = ${groupId} and ${sql.raw(where)}`.execute(db)
      ).rows[0]!.n,
    );
  const startChildren = await distinct(on(first));
  const kept = await distinct(
    `${on(first)} and exists (select 1 from enrolments k where k.group_id = e.group_id ` +
      `and k.student_id = e.student_id and k.from_date <= '${to}' ` +
      `and (k.until_date is null or k.until_date > '${to}'))`,
  );
  return {
    start: await count(on(first)),
    enrolled: await count(`e.from_date > '${before}' and e.from_date <= '${to}'`),
    withdrawn: await count(`e.until_date > '${before}' and e.until_date <= '${to}'`),
    end: await count(on(to)),
    retained: startChildren > 0 ? kept / startChildren : null,
  };
}

async function file(client: TestClient, input: Input<'reports.start'>): Promise<FileOutput> {
  const job = await client.call('reports.start', input);
  const done = await client.deps.jobs.wait(job.id);
  expect(done.state, done.error ?? '').toBe('done');
  return (done.result as ReportFiles).files[0]!;
}

function save(f: FileOutput): string {
  const out = path.join(dir, f.fileName);
  fs.writeFileSync(out, Buffer.from(f.base64, 'base64'));
  return out;
}

describeEachDb('reports of a centre, figures checked against the tables', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let deputy: TestClient;
  let months: ReportMonth[];

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await generateDemo(handle.db, { seed: 5, students: 60, groups: 5, kind: 'supplementary', today: DEMO_TODAY });
    deputy = await new TestClient(makeDeps(handle, { today: DEMO_TODAY })).login('deputy');
  });
  afterAll(async () => {
    await handle.close();
    await fresh.drop();
  });

  it('offers the three reports to the centre, month by month up to today', async () => {
    const filters = await deputy.call('reports.filters', {});
    expect(filters.reports).toEqual([
      'completion',
      'keeping',
      'attendance',
      'hoursSheet',
      'substitutions',
      'unionAttendance',
      'personHours',
      'retention',
      'journalCopy',
      'pack',
      'boundJournal',
    ]);
    // Stipends are a college's: a centre is not offered the sheet and is told why.
    const stipend = await refused(deputy.call('reports.stipendAttendance', { month: '2026-11' }), 'bad_request');
    expect(stipend.message).toBe('Ведомость для стипендиальной комиссии составляется только в колледже');
    const report = await deputy.call('reports.unionAttendance', {});
    months = report.months;
    const year = filters.years.find((y) => y.id === filters.currentYearId)!;
    expect(months[0]!.from).toBe(year.periods[0]!.startsOn);
    expect(months.at(-1)!.to).toBe(DEMO_TODAY);
    expect(months.map((m) => m.title)).toEqual(['сентябрь 2026', 'октябрь 2026', 'ноябрь 2026']);
    expect(months[1]).toMatchObject({ key: '2026-10', from: '2026-10-01', to: '2026-10-31' });
  });

  it('attendance by объединение and month: children, lessons, attendances, % — as the tables say', async () => {
    const report = await deputy.call('reports.unionAttendance', {});
    expect(report.rows.length).toBe(
      Number(
        (
          await sql<{ n: unknown }>`select count(distinct group_id) as n from journals
            where year_id = (select id from academic_years order by starts_on desc limit 1)`.execute(handle.db)
        ).rows[0]!.n,
      ),
    );
    let lessons = 0;
    for (const row of report.rows) {
      for (const [i, m] of report.months.entries()) {
        const e = await expected(handle.db, row.groupId, m.from, m.to);
        const c = row.months[i]!;
        expect({ ...c, presence: undefined }).toEqual({ ...e, personHours: undefined, presence: undefined });
        expect(c.presence).toBeCloseTo(e.possible ? e.attendances / e.possible : NaN, 12);
        lessons += e.lessons;
      }
      const whole = await expected(handle.db, row.groupId, months[0]!.from, DEMO_TODAY);
      expect(row.total).toMatchObject({
        students: whole.students,
        lessons: whole.lessons,
        attendances: whole.attendances,
      });
    }
    expect(lessons).toBeGreaterThan(0);
    expect(report.totals.total.lessons).toBe(lessons);
    // Some children missed something: attendance below 100 %, above 50 %.
    expect(report.totals.total.presence!).toBeLessThan(1);
    expect(report.totals.total.presence!).toBeGreaterThan(0.5);

    const xlsx = await file(deputy, { report: 'unionAttendance', format: 'xlsx' });
    const sheet = await readSheet(Buffer.from(xlsx.base64, 'base64'), 'Посещаемость по объединениям');
    expect(sheet.rows).toHaveLength(report.rows.length * report.months.length);
    for (const row of report.rows)
      for (const [i, m] of report.months.entries()) {
        const back = sheet.rows.find((r) => r['Объединение'] === row.groupName && r['Код месяца'] === m.key)!;
        const c = row.months[i]!;
        expect(back).toMatchObject({
          'Детей в списке': c.students,
          Занятий: c.lessons,
          Посещений: c.attendances,
          'Возможно посещений': c.possible,
        });
        if (c.presence !== null) expect(back['Посещаемость'] as number).toBeCloseTo(c.presence, 12);
      }
  });

  it('человеко-часы: hours × children present, per month, by направленность and in all', async () => {
    const report = await deputy.call('reports.personHours', {});
    let all = 0;
    for (const row of report.rows) {
      for (const [i, m] of report.months.entries()) {
        const e = await expected(handle.db, row.groupId, m.from, m.to);
        expect(row.hours[i]).toBeCloseTo(e.personHours, 9);
        all += e.personHours;
      }
      expect(row.total).toBeCloseTo(
        row.hours.reduce((s, h) => s + h, 0),
        9,
      );
    }
    expect(all).toBeGreaterThan(0);
    expect(report.total).toBeCloseTo(all, 9);
    // The centre's отделы are its направленности: their totals add up to the whole.
    expect(report.departments.length).toBeGreaterThan(0);
    expect(report.departments.every((d) => /направленности/.test(d.name))).toBe(true);
    expect(report.departments.reduce((s, d) => s + d.total, 0)).toBeCloseTo(all, 9);
    for (const d of report.departments)
      expect(d.total).toBeCloseTo(
        report.rows.filter((r) => r.departmentId === d.key).reduce((s, r) => s + r.total, 0),
        9,
      );

    const xlsx = Buffer.from((await file(deputy, { report: 'personHours', format: 'xlsx' })).base64, 'base64');
    const sheet = await readSheet(xlsx, 'Человеко-часы');
    const totalRow = sheet.rows.find((r) => r['Объединение'] === 'Итого')!;
    expect(totalRow['Всего'] as number).toBeCloseTo(all, 9);
    for (const row of report.rows)
      expect(sheet.rows.find((r) => r['Объединение'] === row.groupName)!['Всего'] as number).toBeCloseTo(row.total, 9);
    const byDirection = await readSheet(xlsx, 'По направленностям');
    expect(byDirection.rows.map((r) => r['Отдел'])).toEqual([...report.departments.map((d) => d.name), 'Итого']);
  });

  it('сохранность контингента: start, enrolled, withdrawn, end of month and % retained', async () => {
    const report = await deputy.call('reports.retention', {});
    const first = report.months[0]!.from;
    let moved = 0;
    for (const row of report.rows) {
      let before = first;
      for (const [i, m] of report.months.entries()) {
        const e = await retentionOf(handle.db, row.groupId, first, before, m.to);
        const c = row.months[i]!;
        expect(row.start).toBe(e.start);
        expect({ enrolled: c.enrolled, withdrawn: c.withdrawn, end: c.end }).toEqual({
          enrolled: e.enrolled,
          withdrawn: e.withdrawn,
          end: e.end,
        });
        if (e.retained === null) expect(c.retained).toBeNull();
        else expect(c.retained).toBeCloseTo(e.retained, 12);
        // The list moves only by orders: the previous end + enrolled − withdrawn.
        const previous = i === 0 ? row.start : row.months[i - 1]!.end;
        expect(c.end).toBe(previous + c.enrolled - c.withdrawn);
        moved += c.enrolled + c.withdrawn;
        before = m.to;
      }
    }
    expect(report.totals.start).toBe(report.rows.reduce((s, r) => s + r.start, 0));
    expect(report.totals.start).toBeGreaterThan(0);
    expect(moved).toBeGreaterThan(0);

    const xlsx = Buffer.from((await file(deputy, { report: 'retention', format: 'xlsx' })).base64, 'base64');
    const sheet = await readSheet(xlsx, 'Сохранность контингента');
    const last = report.months.at(-1)!;
    for (const row of report.rows) {
      const back = sheet.rows.find((r) => r['Объединение'] === row.groupName && r['Код месяца'] === last.key)!;
      expect(back).toMatchObject({ 'На начало': row.start, 'На конец месяца': row.months.at(-1)!.end });
    }
  });

  it.skipIf(popplerMissing)("PDFs read back with the figures, in the centre's words", async () => {
    const attendance = await deputy.call('reports.unionAttendance', {});
    const pdf = save(await file(deputy, { report: 'unionAttendance', format: 'pdf' }));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Посещаемость по объединениям/);
    const top = attendance.rows[0]!;
    expect(text).toContain(top.groupName);
    // The closing «Всего» line: the period's attendance as the screen shows it.
    const line = text.split('\n').find((l) => /^\s*Всего/.test(l))!;
    const norm = (x: string) => x.replace(/\s+/g, ' ');
    expect(norm(line)).toContain(norm(pct(attendance.totals.total.presence)));
    expect(collegeWordsIn(text, 'supplementary')).toEqual([]);
    for (const report of ['personHours', 'retention'] as const) {
      const out = save(await file(deputy, { report, format: 'pdf' }));
      const body = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
      expect(body).toMatch(report === 'personHours' ? /Человеко-часы/ : /Сохранность контингента/);
      expect(collegeWordsIn(body, 'supplementary')).toEqual([]);
      if (process.env.KEEP_REPORT_PDF) fs.copyFileSync(out, path.join(process.env.KEEP_REPORT_PDF, `${report}.pdf`));
    }
    if (process.env.KEEP_REPORT_PDF) fs.copyFileSync(pdf, path.join(process.env.KEEP_REPORT_PDF, 'attendance.pdf'));
  });

  it('the half-year pack of a centre carries the three reports, with the same figures', async () => {
    const job = await deputy.call('reports.start', { report: 'pack' });
    const done = await deputy.deps.jobs.wait(job.id);
    expect(done.state, done.error ?? '').toBe('done');
    const [pdf, xlsx] = (done.result as ReportFiles).files;
    const hours = await deputy.call('reports.personHours', {});
    const sheet = await readSheet(Buffer.from(xlsx!.base64, 'base64'), 'Человеко-часы');
    expect(sheet.rows.find((r) => r['Объединение'] === 'Итого')!['Всего'] as number).toBeCloseTo(hours.total, 9);
    const retention = await readSheet(Buffer.from(xlsx!.base64, 'base64'), 'Сохранность контингента');
    expect(retention.rows.length).toBeGreaterThan(0);
    if (popplerMissing) return;
    const text = execFileSync('pdftotext', ['-layout', save(pdf!), '-'], { encoding: 'utf8' });
    for (const heading of [
      'I. Ведение журналов',
      'III. Часы, проведённые',
      'IV. Посещаемость по объединениям',
      'V. Человеко-часы',
      'VI. Сохранность контингента',
    ])
      expect(text).toContain(heading);
    // The pack's words: tests/db/vocabulary-documents.test.ts (the demo's typed reasons say «группа»).
  });

  it("a teacher sees only their own объединения; another teacher's is refused", async () => {
    const teacher = await new TestClient(makeDeps(handle, { today: DEMO_TODAY })).login('teacher');
    const own = await teacher.call('reports.personHours', {});
    const yearId = (await deputy.call('reports.filters', {})).currentYearId!;
    const mine = await handle.db
      .selectFrom('journals')
      .select('group_id')
      .distinct()
      .where('teacher_user_id', '=', teacher.host.userId()!)
      .where('year_id', '=', yearId)
      .execute();
    expect(own.rows.map((r) => r.groupId).sort()).toEqual(mine.map((m) => m.group_id).sort());
    const other = await handle.db
      .selectFrom('journals')
      .select('teacher_user_id')
      .where('teacher_user_id', '!=', teacher.host.userId()!)
      .where('year_id', '=', yearId)
      .executeTakeFirstOrThrow();
    await refused(teacher.call('reports.retention', { teacherId: other.teacher_user_id }), 'forbidden');
  });
});

describeEachDb('a college is not offered the centre reports', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await generateDemo(handle.db, SMALL_DEMO);
  });
  afterAll(async () => {
    await handle.close();
    await fresh.drop();
  });

  it('lists its reports as before and refuses the centre ones in Russian', async () => {
    const deputy = await new TestClient(makeDeps(handle, { today: DEMO_TODAY })).login('deputy');
    const filters = await deputy.call('reports.filters', {});
    expect(filters.reports).toEqual([
      'completion',
      'keeping',
      'attendance',
      'performance',
      'forecast',
      'hoursSheet',
      'substitutions',
      'journalCopy',
      'pack',
      'stipendAttendance',
      'boundJournal',
    ]);
    const e = await refused(deputy.call('reports.retention', {}), 'bad_request');
    expect(e.message).toBe('Этот отчёт составляется только в организации дополнительного образования');
    await refused(deputy.call('reports.start', { report: 'personHours', format: 'pdf' }), 'bad_request');
  });
});
