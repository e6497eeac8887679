// Students and the orders that move them: admission, transfer, withdrawal; the roster of a day from
// the orders; earlier marks kept after withdrawal; the movements report; undoing a wrong order.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { JournalDb } from '../../../db/connect.js';
import { readSheet } from '../../../electron/export/xlsx-read.js';
import { rosterBetween, rosterOn } from '../../../electron/services/rosters.js';
import { describeEachDb, freshDb, type FreshDb } from '../../support/databases.js';
import { makeDeps, refused, TestClient } from '../../support/harness.js';
import { ADMIN, seedInstitution } from '../../support/institution.js';
import { addUser, auditCount, openCollegeYear, STAFF_PASSWORD } from './helpers.js';

const person = (last: string, first: string, middle: string | null, birthDate: string) => ({
  lastName: last,
  firstName: first,
  middleName: middle,
  birthDate,
  personalFileNo: null,
  phone: '+7 900 000-00-01',
  email: null,
  address: 'г. Южноуральск',
  notes: null,
});

describeEachDb('students and enrolment orders', (kind) => {
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

  const names = (list: Array<{ lastName: string }>) => list.map((s) => s.lastName);

  it('admits, transfers and withdraws by order; the roster of any day follows the orders', async () => {
    const { g1, g2 } = setup;
    const a = await admin.call('students.create', {
      ...person('Ёлкина-Смирнова', 'Анна', null, '2010-09-01'),
      admission: { groupId: g1.id, date: '2026-09-01', orderNo: '112-к', orderDate: '2026-08-25' },
    });
    expect(a.fullName).toBe('Ёлкина-Смирнова Анна');
    expect(a.enrolments).toMatchObject([
      {
        groupName: 'ЭС-11',
        fromDate: '2026-09-01',
        untilDate: null,
        reason: 'admission',
        orderNo: '112-к',
        orderDate: '2026-08-25',
      },
    ]);
    const b = await admin.call('students.create', {
      ...person('Петров', 'Пётр', 'Петрович', '2010-02-03'),
      admission: { groupId: g1.id, date: '2026-10-01', orderNo: '140-к', orderDate: '2026-09-28' },
    });

    await admin.call('enrolments.transfer', {
      studentIds: [a.id],
      toGroupId: g2.id,
      date: '2026-11-02',
      orderNo: '200-к',
      orderDate: '2026-10-30',
    });
    await admin.call('enrolments.withdraw', {
      studentIds: [b.id],
      reason: 'withdrawal',
      date: '2026-11-10',
      orderNo: '210-к',
      orderDate: '2026-11-09',
    });

    expect(names(await rosterOn(handle.db, g1.id, '2026-09-15'))).toEqual(['Ёлкина-Смирнова']);
    expect(names(await rosterOn(handle.db, g1.id, '2026-10-15'))).toEqual(['Ёлкина-Смирнова', 'Петров']);
    expect(names(await rosterOn(handle.db, g1.id, '2026-11-02'))).toEqual(['Петров']);
    expect(names(await rosterOn(handle.db, g1.id, '2026-11-10'))).toEqual([]);
    expect(names(await rosterOn(handle.db, g2.id, '2026-11-02'))).toEqual(['Ёлкина-Смирнова']);
    const list = await admin.call('students.list', { groupId: g1.id, date: '2026-11-05' });
    expect(list.students.map((s) => [s.lastName, s.present, s.untilDate])).toEqual([['Петров', true, '2026-11-10']]);
    const all = await admin.call('students.list', { groupId: g1.id, date: '2026-11-20', includeLeft: true });
    expect(all.students.map((s) => [s.lastName, s.present, s.untilDate])).toEqual([
      ['Ёлкина-Смирнова', false, '2026-11-02'],
      ['Петров', false, '2026-11-10'],
    ]);
    const card = await admin.call('students.get', { id: a.id });
    expect(card.enrolments.map((e) => [e.groupName, e.fromDate, e.untilDate, e.endReason])).toEqual([
      ['ЭС-11', '2026-09-01', '2026-11-02', 'transfer'],
      ['ЭС-21', '2026-11-02', null, null],
    ]);
  });

  it(
    'refuses overlapping enrolments, withdrawal before admission and orders outside the year — nothing ' + 'changed',
    async () => {
      const { g1, g2 } = setup;
      const a = await admin.call('students.create', {
        ...person('Иванов', 'Иван', null, '2010-05-05'),
        admission: { groupId: g1.id, date: '2026-10-01', orderNo: '140-к', orderDate: '2026-09-28' },
      });
      const before = await auditCount(handle);
      const students = async () => (await handle.db.selectFrom('students').select('id').execute()).length;
      const enrolments = async () => await handle.db.selectFrom('enrolments').selectAll().execute();
      const snapshot = JSON.stringify(await enrolments());

      expect(
        (
          await refused(
            admin.call('enrolments.admit', {
              studentId: a.id,
              groupId: g2.id,
              date: '2026-11-01',
              orderNo: '1',
              orderDate: '2026-10-30',
            }),
            'bad_request',
          )
        ).message,
      ).toBe(
        'Иванов И. уже числится в группе ЭС-11 с 01.10.2026 (приказ № 140-к от 28.09.2026): зачисления не могут ' +
          'пересекаться — сначала переведите или отчислите',
      );
      expect(
        (
          await refused(
            admin.call('enrolments.withdraw', {
              studentIds: [a.id],
              reason: 'withdrawal',
              date: '2026-09-20',
              orderNo: '2',
              orderDate: '2026-09-19',
            }),
            'bad_request',
          )
        ).message,
      ).toBe(
        'Иванов И. не может быть отчислен(а) с 20.09.2026: в группу ЭС-11 зачислен(а) только с 01.10.2026 (приказ № ' +
          '140-к от 28.09.2026)',
      );
      expect(
        (
          await refused(
            admin.call('enrolments.transfer', {
              studentIds: [a.id],
              toGroupId: g2.id,
              date: '2026-10-01',
              orderNo: '3',
              orderDate: '2026-09-30',
            }),
            'bad_request',
          )
        ).message,
      ).toContain('не может быть переведён(а) с 01.10.2026');
      expect(
        (
          await refused(
            admin.call('enrolments.withdraw', {
              studentIds: [a.id],
              reason: 'withdrawal',
              date: '2027-09-10',
              orderNo: '4',
              orderDate: '2027-09-10',
            }),
            'bad_request',
          )
        ).message,
      ).toBe('Дата отчисления 10.09.2027 вне учебного года 2026/2027 (01.09.2026–31.08.2027)');
      expect(
        (
          await refused(
            admin.call('enrolments.withdraw', {
              studentIds: [a.id],
              reason: 'withdrawal',
              date: '2026-12-01',
              orderNo: '5',
              orderDate: '2026-03-01',
            }),
            'bad_request',
          )
        ).message,
      ).toBe('Дата приказа 01.03.2026 вне учебного года 2026/2027: приказ может быть издан с 01.06.2026 по 31.08.2027');
      expect(
        (
          await refused(
            admin.call('students.create', {
              ...person('Новиков', 'Олег', null, '2010-01-01'),
              admission: { groupId: g1.id, date: '2027-09-01', orderNo: '6', orderDate: '2027-08-30' },
            }),
            'bad_request',
          )
        ).message,
      ).toBe('Дата зачисления 01.09.2027 вне учебного года 2026/2027 (01.09.2026–31.08.2027)');
      expect(
        (
          await refused(
            admin.call('students.create', {
              ...person('Новиков', 'Олег', null, '2030-01-01'),
              admission: { groupId: g1.id, date: '2026-10-01', orderNo: '6', orderDate: '2026-09-30' },
            }),
            'bad_request',
          )
        ).message,
      ).toBe('Дата рождения 01.01.2030 ещё не наступила');
      // One order for two students: the second is refused, so neither is withdrawn.
      const b = await admin.call('students.create', {
        ...person('Сидоров', 'Семён', null, '2010-01-01'),
        admission: { groupId: g1.id, date: '2026-11-01', orderNo: '7', orderDate: '2026-10-30' },
      });
      const afterB = await auditCount(handle);
      const snapshotB = JSON.stringify(await enrolments());
      await refused(
        admin.call('enrolments.withdraw', {
          studentIds: [a.id, b.id],
          reason: 'withdrawal',
          date: '2026-10-20',
          orderNo: '8',
          orderDate: '2026-10-20',
        }),
        'bad_request',
      );
      expect(JSON.stringify(await enrolments())).toBe(snapshotB);
      expect(await auditCount(handle)).toBe(afterB);
      expect(afterB).toBe(before + 1);
      expect(snapshotB).not.toBe(snapshot);
      expect(await students()).toBe(2);
    },
  );

  it('keeps the marks of a withdrawn student on the days they were in the group', async () => {
    const { year, g1 } = setup;
    const teacherId = await addUser(handle, 'sidorova', 'Сидорова', 'Анна');
    const math = await admin.call('subjects.save', {
      code: 'ОУД.04',
      name: 'Математика',
      kind: 'discipline',
      parentId: null,
    });
    const j = await admin.call('journals.create', {
      groupId: g1.id,
      subjectId: math.id,
      subgroupId: null,
      teacherUserId: teacherId,
      hours: [{ periodId: year.periods[0]!.id, hours: 40 }],
    });
    const s = await admin.call('students.create', {
      ...person('Петров', 'Пётр', null, '2010-02-03'),
      admission: { groupId: g1.id, date: '2026-09-01', orderNo: '112-к', orderDate: '2026-08-25' },
    });
    // A lesson with a mark and an absence before the withdrawal (the journal feature writes these; here, directly).
    const at = '2026-11-05T10:00:00.000Z';
    const lesson = await handle.db
      .insertInto('lessons')
      .values({
        journal_id: j.id,
        date: '2026-11-05',
        lesson_no: 1,
        hours: 2,
        plan_topic_id: null,
        topic: 'Числа',
        kind: 'lecture',
        homework: null,
        entered_on: '2026-11-05',
        created_at: at,
        created_by: teacherId,
        taught_by: teacherId,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const column = await handle.db
      .insertInto('work_columns')
      .values({ lesson_id: lesson.id, seq: 1, kind: 'oral', title: 'Устный ответ', weight: 1, release_on: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await handle.db
      .insertInto('marks')
      .values({
        column_id: column.id,
        student_id: s.id,
        value: '5',
        comment: null,
        updated_at: at,
        updated_by: teacherId,
      })
      .execute();

    await admin.call('enrolments.withdraw', {
      studentIds: [s.id],
      reason: 'withdrawal',
      date: '2026-11-16',
      orderNo: '230-к',
      orderDate: '2026-11-13',
    });
    const marks = await handle.db.selectFrom('marks').select(['value', 'student_id']).execute();
    expect(marks).toEqual([{ value: '5', student_id: s.id }]);
    const november = await rosterBetween(handle.db, g1.id, '2026-11-01', '2026-11-30');
    expect(november.map((r) => [r.lastName, r.untilDate])).toEqual([['Петров', '2026-11-16']]);
    expect(await rosterOn(handle.db, g1.id, '2026-11-16')).toEqual([]);
    // A wrong withdrawal is undone; an admission with marks behind it cannot be.
    const card = await admin.call('students.get', { id: s.id });
    await admin.call('enrolments.undo', { enrolmentId: card.enrolments[0]!.id, version: card.enrolments[0]!.version });
    expect((await rosterOn(handle.db, g1.id, '2026-11-20')).map((r) => r.lastName)).toEqual(['Петров']);
    const again = await admin.call('students.get', { id: s.id });
    expect(
      (
        await refused(
          admin.call('enrolments.undo', {
            enrolmentId: again.enrolments[0]!.id,
            version: again.enrolments[0]!.version,
          }),
          'bad_request',
        )
      ).message,
    ).toContain('уже есть отметки и пропуски в журналах группы после 01.09.2026 (1)');
  });

  it('shows the deputy the movements of a period on screen and in Excel', async () => {
    const { g1, g2 } = setup;
    await addUser(handle, 'deputy', 'Заместитель', 'Мария', [{ role: 'deputy' }]);
    const a = await admin.call('students.create', {
      ...person('Алексеев', 'Алексей', null, '2010-01-01'),
      admission: { groupId: g1.id, date: '2026-09-01', orderNo: '112-к', orderDate: '2026-08-25' },
    });
    const b = await admin.call('students.create', {
      ...person('Борисова', 'Бэлла', null, '2010-01-01'),
      admission: { groupId: g1.id, date: '2026-10-05', orderNo: '150-к', orderDate: '2026-10-02' },
    });
    await admin.call('enrolments.transfer', {
      studentIds: [a.id],
      toGroupId: g2.id,
      date: '2026-10-12',
      orderNo: '160-к',
      orderDate: '2026-10-09',
    });
    await admin.call('enrolments.withdraw', {
      studentIds: [b.id],
      reason: 'withdrawal',
      date: '2026-11-03',
      orderNo: '190-к',
      orderDate: '2026-11-02',
    });
    const deputy = await new TestClient(makeDeps(handle)).login('deputy', STAFF_PASSWORD);
    const view = await deputy.call('enrolments.movements', { from: '2026-10-01', to: '2026-11-30' });
    expect(view.rows.map((r) => [r.date, r.kind, r.studentName, r.groupName, r.fromGroupName, r.orderNo])).toEqual([
      ['2026-10-05', 'admission', 'Борисова Бэлла', 'ЭС-11', null, '150-к'],
      ['2026-10-12', 'transfer', 'Алексеев Алексей', 'ЭС-21', 'ЭС-11', '160-к'],
      ['2026-11-03', 'withdrawal', 'Борисова Бэлла', 'ЭС-11', null, '190-к'],
    ]);
    expect([view.arrived, view.left, view.moved]).toEqual([1, 1, 1]);
    const file = await deputy.call('enrolments.movementsXlsx', { from: '2026-10-01', to: '2026-11-30' });
    expect(file.fileName).toBe('Движение контингента 01.10.2026–30.11.2026.xlsx');
    const sheet = await readSheet(Buffer.from(file.base64, 'base64'));
    expect(sheet.headers).toEqual([
      'Дата',
      'Движение',
      'Обучающийся',
      'Группа',
      'Из группы',
      'Приказ №',
      'Дата приказа',
    ]);
    expect(sheet.rows.map((r) => [r['Движение'], r['Обучающийся'], r['Приказ №']])).toEqual([
      ['зачисление', 'Борисова Бэлла', '150-к'],
      ['перевод в другую группу', 'Алексеев Алексей', '160-к'],
      ['отчисление', 'Борисова Бэлла', '190-к'],
    ]);
    expect((sheet.rows[0]!['Дата'] as Date).toISOString().slice(0, 10)).toBe('2026-10-05');
  });

  it('hides personal data from those who may not see it and scopes rosters (152-ФЗ)', async () => {
    const { g1, g2, dept } = setup;
    await addUser(handle, 'curator1', 'Кураторова', 'Ксения');
    const curatorId = (
      await handle.db.selectFrom('users').select('id').where('login', '=', 'curator1').executeTakeFirstOrThrow()
    ).id;
    await admin.call('groups.update', {
      id: g1.id,
      version: g1.version,
      name: g1.name,
      course: 1,
      departmentId: dept.id,
      curatorUserId: curatorId,
      speciality: null,
    });
    await addUser(handle, 'head', 'Заведующая', 'Зоя', [{ role: 'dept_head', departmentId: dept.id }]);
    await addUser(handle, 'secretary', 'Секретарёва', 'Софья', [{ role: 'secretary' }]);
    await addUser(handle, 'director', 'Директоров', 'Дмитрий', [{ role: 'director' }]);
    await addUser(handle, 'deputy', 'Заместителева', 'Зинаида', [{ role: 'deputy' }]);
    const teacherId = await addUser(handle, 'teacher2', 'Учителева', 'Ульяна');
    const math = await admin.call('subjects.save', {
      code: 'ОУД.04',
      name: 'Математика',
      kind: 'discipline',
      parentId: null,
    });
    await admin.call('journals.create', {
      groupId: g1.id,
      subjectId: math.id,
      subgroupId: null,
      teacherUserId: teacherId,
      hours: [],
    });
    const s = await admin.call('students.create', {
      ...person('Тайнова', 'Таисия', null, '2010-07-07'),
      admission: { groupId: g1.id, date: '2026-09-01', orderNo: '1', orderDate: '2026-08-25' },
    });
    await admin.call('guardians.save', {
      studentId: s.id,
      fullName: 'Тайнова Мария Ивановна',
      relation: 'Мать',
      phone: '+7 900 111-22-33',
      email: null,
      address: 'ул. Мира, 1',
      parentLogin: null,
    });
    const other = await admin.call('students.create', {
      ...person('Чужой', 'Челси', null, '2009-01-01'),
      admission: { groupId: g2.id, date: '2026-09-01', orderNo: '1', orderDate: '2026-08-25' },
    });

    const as = (login: string) =>
      new TestClient(makeDeps(handle)).login(login, login === ADMIN.login ? ADMIN.password : STAFF_PASSWORD);
    for (const login of [ADMIN.login, 'director', 'curator1', 'head']) {
      const c = await as(login);
      const card = await c.call('students.get', { id: s.id });
      expect([login, card.personalData, card.birthDate, card.phone, card.address, card.guardians[0]!.phone]).toEqual([
        login,
        true,
        '2010-07-07',
        '+7 900 000-00-01',
        'г. Южноуральск',
        '+7 900 111-22-33',
      ]);
      expect((await c.call('students.list', { groupId: g1.id })).students[0]!.birthDate).toBe('2010-07-07');
    }
    for (const login of ['deputy', 'secretary', 'teacher2']) {
      const c = await as(login);
      const card = await c.call('students.get', { id: s.id });
      expect([login, card.personalData, card.fullName, card.birthDate, card.phone, card.email, card.address]).toEqual([
        login,
        false,
        'Тайнова Таисия',
        null,
        null,
        null,
        null,
      ]);
      expect(card.guardians[0]).toMatchObject({
        fullName: 'Тайнова Мария Ивановна',
        relation: 'мать',
        phone: null,
        address: null,
      });
      const list = await c.call('students.list', { groupId: g1.id });
      expect([list.personalData, list.students[0]!.birthDate, list.students[0]!.phone]).toEqual([false, null, null]);
      const file = await c.call('lists.export', { list: 'students', groupId: g1.id });
      const sheet = await readSheet(Buffer.from(file.base64, 'base64'));
      expect([sheet.rows[0]!['Фамилия'], sheet.rows[0]!['Дата рождения'], sheet.rows[0]!['Адрес']]).toEqual([
        'Тайнова',
        null,
        null,
      ]);
    }
    // Scope: the curator of ЭС-11 and a teacher of ЭС-11 do not see ЭС-21 or its students; the curator may not edit
    // them.
    const curator = await as('curator1');
    await refused(curator.call('students.list', { groupId: g2.id }), 'forbidden');
    await refused(curator.call('students.get', { id: other.id }), 'forbidden');
    await refused(
      curator.call('students.update', { id: other.id, version: 1, ...person('Чужой', 'Челси', null, '2009-01-01') }),
      'forbidden',
    );
    await refused((await as('teacher2')).call('students.list', { groupId: g2.id }), 'forbidden');
    expect(
      (await (await as('teacher2')).call('groups.list', { yearId: setup.year.id })).map((g) => [g.name, g.readable]),
    ).toEqual([
      ['ЭС-11', true],
      ['ЭС-21', false],
    ]);
    expect(
      (await (await as('secretary')).call('groups.list', { yearId: setup.year.id })).every((g) => g.readable),
    ).toBe(true);
    const edited = await curator.call('students.update', {
      id: s.id,
      version: 1,
      ...person('Тайнова', 'Таисия', 'Петровна', '2010-07-07'),
    });
    expect(edited.fullName).toBe('Тайнова Таисия Петровна');
    await refused(
      curator.call('students.update', { id: s.id, version: 1, ...person('Тайнова', 'Таисия', null, '2010-07-07') }),
      'conflict',
    );
  });

  it('links a guardian to an existing parent account and refuses a login that is not a parent', async () => {
    const { g1 } = setup;
    const s = await admin.call('students.create', {
      ...person('Сынов', 'Семён', null, '2010-07-07'),
      admission: { groupId: g1.id, date: '2026-09-01', orderNo: '1', orderDate: '2026-08-25' },
    });
    await addUser(handle, 'mama', 'Сынова', 'Мария', [{ role: 'parent' }]);
    await addUser(handle, 'notparent', 'Чужая', 'Чара', [{ role: 'teacher' }]);
    const g = await admin.call('guardians.save', {
      studentId: s.id,
      fullName: 'Сынова Мария',
      relation: 'мать',
      parentLogin: 'MAMA',
    });
    expect(g.userLogin).toBe('mama');
    expect(
      (
        await refused(
          admin.call('guardians.save', {
            studentId: s.id,
            fullName: 'Сынов Олег',
            relation: 'отец',
            parentLogin: 'notparent',
          }),
          'bad_request',
        )
      ).message,
    ).toBe('Учётная запись «notparent» — не родительская');
    expect(
      (
        await refused(
          admin.call('guardians.save', {
            studentId: s.id,
            fullName: 'Сынов Олег',
            relation: 'отец',
            parentLogin: 'nobody',
          }),
          'bad_request',
        )
      ).message,
    ).toContain('Учётной записи «nobody» нет');
    const parent = await new TestClient(makeDeps(handle)).login('mama', STAFF_PASSWORD);
    const home = await parent.call('home.summary', {});
    expect(home.children.map((c) => c.fullName)).toEqual(['Сынов Семён']);
  });
});
