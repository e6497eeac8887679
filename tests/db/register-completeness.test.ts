// The completeness of the groups' registers (issue 15, part 7; 003 §2.2) on the demo college, on both databases:
// the demo student's group is first filled in completely, then given known gaps — a missing personal file number,
// an unknown birth date (so a representative is required and missing), a representative without contacts, an
// enrolment without an order — and the view, the printed PDF and the workbook name exactly those; each caller sees
// only the groups they answer for.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases.js';
import type { TestClient } from '../support/harness.js';
import { journalWorld, type JournalWorld } from './journal-support.js';

describeEachDb('the completeness of the groups’ registers', (kind) => {
  let w: JournalWorld;
  let deputy: TestClient;
  let roster: Array<{ id: number; last_name: string; first_name: string }>;

  beforeAll(async () => {
    w = await journalWorld(kind);
    deputy = await w.as('deputy');
    const db = w.handle.db;
    roster = await db
      .selectFrom('enrolments as e')
      .innerJoin('students as s', 's.id', 'e.student_id')
      .select(['s.id', 's.last_name', 's.first_name'])
      .where('e.group_id', '=', w.fx.groupId)
      .where('e.until_date', 'is', null)
      .orderBy('s.last_name')
      .orderBy('s.first_name')
      .execute();
    expect(roster.length).toBeGreaterThan(4);
    const ids = roster.map((s) => s.id);
    // Everything filled in: an adult birth date for most, a file number, an address, an order, a phone.
    await db
      .updateTable('students')
      .set({ personal_file_no: 'ЛД-1', birth_date: '2007-03-01', address: 'г. Южноуральск' })
      .where('id', 'in', ids)
      .execute();
    await db.updateTable('guardians').set({ phone: '+7 900 000-00-00' }).where('student_id', 'in', ids).execute();
    await db
      .updateTable('enrolments')
      .set({ order_no: '12-к', order_date: '2026-08-25' })
      .where('group_id', '=', w.fx.groupId)
      .execute();
  }, 120_000);
  afterAll(async () => w.close());

  it('a group filled in completely has no gaps', async () => {
    const view = await deputy.call('registers.completeness', { groupId: w.fx.groupId });
    expect(view.groups).toHaveLength(1);
    expect(view.groups[0]).toMatchObject({ students: roster.length, complete: roster.length, rows: [] });
  });

  it('names exactly the gaps made, with the silent representative', async () => {
    const db = w.handle.db;
    const [a, b, c, d] = roster;
    await db.updateTable('students').set({ personal_file_no: '  ' }).where('id', '=', a!.id).execute();
    await db.updateTable('students').set({ birth_date: null }).where('id', '=', b!.id).execute();
    await db.deleteFrom('guardians').where('student_id', '=', b!.id).execute();
    await db.deleteFrom('guardians').where('student_id', '=', c!.id).execute();
    await db
      .insertInto('guardians')
      .values({
        student_id: c!.id,
        user_id: null,
        full_name: 'Молчанова Ольга Петровна',
        relation: 'мать',
        phone: null,
        email: null,
        address: null,
      })
      .execute();
    await db
      .updateTable('enrolments')
      .set({ order_no: '' })
      .where('student_id', '=', d!.id)
      .where('group_id', '=', w.fx.groupId)
      .execute();

    const view = await deputy.call('registers.completeness', { groupId: w.fx.groupId });
    const g = view.groups[0]!;
    expect(g.students).toBe(roster.length);
    expect(g.complete).toBe(roster.length - 4);
    const by = new Map(g.rows.map((r) => [r.studentId, r]));
    expect(by.get(a!.id)?.gaps).toEqual(['personalFile']);
    expect(by.get(b!.id)?.gaps).toEqual(['birthDate', 'noGuardian']);
    expect(by.get(c!.id)).toMatchObject({ gaps: ['guardianContacts'], guardianNames: ['Молчанова Ольга Петровна'] });
    expect(by.get(d!.id)?.gaps).toEqual(['enrolmentOrder']);
    expect(g.counts).toEqual({
      personalFile: 1,
      birthDate: 1,
      address: 0,
      noGuardian: 1,
      guardianContacts: 1,
      enrolmentOrder: 1,
    });

    // The printed list and the workbook say the same.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registers-'));
    try {
      const pdf = await deputy.call('registers.completenessFile', { groupId: w.fx.groupId, format: 'pdf' });
      expect(pdf.fileName).toMatch(/^Полнота реестров групп .*\.pdf$/);
      const file = path.join(dir, 'r.pdf');
      fs.writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
      const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('Полнота реестров групп');
      expect(text).toContain(`${c!.last_name} ${c!.first_name}`);
      expect(text).toContain('у законного представителя нет телефона и e-mail (Молчанова Ольга Петровна)');
      expect(text).toContain('не указан приказ о зачислении');
      expect(text).toMatch(/Проверил\(а\): заместитель директора/i);

      const xlsx = await deputy.call('registers.completenessFile', { groupId: w.fx.groupId, format: 'xlsx' });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
      const gaps = wb.getWorksheet('Незаполнено')!;
      const cells: string[] = [];
      gaps.eachRow((row) => row.eachCell((cell) => cells.push(cell.text)));
      expect(cells.filter((t) => t.startsWith('не указан номер личного дела'))).toHaveLength(1);
      expect(cells).toContain('не указана дата рождения; несовершеннолетний: не указан законный представитель');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('each caller sees the groups they answer for', async () => {
    const all = await deputy.call('registers.completeness', {});
    const groupsOfYear = await w.handle.db
      .selectFrom('groups')
      .select('id')
      .where('year_id', '=', w.fx.currentYearId)
      .execute();
    expect(all.groups.map((g) => g.groupId).sort()).toEqual(groupsOfYear.map((g) => g.id).sort());
    const curator = await (await w.as('curator')).call('registers.completeness', {});
    expect(curator.groups.map((g) => g.groupId)).toEqual([w.fx.groupId]);
    const head = await (await w.as('depthead')).call('registers.completeness', {});
    const ofDepartment = await w.handle.db
      .selectFrom('groups')
      .select('id')
      .where('year_id', '=', w.fx.currentYearId)
      .where('department_id', '=', w.fx.departmentId)
      .execute();
    expect(head.groups.map((g) => g.groupId).sort()).toEqual(ofDepartment.map((g) => g.id).sort());
  });
});
