// A centre's service messages speak its words (DESIGN.md §10, issue 13): the Excel import of children (its
// columns, template, row problems and summary), enrolment and year-copy refusals, a programme's removal, a
// timetable clash, the audit log's labels and the login screen's kind — none of the college's words. A child
// loaded twice, to two объединения, is one child with two enrolments, and the search names both.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { JournalDb } from '../../../db/connect.js';
import { wordsOf } from '../../../electron/domain/vocabulary.js';
import { actionLabel, fieldLabel } from '../../../electron/services/audit-labels.js';
import { clashesBetween, type SlotEntry } from '../../../electron/services/year/clashes.js';
import { collegeWordsIn } from '../../support/college-words.js';
import { describeEachDb, freshDb, type FreshDb } from '../../support/databases.js';
import { makeDeps, refused, TestClient } from '../../support/harness.js';
import { ADMIN, seedInstitution } from '../../support/institution.js';
import { runImportJob, xlsx } from './helpers.js';

const admission = { date: '2026-09-01', orderNo: '15-о', orderDate: '2026-08-28' };

async function workbookText(base64: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((sheet) => {
    out.push(sheet.name);
    sheet.eachRow((row) => row.eachCell((cell) => out.push(cell.text)));
    sheet.eachRow((row) => row.eachCell((cell) => out.push(String(cell.note ?? ''))));
  });
  return out.join('\n');
}

describeEachDb('a centre’s messages', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let admin: TestClient;
  beforeEach(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await seedInstitution(handle, { kind: 'supplementary' });
    admin = await new TestClient(makeDeps(handle)).login(ADMIN.login, ADMIN.password);
  });
  afterEach(async () => {
    await handle.close();
    await fresh.drop();
  });

  it('import, enrolments, year copy, programmes and audit labels say объединение, педагог, программа', async () => {
    const said: string[] = [];
    const year = await admin.call('years.create', {
      title: '2026/2027',
      startsOn: '2026-09-01',
      endsOn: '2027-08-31',
      periodKind: 'half_year',
    });
    const group = (name: string) =>
      admin.call('groups.create', {
        yearId: year.id,
        name,
        course: 1,
        departmentId: null,
        curatorUserId: null,
        speciality: null,
      });
    const art = await group('Юный художник');
    await group('Робототехника');

    // The import: a child in two объединения loads as one child; the bad rows are named in the centre's words.
    const file = await xlsx(
      ['Фамилия', 'Имя', 'Дата рождения', 'Объединение'],
      [
        ['Ёлкина', 'Анна', '01.09.2015', 'Юный художник'],
        ['Ёлкина', 'Анна', '01.09.2015', 'Робототехника'],
        ['Ёлкина', 'Анна', '01.09.2015', 'Робототехника'],
        ['Петров', 'Пётр', '03.02.2014', 'Вокал'],
        ['Сидорова', 'Мария', '12.12.2013', null],
      ],
    );
    const dry = await runImportJob(admin, { list: 'students', file, dryRun: true, skipBad: false, admission });
    expect(dry.fields.find((f) => f.key === 'group')!.header).toBe('Объединение');
    expect(dry.problems.map((p) => p.message)).toEqual([
      'повтор: Ёлкина Анна, 01.09.2015 уже есть в строке 3',
      'объединения «Вокал» нет в учебном году 2026/2027',
      'не указано объединение',
    ]);
    said.push(dry.summary, ...dry.problems.map((p) => p.message), ...dry.fields.map((f) => f.header));
    const done = await runImportJob(admin, { list: 'students', file, dryRun: false, skipBad: true, admission });
    expect(done.summary).toMatch(/^Загружено обучающихся: новых 1, обновлено 0; пропущено 3 строки с ошибками\./);
    said.push(done.summary);
    const found = await admin.call('students.search', { query: 'Ёлкина' });
    expect(found).toHaveLength(1);
    expect(found[0]!.groupName).toBe('Юный художник, Робототехника');
    const template = await admin.call('lists.template', { list: 'students' });
    said.push(template.fileName, await workbookText(template.base64));
    const staffTemplate = await admin.call('lists.template', { list: 'users' });
    said.push(await workbookText(staffTemplate.base64));

    // Enrolments: a transfer to where the child already is.
    const same = await refused(
      admin.call('enrolments.transfer', {
        studentIds: [found[0]!.id],
        fromGroupId: art.id,
        toGroupId: art.id,
        date: '2026-10-01',
        orderNo: '30-о',
        orderDate: '2026-09-30',
      }),
    );
    said.push(same.message);

    // The year copy with nothing chosen; a programme that does not exist.
    const next = await admin.call('years.create', {
      title: '2027/2028',
      startsOn: '2027-09-01',
      endsOn: '2028-08-31',
      periodKind: 'half_year',
    });
    const none = await refused(
      admin.call('years.copyApply', {
        fromYearId: year.id,
        toYearId: next.id,
        carryLoads: false,
        transferOrder: null,
        groups: [{ fromGroupId: art.id, name: 'Юный художник', course: 2, include: false }],
      }),
    );
    expect(none.message).toBe('Не выбрано ни одного объединения для переноса');
    said.push(none.message, (await refused(admin.call('subjects.remove', { id: 9999 }))).message);

    // A timetable clash, the audit log's labels and what the login screen learns before anyone logs in.
    const w = wordsOf('supplementary');
    const slot: SlotEntry = {
      id: 1,
      journalId: 1,
      groupId: art.id,
      groupName: 'Юный художник',
      subgroupId: null,
      subgroupNumber: null,
      subjectName: 'Изобразительное искусство',
      teacherUserId: 7,
      teacherName: 'Смирнова О. П.',
      room: '12',
      weekday: 3,
      lessonNo: 1,
      parity: 'all',
      validFrom: '2026-09-01',
      validTo: null,
    };
    const clash = clashesBetween({ ...slot, id: 2 }, slot, w);
    expect(clash[0]).toMatch(/^Педагог Смирнова О\. П\. в среду, 1-е занятие/);
    said.push(...clash, actionLabel('journals.teacher', w), actionLabel('remark.send', w), fieldLabel('teacherId', w));
    const options = await admin.call('audit.options', {});
    said.push(...options.actions.map((a) => a.label), ...options.entities.map((e) => e.label));
    expect(await new TestClient(makeDeps(handle)).call('setup.status', {})).toMatchObject({ kind: 'supplementary' });

    expect(collegeWordsIn(said.join('\n'), 'supplementary')).toEqual([]);
  });
});
