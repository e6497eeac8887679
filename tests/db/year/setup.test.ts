// Opening the year on an empty institution: periods, holidays, bells, departments, groups with
// curators, subjects with codes, the teaching load, thematic plans, the timetable with its clash
// checks, and closing the year. Every refusal leaves the database and the audit log as they were.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { JournalDb } from '../../../db/connect.js';
import { assertJournalWrite } from '../../../electron/services/access.js';
import { loadSession } from '../../../electron/services/session.js';
import { describeEachDb, freshDb, type FreshDb } from '../../support/databases.js';
import { makeDeps, refused, TestClient } from '../../support/harness.js';
import { ADMIN, seedInstitution } from '../../support/institution.js';
import { addUser, auditCount, openCollegeYear, STAFF_PASSWORD } from './helpers.js';

describeEachDb('opening the academic year', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let admin: TestClient;
  beforeEach(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await seedInstitution(handle);
    admin = await new TestClient(makeDeps(handle)).login(ADMIN.login, ADMIN.password);
  });
  afterEach(async () => {
    await handle.close();
    await fresh.drop();
  });

  it('opens 2026/2027 in semesters, quarters or half-years, and refuses bad dates in Russian', async () => {
    const y = await admin.call('years.create', {
      title: '2026/2027',
      startsOn: '2026-09-01',
      endsOn: '2027-08-31',
      periodKind: 'quarter',
    });
    expect(y.periods.map((p) => p.title)).toEqual(['1 четверть', '2 четверть', '3 четверть', '4 четверть']);
    expect(y.status).toBe('open');
    const before = await auditCount(handle);
    expect(
      (
        await refused(
          admin.call('years.create', {
            title: '2026/2027',
            startsOn: '2026-09-01',
            endsOn: '2027-08-31',
            periodKind: 'semester',
          }),
          'bad_request',
        )
      ).message,
    ).toBe('Учебный год 2026/2027 уже есть');
    expect(
      (
        await refused(
          admin.call('years.create', {
            title: '2026-2027',
            startsOn: '2026-09-01',
            endsOn: '2027-08-31',
            periodKind: 'semester',
          }),
          'bad_request',
        )
      ).message,
    ).toContain('Учебный год записывается как 2026/2027');
    expect(
      (
        await refused(
          admin.call('years.create', {
            title: '2027/2028',
            startsOn: '2027-09-01',
            endsOn: '2028-08-31',
            periodKind: 'semester',
            periods: [
              { title: '1 семестр', startsOn: '2027-09-01', endsOn: '2028-01-20' },
              { title: '2 семестр', startsOn: '2028-01-10', endsOn: '2028-06-30' },
            ],
          }),
          'bad_request',
        )
      ).message,
    ).toBe('Периоды «1 семестр» и «2 семестр» пересекаются');
    expect(
      (
        await refused(
          admin.call('years.create', {
            title: '2027/2028',
            startsOn: '2027-09-01',
            endsOn: '2028-08-31',
            periodKind: 'half_year',
            periods: [{ title: '1 полугодие', startsOn: '2027-08-20', endsOn: '2027-12-31' }],
          }),
          'bad_request',
        )
      ).message,
    ).toContain('выходит за границы учебного года');
    expect(await auditCount(handle)).toBe(before);
    expect((await admin.call('years.list', {})).length).toBe(1);

    const updated = await admin.call('years.update', {
      id: y.id,
      version: y.version,
      startsOn: y.startsOn,
      endsOn: y.endsOn,
      periodKind: 'semester',
      periods: [
        { id: y.periods[0]!.id, title: '1 семестр', startsOn: '2026-09-01', endsOn: '2026-12-30' },
        { title: '2 семестр', startsOn: '2027-01-12', endsOn: '2027-06-30' },
      ],
    });
    expect(updated.periods.map((p) => [p.title, p.startsOn, p.endsOn])).toEqual([
      ['1 семестр', '2026-09-01', '2026-12-30'],
      ['2 семестр', '2027-01-12', '2027-06-30'],
    ]);
    expect(updated.periods[0]!.id).toBe(y.periods[0]!.id);
    const stale = await refused(
      admin.call('years.update', {
        id: y.id,
        version: y.version,
        startsOn: y.startsOn,
        endsOn: y.endsOn,
        periodKind: 'semester',
        periods: [{ title: 'x', startsOn: '2026-09-01', endsOn: '2026-12-30' }],
      }),
      'conflict',
    );
    expect(stale.message).toContain('изменил(а) другой пользователь');
  });

  it('keeps holidays and vacations, and bells within the lessons of a day', async () => {
    const y = await admin.call('years.create', {
      title: '2026/2027',
      startsOn: '2026-09-01',
      endsOn: '2027-08-31',
      periodKind: 'semester',
    });
    const list = await admin.call('holidays.add', {
      yearId: y.id,
      from: '2026-12-31',
      to: '2027-01-08',
      title: 'Новогодние каникулы',
    });
    expect(list).toHaveLength(9);
    expect(list[0]).toEqual({ date: '2026-12-31', title: 'Новогодние каникулы' });
    expect(
      (
        await refused(
          admin.call('holidays.add', { yearId: y.id, from: '2027-09-01', to: '2027-09-02', title: 'x' }),
          'bad_request',
        )
      ).message,
    ).toContain('выходят за учебный год 2026/2027');
    expect(await admin.call('holidays.remove', { yearId: y.id, dates: ['2027-01-08'] })).toHaveLength(8);

    const bells = await admin.call('bells.save', {
      bells: [
        { lessonNo: 1, startsAt: '8:30', endsAt: '10:00' },
        { lessonNo: 2, startsAt: '10:10', endsAt: '11:40' },
      ],
    });
    expect(bells).toEqual([
      { lessonNo: 1, startsAt: '08:30', endsAt: '10:00' },
      { lessonNo: 2, startsAt: '10:10', endsAt: '11:40' },
    ]);
    expect(
      (
        await refused(
          admin.call('bells.save', { bells: [{ lessonNo: 9, startsAt: '20:00', endsAt: '21:00' }] }),
          'bad_request',
        )
      ).message,
    ).toBe('Номер занятия 9 вне диапазона: в день от 1 до 8 занятий');
    expect(
      (
        await refused(
          admin.call('bells.save', {
            bells: [
              { lessonNo: 1, startsAt: '08:30', endsAt: '10:00' },
              { lessonNo: 2, startsAt: '09:50', endsAt: '11:00' },
            ],
          }),
          'bad_request',
        )
      ).message,
    ).toContain('раньше конца занятия 1');
    expect(await admin.call('bells.list', {})).toHaveLength(2);
  });

  it('creates groups with unique names, gives the curator the curator role for that group and moves it', async () => {
    const { year, dept, g1 } = await openCollegeYear(admin);
    const ivanova = await addUser(handle, 'ivanova', 'Иванова', 'Ольга');
    const petrov = await addUser(handle, 'petrov', 'Петров', 'Пётр');
    const before = await auditCount(handle);
    const dup = await refused(
      admin.call('groups.create', {
        yearId: year.id,
        name: 'эс-11 ',
        course: 1,
        departmentId: dept.id,
        curatorUserId: null,
        speciality: null,
      }),
      'bad_request',
    );
    expect(dup.message).toBe('Группа «эс-11» уже есть в учебном году 2026/2027');
    expect(await auditCount(handle)).toBe(before);

    const g = await admin.call('groups.update', {
      id: g1.id,
      version: g1.version,
      name: 'ЭС-11',
      course: 1,
      departmentId: dept.id,
      curatorUserId: ivanova,
      speciality: null,
    });
    expect(g.curatorName).toBe('Иванова О.');
    let s = (await loadSession(handle.db, ivanova, false))!;
    expect(s.roles).toEqual([{ role: 'curator', departmentId: null, groupId: g1.id }]);
    await admin.call('groups.update', {
      id: g1.id,
      version: g.version,
      name: 'ЭС-11',
      course: 1,
      departmentId: dept.id,
      curatorUserId: petrov,
      speciality: null,
    });
    s = (await loadSession(handle.db, ivanova, false))!;
    expect(s.roles).toEqual([]);
    expect((await loadSession(handle.db, petrov, false))!.roles.map((r) => [r.role, r.groupId])).toEqual([
      ['curator', g1.id],
    ]);
    await refused(
      admin.call('groups.update', {
        id: g1.id,
        version: g.version,
        name: 'ЭС-11',
        course: 1,
        departmentId: dept.id,
        curatorUserId: null,
        speciality: null,
      }),
      'conflict',
    );
    expect((await refused(admin.call('departments.remove', { id: dept.id }), 'bad_request')).message).toContain(
      'есть группы (2)',
    );
  });

  it('checks subject codes against the kind: ОП.01, МДК.01.01 inside ПМ.01, УП/ПП practice, programmes', async () => {
    const op = await admin.call('subjects.save', {
      code: 'OП 01',
      name: 'Инженерная графика',
      kind: 'discipline',
      parentId: null,
    });
    expect(op.code).toBe('ОП.01');
    const pm = await admin.call('subjects.save', {
      code: 'ПМ.01',
      name: 'Обслуживание электрооборудования',
      kind: 'pm',
      parentId: null,
    });
    const mdk = await admin.call('subjects.save', {
      code: 'МДК.01.01',
      name: 'Устройство электрооборудования',
      kind: 'mdk',
      parentId: pm.id,
    });
    expect(mdk.parentCode).toBe('ПМ.01');
    expect(
      (
        await admin.call('subjects.save', {
          code: 'УП.01',
          name: 'Учебная практика',
          kind: 'practice',
          parentId: pm.id,
        })
      ).kind,
    ).toBe('practice');
    expect(
      (await admin.call('subjects.save', { code: null, name: 'Робототехника', kind: 'programme', parentId: null }))
        .code,
    ).toBeNull();
    const before = await auditCount(handle);
    expect(
      (
        await refused(
          admin.call('subjects.save', { code: 'МДК.02.01', name: 'Другой модуль', kind: 'mdk', parentId: pm.id }),
          'bad_request',
        )
      ).message,
    ).toBe('МДК.02.01 не может входить в ПМ.01: номер модуля в коде — 02');
    expect(
      (
        await refused(
          admin.call('subjects.save', { code: 'МДК.01.02', name: 'Без модуля', kind: 'mdk', parentId: null }),
          'bad_request',
        )
      ).message,
    ).toBe('МДК должен входить в профессиональный модуль (ПМ)');
    expect(
      (
        await refused(
          admin.call('subjects.save', { code: 'МДК.01.03', name: 'Не дисциплина', kind: 'discipline', parentId: null }),
          'bad_request',
        )
      ).message,
    ).toBe('Код МДК.01.03 — это код МДК, а не дисциплины');
    expect(
      (
        await refused(
          admin.call('subjects.save', { code: 'ПМ-1', name: 'Плохой код', kind: 'pm', parentId: null }),
          'bad_request',
        )
      ).message,
    ).toBe('Код профессионального модуля «ПМ-1» не по образцу ПМ.01');
    expect(
      (
        await refused(
          admin.call('subjects.save', {
            code: 'ОП.01',
            name: 'инженерная графика',
            kind: 'discipline',
            parentId: null,
          }),
          'bad_request',
        )
      ).message,
    ).toContain('уже есть в справочнике');
    expect(await auditCount(handle)).toBe(before);
  });

  it('assigns the load (granting the teacher role), refuses duplicates and keeps hours per period', async () => {
    const { year, g1 } = await openCollegeYear(admin);
    const teacher = await addUser(handle, 'sidorova', 'Сидорова', 'Анна');
    const math = await admin.call('subjects.save', {
      code: 'ОУД.04',
      name: 'Математика',
      kind: 'discipline',
      parentId: null,
    });
    const pm = await admin.call('subjects.save', { code: 'ПМ.01', name: 'Модуль', kind: 'pm', parentId: null });
    const [p1, p2] = year.periods;
    const j = await admin.call('journals.create', {
      groupId: g1.id,
      subjectId: math.id,
      subgroupId: null,
      teacherUserId: teacher,
      hours: [
        { periodId: p1!.id, hours: 48 },
        { periodId: p2!.id, hours: 40 },
      ],
    });
    expect(j.totalHours).toBe(88);
    expect(j.hours).toEqual([
      { periodId: p1!.id, hours: 48 },
      { periodId: p2!.id, hours: 40 },
    ]);
    expect((await loadSession(handle.db, teacher, false))!.roles.map((r) => r.role)).toEqual(['teacher']);
    expect(
      (
        await refused(
          admin.call('journals.create', {
            groupId: g1.id,
            subjectId: math.id,
            subgroupId: null,
            teacherUserId: teacher,
            hours: [],
          }),
          'bad_request',
        )
      ).message,
    ).toBe('В группе «ЭС-11» уже есть журнал «Математика»: его ведёт Сидорова А.');
    expect(
      (
        await refused(
          admin.call('journals.create', {
            groupId: g1.id,
            subjectId: pm.id,
            subgroupId: null,
            teacherUserId: teacher,
            hours: [],
          }),
          'bad_request',
        )
      ).message,
    ).toContain('ведётся по МДК и практикам модуля ПМ.01');
    const sub = await admin.call('subgroups.save', { groupId: g1.id, number: 1, title: null, studentIds: [] });
    expect(
      (
        await refused(
          admin.call('journals.create', {
            groupId: g1.id,
            subjectId: math.id,
            subgroupId: sub.id,
            teacherUserId: teacher,
            hours: [],
          }),
          'bad_request',
        )
      ).message,
    ).toContain('нельзя смешивать журнал всей группы и журналы подгрупп');
    const teacherClient = await new TestClient(makeDeps(handle)).login('sidorova', STAFF_PASSWORD);
    const mine = await teacherClient.call('journals.list', { yearId: year.id });
    expect(mine.map((x) => x.id)).toEqual([j.id]);

    const plan = await teacherClient.call('plans.save', {
      journalId: j.id,
      version: j.version,
      topics: [
        { section: 'Раздел 1', title: 'Действительные числа', hours: 2, lessonKind: 'lecture', homework: '§ 1' },
        { section: 'Раздел 1', title: 'Контрольная работа', hours: 2, lessonKind: 'test', homework: null },
      ],
    });
    expect(plan.topics.map((t) => [t.seq, t.title, t.hours])).toEqual([
      [1, 'Действительные числа', 2],
      [2, 'Контрольная работа', 2],
    ]);
    expect(plan.plannedHours).toBe(88);
    const again = await teacherClient.call('plans.save', {
      journalId: j.id,
      version: plan.version,
      topics: [
        {
          id: plan.topics[1]!.id,
          section: null,
          title: 'Контрольная работа',
          hours: 2,
          lessonKind: 'test',
          homework: null,
        },
      ],
    });
    expect(again.topics[0]!.id).toBe(plan.topics[1]!.id);
    await refused(teacherClient.call('plans.save', { journalId: j.id, version: plan.version, topics: [] }), 'conflict');
  });

  it('places the timetable and names every clash: teacher, room, group; subgroups may share a slot', async () => {
    const { year, g1, g2 } = await openCollegeYear(admin);
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
    const mathA = await admin.call('journals.create', {
      groupId: g1.id,
      subjectId: math.id,
      subgroupId: null,
      teacherUserId: t1,
      hours: [],
    });
    const mathB = await admin.call('journals.create', {
      groupId: g2.id,
      subjectId: math.id,
      subgroupId: null,
      teacherUserId: t1,
      hours: [],
    });
    const s1 = await admin.call('subgroups.save', { groupId: g2.id, number: 1, title: null, studentIds: [] });
    const s2 = await admin.call('subgroups.save', { groupId: g2.id, number: 2, title: null, studentIds: [] });
    const eng1 = await admin.call('journals.create', {
      groupId: g2.id,
      subjectId: eng.id,
      subgroupId: s1.id,
      teacherUserId: t2,
      hours: [],
    });
    const eng2 = await admin.call('journals.create', {
      groupId: g2.id,
      subjectId: eng.id,
      subgroupId: s2.id,
      teacherUserId: t1,
      hours: [],
    });

    const e = await admin.call('timetable.save', {
      journalId: mathA.id,
      weekday: 1,
      lessonNo: 2,
      parity: 'all',
      room: '204',
    });
    expect(e).toMatchObject({
      groupName: 'ЭС-11',
      weekday: 1,
      lessonNo: 2,
      teacherName: 'Иванова О.',
      room: '204',
      validFrom: '2026-09-01',
    });
    const before = await auditCount(handle);
    const teacherClash = await refused(
      admin.call('timetable.save', { journalId: mathB.id, weekday: 1, lessonNo: 2, parity: 'odd', room: '301' }),
      'bad_request',
    );
    expect(teacherClash.message).toBe(
      'Накладка в расписании. Преподаватель Иванова О. в понедельник, 2-е занятие (каждая неделя) уже ведёт ' +
        '«Математика» в группе ЭС-11',
    );
    const roomClash = await refused(
      admin.call('timetable.save', { journalId: eng1.id, weekday: 1, lessonNo: 2, parity: 'all', room: 'ауд. 204' }),
      'bad_request',
    );
    expect(roomClash.message).toBe(
      'Накладка в расписании. Аудитория 204 в понедельник, 2-е занятие (каждая неделя) уже занята: «Математика» в ' +
        'группе ЭС-11, Иванова О.',
    );
    expect(
      (
        await refused(
          admin.call('timetable.save', { journalId: mathA.id, weekday: 1, lessonNo: 9, parity: 'all', room: null }),
          'bad_request',
        )
      ).message,
    ).toBe('Номер занятия 9 вне диапазона: в день от 1 до 8 занятий');
    expect(await auditCount(handle)).toBe(before);

    // Two subgroups of one group at once (different teachers and rooms) are fine; the whole group then is not.
    await admin.call('timetable.save', { journalId: eng1.id, weekday: 2, lessonNo: 1, parity: 'all', room: '11' });
    await admin.call('timetable.save', { journalId: eng2.id, weekday: 2, lessonNo: 1, parity: 'all', room: '12' });
    const groupClash = await refused(
      admin.call('timetable.save', { journalId: mathB.id, weekday: 2, lessonNo: 1, parity: 'even', room: '13' }),
      'bad_request',
    );
    expect(groupClash.message).toContain(
      'Группа ЭС-21 (подгруппа 1) во вторник, 1-е занятие (каждая неделя) уже занята: «Иностранный язык», Петров П.',
    );
    expect(groupClash.message).toContain('Преподаватель Иванова О. во вторник');
    // Odd and even weeks share a slot without a clash.
    await admin.call('timetable.save', { journalId: mathB.id, weekday: 3, lessonNo: 1, parity: 'odd', room: '13' });
    await admin.call('timetable.save', { journalId: mathA.id, weekday: 3, lessonNo: 1, parity: 'even', room: '13' });
    expect(await admin.call('timetable.clashes', { yearId: year.id })).toEqual([]);
    const view = await admin.call('timetable.list', { yearId: year.id, teacherUserId: t1 });
    expect(view.entries.map((x) => [x.weekday, x.lessonNo, x.groupName, x.parity])).toEqual([
      [1, 2, 'ЭС-11', 'all'],
      [2, 1, 'ЭС-21', 'all'],
      [3, 1, 'ЭС-11', 'even'],
      [3, 1, 'ЭС-21', 'odd'],
    ]);
    // Moving an entry onto itself is not a clash with itself.
    const moved = await admin.call('timetable.save', {
      id: e.id,
      version: e.version,
      journalId: mathA.id,
      weekday: 1,
      lessonNo: 2,
      parity: 'all',
      room: '205',
    });
    expect(moved.room).toBe('205');

    // A student sees their group's lessons, and of the subgroups only their own.
    const pupil = await admin.call('students.create', {
      lastName: 'Ученикова',
      firstName: 'Уля',
      middleName: null,
      birthDate: '2009-01-01',
      personalFileNo: null,
      phone: null,
      email: null,
      address: null,
      notes: null,
      admission: { groupId: g2.id, date: '2026-09-01', orderNo: '1-к', orderDate: '2026-08-25' },
    });
    await admin.call('subgroups.save', { groupId: g2.id, id: s2.id, number: 2, title: null, studentIds: [pupil.id] });
    const pupilUser = await addUser(handle, 'pupil', 'Ученикова', 'Уля', [{ role: 'student' }]);
    await handle.db.updateTable('students').set({ user_id: pupilUser }).where('id', '=', pupil.id).execute();
    const student = await new TestClient(makeDeps(handle)).login('pupil', STAFF_PASSWORD);
    const own = await student.call('timetable.list', { yearId: year.id });
    expect(own.entries.map((x) => [x.weekday, x.lessonNo, x.subjectName, x.subgroupNumber])).toEqual([
      [2, 1, 'Иностранный язык', 2],
      [3, 1, 'Математика', null],
    ]);
    await refused(student.call('timetable.list', { yearId: year.id, groupId: g1.id }), 'forbidden');
  });

  it('closes the year: journals become read-only for everyone, the closed year stays viewable', async () => {
    const { year, g1 } = await openCollegeYear(admin);
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
      hours: [],
    });
    const teacher = await new TestClient(makeDeps(handle)).login('sidorova', STAFF_PASSWORD);
    const session = (await loadSession(handle.db, teacherId, false))!;
    await assertJournalWrite(handle.db, session, j.id);

    const closed = await admin.call('years.close', { id: year.id, version: year.version });
    expect(closed.status).toBe('closed');
    expect(closed.periods.every((p) => p.locked)).toBe(true);
    expect((await refused(assertJournalWrite(handle.db, session, j.id), 'locked')).message).toBe(
      'Учебный год закрыт: журналы доступны только для просмотра',
    );
    expect(
      (await refused(teacher.call('plans.save', { journalId: j.id, version: j.version, topics: [] }), 'locked'))
        .message,
    ).toContain('Учебный год закрыт');
    expect(
      (
        await refused(
          admin.call('timetable.save', { journalId: j.id, weekday: 1, lessonNo: 1, parity: 'all', room: null }),
          'locked',
        )
      ).message,
    ).toBe('Учебный год 2026/2027 закрыт: изменения не допускаются, доступен только просмотр');
    expect(
      (
        await refused(
          admin.call('groups.create', {
            yearId: year.id,
            name: 'Новая',
            course: 1,
            departmentId: null,
            curatorUserId: null,
            speciality: null,
          }),
          'locked',
        )
      ).message,
    ).toContain('закрыт');
    // Still viewable.
    expect((await teacher.call('plans.get', { journalId: j.id })).editable).toBe(false);
    expect((await admin.call('groups.list', { yearId: year.id })).map((g) => g.name)).toEqual(['ЭС-11', 'ЭС-21']);
    expect((await teacher.call('journals.list', { yearId: year.id })).map((x) => x.id)).toEqual([j.id]);
    expect((await admin.call('years.list', {}))[0]!.status).toBe('closed');
    await refused(admin.call('years.close', { id: year.id, version: closed.version }), 'conflict');
    const reopened = await admin.call('years.reopen', {
      id: year.id,
      version: closed.version,
      reason: 'исправление оценок по приказу',
    });
    expect(reopened.status).toBe('open');
    const actions = (await handle.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['years.close', 'years.reopen']));
  });

  it('calls the backup hook before closing a year when the host installed one', async () => {
    const calls: string[] = [];
    const deps = {
      ...makeDeps(handle),
      beforeBulkChange: async (reason: string) => {
        calls.push(reason);
      },
    };
    const a = await new TestClient(deps).login(ADMIN.login, ADMIN.password);
    const y = await a.call('years.create', {
      title: '2026/2027',
      startsOn: '2026-09-01',
      endsOn: '2027-08-31',
      periodKind: 'semester',
    });
    await a.call('years.close', { id: y.id, version: y.version });
    expect(calls).toEqual(['Закрытие учебного года 2026/2027']);
  });
});
