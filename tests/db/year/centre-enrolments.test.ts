// A centre's child in several объединения at once (DESIGN §10): each by its own order, the same one
// never twice over the same dates; the roster, the movements report, orders that name the объединение
// they end, and a teacher who sees only their own объединение's children. A college keeps one group.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { JournalDb } from '../../../db/connect.js';
import { rosterOn } from '../../../electron/services/rosters.js';
import { describeEachDb, freshDb, type FreshDb } from '../../support/databases.js';
import { makeDeps, refused, TestClient } from '../../support/harness.js';
import { ADMIN, seedInstitution } from '../../support/institution.js';
import { addUser, STAFF_PASSWORD } from './helpers.js';

const child = (last: string, groupId: number, date = '2026-09-01', orderNo = '12-д') => ({
  lastName: last,
  firstName: 'Маша',
  middleName: null,
  birthDate: '2015-04-01',
  personalFileNo: null,
  phone: null,
  email: null,
  address: null,
  notes: null,
  admission: { groupId, date, orderNo, orderDate: '2026-08-25' },
});

async function openYear(admin: TestClient, centre: boolean) {
  const year = await admin.call('years.create', {
    title: '2026/2027',
    startsOn: '2026-09-01',
    endsOn: '2027-08-31',
    periodKind: centre ? 'half_year' : 'semester',
  });
  const dept = await admin.call('departments.save', { name: 'Отдел технического творчества', shortName: 'ОТТ' });
  const group = (name: string) =>
    admin.call('groups.create', {
      yearId: year.id,
      name,
      course: 1,
      departmentId: dept.id,
      curatorUserId: null,
      speciality: null,
    });
  return {
    year,
    robots: await group('Робототехника, гр. 1'),
    chess: await group('Шахматы, гр. 1'),
    art: await group('Изостудия, гр. 1'),
    vocal: await group('Вокал, гр. 1'),
  };
}

