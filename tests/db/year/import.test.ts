// The importer with real .xlsx files written by exceljs: a dry run names every problem by row and
// column and writes nothing; rows with problems block the import until fixed or skipped; then one
// transaction writes the clean rows. Real names and dates as people type them.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { JournalDb } from '../../../db/connect.js';
import { ONE_TIME_COST } from '../../../db/passwords.js';
import { readSheet } from '../../../electron/export/xlsx-read.js';
import { rosterOn } from '../../../electron/services/rosters.js';
import { describeEachDb, freshDb, type FreshDb } from '../../support/databases.js';
import { makeDeps, refused, TestClient } from '../../support/harness.js';
import { ADMIN, seedInstitution } from '../../support/institution.js';
import { addUser, auditCount, excelDate, openCollegeYear, runImportJob, STAFF_PASSWORD, xlsx } from './helpers.js';
import { BROKEN, studentFile } from './student-file.js';

const admission = { date: '2026-09-01', orderNo: '112-к', orderDate: '2026-08-25' };
const backupNote = (name: string | null) => (name ? ` Перед загрузкой сделана резервная копия ${name}.` : '');

describeEachDb('import from Excel', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let admin: TestClient;
  let setup: Awaited<ReturnType<typeof openCollegeYear>>;
  beforeEach(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await seedInstitution(handle);
    admin = await new TestClient(makeDeps(handle)).login(ADMIN.login, ADMIN.password);
    setup = await openCollegeYear(admin);
  });
  afterEach(async () => {
    await handle.close();
    await fresh.drop();
  });

  const studentCount = async () => (await handle.db.selectFrom('students').select('id').execute()).length;

  it('reports exactly the 5 bad rows of 500 and imports nothing until they are skipped', async () => {
    const file = await studentFile(true);
    const audits = await auditCount(handle);
    const dry = await runImportJob(admin, { list: 'students', file, dryRun: true, skipBad: false, admission });
    expect([dry.total, dry.good, dry.bad, dry.imported]).toEqual([500, 495, 5, false]);
    expect(dry.problems.map((p) => [p.row, p.column])).toEqual(BROKEN.map((b) => [b.excelRow, b.column]));
    dry.problems.forEach((p, i) => expect(p.message).toContain(BROKEN[i]!.contains));
    expect(dry.summary).toBe(
      'Пробный прогон: в порядке 495 строк, с ошибками 5 строк. Ничего не загружено: исправьте файл или загрузите, ' +
        'пропустив строки с ошибками.',
    );
    const blocked = await runImportJob(admin, { list: 'students', file, dryRun: false, skipBad: false, admission });
    expect([blocked.imported, blocked.created, blocked.bad]).toEqual([false, 0, 5]);
    expect(await studentCount()).toBe(0);
    expect(await auditCount(handle)).toBe(audits);

    const skipped = await runImportJob(admin, { list: 'students', file, dryRun: false, skipBad: true, admission });
    expect([skipped.imported, skipped.created, skipped.updated, skipped.skipped]).toEqual([true, 495, 0, 5]);
    // A checked safety copy is taken before writing (issue 9); PostgreSQL has no file to copy.
    expect(skipped.backup).toEqual(
      kind === 'sqlite' ? expect.stringMatching(/^journal_\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d_import\.sqlite$/) : null,
    );
    expect(dry.backup).toBeNull();
    expect(blocked.backup).toBeNull();
    expect(skipped.summary).toBe(
      `Загружено обучающихся: новых 495, обновлено 0; пропущено 5 строк с ошибками.${backupNote(skipped.backup)}`,
    );
    expect(await studentCount()).toBe(495);
    expect(
      (await rosterOn(handle.db, setup.g1.id, '2026-09-01')).length +
        (await rosterOn(handle.db, setup.g2.id, '2026-09-01')).length,
    ).toBe(495);
    const log = await handle.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'import.students')
      .execute();
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!.after!)).toMatchObject({
      rows: 500,
      created: 495,
      skippedRows: [13, 122, 252, 335, 500],
    });
  });

  it('imports all 500 once the 5 rows are fixed, with real names and dates as typed', async () => {
    const report = await runImportJob(admin, {
      list: 'students',
      file: await studentFile(false),
      dryRun: false,
      skipBad: false,
      admission,
    });
    expect([report.imported, report.created, report.bad, report.problems]).toEqual([true, 500, 0, []]);
    const rows = await handle.db
      .selectFrom('students')
      .select(['last_name', 'first_name', 'middle_name', 'birth_date'])
      .orderBy('id')
      .limit(12)
      .execute();
    expect(rows.map((r) => [r.last_name, r.first_name, r.middle_name, r.birth_date])).toEqual([
      ['Ёлкина-Смирнова', 'Анна', 'Сергеевна', '2008-01-01'],
      ['Иванов', 'Алёна', null, '2008-01-02'],
      ['Петрова', 'Мария', 'Ивановна', '2008-01-03'],
      ['Римский-Корсаков', 'Илья', 'Андреевич', '2008-01-04'],
      ['Фёдоров', 'Семён', 'Петрович', '2008-01-05'],
      ['Ли', 'Олег', null, '2008-01-06'],
      ["О'Нил", 'Артём', 'Олегович', '2008-01-07'],
      ['Салтыков-Щедрин', 'Пётр', 'Викторовна', '2008-01-08'],
      ['Жуковская', 'Анна-Мария', null, '2008-01-09'],
      ['Ёжиков', 'Николай', 'Ильич', '2008-01-10'],
      ['Шевчук', 'Дарья', 'Игоревна', '2008-01-11'],
      ['Ким', 'Юлия', null, '2008-01-12'],
    ]);
    const guardian = await handle.db.selectFrom('guardians').selectAll().orderBy('id').executeTakeFirstOrThrow();
    expect([guardian.full_name, guardian.relation, guardian.phone]).toEqual([
      'Ёлкина Мария Петровна',
      'мать',
      '+7 912 345-67-89',
    ]);
    // The same file again: every row is already enrolled this year.
    const again = await runImportJob(admin, {
      list: 'students',
      file: await studentFile(false),
      dryRun: true,
      skipBad: false,
      admission,
    });
    expect(again.bad).toBe(500);
    expect(again.problems[0]!.message).toBe(
      'Ёлкина-Смирнова Анна (01.01.2008) уже числится в группе ЭС-11 с 01.09.2026: повторно не зачисляется',
    );
  });

  it('reads one «ФИО» column, per-row orders, and names problems with orders outside the year', async () => {
    const file = await xlsx(
      ['№', 'ФИО', 'Дата рождения', 'Группа', 'Приказ о зачислении №', 'Дата приказа', 'Дата зачисления', 'E-mail'],
      [
        [
          1,
          'Мамедов Эльчин Рашид оглы',
          excelDate('2009-03-04'),
          'ЭС-11',
          '7-к',
          '10.09.2026',
          '11.09.2026',
          'elchin@mail.example',
        ],
        [2, 'Ли Анна', '01.09.2010', 'ЭС-21', null, null, null, null],
        [3, 'Без Имени', '2010-01-01', 'ЭС-21', '8-к', '01.03.2026', '01.10.2026', 'не почта'],
        [4, 'Одинокий', '02.02.2010', 'ЭС-21', '9-к', '01.10.2026', '01.10.2026', null],
      ],
      { title: 'Список обучающихся на 01.09.2026' },
    );
    const r = await runImportJob(admin, { list: 'students', file, dryRun: true, skipBad: false });
    expect(r.problems.map((p) => `строка ${p.row}${p.column ? `, столбец «${p.column}»` : ''}: ${p.message}`)).toEqual([
      'строка 4, столбец «Приказ о зачислении №»: не указан номер приказа о зачислении: заполните столбец или ' +
        'укажите приказ при загрузке',
      'строка 4, столбец «Дата приказа»: не указана дата приказа о зачислении',
      'строка 4, столбец «Дата зачисления»: не указана дата зачисления',
      'строка 5, столбец «E-mail»: «не почта» — не адрес электронной почты',
      'строка 5, столбец «Дата приказа»: Дата приказа 01.03.2026 вне учебного года 2026/2027: приказ может быть ' +
        'издан с 01.06.2026 по 31.08.2027',
      'строка 6, столбец «ФИО»: «Одинокий»: нужны хотя бы фамилия и имя',
    ]);
    const ok = await runImportJob(admin, { list: 'students', file, dryRun: false, skipBad: true });
    expect(ok.created).toBe(1);
    const s = await handle.db.selectFrom('students').selectAll().executeTakeFirstOrThrow();
    expect([s.last_name, s.first_name, s.middle_name, s.birth_date, s.email]).toEqual([
      'Мамедов',
      'Эльчин',
      'Рашид оглы',
      '2009-03-04',
      'elchin@mail.example',
    ]);
    const e = await handle.db.selectFrom('enrolments').selectAll().executeTakeFirstOrThrow();
    expect([e.order_no, e.order_date, e.from_date]).toEqual(['7-к', '2026-09-10', '2026-09-11']);
  });

  it('refuses a file that is not .xlsx, and a sheet without the needed columns', async () => {
    expect(
      (
        await refused(
          admin.call('import.start', {
            list: 'students',
            file: Buffer.from('Фамилия;Имя\n').toString('base64'),
            fileName: 'список.csv',
            dryRun: true,
            skipBad: false,
          }),
          'bad_request',
        )
      ).message,
    ).toBe(
      'Это не таблица Excel .xlsx (внутри не архив книги). Откройте его в Excel (или LibreOffice) и сохраните как ' +
        '«Книга Excel (*.xlsx)»',
    );
    const r = await runImportJob(admin, {
      list: 'students',
      file: await xlsx(['Фамилия', 'Имя'], [['Иванов', 'Иван']]),
      dryRun: false,
      skipBad: true,
      admission,
    });
    expect(r.imported).toBe(false);
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [1, 'Дата рождения'],
      [1, 'Группа'],
    ]);
    expect(r.summary).toContain('Файл не принят');
  });

  it('imports staff with logins made from names, roles, and one-time passwords that must be changed', async () => {
    const file = await xlsx(
      ['Фамилия', 'Имя', 'Отчество', 'Логин', 'Должность', 'Роли', 'Отделение', 'E-mail'],
      [
        ['Ёлкина', 'Ольга', 'Петровна', null, 'преподаватель', null, null, 'elkina@college.example'],
        ['Петров', 'Пётр', null, 'petrov', 'заведующий отделением', 'Преподаватель, заведующий отделением', 'ЭО', null],
        ['Сидоров', 'Иван', null, null, null, 'куратор', null, null],
        ['Козлов', 'Кирилл', null, 'Petrov', null, null, null, null],
        ['Ёлкина', 'Ольга', 'Петровна', null, null, null, null, null],
        ['Зайцева', 'Зоя', null, null, null, 'заведующий отделением', 'Нет такого', null],
      ],
    );
    const r = await runImportJob(admin, { list: 'users', file, dryRun: false, skipBad: true });
    expect(r.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [4, 'Роли', 'куратора назначают в карточке группы, а не при загрузке сотрудников'],
      [5, 'Логин', 'логин «Petrov» уже занят'],
      [6, null, 'повтор: Ёлкина Ольга уже есть в строке 2'],
      [7, 'Отделение', 'отделения «Нет такого» нет: ЭО'],
    ]);
    expect(r.credentials.map((c) => [c.login, c.fullName])).toEqual([
      ['elkina.op', 'Ёлкина Ольга Петровна'],
      ['petrov', 'Петров Пётр'],
    ]);
    const roles = await handle.db
      .selectFrom('user_roles as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['u.login', 'r.role', 'r.department_id'])
      .where('u.login', 'in', ['elkina.op', 'petrov'])
      .orderBy('u.login')
      .orderBy('r.role')
      .execute();
    expect(roles.map((x) => [x.login, x.role, x.department_id])).toEqual([
      ['elkina.op', 'teacher', null],
      ['petrov', 'dept_head', setup.dept.id],
      ['petrov', 'teacher', null],
    ]);
    // A generated one-time password is hashed at the one-time cost, as the admin's new accounts are (db/passwords.ts).
    const hashes = await handle.db
      .selectFrom('users')
      .select('password_hash')
      .where('login', 'in', ['elkina.op', 'petrov']);
    for (const { password_hash } of await hashes.execute()) {
      expect(password_hash.split('$').slice(0, 2)).toEqual(['scrypt', String(ONE_TIME_COST)]);
    }
    const teacher = new TestClient(makeDeps(handle));
    const me = await teacher.call('auth.login', { login: 'elkina.op', password: r.credentials[0]!.password });
    expect(me.mustChangePassword).toBe(true);
    await refused(teacher.call('home.summary', {}), 'password_change');
  });

  it('imports the subject catalogue: modules first, МДК inside them, codes checked', async () => {
    const file = await xlsx(
      ['Код', 'Наименование', 'Вид', 'Входит в модуль'],
      [
        ['ОП.01', 'Инженерная графика', null, null],
        ['ПМ.01', 'Обслуживание электрооборудования', 'ПМ', null],
        ['мдк 01.01', 'Устройство электрооборудования', null, null],
        ['МДК.01.02', 'Техническое обслуживание', 'МДК', 'ПМ.01'],
        ['МДК.02.01', 'Чужой модуль', 'МДК', 'ПМ.01'],
        ['УП.01', 'Учебная практика', 'практика', 'ПМ.01'],
        ['ОП.01', 'Инженерная графика', null, null],
        ['ПМ-2', 'Плохой код', 'ПМ', null],
        [null, 'Робототехника', 'программа', null],
        ['ОП.02', null, null, null],
        ['ОП.03', 'Электротехника', 'факультатив', null],
      ],
    );
    const r = await runImportJob(admin, { list: 'subjects', file, dryRun: false, skipBad: true });
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [6, 'Входит в модуль'],
      [8, null],
      [9, 'Код'],
      [11, 'Наименование'],
      [12, 'Вид'],
    ]);
    expect(r.problems[0]!.message).toBe('МДК.02.01 не может входить в ПМ.01: номер модуля в коде — 02');
    const subjects = await admin.call('subjects.list', {});
    expect(subjects.map((s) => [s.code, s.kind, s.parentCode])).toEqual([
      ['МДК.01.01', 'mdk', 'ПМ.01'],
      ['МДК.01.02', 'mdk', 'ПМ.01'],
      ['ОП.01', 'discipline', null],
      ['ПМ.01', 'pm', null],
      ['УП.01', 'practice', 'ПМ.01'],
      [null, 'programme', null],
    ]);
    const again = await runImportJob(admin, { list: 'subjects', file, dryRun: true, skipBad: false });
    expect(again.problems.find((p) => p.row === 2)!.message).toBe(
      'ОП.01 «Инженерная графика» уже есть в справочнике (дисциплина)',
    );
  });

  it("imports a thematic plan into the teacher's own journal and warns when hours differ from the load", async () => {
    const teacherId = await addUser(handle, 'teacher', 'Учителева', 'Ульяна');
    await addUser(handle, 'other', 'Другая', 'Дина');
    const math = await admin.call('subjects.save', {
      code: 'ОУД.04',
      name: 'Математика',
      kind: 'discipline',
      parentId: null,
    });
    const j = await admin.call('journals.create', {
      groupId: setup.g1.id,
      subjectId: math.id,
      subgroupId: null,
      teacherUserId: teacherId,
      hours: [{ periodId: setup.year.periods[0]!.id, hours: 8 }],
    });
    const teacher = await new TestClient(makeDeps(handle)).login('teacher', STAFF_PASSWORD);
    const file = await xlsx(
      ['№', 'Раздел', 'Тема', 'Часы', 'Вид занятия', 'Домашнее задание'],
      [
        [1, 'Раздел 1. Числа', 'Действительные числа', 2, 'лекция', '§ 1'],
        [2, null, 'Приближённые вычисления', 2, 'практическое', null],
        [3, null, 'Контрольная работа', '2', 'контрольная', null],
        [4, null, 'Лишняя тема', 'два', 'семинар', null],
      ],
    );
    const r = await runImportJob(teacher, { list: 'plan', journalId: j.id, file, dryRun: false, skipBad: true });
    expect(r.problems.map((p) => [p.row, p.column, p.message])).toEqual([[5, 'Часы', '«два» — не целое число']]);
    expect(r.summary).toBe(
      `Загружено тем плана: новых 3, обновлено 0; пропущено 1 строка с ошибками. Внимание: в плане 6 ч, а по ` +
        `нагрузке 8 ч.${backupNote(r.backup)}`,
    );
    const plan = await teacher.call('plans.get', { journalId: j.id });
    expect(plan.topics.map((t) => [t.seq, t.section, t.title, t.lessonKind])).toEqual([
      [1, 'Раздел 1. Числа', 'Действительные числа', 'lecture'],
      [2, 'Раздел 1. Числа', 'Приближённые вычисления', 'practical'],
      [3, 'Раздел 1. Числа', 'Контрольная работа', 'test'],
    ]);
    const again = await runImportJob(teacher, { list: 'plan', journalId: j.id, file, dryRun: false, skipBad: true });
    expect([again.created, again.updated]).toEqual([0, 3]);
    expect((await teacher.call('plans.get', { journalId: j.id })).topics[0]!.id).toBe(plan.topics[0]!.id);
    const other = await new TestClient(makeDeps(handle)).login('other', STAFF_PASSWORD);
    await handle.db
      .insertInto('user_roles')
      .values({
        user_id: (
          await handle.db.selectFrom('users').select('id').where('login', '=', 'other').executeTakeFirstOrThrow()
        ).id,
        role: 'teacher',
        department_id: null,
        group_id: null,
      })
      .execute();
    await refused(
      other.call('import.start', {
        list: 'plan',
        journalId: j.id,
        file: file.toString('base64'),
        dryRun: true,
        skipBad: false,
      }),
      'forbidden',
    );
  });

  it('imports the timetable, resolving journals and refusing clashes with the year and within the file', async () => {
    const t1 = await addUser(handle, 'ivanova', 'Иванова', 'Ольга');
    const t2 = await addUser(handle, 'petrov', 'Петров', 'Пётр');
    const math = await admin.call('subjects.save', {
      code: 'ОУД.04',
      name: 'Математика',
      kind: 'discipline',
      parentId: null,
    });
    const eng = await admin.call('subjects.save', {
      code: 'ОУД.03',
      name: 'Иностранный язык',
      kind: 'discipline',
      parentId: null,
    });
    const m1 = await admin.call('journals.create', {
      groupId: setup.g1.id,
      subjectId: math.id,
      subgroupId: null,
      teacherUserId: t1,
      hours: [],
    });
    await admin.call('journals.create', {
      groupId: setup.g2.id,
      subjectId: math.id,
      subgroupId: null,
      teacherUserId: t1,
      hours: [],
    });
    const s1 = await admin.call('subgroups.save', { groupId: setup.g2.id, number: 1, title: null, studentIds: [] });
    const s2 = await admin.call('subgroups.save', { groupId: setup.g2.id, number: 2, title: null, studentIds: [] });
    await admin.call('journals.create', {
      groupId: setup.g2.id,
      subjectId: eng.id,
      subgroupId: s1.id,
      teacherUserId: t2,
      hours: [],
    });
    await admin.call('journals.create', {
      groupId: setup.g2.id,
      subjectId: eng.id,
      subgroupId: s2.id,
      teacherUserId: t1,
      hours: [],
    });
    await admin.call('timetable.save', { journalId: m1.id, weekday: 1, lessonNo: 1, parity: 'all', room: '204' });
    const file = await xlsx(
      ['Группа', 'День недели', '№ занятия', 'Неделя', 'Дисциплина', 'Подгруппа', 'Преподаватель', 'Аудитория'],
      [
        ['ЭС-21', 'Понедельник', 1, null, 'ОУД.04', null, null, '301'],
        ['ЭС-21', 'вт', 2, 'нечётная', 'Иностранный язык', 1, null, '11'],
        ['ЭС-21', 'вт', 2, 'нечётная', 'Иностранный язык', 2, null, '12'],
        ['ЭС-21', 'ср', 3, 'чётная', 'ОУД.04 Математика', null, 'иванова  о.', '204'],
        ['ЭС-11', 'ср', 3, 'чётная', 'Математика', null, null, '205'],
        ['ЭС-21', 'чт', 9, null, 'Математика', null, null, null],
        ['ЭС-21', 'воскр.', 1, null, 'Иностранный язык', null, null, null],
        ['ЭС-21', 'пятница', 1, null, 'Физика', null, null, null],
        ['ЭС-21', 'пятница', 2, null, 'Иностранный язык', null, 'petrov', '11'],
      ],
    );
    const r = await runImportJob(admin, { list: 'timetable', file, dryRun: false, skipBad: true });
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [2, '№ занятия'],
      [6, '№ занятия'],
      [7, '№ занятия'],
      [8, 'Подгруппа'],
      [9, 'Дисциплина'],
    ]);
    expect(r.problems[0]!.message).toBe(
      'накладка: Преподаватель Иванова О. в понедельник, 1-е занятие (каждая неделя) уже ведёт «Математика» в ' +
        'группе ЭС-11',
    );
    expect(r.problems[1]!.message).toBe(
      'накладка: Преподаватель Иванова О. в среду, 3-е занятие (чётная неделя) уже ведёт «Математика» в группе ' +
        'ЭС-21 (строка 5)',
    );
    expect(r.problems[2]!.message).toBe('номер занятия 9 вне диапазона: в день от 1 до 8 занятий');
    expect(r.problems[3]!.message).toContain('несколько журналов');
    expect(r.problems[4]!.message).toBe('у группы ЭС-21 нет журнала «Физика»: сначала назначьте нагрузку');
    expect(r.created).toBe(4);
    expect(await admin.call('timetable.clashes', { yearId: setup.year.id })).toEqual([]);
    const exported = await admin.call('lists.export', { list: 'timetable', yearId: setup.year.id });
    const sheet = await readSheet(Buffer.from(exported.base64, 'base64'));
    expect(
      sheet.rows.map((x) => [
        x['Группа'],
        x['День недели'],
        x['№ занятия'],
        x['Неделя'],
        x['Подгруппа'],
        x['Аудитория'],
      ]),
    ).toEqual([
      ['ЭС-11', 'понедельник', 1, 'каждая', null, '204'],
      ['ЭС-21', 'вторник', 2, 'нечётная', 1, '11'],
      ['ЭС-21', 'вторник', 2, 'нечётная', 2, '12'],
      ['ЭС-21', 'среда', 3, 'чётная', null, '204'],
      ['ЭС-21', 'пятница', 2, 'каждая', 1, '11'],
    ]);
    // The exported timetable loads back as «already there», not as new rows.
    const back = await runImportJob(admin, {
      list: 'timetable',
      file: Buffer.from(exported.base64, 'base64'),
      dryRun: true,
      skipBad: false,
    });
    expect(back.problems.every((p) => p.message.startsWith('это занятие уже есть в расписании'))).toBe(true);
    expect(back.bad).toBe(5);
  });

  it('gives a template for every list, and exports lists in the same columns', async () => {
    for (const list of ['students', 'users', 'subjects', 'plan', 'timetable'] as const) {
      const t = await admin.call('lists.template', { list });
      const bytes = Buffer.from(t.base64, 'base64');
      const first = await readSheet(bytes);
      expect(first.rows).toEqual([]);
      const example = await readSheet(bytes, 'Пример');
      expect(example.headers).toEqual(first.headers);
      expect(example.rows).toHaveLength(1);
      // The example row itself passes a dry run's header check.
      expect(first.headers.length).toBeGreaterThan(3);
    }
    const studentsTemplate = await readSheet(
      Buffer.from((await admin.call('lists.template', { list: 'students' })).base64, 'base64'),
    );
    await runImportJob(admin, {
      list: 'students',
      file: await studentFile(false),
      dryRun: false,
      skipBad: false,
      admission,
    });
    const exported = await admin.call('lists.export', { list: 'students', groupId: setup.g1.id });
    expect(exported.fileName).toBe('Обучающиеся ЭС-11 2026-2027.xlsx');
    const sheet = await readSheet(Buffer.from(exported.base64, 'base64'));
    expect(sheet.headers).toEqual(studentsTemplate.headers);
    expect(sheet.rows).toHaveLength(250);
    expect(sheet.rows[0]!['Группа']).toBe('ЭС-11');
    expect(
      sheet.rows
        .filter((x) => x['Фамилия'] === 'Ёлкина-Смирнова')
        .map((x) => (x['Дата рождения'] as Date).toISOString().slice(0, 10)),
    ).toContain('2008-01-01');
    // Russian order: Ё sorts with Е, after Д and before Ж.
    const lastNames = [...new Set(sheet.rows.map((x) => x['Фамилия'] as string))];
    expect(lastNames.indexOf('Ёлкина-Смирнова')).toBeGreaterThan(lastNames.indexOf('Ёжиков'));
    expect(lastNames.indexOf('Ёжиков')).toBeLessThan(lastNames.indexOf('Жуковская'));
  });
});
