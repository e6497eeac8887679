// A centre's and a school's documents speak their own words (DESIGN.md §10): the keeping report, the whole
// pack, a certified journal copy and the year's archive (certification sheet, students' documents, a
// group's copies and workbook, ПРОВЕРКА.txt) contain none of the college's words. PDFs are read back with
// pdftotext, workbooks with exceljs — sheet names, titles, headers and cells. SQLite only: the words do not
// depend on the database, and both dialects are covered by the report and archive tests.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { generateDemo } from '../../db/demo/index.js';
import type { FileOutput, Input, ReportFiles } from '../../electron/api/contract.js';
import { CERTIFICATE_FILE, README_FILE } from '../../electron/export/archive/index.js';
import { writeArchivePackage } from '../../electron/services/archive/writer.js';
import { collegeWordsIn } from '../support/college-words.js';
import { freshDb, type FreshDb } from '../support/databases.js';
import { DEMO_TODAY } from '../support/fixtures.js';
import { makeDeps, TestClient } from '../support/harness.js';

const popplerMissing = spawnSync('pdftotext', ['-v']).error !== undefined;

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

/** Every sheet's name and every cell's text of a workbook. */
async function xlsxText(bytes: Buffer | Uint8Array | string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  if (typeof bytes === 'string') await wb.xlsx.readFile(bytes);
  else await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((sheet) => {
    out.push(sheet.name);
    sheet.eachRow((row) => row.eachCell((cell) => out.push(cell.text)));
  });
  return out.join('\n');
}

/**
 * What people typed is theirs, not the program's: the demo's topics, correction reasons and staff positions
 * were written for a college («Распорядок дня студента», «карантин в группе», «преподаватель»), so they are
 * reworded before the check.
 */
