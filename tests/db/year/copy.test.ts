// Copying the previous year forward: groups move up a course, curators and the load carry over for
// review, students continue by one transfer order, and the graduating course stays behind.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { JournalDb } from '../../../db/connect.js';
import { rosterOn } from '../../../electron/services/rosters.js';
import { loadSession } from '../../../electron/services/session.js';
import { describeEachDb, freshDb, type FreshDb } from '../../support/databases.js';
import { makeDeps, refused, TestClient } from '../../support/harness.js';
import { ADMIN, seedInstitution } from '../../support/institution.js';
import { addUser } from './helpers.js';

describeEachDb('copying the previous year forward', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  beforeEach(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await seedInstitution(handle);
  });
  afterEach(async () => {
    await handle.close();
    await fresh.drop();
  });

  it('moves groups up a course with their curators, load, subgroups and students; the graduates stay', async () => {
    const backups: string[] = [];
    const admin = await new TestClient({
      ...makeDeps(handle),
      beforeBulkChange: async (r) => {
        backups.push(r);
      },
    }).login(ADMIN.login, ADMIN.password);
    const curator = await addUser(handle, 'curator', 'Кураторова', 'Ксения');
    const teacher = await addUser(handle, 'teacher', 'Учителев', 'Устин');
    const old = await admin.call('years.create', {
      title: '2025/2026',
      startsOn: '2025-09-01',
      endsOn: '2026-08-31',
      periodKind: 'semester',
    });
    const spec = '13.02.03 Электрические станции, сети и системы';
    const g11 = await admin.call('groups.create', {
      yearId: old.id,
      name: 'ЭС-11',
      course: 1,
      departmentId: null,
      curatorUserId: curator,
      speciality: spec,
    });
    const g41 = await admin.call('groups.create', {
      yearId: old.id,
      name: 'ЭС-41',
      course: 4,
      departmentId: null,
      curatorUserId: null,
      speciality: spec,
    });
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
    const admission = { date: '2025-09-01', orderNo: '100-к', orderDate: '2025-08-25' };
    const person = (last: string) => ({
      lastName: last,
      firstName: 'Имя',
      middleName: null,
      birthDate: '2009-01-01',
      personalFileNo: null,
      phone: null,
      email: null,
      address: null,
      notes: null,
    });
    const a = await admin.call('students.create', {
      ...person('Антонов'),
      admission: { groupId: g11.id, ...admission },
    });
    await admin.call('students.create', { ...person('Борисов'), admission: { groupId: g11.id, ...admission } });
    const c = await admin.call('students.create', {
      ...person('Выбывший'),
      admission: { groupId: g11.id, ...admission },
    });
    await admin.call('enrolments.withdraw', {
      studentIds: [c.id],
      reason: 'withdrawal',
      date: '2026-02-01',
      orderNo: '20-к',
      orderDate: '2026-01-30',
    });
    const grad = await admin.call('students.create', {
      ...person('Выпускник'),
      admission: { groupId: g41.id, ...admission },
    });
    const sub = await admin.call('subgroups.save', {
      groupId: g11.id,
      number: 1,
      title: null,
      studentIds: [a.id, c.id],
    });
    await admin.call('journals.create', {
      groupId: g11.id,
      subjectId: math.id,
      subgroupId: null,
      teacherUserId: teacher,
      hours: [
        { periodId: old.periods[0]!.id, hours: 36 },
        { periodId: old.periods[1]!.id, hours: 40 },
      ],
    });
    await admin.call('journals.create', {
      groupId: g11.id,
      subjectId: eng.id,
      subgroupId: sub.id,
      teacherUserId: teacher,
      hours: [{ periodId: old.periods[1]!.id, hours: 20 }],
    });
    const next = await admin.call('years.create', {
      title: '2026/2027',
      startsOn: '2026-09-01',
      endsOn: '2027-08-31',
      periodKind: 'semester',
    });

    const preview = await admin.call('years.copyPreview', { fromYearId: old.id, toYearId: next.id });
    expect(
      preview.map((p) => [
        p.fromName,
        p.name,
        p.course,
        p.include,
        p.graduating,
        p.students,
        p.journals,
        p.curatorName,
      ]),
    ).toEqual([
      ['ЭС-11', 'ЭС-21', 2, true, false, 2, 2, 'Кураторова К.'],
      ['ЭС-41', 'ЭС-51', 5, false, true, 1, 0, null],
    ]);
    // The scale changed since the old journals were made: the carried ones take today's, the old keep theirs.
    const oldScales = await handle.db.selectFrom('journals').select(['id', 'mark_scale', 'marks_enabled']).execute();
    await handle.db.updateTable('institution').set({ mark_scale: '5,4,3,2' }).execute();
    const result = await admin.call('years.copyApply', {
      fromYearId: old.id,
      toYearId: next.id,
      carryLoads: true,
      transferOrder: { orderNo: '150-к', orderDate: '2026-08-31' },
      groups: preview.map((p) => ({ fromGroupId: p.fromGroupId, name: p.name, course: p.course, include: p.include })),
    });
    expect(result).toEqual({
      groups: 1,
      journals: 2,
      students: 2,
      curators: 1,
      skipped: [],
      backup: kind === 'sqlite' ? expect.stringMatching(/_year-copy\.sqlite$/) : null,
    });
    expect(backups).toEqual(['Перенос групп из 2025/2026 в 2026/2027']);
    const scales = await handle.db
      .selectFrom('journals')
      .select(['id', 'year_id', 'mark_scale', 'marks_enabled'])
      .orderBy('id')
      .execute();
    expect(scales.filter((j) => j.year_id === next.id).map((j) => [j.mark_scale, j.marks_enabled])).toEqual([
      ['5,4,3,2', 1],
      ['5,4,3,2', 1],
    ]);
    expect(scales.filter((j) => j.year_id === old.id).map(({ year_id: _y, ...j }) => j)).toEqual(
      oldScales.sort((x, y) => x.id - y.id),
    );

    const groups = await admin.call('groups.list', { yearId: next.id });
    expect(groups.map((g) => [g.name, g.course, g.previousGroupName, g.curatorName, g.students, g.journals])).toEqual([
      ['ЭС-21', 2, 'ЭС-11', 'Кураторова К.', 2, 2],
    ]);
    expect(groups[0]!.subgroups.map((s) => [s.number, s.studentIds])).toEqual([[1, [a.id]]]);
    expect((await loadSession(handle.db, curator, false))!.roles.map((r) => r.groupId).sort()).toEqual(
      [g11.id, groups[0]!.id].sort(),
    );
    const load = await admin.call('journals.list', { yearId: next.id });
    expect(load.map((j) => [j.subjectName, j.subgroupNumber, j.teacherUserId, j.hours.map((h) => h.hours)])).toEqual([
      ['Иностранный язык', 1, teacher, [0, 20]],
      ['Математика', null, teacher, [36, 40]],
    ]);
    expect((await rosterOn(handle.db, groups[0]!.id, '2026-09-01')).map((r) => r.lastName)).toEqual([
      'Антонов',
      'Борисов',
    ]);
    expect((await rosterOn(handle.db, g11.id, '2026-08-31')).map((r) => r.lastName)).toEqual(['Антонов', 'Борисов']);
    expect(await rosterOn(handle.db, g11.id, '2026-09-01')).toEqual([]);
    const gradCard = await admin.call('students.get', { id: grad.id });
    expect(gradCard.enrolments.map((e) => [e.groupName, e.untilDate])).toEqual([['ЭС-41', null]]);
    const aCard = await admin.call('students.get', { id: a.id });
    expect(aCard.enrolments.map((e) => [e.groupName, e.fromDate, e.untilDate, e.orderNo])).toEqual([
      ['ЭС-11', '2025-09-01', '2026-09-01', '100-к'],
      ['ЭС-21', '2026-09-01', null, '150-к'],
    ]);
    // Moving up a course is not a movement of the contingent.
    expect((await admin.call('enrolments.movements', { from: '2026-08-01', to: '2026-09-30' })).rows).toEqual([]);
    // Not twice.
    expect(
      (
        await refused(
          admin.call('years.copyApply', {
            fromYearId: old.id,
            toYearId: next.id,
            carryLoads: false,
            transferOrder: null,
            groups: [{ fromGroupId: g11.id, name: 'ЭС-22', course: 2, include: true }],
          }),
          'bad_request',
        )
      ).message,
    ).toBe('Группа «ЭС-22» уже перенесена в 2026/2027');
    expect((await admin.call('years.copyPreview', { fromYearId: old.id, toYearId: next.id }))[0]).toMatchObject({
      include: false,
      copiedAs: 'ЭС-21',
    });
  });
});
