// Import never loses a column (issue 13): every column of the file that is not loaded is named in the
// preview and the result; parents under headers people really write («Родитель (ФИО)», «Телефон
// матери») are recognised; a mapping chosen by the user is applied, remembered for files with the same
// headers and audited; a bad mapping changes nothing; a row's own order date is its enrolment date.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { JournalDb } from '../../../db/connect.js';
import type { ImportReport } from '../../../electron/api/contract.js';
import { describeEachDb, freshDb, type FreshDb } from '../../support/databases.js';
import { makeDeps, TestClient } from '../../support/harness.js';
import { ADMIN, seedInstitution } from '../../support/institution.js';
import { auditCount, excelDate, openCollegeYear, runImportJob, xlsx } from './helpers.js';

const admission = { date: '2026-09-01', orderNo: '112-к', orderDate: '2026-08-25' };

/** Every column of the file is either loaded into a field or named as not loaded — in the summary too. */
function expectNoColumnLost(report: ImportReport, headers: string[]) {
  expect(report.columns.map((c) => c.header)).toEqual(headers);
  for (const c of report.columns) {
    if (c.field === null) {
      expect(report.unloaded).toContain(c.header);
      expect(report.summary).toContain(`«${c.header}»`);
    } else expect(report.unloaded).not.toContain(c.header);
  }
}

