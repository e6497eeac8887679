// Record sheets, resits, debts and the summary sheet (issue 15, parts 1–3) on the tiny college, on both databases.
// By hand, 1 семестр (today 21.10.2026; Васильев left on 01.10 and is on no sheet) — ЭС-11:
//   Математика, exam (Макарова): Антонов 2, Борисова 5 → «отлично» 1, «неудовлетворительно» 1, passed 1 of 2.
//   Физика, credit (Голубев): Борисова зач, Антонов «не явился» → passed 1, н/а 1 (the absence).
//   Debts: Антонов — Математика (2) and Физика (не явился). A resit of the exam (direction № 7) gives 4: the journal
//   keeps the 2, the debt is closed, the credit stays a debt.
//   Summary: Антонов 4 (2) | н/я → average 4,00, «4» 1, н/а 1, one debt; Борисова 5 | зач → 5,00, «5» 1.
//   The group: absolute 1 of 2 = 50 %, quality 1 of 2 = 50 % (Борисова: 5 and a credit), debtors 1.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import type { FileOutput } from '../../electron/api/contract.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { makeDeps, refused, TestClient } from '../support/harness.js';
import { buildTinyCollege, TINY_PASSWORD, TINY_TODAY, type Tiny } from '../support/tiny-college.js';

const EXAMINERS = 'Макарова Ю. Н., Голубев Е. М.';

