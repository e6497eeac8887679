// Practice and the qualification exam of a professional module (issue 15, part 5) on the tiny college, both
// databases. ЭС-11 gets ПМ.01 with МДК.01.01 (Макарова) and УП.01 (Голубев, учебная практика). By hand:
//   МДК.01.01 year marks: Антонов 3, Борисова 5; УП.01: Антонов зач, Борисова зач.
//   The exam: Борисова — освоен, 5; Антонов — не освоен, 2 → освоен 1, не освоен 1.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { makeDeps, refused, TestClient } from '../support/harness.js';
import { buildTinyCollege, TINY_PASSWORD, TINY_TODAY, type Tiny } from '../support/tiny-college.js';

describeEachDb('practice and the qualification exam of a module', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let t: Tiny;
  let dir: string;
  let pm: number;
  let mdkJournal: number;
  let practiceJournal: number;
  const as = (login: string) => new TestClient(makeDeps(handle, { today: TINY_TODAY })).login(login, TINY_PASSWORD);
  const pdfText = (base64: string) => {
    const file = path.join(dir, 'f.pdf');
    fs.writeFileSync(file, Buffer.from(base64, 'base64'));
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  };

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    t = await buildTinyCollege(handle);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'practice-'));
    const db = handle.db;
    const subject = async (code: string, name: string, kind: 'pm' | 'mdk' | 'practice', parent: number | null) =>
      (
        await db
          .insertInto('subjects')
          .values({ code, name, kind, parent_id: parent })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    pm = await subject('ПМ.01', 'Обслуживание электрооборудования', 'pm', null);
    const mdk = await subject('МДК.01.01', 'Электрические машины', 'mdk', pm);
    const up = await subject('УП.01', 'Учебная практика', 'practice', pm);
    const journal = async (subjectId: number, teacher: number) =>
      (
        await db
          .insertInto('journals')
          .values({
            year_id: t.yearId,
            group_id: t.g1,
            subject_id: subjectId,
            subgroup_id: null,
            teacher_user_id: teacher,
            marks_enabled: 1,
            mark_scale: '5,4,3,2,зач,незач',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    mdkJournal = await journal(mdk, t.users.t1);
    practiceJournal = await journal(up, t.users.t2);
    const final = (journalId: number, studentId: number, value: string) =>
      db
        .insertInto('final_marks')
        .values({
          journal_id: journalId,
          student_id: studentId,
          period_id: null,
          kind: 'year',
          value,
          updated_at: '2026-10-21T08:00:00.000Z',
          updated_by: t.users.t1,
        })
        .execute();
    await final(mdkJournal, t.students.A, '3');
    await final(mdkJournal, t.students.B, '5');
    await final(practiceJournal, t.students.A, 'зач');
    await final(practiceJournal, t.students.B, 'зач');
  });
  afterAll(async () => {
    await handle.close();
    await fresh.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the practice keeps its place, dates and supervisors, and each student’s attestation sheet', async () => {
    const t2 = await as('t2');
    const blank = await t2.call('practice.get', { journalId: practiceJournal });
    expect(blank).toMatchObject({
      kind: 'educational',
      version: null,
      canEdit: true,
      collegeSupervisor: 'Голубев Евгений Маратович',
    });
    expect(blank.students.map((s) => [s.name.split(' ')[0], s.mark])).toEqual([
      ['Антонов', 'зач'],
      ['Борисова', 'зач'],
    ]);
    const input = {
      journalId: practiceJournal,
      kind: 'industrial' as const,
      place: 'АО «Южноуральская ГРЭС»',
      startsOn: '2026-10-05',
      endsOn: '2026-10-17',
      collegeSupervisor: 'Голубев Е. М.',
      employerSupervisor: 'Сидоров С. С., мастер участка',
      students: [
        {
          studentId: t.students.B,
          place: null,
          hours: 72,
          works: 'Монтаж и наладка освещения цеха',
          characteristic: 'Работала самостоятельно и аккуратно',
        },
      ],
      version: null,
    };
    const bad = await refused(t2.call('practice.save', { ...input, endsOn: '2026-10-01' }), 'bad_request');
    expect(bad.message).toMatch(/не может окончиться раньше/);
    await refused((await as('t1')).call('practice.save', input), 'forbidden');
    const saved = await t2.call('practice.save', input);
    expect(saved).toMatchObject({ kind: 'industrial', place: 'АО «Южноуральская ГРЭС»', version: 1 });
    expect(saved.students.find((s) => s.studentId === t.students.B)).toMatchObject({ hours: 72 });
    await refused(t2.call('practice.save', input), 'conflict');
    await refused((await as('t1')).call('practice.get', { journalId: t.j1 }), 'bad_request');
    await refused(t2.call('practice.get', { journalId: t.j1 }), 'forbidden');
    const text = pdfText(
      (await t2.call('practice.sheetFile', { journalId: practiceJournal, studentId: t.students.B })).base64,
    );
    expect(text).toContain('АТТЕСТАЦИОННЫЙ ЛИСТ ПО ПРАКТИКЕ');
    expect(text).toContain('Обучающийся: Борисова Вера Игоревна');
    expect(text).toContain('Профессиональный модуль: ПМ.01 Обслуживание электрооборудования');
    expect(text).toContain('Место практики: АО «Южноуральская ГРЭС»');
    expect(text).toContain('Сроки: с 05.10.2026 по 17.10.2026');
    expect(text).toContain('Объём: 72 ч');
    expect(text).toContain('Монтаж и наладка освещения цеха');
    expect(text).toContain('Итоговая отметка по практике: зач');
    expect(text).toContain('/Сидоров С. С., мастер участка/');
    const all = pdfText((await t2.call('practice.sheetFile', { journalId: practiceJournal })).base64);
    expect(all.split('АТТЕСТАЦИОННЫЙ ЛИСТ ПО ПРАКТИКЕ').length - 1).toBe(2);
  });

  it('the qualification exam: освоен / не освоен with the marks of the module’s parts beside', async () => {
    const zav = await as('zav');
    const modules = await zav.call('qualification.modules', { groupId: t.g1 });
    expect(modules).toEqual([
      {
        subjectId: pm,
        subjectName: 'ПМ.01 Обслуживание электрооборудования',
        parts: [
          { journalId: mdkJournal, subjectName: 'МДК.01.01 Электрические машины', kind: 'mdk' },
          { journalId: practiceJournal, subjectName: 'УП.01 Учебная практика', kind: 'practice' },
        ],
      },
    ]);
    const key = { groupId: t.g1, subjectId: pm };
    const before = await zav.call('qualification.get', key);
    expect(before.rows.map((r) => [r.name.split(' ')[0], r.partMarks, r.mastered])).toEqual([
      ['Антонов', ['3', 'зач'], null],
      ['Борисова', ['5', 'зач'], null],
    ]);
    const save = (results: Array<{ studentId: number; mastered: boolean | null; mark: string | null }>) =>
      zav.call('qualification.save', {
        ...key,
        heldOn: '2026-10-20',
        commission: 'Белых О. Н., Макарова Ю. Н.',
        results,
        version: null,
      });
    const contradiction = await refused(save([{ studentId: t.students.A, mastered: true, mark: '2' }]), 'bad_request');
    expect(contradiction.message).toMatch(/Антонов Алексей Петрович: при отметке «2» вид деятельности не освоен/);
    await refused(
      (await as('kur')).call('qualification.save', {
        ...key,
        heldOn: null,
        commission: 'X',
        results: [],
        version: null,
      }),
      'forbidden',
    );
    const sheet = await save([
      { studentId: t.students.A, mastered: false, mark: '2' },
      { studentId: t.students.B, mastered: true, mark: '5' },
    ]);
    expect(sheet).toMatchObject({ mastered: 1, notMastered: 1, version: 1, heldOn: '2026-10-20' });
    const text = pdfText((await zav.call('qualification.sheetFile', { ...key, format: 'pdf' })).base64);
    expect(text).toContain('ВЕДОМОСТЬ КВАЛИФИКАЦИОННОГО ЭКЗАМЕНА');
    expect(text).toMatch(/Борисова Вера Игоревна\s+5\s+зач\s+вид деятельности освоен\s+5/);
    expect(text).toMatch(/Антонов Алексей Петрович\s+3\s+зач\s+вид деятельности не освоен\s+2/);
    expect(text).toContain('Вид деятельности освоен — 1, не освоен — 1');
    const xlsx = await zav.call('qualification.sheetFile', { ...key, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows.slice(2)).toEqual([
      ['Антонов Алексей Петрович', '3', 'зач', 'вид деятельности не освоен', '2'],
      ['Борисова Вера Игоревна', '5', 'зач', 'вид деятельности освоен', '5'],
    ]);
    await refused((await as('kur')).call('qualification.get', { groupId: t.g2, subjectId: pm }), 'forbidden');
  });
});