describeEachDb('import: no column lost', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let admin: TestClient;
  beforeEach(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await seedInstitution(handle);
    admin = await new TestClient(makeDeps(handle)).login(ADMIN.login, ADMIN.password);
    await openCollegeYear(admin);
  });
  afterEach(async () => {
    await handle.close();
    await fresh.drop();
  });

  const guardians = () =>
    handle.db.selectFrom('guardians').select(['full_name', 'relation', 'phone']).orderBy('id').execute();

  it(
    'loads parents under common headers, names the unknown column, and enrols from the row’s own order ' + 'date',
    async () => {
      const headers = [
        '№',
        'ФИО ребёнка',
        'ДАТА РОЖДЕНИЯ',
        'Класс',
        'Приказ №',
        'Дата приказа',
        'Родитель (ФИО)',
        'Телефон родителя',
        'Хобби',
      ];
      const file = await xlsx(headers, [
        [
          1,
          'Ёлкина Анна Сергеевна',
          excelDate('2010-03-04'),
          'ЭС-11',
          '7-к',
          '10.09.2026',
          'Ёлкина Мария Петровна',
          '89123456789',
          'шахматы',
        ],
        [2, 'Ли Олег', '01.09.2010', 'ЭС-21', null, null, null, null, null],
      ]);
      const dry = await runImportJob(admin, { list: 'students', file, dryRun: true, skipBad: false, admission });
      expect(dry.columns.map((c) => [c.header, c.field, c.how])).toEqual([
        ['№', null, 'number'],
        ['ФИО ребёнка', 'full', 'auto'],
        ['ДАТА РОЖДЕНИЯ', 'birth', 'auto'],
        ['Класс', 'group', 'auto'],
        ['Приказ №', 'orderNo', 'auto'],
        ['Дата приказа', 'orderDate', 'auto'],
        ['Родитель (ФИО)', 'g1Name', 'auto'],
        ['Телефон родителя', 'g1Phone', 'auto'],
        ['Хобби', null, 'unknown'],
      ]);
      expect(dry.problems).toEqual([]);
      expect(dry.unloaded).toEqual(['№', 'Хобби']);
      expect(dry.summary).toBe(
        'Пробный прогон: все 2 строки в порядке, можно загружать. Столбец «Хобби» не распознан и не загружен. ' +
          'Номер по порядку («№») не загружается.',
      );
      expectNoColumnLost(dry, headers);
      expect(await guardians()).toEqual([]);

      const done = await runImportJob(admin, { list: 'students', file, dryRun: false, skipBad: false, admission });
      expect([done.imported, done.created]).toEqual([true, 2]);
      expect(done.summary).toContain('Столбец «Хобби» не распознан и не загружен.');
      expectNoColumnLost(done, headers);
      expect(await guardians()).toEqual([
        { full_name: 'Ёлкина Мария Петровна', relation: 'родитель', phone: '+7 912 345-67-89' },
      ]);
      const enrolments = await handle.db
        .selectFrom('enrolments')
        .select(['order_no', 'order_date', 'from_date'])
        .orderBy('id')
        .execute();
      expect(enrolments).toEqual([
        // Its own order, no enrolment date: enrolled from the order's date, not the admission's.
        { order_no: '7-к', order_date: '2026-09-10', from_date: '2026-09-10' },
        { order_no: '112-к', order_date: '2026-08-25', from_date: '2026-09-01' },
      ]);
      const log = await handle.db
        .selectFrom('audit_log')
        .select('after')
        .where('action', '=', 'import.students')
        .execute();
      expect(JSON.parse(log[0]!.after!)).toMatchObject({ unloadedColumns: ['№', 'Хобби'] });
    },
  );

  it('gives mother and father their own representative with the relation their header states', async () => {
    const file = await xlsx(
      ['Фамилия', 'Имя', 'Дата рождения', 'Группа', 'Мать', 'Телефон матери', 'Отец', 'Телефон отца'],
      [
        [
          'Петров',
          'Иван',
          '02.02.2010',
          'ЭС-11',
          'Петрова Ольга',
          '8 (912) 000-11-22',
          'Петров Сергей',
          '+79120003344',
        ],
      ],
    );
    const r = await runImportJob(admin, { list: 'students', file, dryRun: false, skipBad: false, admission });
    expect([r.imported, r.unloaded]).toEqual([true, []]);
    expect(await guardians()).toEqual([
      { full_name: 'Петрова Ольга', relation: 'мать', phone: '+7 912 000-11-22' },
      { full_name: 'Петров Сергей', relation: 'отец', phone: '+7 912 000-33-44' },
    ]);
  });

  it('applies a chosen mapping, remembers it for the same headers, and audits it', async () => {
    const headers = ['ФИО', 'Дата рождения', 'Группа', 'Контактное лицо', 'Кем приходится', 'Тел. контакта', 'Дата'];
    const rows = [['Ким Юлия', '05.05.2010', 'ЭС-21', 'Ким Ирина', 'бабушка', '89120001122', '01.10.2026']];
    const file = await xlsx(headers, rows);
    const before = await runImportJob(admin, { list: 'students', file, dryRun: true, skipBad: false, admission });
    expect(before.unloaded).toEqual(['Контактное лицо', 'Тел. контакта', 'Дата']);
    expect(before.columns.find((c) => c.header === 'Дата')).toMatchObject({
      how: 'ambiguous',
      candidates: ['orderDate', 'date'],
    });
    expect(before.summary).toContain('Столбцы «Контактное лицо», «Тел. контакта» не распознаны и не загружены.');
    expect(before.fields.map((f) => f.header)).toContain('Представитель 1: ФИО');
    expectNoColumnLost(before, headers);

    const mapping = { 'Контактное лицо': 'g1Name', 'Тел. контакта': 'g1Phone', Дата: 'date' };
    const audits = await auditCount(handle);
    const done = await runImportJob(admin, {
      list: 'students',
      file,
      dryRun: false,
      skipBad: false,
      admission,
      mapping,
    });
    expect([done.imported, done.unloaded, done.remembered]).toEqual([true, [], false]);
    expect(done.columns.map((c) => [c.field, c.how])).toEqual([
      ['full', 'auto'],
      ['birth', 'auto'],
      ['group', 'auto'],
      ['g1Name', 'chosen'],
      ['g1Relation', 'auto'],
      ['g1Phone', 'chosen'],
      ['date', 'chosen'],
    ]);
    expect(await guardians()).toEqual([{ full_name: 'Ким Ирина', relation: 'бабушка', phone: '+7 912 000-11-22' }]);
    const e = await handle.db.selectFrom('enrolments').select(['from_date', 'order_no']).executeTakeFirstOrThrow();
    expect(e).toEqual({ from_date: '2026-10-01', order_no: '112-к' });
    // One transaction: the students, the mapping and two audit rows (the import, the mapping).
    expect(await auditCount(handle)).toBe(audits + 2);
    const saved = await handle.db.selectFrom('import_mappings').selectAll().execute();
    expect(saved.map((m) => [m.list, JSON.parse(m.mapping)])).toEqual([['students', mapping]]);
    const log = await handle.db
      .selectFrom('audit_log')
      .select(['after', 'login'])
      .where('action', '=', 'import.mapping')
      .executeTakeFirstOrThrow();
    expect([log.login, JSON.parse(log.after!).mapping]).toEqual([ADMIN.login, mapping]);

    // Another file with the same headers (other order, other case): the remembered mapping applies.
    const next = await xlsx(
      ['тел. контакта', 'ФИО', 'Дата рождения', 'Группа', 'КОНТАКТНОЕ ЛИЦО', 'Кем приходится', 'Дата'],
      [['89125556677', 'Ли Анна', '06.06.2010', 'ЭС-21', 'Ли Павел', 'отец', '02.10.2026']],
    );
    const again = await runImportJob(admin, { list: 'students', file: next, dryRun: true, skipBad: false, admission });
    expect([again.remembered, again.unloaded, again.bad]).toEqual([true, [], 0]);
    expect(again.columns.map((c) => c.field)).toEqual([
      'g1Phone',
      'full',
      'birth',
      'group',
      'g1Name',
      'g1Relation',
      'date',
    ]);
    // A remembered choice of a field the list no longer has is dropped, and the column is named again.
    await handle.db
      .updateTable('import_mappings')
      .set({ mapping: JSON.stringify({ ...mapping, 'Контактное лицо': 'guardianOfOldVersion' }) })
      .execute();
    const stale = await runImportJob(admin, { list: 'students', file: next, dryRun: true, skipBad: false, admission });
    expect(stale.unloaded).toEqual(['КОНТАКТНОЕ ЛИЦО']);
    expect(stale.summary).toContain('Столбец «КОНТАКТНОЕ ЛИЦО» не распознан и не загружен.');
  });

  it('refuses a mapping to an unknown field or from a column the file lacks, and changes nothing', async () => {
    const file = await xlsx(
      ['ФИО', 'Дата рождения', 'Группа', 'Родитель'],
      [['Ли Анна', '06.06.2010', 'ЭС-21', 'Ли Павел']],
    );
    const audits = await auditCount(handle);
    const run = (mapping: Record<string, string | null>) =>
      runImportJob(admin, { list: 'students', file, dryRun: false, skipBad: false, admission, mapping }).then(
        () => 'loaded',
        (e: Error) => e.message,
      );
    const unknownField = await run({ Родитель: 'parentName' });
    expect(unknownField).toContain('Неизвестное поле «parentName». Допустимые поля: «Фамилия», «Имя»');
    expect(unknownField).toContain('«Представитель 1: ФИО»');
    expect(unknownField).toContain('«не загружать». Ничего не загружено.');
    expect(await run({ 'Родитель (ФИО)': 'g1Name' })).toBe(
      'В файле нет столбца «Родитель (ФИО)». Столбцы файла: «ФИО», «Дата рождения», «Группа», «Родитель». Ничего не ' +
        'загружено.',
    );
    expect((await handle.db.selectFrom('students').select('id').execute()).length).toBe(0);
    expect((await handle.db.selectFrom('import_mappings').select('id').execute()).length).toBe(0);
    expect(await auditCount(handle)).toBe(audits);
    // «Не загружать» is a choice: the column is named, the rest loads.
    const r = await runImportJob(admin, {
      list: 'students',
      file,
      dryRun: false,
      skipBad: false,
      admission,
      mapping: { Родитель: null },
    });
    expect([r.imported, r.unloaded]).toEqual([true, ['Родитель']]);
    expect(r.summary).toContain('Столбец «Родитель» не загружается (так выбрано).');
    expect(await guardians()).toEqual([]);
  });
});