describeEachDb('record sheets, resits, debts and the summary sheet', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let t: Tiny;
  let dir: string;
  const as = (login: string) => new TestClient(makeDeps(handle, { today: TINY_TODAY })).login(login, TINY_PASSWORD);
  const exam = () => ({ journalId: t.j1, periodId: t.p1, kind: 'exam' as const });
  const credit = () => ({ journalId: t.j2, periodId: t.p1, kind: 'credit' as const });
  const pdfText = (f: FileOutput, name: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, Buffer.from(f.base64, 'base64'));
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  };
  const xlsxRows = async (f: FileOutput) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(f.base64, 'base64') as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  };

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    t = await buildTinyCollege(handle);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assessments-'));
    await (
      await as('t1')
    ).call('finals.set', {
      journalId: t.j1,
      cells: [
        { studentId: t.students.A, periodId: t.p1, kind: 'exam', value: '2', version: null },
        { studentId: t.students.B, periodId: t.p1, kind: 'exam', value: '5', version: null },
      ],
    });
    await (
      await as('t2')
    ).call('finals.set', {
      journalId: t.j2,
      cells: [{ studentId: t.students.B, periodId: t.p1, kind: 'credit', value: 'зачтено', version: null }],
    });
  });
  afterAll(async () => {
    await handle.close();
    await fresh.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('the record sheet', () => {
    it('lists the students on the roster with the exam marks and counts them', async () => {
      const s = await (await as('kur')).call('assessments.sheet', exam());
      expect(s.head).toMatchObject({
        groupName: 'ЭС-11',
        course: 1,
        subjectName: 'ОУД.04 Математика',
        periodTitle: '1 семестр',
      });
      expect(s.rows.map((r) => [r.name, r.text])).toEqual([
        ['Антонов Алексей Петрович', 'неудовлетворительно (2)'],
        ['Борисова Вера Игоревна', 'отлично (5)'],
      ]);
      expect(s.counts).toMatchObject({ listed: 2, passed: 1, '5': 1, '2': 1, na: 0 });
      expect(s.examiners).toBe('Макарова Ю. Н.');
      expect(s.version).toBeNull();
      expect(s.canEdit).toBe(false);
    });

    it('the department head sets the date and examiners; a mark and «не явился» together are refused', async () => {
      const zav = await as('zav');
      const saved = await zav.call('assessments.save', {
        ...exam(),
        heldOn: '2026-10-20',
        examiners: EXAMINERS,
        statuses: [],
        version: null,
      });
      expect(saved).toMatchObject({ heldOn: '2026-10-20', examiners: EXAMINERS, version: 1, canEdit: true });
      const bad = await refused(
        zav.call('assessments.save', {
          ...exam(),
          heldOn: '2026-10-21',
          examiners: 'Другой',
          statuses: [{ studentId: t.students.A, status: 'absent' }],
          version: 1,
        }),
        'bad_request',
      );
      expect(bad.message).toMatch(/Антонов Алексей Петрович: в журнале стоит отметка «2»/);
      const after = await zav.call('assessments.sheet', exam());
      expect(after).toMatchObject({ heldOn: '2026-10-20', examiners: EXAMINERS, version: 1 });
      await refused(
        zav.call('assessments.save', { ...exam(), heldOn: null, examiners: 'X', statuses: [], version: null }),
        'conflict',
      );
      const outside = await refused(
        zav.call('assessments.save', { ...exam(), heldOn: '2027-09-02', examiners: 'X', statuses: [], version: 1 }),
        'bad_request',
      );
      expect(outside.message).toMatch(/до конца учебного года 2026\/2027/);
    });

    it('the examiner marks «не явился» on the credit sheet; another teacher cannot', async () => {
      await refused(
        (await as('t1')).call('assessments.save', {
          ...credit(),
          heldOn: null,
          examiners: 'X',
          statuses: [],
          version: null,
        }),
        'forbidden',
      );
      const s = await (
        await as('t2')
      ).call('assessments.save', {
        ...credit(),
        heldOn: '2026-10-19',
        examiners: 'Голубев Е. М.',
        statuses: [{ studentId: t.students.A, status: 'absent' }],
        version: null,
      });
      expect(s.rows.map((r) => [r.name.split(' ')[0], r.text])).toEqual([
        ['Антонов', 'не явился'],
        ['Борисова', 'зачтено'],
      ]);
      expect(s.counts).toMatchObject({ listed: 2, passed: 1, absent: 1, na: 1 });
    });

    it('prints like the form, filled and blank, and reads back from Excel', async () => {
      const zam = await as('zam');
      const filled = pdfText(await zam.call('assessments.sheetFile', { ...exam(), format: 'pdf' }), 'sheet.pdf');
      expect(filled).toContain('ЭКЗАМЕНАЦИОННАЯ ВЕДОМОСТЬ');
      expect(filled).toMatch(/Дата: 20\.10\.2026/);
      expect(filled).toMatch(/Антонов Алексей Петрович\s+неудовлетворительно \(2\)/);
      expect(filled).toMatch(/«отлично» — 1, «хорошо» — 0, «удовлетворительно» — 0,\s+«неудовлетворительно» — 1/);
      expect(filled).toContain('Макарова Ю. Н.');
      const blank = pdfText(
        await zam.call('assessments.sheetFile', { ...exam(), format: 'pdf', blank: true }),
        'b.pdf',
      );
      expect(blank).toContain('Борисова Вера Игоревна');
      expect(blank).not.toContain('отлично (5)');
      const credit = pdfText(
        await zam.call('assessments.sheetFile', { ...exam(), kind: 'credit', journalId: t.j2, format: 'pdf' }),
        'c.pdf',
      );
      expect(credit).toContain('ЗАЧЁТНАЯ ВЕДОМОСТЬ');
      expect(credit).toMatch(/Антонов Алексей Петрович\s+не явился/);
      const rows = await xlsxRows(await zam.call('assessments.sheetFile', { ...exam(), format: 'xlsx' }));
      expect(rows.slice(2).map((r) => [r[1], r[3], r[4]])).toEqual([
        ['Антонов Алексей Петрович', '2', 'неудовлетворительно (2)'],
        ['Борисова Вера Игоревна', '5', 'отлично (5)'],
      ]);
    });
  });

  describe('debts and resits', () => {
    it('lists the debts: the failed exam and the missed credit', async () => {
      const list = await (await as('zam')).call('assessments.debts', {});
      expect(
        list.rows.map((r) => [r.studentName.split(' ')[0], r.subjectName, r.kind, r.originalText, r.open]),
      ).toEqual([
        ['Антонов', 'ОУД.04 Математика', 'exam', 'неудовлетворительно (2)', true],
        ['Антонов', 'ОУД.09 Физика', 'credit', 'не явился', true],
      ]);
      const other = await refused((await as('zav')).call('assessments.debts', { departmentId: t.d2 }), 'forbidden');
      expect(other.message).toMatch(/Недостаточно прав/);
    });

    it('a resit is recorded beside the original mark and closes the debt', async () => {
      const zam = await as('zam');
      const direction = {
        ...exam(),
        studentId: t.students.A,
        directionNo: '7',
        issuedOn: '2026-10-21',
        examiner: 'Макарова Ю. Н.',
      };
      await refused(zam.call('resits.issue', { ...direction, studentId: t.students.B }), 'bad_request');
      const r = await zam.call('resits.issue', direction);
      expect(r).toMatchObject({ attempt: 1, heldOn: null, text: '' });
      const twice = await refused(zam.call('resits.issue', { ...direction, directionNo: '8' }), 'bad_request');
      expect(twice.message).toMatch(/№ 7 от 21\.10\.2026 пересдача ещё не записана/);
      const wrong = await refused(
        zam.call('resits.record', {
          resitId: r.id,
          version: r.version,
          heldOn: '2026-10-21',
          value: 'зач',
          absent: false,
        }),
        'bad_request',
      );
      expect(wrong.message).toMatch(/допустимы 5, 4, 3, 2, н\/а/);
      await refused(
        zam.call('resits.record', {
          resitId: r.id,
          version: r.version,
          heldOn: '2026-10-22',
          value: '4',
          absent: false,
        }),
        'bad_request',
      );
      await refused(
        (await as('t1')).call('resits.record', {
          resitId: r.id,
          version: 1,
          heldOn: '2026-10-21',
          value: '4',
          absent: false,
        }),
        'forbidden',
      );
      const held = await zam.call('resits.record', {
        resitId: r.id,
        version: r.version,
        heldOn: '2026-10-21',
        value: '4',
        absent: false,
      });
      expect(held.text).toBe('хорошо (4)');
      const original = await handle.db
        .selectFrom('final_marks')
        .select('value')
        .where('journal_id', '=', t.j1)
        .where('student_id', '=', t.students.A)
        .where('kind', '=', 'exam')
        .executeTakeFirstOrThrow();
      expect(original.value).toBe('2');
      const list = await zam.call('assessments.debts', { groupId: t.g1 });
      expect(list.rows.map((d) => [d.subjectName, d.open, d.resits.map((x) => x.text)])).toEqual([
        ['ОУД.04 Математика', false, ['хорошо (4)']],
        ['ОУД.09 Физика', true, []],
      ]);
      const sheet = pdfText(await zam.call('resits.sheetFile', { resitId: r.id }), 'resit.pdf');
      expect(sheet).toContain('ЭКЗАМЕНАЦИОННЫЙ ЛИСТ');
      expect(sheet).toMatch(/№ 7 от 21\.10\.2026/);
      expect(sheet).toMatch(/Первоначальная отметка: неудовлетворительно \(2\)/);
      expect(sheet).toMatch(/Отметка \(цифрой и прописью\): хорошо \(4\)/);
      const audit = await handle.db.selectFrom('audit_log').select('action').where('entity', '=', 'resits').execute();
      expect(audit.map((a) => a.action)).toEqual(['resits.issue', 'resits.record']);
      const debtsPdf = pdfText(await zam.call('assessments.debtsFile', { format: 'pdf' }), 'debts.pdf');
      expect(debtsPdf).toMatch(/Антонов Алексей Петрович\s+ОУД\.09 Физика/);
      expect(debtsPdf).not.toContain('ОУД.04 Математика');
    });
  });

  describe('the summary sheet', () => {
    it('students × disciplines after resits, averages, counts, the group’s performance', async () => {
      const s = await (await as('kur')).call('assessments.summary', { groupId: t.g1, periodId: t.p1 });
      expect(s.subjects.map((x) => [x.subjectName, x.kind])).toEqual([
        ['ОУД.04 Математика', 'exam'],
        ['ОУД.09 Физика', 'credit'],
      ]);
      expect(
        s.rows.map((r) => [
          r.name.split(' ')[0],
          r.cells.map((c) => [c.text, c.original, c.debt]),
          r.average,
          r.counts,
          r.debts,
        ]),
      ).toEqual([
        [
          'Антонов',
          [
            ['4', '2', false],
            ['н/я', null, true],
          ],
          4,
          { '5': 0, '4': 1, '3': 0, '2': 0, na: 1 },
          1,
        ],
        [
          'Борисова',
          [
            ['5', null, false],
            ['зач', null, false],
          ],
          5,
          { '5': 1, '4': 0, '3': 0, '2': 0, na: 0 },
          0,
        ],
      ]);
      expect(s).toMatchObject({ absolute: 0.5, quality: 0.5, debtors: 1, average: 4.5 });
      expect(s.totals).toEqual({ '5': 1, '4': 1, '3': 0, '2': 0, na: 1 });
      await refused((await as('t1')).call('assessments.summary', { groupId: t.g1 }), 'forbidden');
      await refused((await as('kur')).call('assessments.summary', { groupId: t.g2 }), 'forbidden');
    });

    it('prints as the form and reads back from Excel', async () => {
      const zam = await as('zam');
      const text = pdfText(
        await zam.call('assessments.summaryFile', { groupId: t.g1, periodId: t.p1, format: 'pdf' }),
        'sum.pdf',
      );
      expect(text).toContain('СВОДНАЯ ВЕДОМОСТЬ УСПЕВАЕМОСТИ');
      expect(text).toMatch(/Антонов Алексей Петрович\s+4 \(2\)\s+н\/я\s+4,00/);
      expect(text).toMatch(
        /Абсолютная успеваемость: 50,0 %\. Качественная успеваемость: 50,0 %\. Имеют задолженности: 1/,
      );
      const rows = await xlsxRows(
        await zam.call('assessments.summaryFile', { groupId: t.g1, periodId: t.p1, format: 'xlsx' }),
      );
      expect(rows.slice(2).map((r) => r.slice(0, 4))).toEqual([
        ['Антонов Алексей Петрович', '4 (2)', 'н/я', 4],
        ['Борисова Вера Игоревна', '5', 'зач', 5],
      ]);
    });
  });
});
