// The stipend committee's monthly attendance sheet (issue 15, part 4) on the tiny college, on both databases. By
// hand, September 2026 — ЭС-11 (j1 two hours a lesson; j2 one hour on 02.09, two on 09.09):
//   Антонов: н 07.09 (2, unexcused) + н 28.09 under the confirmed medical note (2, excused); «оп» twice: not missed
//            → 4 / 2 / 2, the note named;
//   Борисова: б 14.09 (2, excused); «уч» 02.09: present → 2 / 2 / 0;
//   Васильев: у 21.09 (2, excused) + н 02.09 (1, unexcused) → 3 / 2 / 1;  the group: 9 / 6 / 3.
//   ИС-11: Дмитриева б 04.09 (2, excused), Григорьев nothing → 2 / 2 / 0.
// October: Васильев left on 01.10 and is not listed; Борисова's н 12.10 stays unexcused (her note was rejected).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import type { ReportFiles, StipendSheet } from '../../electron/api/contract.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { makeDeps, refused, TestClient } from '../support/harness.js';
import { buildTinyCollege, TINY_PASSWORD, TINY_TODAY, type Tiny } from '../support/tiny-college.js';

describeEachDb('the stipend committee’s attendance sheet', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let t: Tiny;
  const as = (login: string) => new TestClient(makeDeps(handle, { today: TINY_TODAY })).login(login, TINY_PASSWORD);

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    t = await buildTinyCollege(handle);
  });
  afterAll(async () => {
    await handle.close();
    await fresh.drop();
  });

  const hours = (s: StipendSheet, group: string) =>
    Object.fromEntries(
      s.groups
        .find((g) => g.groupName === group)!
        .rows.map((r) => [r.name.split(' ')[0], [r.missed, r.excused, r.unexcused]]),
    );

  it('September: each student’s hours, excused and not, the documents and the group totals', async () => {
    const zam = await as('zam');
    const s = await zam.call('reports.stipendAttendance', { month: '2026-09' });
    expect(s.range.title).toBe('сентябрь 2026');
    expect(s.groups.map((g) => g.groupName)).toEqual(['ИС-11', 'ЭС-11']);
    expect(hours(s, 'ЭС-11')).toEqual({ Антонов: [4, 2, 2], Борисова: [2, 2, 0], Васильев: [3, 2, 1] });
    const es = s.groups.find((g) => g.groupName === 'ЭС-11')!;
    expect(es.total).toEqual({ missed: 9, excused: 6, unexcused: 3 });
    expect(es).toMatchObject({ course: 1, curatorName: 'Лукина Л. В.' });
    expect(es.rows.find((r) => r.name.startsWith('Антонов'))!.documents).toEqual([
      'медицинская справка 28.09.2026: Справка',
    ]);
    expect(hours(s, 'ИС-11')).toEqual({ Григорьев: [0, 0, 0], Дмитриева: [2, 2, 0] });
  });

  it('October: who left is not listed; a rejected note leaves the absence unexcused', async () => {
    const s = await (await as('zam')).call('reports.stipendAttendance', { month: '2026-10', groupId: t.g1 });
    expect(hours(s, 'ЭС-11')).toEqual({ Антонов: [0, 0, 0], Борисова: [2, 0, 2] });
    expect(s.groups[0]!.rows.flatMap((r) => r.documents)).toEqual([]);
  });

  it('a department head and a curator see their groups; a teacher none; a month outside the year: no', async () => {
    const zav = await (await as('zav')).call('reports.stipendAttendance', { month: '2026-09' });
    expect(zav.groups.map((g) => g.groupName)).toEqual(['ЭС-11']);
    const kur = await as('kur');
    await refused(kur.call('reports.stipendAttendance', { month: '2026-09', groupId: t.g2 }), 'forbidden');
    await refused((await as('t1')).call('reports.stipendAttendance', { month: '2026-09' }), 'forbidden');
    const outside = await refused(kur.call('reports.stipendAttendance', { month: '2027-09' }), 'bad_request');
    expect(outside.message).toMatch(/не входит в 2026\/2027 учебный год/);
  });

  it('as PDF and Excel: the same figures, read back', async () => {
    const zam = await as('zam');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stipend-'));
    try {
      const files = async (format: 'pdf' | 'xlsx') => {
        const job = await zam.call('reports.start', { report: 'stipendAttendance', month: '2026-09', format });
        const done = await zam.deps.jobs.wait(job.id);
        expect(done.state, done.error ?? '').toBe('done');
        return (done.result as ReportFiles).files[0]!;
      };
      const pdf = await files('pdf');
      const file = path.join(dir, 'stipend.pdf');
      fs.writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Ведомость пропусков занятий для стипендиальной комиссии');
      expect(text).toMatch(/Антонов Алексей Петрович\s+4\s+2\s+2\s+медицинская справка 28\.09\.2026: Справка/);
      expect(text).toMatch(/Итого по группе\s+9\s+6\s+3/);
      expect(text).toContain('Куратор');

      const xlsx = await files('xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0]!;
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      const vasiliev = rows.find((r) => String(r[2]).startsWith('Васильев'))!;
      expect(vasiliev.slice(0, 6)).toEqual(['ЭС-11', 1, 'Васильев Глеб Олегович', 3, 2, 1]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
