// 000 §3.5.1, §3.5.4: a centre's педагог forms the lists of their own объединения — enrols a child by
// order (a new one, or one the centre already knows: the same record, now in two объединения), withdraws
// by order, keeps the child's and the parents' data — and nothing outside them; in a college the
// curator and the administrator keep the lists as before.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../../db/connect.js';
import { generateDemo } from '../../../db/demo/index.js';
import { describeEachDb, freshDb, type FreshDb } from '../../support/databases.js';
import { DEMO_TODAY, SMALL_DEMO } from '../../support/fixtures.js';
import { makeDeps, refused, TestClient } from '../../support/harness.js';

const child = {
  lastName: 'Снегирёва',
  firstName: 'Алиса',
  middleName: 'Игоревна',
  birthDate: '2016-03-14',
  personalFileNo: null,
  phone: '+7 900 111-22-33',
  email: null,
  address: 'ул. Ленина, 5',
  notes: null,
};

async function counts(handle: JournalDb) {
  const n = async (table: 'students' | 'enrolments' | 'guardians' | 'audit_log') =>
    Number(
      (
        await handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    students: await n('students'),
    enrolments: await n('enrolments'),
    guardians: await n('guardians'),
    audit: await n('audit_log'),
  };
}

describeEachDb('a centre teacher keeps the lists of their объединения', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let teacher: TestClient;
  let admin: TestClient;
  let mine: number[];
  let notMine: number;
  /** A child of an объединение the teacher does not teach, with a birth date. */
  let outsider: { id: number; last_name: string; first_name: string; middle_name: string | null; birth_date: string };
  let stranger: number;

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await generateDemo(handle.db, { kind: 'supplementary', seed: 3, students: 40, groups: 5, today: DEMO_TODAY });
    const deps = makeDeps(handle, { today: DEMO_TODAY });
    teacher = await new TestClient(deps).login('teacher');
    admin = await new TestClient(deps).login('admin');
    mine = (await teacher.call('groups.mine', {})).map((g) => g.id);
    expect(mine.length).toBeGreaterThan(0);
    const open = await handle.db
      .selectFrom('groups as g')
      .innerJoin('academic_years as y', 'y.id', 'g.year_id')
      .select('g.id')
      .where('y.status', '=', 'open')
      .execute();
    notMine = open.map((g) => g.id).find((id) => !mine.includes(id))!;
    expect(notMine).toBeDefined();
    const inMine = await handle.db
      .selectFrom('enrolments')
      .select('student_id')
      .where('group_id', 'in', mine)
      .execute();
    const others = await handle.db
      .selectFrom('students as s')
      .innerJoin('enrolments as e', 'e.student_id', 's.id')
      .select(['s.id', 's.last_name', 's.first_name', 's.middle_name', 's.birth_date'])
      .where('e.group_id', '=', notMine)
      .where('e.until_date', 'is', null)
      .where('s.birth_date', 'is not', null)
      .where(
        's.id',
        'not in',
        inMine.map((e) => e.student_id),
      )
      .execute();
    expect(others.length).toBeGreaterThan(1);
    outsider = { ...others[0]!, birth_date: others[0]!.birth_date! };
    stranger = others[1]!.id;
  });
  afterAll(async () => {
    await handle.close();
    await fresh.drop();
  });

  it('lists their объединения with personal data, enrols a new child by order (dated by it by default)', async () => {
    const groups = await teacher.call('groups.mine', {});
    expect(groups.every((g) => g.programmes.length > 0 && g.students >= 0)).toBe(true);
    const roster = await teacher.call('students.list', { groupId: mine[0]! });
    expect(roster.personalData).toBe(true);

    const done = await teacher.call('enrolments.enrolChild', {
      groupId: mine[0]!,
      child,
      orderNo: '101-д',
      orderDate: '2026-11-20',
    });
    expect(done.existing).toBe(false);
    expect(done.otherGroups).toEqual([]);
    expect(done.student.fullName).toBe('Снегирёва Алиса Игоревна');
    expect(done.student.phone).toBe('+7 900 111-22-33');
    expect(done.student.canEdit).toBe(true);
    const e = await handle.db
      .selectFrom('enrolments')
      .selectAll()
      .where('id', '=', done.enrolmentId)
      .executeTakeFirst();
    expect([e?.group_id, e?.from_date, e?.order_no, e?.order_date, e?.reason]).toEqual([
      mine[0],
      '2026-11-20',
      '101-д',
      '2026-11-20',
      'admission',
    ]);
    const rows = await handle.db
      .selectFrom('audit_log')
      .select(['action', 'login'])
      .where('student_id', '=', done.student.id)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { action: 'students.create', login: 'teacher' },
      { action: 'enrolments.admit', login: 'teacher' },
    ]);
    // The same объединение twice over the same dates: refused, nothing written.
    const before = await counts(handle);
    const twice = await refused(
      teacher.call('enrolments.enrolChild', {
        groupId: mine[0]!,
        child: { ...child, lastName: 'снегирева ' },
        orderNo: '102-д',
        orderDate: '2026-11-21',
      }),
      'bad_request',
    );
    expect(twice.message).toMatch(/уже занимается в объединении .* нельзя зачислить дважды/);
    expect(await counts(handle)).toEqual(before);
  });

  it('enrols a child the centre already knows (another объединение): one record, now in two', async () => {
    const before = await counts(handle);
    const done = await teacher.call('enrolments.enrolChild', {
      groupId: mine[0]!,
      child: {
        ...child,
        lastName: outsider.last_name,
        firstName: outsider.first_name,
        middleName: null,
        birthDate: outsider.birth_date,
        phone: null,
        address: null,
      },
      orderNo: '103-д',
      orderDate: '2026-11-18',
      date: '2026-11-19',
    });
    expect(done.existing).toBe(true);
    expect(done.student.id).toBe(outsider.id);
    expect(done.otherGroups.length).toBeGreaterThan(0);
    const after = await counts(handle);
    expect(after.students).toBe(before.students);
    expect(after.enrolments).toBe(before.enrolments + 1);
    const open = done.student.enrolments.filter((x) => x.untilDate === null).map((x) => x.groupId);
    expect(open).toContain(notMine);
    expect(open).toContain(mine[0]);
    // Now theirs: the teacher sees and edits the child's data.
    expect(done.student.birthDate).toBe(outsider.birth_date);
    expect(done.student.canEdit).toBe(true);
  });

  it('withdraws a child from their объединение by order', async () => {
    const id = (
      await handle.db.selectFrom('students').select('id').where('last_name', '=', 'Снегирёва').executeTakeFirstOrThrow()
    ).id;
    const [ended] = await teacher.call('enrolments.withdraw', {
      studentIds: [id],
      fromGroupId: mine[0]!,
      reason: 'withdrawal',
      date: '2026-11-25',
      orderNo: '110-д',
      orderDate: '2026-11-24',
    });
    const e = await handle.db.selectFrom('enrolments').selectAll().where('id', '=', ended!.id).executeTakeFirst();
    expect([e?.until_date, e?.end_reason, e?.end_order_no, e?.end_order_date]).toEqual([
      '2026-11-25',
      'withdrawal',
      '110-д',
      '2026-11-24',
    ]);
    const a = await handle.db
      .selectFrom('audit_log')
      .select(['action', 'login'])
      .where('student_id', '=', id)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    expect(a).toEqual({ action: 'enrolments.withdraw', login: 'teacher' });
    // Withdrawn this year: still theirs to correct.
    expect((await teacher.call('students.get', { id })).canEdit).toBe(true);
  });

  it("edits the child's card and the parents' data", async () => {
    const card = await teacher.call('students.get', { id: outsider.id });
    const {
      id: _id,
      fullName: _f,
      userLogin: _u,
      version,
      personalData: _p,
      canEdit: _c,
      guardians: _g,
      enrolments: _e,
      ...fields
    } = card;
    const updated = await teacher.call('students.update', {
      ...fields,
      id: outsider.id,
      version,
      phone: '+7 900 555-66-77',
      address: 'пр. Мира, 10',
      notes: 'Аллергия на пыльцу',
    });
    expect([updated.phone, updated.address, updated.notes]).toEqual([
      '+7 900 555-66-77',
      'пр. Мира, 10',
      'Аллергия на пыльцу',
    ]);
    const mother = await teacher.call('guardians.save', {
      studentId: outsider.id,
      fullName: 'Иванова  Ольга Петровна',
      relation: 'Мать',
      phone: '+7 900 000-00-01',
      email: 'olga@example.ru',
      address: null,
      parentLogin: null,
    });
    expect([mother.fullName, mother.relation]).toEqual(['Иванова Ольга Петровна', 'мать']);
    const fixed = await teacher.call('guardians.save', {
      studentId: outsider.id,
      id: mother.id,
      fullName: 'Иванова Ольга Петровна',
      relation: 'мать',
      phone: '+7 900 000-00-02',
      email: null,
      address: null,
      parentLogin: null,
    });
    expect(fixed.phone).toBe('+7 900 000-00-02');
    const actions = await handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('student_id', '=', outsider.id)
      .where('login', '=', 'teacher')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'enrolments.admit',
      'students.update',
      'guardians.create',
      'guardians.update',
    ]);
    const bad = await refused(
      teacher.call('guardians.save', {
        studentId: outsider.id,
        id: mother.id,
        fullName: 'Иванова Ольга Петровна',
        relation: 'мать',
        phone: null,
        email: 'нет-адреса',
        address: null,
        parentLogin: null,
      }),
      'bad_request',
    );
    expect(bad.message).toMatch(/E-mail «нет-адреса» записан неверно/);
  });

  it("refuses another объединение's child, a group not taught, bad orders — and changes nothing", async () => {
    const before = await counts(handle);
    const card = await admin.call('students.get', { id: stranger });
    const {
      id: _id,
      fullName: _f,
      userLogin: _u,
      version,
      personalData: _p,
      canEdit: _c,
      guardians: _g,
      enrolments: _e,
      ...fields
    } = card;
    const notTheirs = await refused(
      teacher.call('students.update', { ...fields, id: stranger, version, phone: '+7 000' }),
      'forbidden',
    );
    expect(notTheirs.message).toMatch(/^Недостаточно прав: данные обучающегося меняют администратор/);
    expect(notTheirs.message).toMatch(/педагог объединения, в котором занимается обучающийся/);
    await refused(
      teacher.call('guardians.save', { studentId: stranger, fullName: 'Кто-то Другой', relation: 'отец' }),
      'forbidden',
    );
    expect((await admin.call('students.get', { id: stranger })).phone).toBe(card.phone);
    await refused(teacher.call('students.get', { id: stranger }), 'forbidden');
    const notTaught = await refused(
      teacher.call('enrolments.enrolChild', { groupId: notMine, child, orderNo: '1-д', orderDate: '2026-11-20' }),
      'forbidden',
    );
    expect(notTaught.message).toMatch(/ведёт списки только своих объединений/);
    await refused(
      teacher.call('enrolments.withdraw', {
        studentIds: [stranger],
        fromGroupId: notMine,
        reason: 'withdrawal',
        date: '2026-11-25',
        orderNo: '1-д',
        orderDate: '2026-11-25',
      }),
      'forbidden',
    );
    const unnamed = await refused(
      teacher.call('enrolments.withdraw', {
        studentIds: [stranger],
        reason: 'withdrawal',
        date: '2026-11-25',
        orderNo: '1-д',
        orderDate: '2026-11-25',
      }),
      'bad_request',
    );
    expect(unnamed.message).toMatch(/Не указано объединение/);
    const link = await refused(
      teacher.call('guardians.save', {
        studentId: outsider.id,
        fullName: 'Петров Пётр',
        relation: 'отец',
        parentLogin: 'parent',
      }),
      'forbidden',
    );
    expect(link.message).toMatch(/учётную запись родителя привязывает администратор/);

    const fresh = { ...child, lastName: 'Новикова', birthDate: '2017-01-01' };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ orderNo: '', orderDate: '2026-11-20' }, /Номер приказа/],
      [{ orderNo: '5-д', orderDate: '2020-01-10', date: '2026-11-20' }, /Дата приказа 10\.01\.2020 вне учебного года/],
      [{ orderNo: '5-д', orderDate: '2026-11-20', date: '2026-11-19' }, /раньше даты приказа 20\.11\.2026/],
      [
        { orderNo: '5-д', orderDate: '2026-11-20', date: '2031-01-01' },
        /Дата зачисления 01\.01\.2031 вне учебного года/,
      ],
      [{ orderNo: '5-д', orderDate: '2026-13-40' }, /Дата приказа/],
      [
        { orderNo: '5-д', orderDate: '2026-11-20', child: { ...fresh, birthDate: '2030-01-01' } },
        /Дата рождения 01\.01\.2030 ещё не наступила/,
      ],
    ];
    for (const [patch, message] of cases) {
      const error = await refused(
        teacher.call('enrolments.enrolChild', { groupId: mine[0]!, child: fresh, ...patch } as never),
        'bad_request',
      );
      expect(error.message).toMatch(message);
    }
    expect(await counts(handle)).toEqual(before);
  });

  it('keeps the administrator able to enrol anywhere', async () => {
    const done = await admin.call('enrolments.enrolChild', {
      groupId: notMine,
      child: { ...child, lastName: 'Журавлёва', birthDate: '2015-05-05' },
      orderNo: '120-д',
      orderDate: '2026-11-23',
    });
    expect(done.existing).toBe(false);
  });
});

