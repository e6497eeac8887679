// Certified copies and the bound journal (issue 15, part 6) on the demo college, on both databases: each copy takes
// the next number of the register, prints it with the recipient and the journal's final marks; the register lists
// it (and reads back from Excel); a refused copy takes no number; the group's bound journal has its title page,
// contents with page numbers, every journal and the closing sheet counting its own sheets in words.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Input, ReportFiles } from '../../electron/api/contract.js';
import { numberWords } from '../../electron/domain/format-numbers.js';
import { describeEachDb } from '../support/databases.js';
import { refused, type TestClient } from '../support/harness.js';
import { journalWorld, type JournalWorld } from './journal-support.js';

describeEachDb('certified copies, their register and the bound journal', (kind) => {
  let w: JournalWorld;
  let deputy: TestClient;
  let dir: string;

  beforeAll(async () => {
    w = await journalWorld(kind);
    deputy = await w.as('deputy');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copies-'));
    // A final mark in the journal to copy.
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    await teacher.call('finals.set', {
      journalId: w.fx.teacherJournalId,
      cells: [
        { studentId: page.students[0]!.id, periodId: w.fx.currentPeriodId, kind: 'period', value: '5', version: null },
      ],
    });
  }, 120_000);
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await w.close();
  });

  async function pdfText(input: Input<'reports.start'>): Promise<{ text: string; pages: number; name: string }> {
    const job = await deputy.call('reports.start', input);
    const done = await deputy.deps.jobs.wait(job.id);
    expect(done.state, done.error ?? '').toBe('done');
    const [file] = (done.result as ReportFiles).files;
    const out = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
    fs.writeFileSync(out, Buffer.from(file!.base64, 'base64'));
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    return {
      text: execFileSync('pdftotext', ['-raw', out, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '),
      pages: Number(/Pages:\s+(\d+)/.exec(info)![1]),
      name: file!.fileName,
    };
  }

  it('numbers each copy in the register and prints the number, the recipient and the final marks', async () => {
    const base = { report: 'journalCopy', journalId: w.fx.teacherJournalId, periodId: w.fx.currentPeriodId } as const;
    const first = await pdfText({
      ...base,
      recipient: 'Петровой А. В. по заявлению от 01.12.2026',
      signer: 'director',
    });
    expect(first.name).toMatch(/^Копия № 1 журнала /);
    expect(first.text).toContain(
      'Копия № 1 по реестру выданных копий. Выдана: Петровой А. В. по заявлению от 01.12.2026.',
    );
    expect(first.text).toContain('Итоговые отметки');
    expect(first.text).toContain('Копия верна');
    const second = await pdfText({ ...base, recipient: 'в военный комиссариат', signer: 'deputy' });
    expect(second.text).toContain('Копия № 2 по реестру выданных копий');

    // Refused (dates the wrong way round): no number taken.
    await refused(
      deputy.call('reports.start', { ...base, recipient: 'никому', from: '2026-10-10', to: '2026-10-01' }),
      'bad_request',
    );
    await refused(deputy.call('reports.start', { ...base, recipient: '   ' }), 'bad_request');

    const register = await deputy.call('copies.list', {});
    expect(register.map((r) => [r.number, r.recipient])).toEqual([
      [2, 'в военный комиссариат'],
      [1, 'Петровой А. В. по заявлению от 01.12.2026'],
    ]);
    expect(register[1]).toMatchObject({ journalId: w.fx.teacherJournalId, pages: first.pages });
    expect(register[1]!.what).toMatch(/^Копия страниц журнала: /);
    expect(register[1]!.certifiedBy).toMatch(/^Директор /);
    const audit = await w.handle.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'copies.issue')
      .execute();
    expect(audit).toHaveLength(2);

    const xlsx = await (await w.as('secretary')).call('copies.xlsx', {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const lines = rows.filter((r) => typeof r[0] === 'number');
    expect(lines.map((r) => [r[0], r[3]])).toEqual([
      [1, 'Петровой А. В. по заявлению от 01.12.2026'],
      [2, 'в военный комиссариат'],
    ]);
  });

  it('the bound journal: title, contents with pages, every journal, a closing sheet counting its sheets', async () => {
    const journals = await w.handle.db
      .selectFrom('journals as j')
      .innerJoin('subjects as s', 's.id', 'j.subject_id')
      .select(['s.name'])
      .where('j.group_id', '=', w.fx.groupId)
      .execute();
    expect(journals.length).toBeGreaterThan(1);
    const bound = await pdfText({ report: 'boundJournal', groupId: w.fx.groupId });
    expect(bound.text).toContain('ЖУРНАЛ учебных занятий');
    expect(bound.text).toContain('Содержание');
    for (const j of journals) expect(bound.text).toContain(j.name);
    expect(bound.text).toContain(
      `В журнале прошнуровано, пронумеровано и скреплено печатью ${bound.pages} (${numberWords(bound.pages)}) лист`,
    );
    expect(bound.text).toContain(`Стр. ${bound.pages} из ${bound.pages}`);
    expect(bound.text).toContain('М. П.');
    // The contents' first line points past the title page and the contents.
    expect(bound.text).toMatch(/Страницы 1 \S+.*? 3–\d+/);
    await refused((await w.as('teacher')).call('reports.start', { report: 'boundJournal', groupId: w.fx.groupId }));
  });
});

it('writes counts out in words as a document does', () => {
  expect(numberWords(1)).toBe('один');
  expect(numberWords(22)).toBe('двадцать два');
  expect(numberWords(111)).toBe('сто одиннадцать');
  expect(numberWords(2041)).toBe('две тысячи сорок один');
  expect(numberWords(1000)).toBe('одна тысяча');
});