describeEachDb('several объединения at once', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let admin: TestClient;
  const start = async (institution: 'college' | 'supplementary') => {
    await seedInstitution(handle, { kind: institution });
    admin = await new TestClient(makeDeps(handle)).login(ADMIN.login, ADMIN.password);
    return openYear(admin, institution === 'supplementary');
  };
  beforeEach(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
  });
  afterEach(async () => {
    await handle.close();
    await fresh.drop();
  });
  const names = (list: Array<{ lastName: string }>) => list.map((s) => s.lastName);

  it('enrols a centre child in two объединения by two orders, refuses the same one twice, and shows both', async () => {
    const { robots, chess, art } = await start('supplementary');
    const masha = await admin.call('students.create', child('Белова', robots.id));
    await admin.call('enrolments.admit', {
      studentId: masha.id,
      groupId: chess.id,
      date: '2026-09-15',
      orderNo: '20-д',
      orderDate: '2026-09-14',
    });
    const again = await refused(
      admin.call('enrolments.admit', {
        studentId: masha.id,
        groupId: robots.id,
        date: '2026-10-01',
        orderNo: '30-д',
        orderDate: '2026-09-30',
      }),
      'bad_request',
    );
    expect(again.message).toMatch(/уже занимается в объединении Робототехника, гр\. 1 с 01\.09\.2026/);
    expect(again.message).toMatch(/в одно объединение нельзя зачислить дважды/);

    expect(names(await rosterOn(handle.db, robots.id, '2026-10-01'))).toEqual(['Белова']);
    expect(names(await rosterOn(handle.db, chess.id, '2026-10-01'))).toEqual(['Белова']);
    expect(names(await rosterOn(handle.db, chess.id, '2026-09-14'))).toEqual([]);
    const list = await admin.call('students.list', { groupId: chess.id, date: '2026-10-01' });
    expect(list.students.map((s) => [s.lastName, s.fromDate, s.present])).toEqual([['Белова', '2026-09-15', true]]);
    const card = await admin.call('students.get', { id: masha.id });
    expect(card.enrolments.map((e) => [e.groupName, e.fromDate, e.untilDate, e.orderNo])).toEqual([
      ['Робототехника, гр. 1', '2026-09-01', null, '12-д'],
      ['Шахматы, гр. 1', '2026-09-15', null, '20-д'],
    ]);

    // An order that ends one of several must name it; then only that one ends.
    const unnamed = await refused(
      admin.call('enrolments.withdraw', {
        studentIds: [masha.id],
        reason: 'withdrawal',
        date: '2026-11-02',
        orderNo: '40-д',
        orderDate: '2026-11-01',
      }),
      'bad_request',
    );
    expect(unnamed.message).toMatch(/занимается в нескольких объединениях \(Робототехника, гр\. 1; Шахматы, гр\. 1\)/);
    await admin.call('enrolments.withdraw', {
      studentIds: [masha.id],
      fromGroupId: chess.id,
      reason: 'withdrawal',
      date: '2026-11-02',
      orderNo: '40-д',
      orderDate: '2026-11-01',
    });
    expect(names(await rosterOn(handle.db, chess.id, '2026-11-02'))).toEqual([]);
    expect(names(await rosterOn(handle.db, robots.id, '2026-11-02'))).toEqual(['Белова']);
    // Back to chess by a new order after the withdrawal: no overlap, so allowed.
    await admin.call('enrolments.admit', {
      studentId: masha.id,
      groupId: chess.id,
      date: '2026-12-01',
      orderNo: '50-д',
      orderDate: '2026-11-30',
    });
    // A transfer from robotics to the art studio; chess goes on.
    await admin.call('enrolments.transfer', {
      studentIds: [masha.id],
      fromGroupId: robots.id,
      toGroupId: art.id,
      date: '2027-01-12',
      orderNo: '60-д',
      orderDate: '2027-01-11',
    });
    expect(names(await rosterOn(handle.db, robots.id, '2027-01-12'))).toEqual([]);
    expect(names(await rosterOn(handle.db, art.id, '2027-01-12'))).toEqual(['Белова']);
    expect(names(await rosterOn(handle.db, chess.id, '2027-01-12'))).toEqual(['Белова']);
  });

  it('reports the movements of a child in several объединения, the same-day orders told apart by number', async () => {
    const { robots, chess, art, vocal } = await start('supplementary');
    const masha = await admin.call('students.create', child('Белова', robots.id));
    await admin.call('enrolments.admit', {
      studentId: masha.id,
      groupId: chess.id,
      date: '2026-09-01',
      orderNo: '13-д',
      orderDate: '2026-08-25',
    });
    // One day, two transfers by two orders: chess → art studio, robotics → vocal.
    await admin.call('enrolments.transfer', {
      studentIds: [masha.id],
      fromGroupId: chess.id,
      toGroupId: art.id,
      date: '2026-11-09',
      orderNo: '70-д',
      orderDate: '2026-11-06',
    });
    await admin.call('enrolments.transfer', {
      studentIds: [masha.id],
      fromGroupId: robots.id,
      toGroupId: vocal.id,
      date: '2026-11-09',
      orderNo: '71-д',
      orderDate: '2026-11-06',
    });
    const view = await admin.call('enrolments.movements', { from: '2026-08-01', to: '2026-12-31' });
    expect(view.rows.map((r) => [r.date, r.kind, r.groupName, r.fromGroupName, r.orderNo])).toEqual([
      ['2026-09-01', 'admission', 'Робототехника, гр. 1', null, '12-д'],
      ['2026-09-01', 'admission', 'Шахматы, гр. 1', null, '13-д'],
      ['2026-11-09', 'transfer', 'Вокал, гр. 1', 'Робототехника, гр. 1', '71-д'],
      ['2026-11-09', 'transfer', 'Изостудия, гр. 1', 'Шахматы, гр. 1', '70-д'],
    ]);
    expect([view.arrived, view.left, view.moved]).toEqual([2, 0, 2]);
    // Undoing the first transfer reopens chess — not robotics, ended the same day by another order.
    const art1 = (await admin.call('students.get', { id: masha.id })).enrolments.find((e) => e.groupId === art.id)!;
    await admin.call('enrolments.undo', { enrolmentId: art1.id, version: art1.version });
    const after = (await admin.call('students.get', { id: masha.id })).enrolments;
    expect(after.map((e) => [e.groupName, e.untilDate])).toEqual([
      ['Робототехника, гр. 1', '2026-11-09'],
      ['Шахматы, гр. 1', null],
      ['Вокал, гр. 1', null],
    ]);
  });

  it('lets a teacher of one объединение see only its children', async () => {
    const { robots, chess } = await start('supplementary');
    const teacher = await addUser(handle, 'pedagog', 'Педагогова', 'Полина');
    const programme = await admin.call('subjects.save', {
      code: null,
      name: 'Робототехника',
      kind: 'programme',
      parentId: null,
    });
    const year = (await handle.db.selectFrom('academic_years').select('id').executeTakeFirstOrThrow()).id;
    const periods = await handle.db.selectFrom('periods').select('id').where('year_id', '=', year).execute();
    await admin.call('journals.create', {
      groupId: robots.id,
      subjectId: programme.id,
      subgroupId: null,
      teacherUserId: teacher,
      hours: periods.map((p) => ({ periodId: p.id, hours: 36 })),
    });
    const both = await admin.call('students.create', child('Белова', robots.id));
    await admin.call('enrolments.admit', {
      studentId: both.id,
      groupId: chess.id,
      date: '2026-09-01',
      orderNo: '13-д',
      orderDate: '2026-08-25',
    });
    const chessOnly = await admin.call('students.create', child('Чернов', chess.id, '2026-09-01', '14-д'));
    const pedagog = await new TestClient(makeDeps(handle)).login('pedagog', STAFF_PASSWORD);
    const own = await pedagog.call('students.list', { groupId: robots.id, date: '2026-10-01' });
    expect(names(own.students)).toEqual(['Белова']);
    await refused(pedagog.call('students.list', { groupId: chess.id, date: '2026-10-01' }), 'forbidden');
    await refused(pedagog.call('students.get', { id: chessOnly.id }), 'forbidden');
    expect((await pedagog.call('students.get', { id: both.id })).id).toBe(both.id);
  });

  it('still keeps a college student in one group at a time', async () => {
    const { robots: g1, chess: g2 } = await start('college');
    const a = await admin.call('students.create', child('Иванова', g1.id));
    const e = await refused(
      admin.call('enrolments.admit', {
        studentId: a.id,
        groupId: g2.id,
        date: '2026-10-01',
        orderNo: '15-к',
        orderDate: '2026-09-30',
      }),
      'bad_request',
    );
    expect(e.message).toMatch(/зачисления не могут пересекаться/);
    expect(names(await rosterOn(handle.db, g2.id, '2026-10-01'))).toEqual([]);
    // Without a group named, the one current enrolment ends, as before.
    await admin.call('enrolments.withdraw', {
      studentIds: [a.id],
      reason: 'withdrawal',
      date: '2026-11-02',
      orderNo: '16-к',
      orderDate: '2026-11-01',
    });
    expect(names(await rosterOn(handle.db, g1.id, '2026-11-02'))).toEqual([]);
  });
});