describeEachDb('in a college the teacher does not keep lists', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await generateDemo(handle.db, { ...SMALL_DEMO, students: 40, groups: 3 });
  });
  afterAll(async () => {
    await handle.close();
    await fresh.drop();
  });

  it('refuses the centre rights: enrol, withdraw, edit, parents, «Мои объединения»', async () => {
    const teacher = await new TestClient(makeDeps(handle, { today: DEMO_TODAY })).login('teacher');
    const journal = await handle.db
      .selectFrom('journals as j')
      .innerJoin('users as u', 'u.id', 'j.teacher_user_id')
      .innerJoin('academic_years as y', 'y.id', 'j.year_id')
      .select('j.group_id')
      .where('u.login', '=', 'teacher')
      .where('y.status', '=', 'open')
      .executeTakeFirstOrThrow();
    const student = await handle.db
      .selectFrom('enrolments')
      .select('student_id')
      .where('group_id', '=', journal.group_id)
      .where('until_date', 'is', null)
      .executeTakeFirstOrThrow();
    const before = await counts(handle);
    const enrol = await refused(
      teacher.call('enrolments.enrolChild', { groupId: journal.group_id, child, orderNo: '1', orderDate: DEMO_TODAY }),
      'forbidden',
    );
    expect(enrol.message).toMatch(/списки групп ведут администратор и куратор/);
    await refused(teacher.call('groups.mine', {}), 'forbidden');
    await refused(
      teacher.call('enrolments.withdraw', {
        studentIds: [student.student_id],
        fromGroupId: journal.group_id,
        reason: 'withdrawal',
        date: DEMO_TODAY,
        orderNo: '1',
        orderDate: DEMO_TODAY,
      }),
      'forbidden',
    );
    const card = await teacher.call('students.get', { id: student.student_id });
    expect(card.canEdit).toBe(false);
    expect(card.birthDate).toBeNull();
    const {
      id: _id,
      fullName: _f,
      userLogin: _u,
      version,
      personalData: _p,
      canEdit: _c,
      guardians: _g,
      enrolments: _e,
      ...fields
    } = card;
    await refused(teacher.call('students.update', { ...fields, id: card.id, version }), 'forbidden');
    await refused(
      teacher.call('guardians.save', { studentId: card.id, fullName: 'Кто-то Другой', relation: 'отец' }),
      'forbidden',
    );
    expect(await counts(handle)).toEqual(before);
  });
});