async function rewordTypedText(db: Kysely<Database>): Promise<void> {
  const columns = [
    ['plan_corrections', 'reason'],
    ['plan_topics', 'title'],
    ['lessons', 'topic'],
    ['lessons', 'homework'],
    ['users', 'position'],
  ] as const;
  for (const [table, column] of columns) {
    let value = sql.ref(column) as ReturnType<typeof sql.ref> | ReturnType<typeof sql>;
    for (const [from, to] of [
      ['студента', 'обучающегося'],
      ['группы', 'коллектива'],
      ['группе', 'коллективе'],
      ['преподаватель', 'педагог'],
    ])
      value = sql`replace(${value}, ${from}, ${to})`;
    await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${value}`.execute(db);
  }
}

const KINDS = [
  // A small centre from the demo generator.
  { kind: 'supplementary' as const, demo: { seed: 5, students: 60, groups: 5, kind: 'supplementary' as const } },
  // The generator makes no school: a small college told it is a school (its data keep college names, the
  // words around them must not).
  { kind: 'school' as const, demo: { seed: 7, students: 60, groups: 4, kind: 'college' as const } },
];

describe.skipIf(popplerMissing).each(KINDS)('documents of a $kind speak its words', ({ kind, demo }) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let deputy: TestClient;
  let scratch: string;
  let periodId: number | null;

  beforeAll(async () => {
    fresh = await freshDb('sqlite');
    handle = await fresh.open();
    await generateDemo(handle.db, { ...demo, today: DEMO_TODAY });
    await handle.db.updateTable('institution').set({ kind }).execute();
    await rewordTypedText(handle.db);
    deputy = await new TestClient(makeDeps(handle, { today: DEMO_TODAY })).login('deputy');
    periodId = (await deputy.call('reports.filters', {})).currentPeriodId;
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), `zhurnal-words-${kind}-`));
  });
  afterAll(async () => {
    await handle?.close();
    await fresh?.drop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  async function files(input: Input<'reports.start'>): Promise<FileOutput[]> {
    const job = await deputy.call('reports.start', input);
    const done = await deputy.deps.jobs.wait(job.id);
    expect(done.state, done.error ?? '').toBe('done');
    return (done.result as ReportFiles).files;
  }
  function savePdf(file: FileOutput): string {
    const out = path.join(scratch, `${Math.random().toString(36).slice(2)}.pdf`);
    fs.writeFileSync(out, Buffer.from(file.base64, 'base64'));
    return out;
  }

  it('the keeping report as PDF and as Excel', async () => {
    const [pdf] = await files({ report: 'keeping', format: 'pdf', periodId });
    const text = pdfText(savePdf(pdf!));
    expect(text).toContain('Отчёт о ведении электронных журналов');
    expect(collegeWordsIn(text, kind)).toEqual([]);
    expect(text).toContain(kind === 'school' ? 'Учитель' : 'Педагог дополнительного образования');
    const [xlsx] = await files({ report: 'keeping', format: 'xlsx', periodId });
    expect(pdf!.fileName).toMatch(/^Ведение журналов/);
    const cells = await xlsxText(Buffer.from(xlsx!.base64, 'base64'));
    expect(cells).toContain('По журналам');
    expect(collegeWordsIn(cells, kind)).toEqual([]);
    expect(cells).toContain(kind === 'school' ? 'Посещаемость классов' : 'Посещаемость объединений');
  });

  it('the whole pack: every report in one PDF and one workbook', async () => {
    const [pdf, xlsx] = await files({ report: 'pack', periodId });
    expect(collegeWordsIn(pdfText(savePdf(pdf!)), kind)).toEqual([]);
    expect(collegeWordsIn(await xlsxText(Buffer.from(xlsx!.base64, 'base64')), kind)).toEqual([]);
    const hours = await files({ report: 'hoursSheet', format: 'pdf' });
    expect(hours[0]!.fileName).not.toMatch(/преподавател/i);
    expect(collegeWordsIn(pdfText(savePdf(hours[0]!)), kind)).toEqual([]);
  });

  it('a certified copy of a journal', async () => {
    const journal = await handle.db
      .selectFrom('lessons as l')
      .innerJoin('journals as j', 'j.id', 'l.journal_id')
      .select('j.id')
      .where('l.date', '<=', DEMO_TODAY)
      .orderBy('l.date', 'desc')
      .executeTakeFirstOrThrow();
    const [pdf] = await files({
      report: 'journalCopy',
      recipient: 'по запросу',
      journalId: journal.id,
      periodId,
      signer: 'director',
    });
    const text = pdfText(savePdf(pdf!));
    expect(text).toContain('Копия страниц электронного журнала учебных занятий');
    expect(text).toContain('Копия верна');
    expect(text).toContain(kind === 'school' ? 'Класс ' : 'Объединение ');
    expect(collegeWordsIn(text, kind)).toEqual([]);
  });

  it(
    "the year's archive: certification sheet, students' documents, a group's copies and workbook, the " + 'readme',
    async () => {
      const years = await handle.db.selectFrom('academic_years').select('id').orderBy('starts_on').execute();
      const result = await writeArchivePackage({
        source: handle,
        yearId: years[0]!.id,
        target: scratch,
        keysDir: path.join(scratch, 'keys'),
        createdBy: { login: 'secretary', fullName: 'Секретарь Учебной Части' },
        madeBy: { position: 'Секретарь', name: 'Смирнова О. В.' },
        certifier: { position: 'Директор', name: 'Тучин В. М.' },
        appVersion: '0.1.0',
        formedAt: new Date(2026, 10, 25, 14, 5),
        workers: 0,
      });
      const certificate = pdfText(path.join(result.path, CERTIFICATE_FILE));
      expect(certificate).toContain('Лист заверения электронного архива журналов');
      expect(certificate).toContain(kind === 'school' ? 'Классов / журналов' : 'Объединений / журналов');
      expect(collegeWordsIn(certificate, kind)).toEqual([]);
      expect(collegeWordsIn(pdfText(path.join(result.path, 'students.pdf')), kind)).toEqual([]);
      expect(collegeWordsIn(await xlsxText(path.join(result.path, 'students.xlsx')), kind)).toEqual([]);
      expect(collegeWordsIn(fs.readFileSync(path.join(result.path, README_FILE), 'utf8'), kind)).toEqual([]);
      const group = fs.readdirSync(path.join(result.path, 'groups'))[0]!;
      const inGroup = fs.readdirSync(path.join(result.path, 'groups', group));
      const copy = inGroup.find((f) => f.endsWith('.pdf'))!;
      expect(collegeWordsIn(pdfText(path.join(result.path, 'groups', group, copy)), kind)).toEqual([]);
      const workbook = inGroup.find((f) => f.endsWith('.xlsx'))!;
      expect(collegeWordsIn(await xlsxText(path.join(result.path, 'groups', group, workbook)), kind)).toEqual([]);
    },
  );
});
