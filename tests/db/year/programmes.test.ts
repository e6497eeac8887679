// A centre's «дополнительная общеразвивающая программа» (issue 13): the deputy or the administrator keeps its
// passport and thematic plan; a teacher may not; bad input is refused in Russian with nothing changed; every
// save is in the audit log; the plan goes to the empty plans of the programme's journals, also when the
// year is carried forward.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { JournalDb } from '../../../db/connect.js';
import type { Input } from '../../../electron/api/contract.js';
import { describeEachDb, freshDb, type FreshDb } from '../../support/databases.js';
import { makeDeps, refused, TestClient } from '../../support/harness.js';
import { ADMIN, seedInstitution } from '../../support/institution.js';
import { addUser, STAFF_PASSWORD } from './helpers.js';

const ROBOTICS: Input<'programmes.save'> = {
  name: 'Робототехника',
  focus: 'technical',
  hoursPerYear: 72,
  years: 2,
  ageFrom: 10,
  ageTo: 13,
  topics: [
    { section: null, title: 'Вводное занятие', hours: 2, lessonKind: 'lecture', id: undefined },
    { section: 'Конструирование', title: 'Простые механизмы', hours: 30, lessonKind: 'practical' },
    { section: 'Программирование', title: 'Датчики и моторы', hours: 38, lessonKind: 'practical' },
  ],
};

describeEachDb('programmes of a centre', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let admin: TestClient;
  let deputy: TestClient;
  let teacher: TestClient;
  let teacherId: number;
  beforeEach(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await seedInstitution(handle, { kind: 'supplementary' });
    const deps = makeDeps(handle);
    admin = await new TestClient(deps).login(ADMIN.login, ADMIN.password);
    await addUser(handle, 'deputy', 'Завучева', 'Зоя', [{ role: 'deputy' }]);
    teacherId = await addUser(handle, 'teacher', 'Педагогов', 'Пётр', [{ role: 'teacher' }]);
    deputy = await new TestClient(deps).login('deputy', STAFF_PASSWORD);
    teacher = await new TestClient(deps).login('teacher', STAFF_PASSWORD);
  });
  afterEach(async () => {
    await handle.close();
    await fresh.drop();
  });

  const counts = async () => {
    const n = async (t: 'programmes' | 'programme_topics' | 'audit_log' | 'subjects') =>
      Number(
        (
          await handle.db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      programmes: await n('programmes'),
      topics: await n('programme_topics'),
      audit: await n('audit_log'),
      subjects: await n('subjects'),
    };
  };

  it('is created and edited by the deputy and the admin, refused to a teacher, and audited', async () => {
    const created = await deputy.call('programmes.save', ROBOTICS);
    expect(created).toMatchObject({
      name: 'Робототехника',
      focus: 'technical',
      hoursPerYear: 72,
      years: 2,
      ageFrom: 10,
      ageTo: 13,
      topicHours: 70,
      version: 1,
      plansFilled: 0,
    });
    expect(created.topics.map((t) => [t.seq, t.title, t.hours])).toEqual([
      [1, 'Вводное занятие', 2],
      [2, 'Простые механизмы', 30],
      [3, 'Датчики и моторы', 38],
    ]);
    const subject = await handle.db
      .selectFrom('subjects')
      .selectAll()
      .where('id', '=', created.subjectId)
      .executeTakeFirstOrThrow();
    expect([subject.kind, subject.name]).toEqual(['programme', 'Робототехника']);
    const logged = await handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'programmes.create')
      .executeTakeFirstOrThrow();
    expect([logged.entity, logged.entity_id, logged.login]).toEqual(['programme', String(created.subjectId), 'deputy']);

    const edited = await admin.call('programmes.save', {
      ...ROBOTICS,
      subjectId: created.subjectId,
      version: created.version!,
      name: 'Робототехника и программирование',
      focus: 'technical',
      hoursPerYear: 70,
      topics: ROBOTICS.topics.slice(0, 2),
    });
    expect([edited.name, edited.hoursPerYear, edited.topicHours, edited.version, edited.topics.length]).toEqual([
      'Робототехника и программирование',
      70,
      32,
      2,
      2,
    ]);
    expect(
      await handle.db.selectFrom('audit_log').select('login').where('action', '=', 'programmes.update').execute(),
    ).toEqual([{ login: 'admin' }]);
    // A save from a stale copy is refused.
    await refused(admin.call('programmes.save', { ...ROBOTICS, subjectId: created.subjectId, version: 1 }), 'conflict');

    const before = await counts();
    const e = await refused(teacher.call('programmes.save', { ...ROBOTICS, name: 'Чужая программа' }), 'forbidden');
    expect(e.message).toMatch(/Недостаточно прав/);
    await refused(
      teacher.call('programmes.save', { ...ROBOTICS, subjectId: created.subjectId, version: 2 }),
      'forbidden',
    );
    expect(await counts()).toEqual(before);
    // Staff may read it.
    const listed = await teacher.call('programmes.list', {});
    expect(listed.map((p) => [p.name, p.focus, p.topicHours])).toEqual([
      ['Робототехника и программирование', 'technical', 32],
    ]);
  });

  it('refuses bad input with a Russian message and changes nothing', async () => {
    const saved = await deputy.call('programmes.save', ROBOTICS);
    const before = await counts();
    const edit = { ...ROBOTICS, subjectId: saved.subjectId, version: saved.version! };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ hoursPerYear: 0 }, /Часов в год: больше 0/],
      [{ years: 0 }, /Срок реализации: от 1 года/],
      [{ years: 11 }, /Срок реализации: не больше 10/],
      [{ ageFrom: 2 }, /Возраст от: не меньше 3 лет/],
      [{ ageTo: 19 }, /Возраст до: не больше 18/],
      [{ ageFrom: 14, ageTo: 12 }, /Возраст «от» \(14\) больше возраста «до» \(12\)/],
      [{ focus: undefined }, /Направленность: выберите одну из шести \(техническая, естественнонаучная/],
      [{ focus: 'военная' }, /Направленность: выберите одну из шести/],
      [{ name: '  ' }, /Название программы: не заполнено/],
      [{ topics: [{ section: null, title: 'Тема', hours: 0, lessonKind: 'practical' }] }, /Часы темы: от 1/],
    ];
    for (const [patch, message] of cases) {
      for (const input of [
        { ...ROBOTICS, name: 'Другая', ...patch },
        { ...edit, ...patch },
      ]) {
        const e = await refused(deputy.call('programmes.save', input as Input<'programmes.save'>), 'bad_request');
        expect(e.message, JSON.stringify(patch)).toMatch(message);
      }
    }
    // The name of another subject of the catalogue.
    await admin.call('subjects.save', { code: null, name: 'Шахматы', kind: 'programme', parentId: null });
    const dup = await refused(deputy.call('programmes.save', { ...edit, name: 'шахматы' }), 'bad_request');
    expect(dup.message).toMatch(/«шахматы» уже есть в справочнике/);
    const after = await counts();
    expect({ ...after, subjects: after.subjects - 1, audit: after.audit - 1 }).toEqual(before);
    const again = (await deputy.call('programmes.list', {})).find((p) => p.subjectId === saved.subjectId)!;
    expect([again.name, again.hoursPerYear, again.years, again.ageFrom, again.ageTo, again.topicHours]).toEqual([
      'Робототехника',
      72,
      2,
      10,
      13,
      70,
    ]);
  });

  it('is attached to an объединение, shown with it, fills empty journal plans, survives the year copy', async () => {
    const old = await admin.call('years.create', {
      title: '2025/2026',
      startsOn: '2025-09-01',
      endsOn: '2026-08-31',
      periodKind: 'half_year',
    });
    const programme = await deputy.call('programmes.save', ROBOTICS);
    // A subject that is not a programme cannot be an объединение's programme.
    const math = await admin.call('subjects.save', {
      code: null,
      name: 'Математика',
      kind: 'discipline',
      parentId: null,
    });
    const group = {
      yearId: old.id,
      name: 'Робо-1',
      course: 1,
      departmentId: null,
      curatorUserId: null,
      speciality: null,
    };
    const notProgramme = await refused(
      admin.call('groups.create', { ...group, programmeSubjectId: math.id }),
      'bad_request',
    );
    expect(notProgramme.message).toBe('Выберите программу дополнительного образования');
    const g = await admin.call('groups.create', { ...group, programmeSubjectId: programme.subjectId });
    expect(g.programme).toEqual({
      subjectId: programme.subjectId,
      name: 'Робототехника',
      focus: 'technical',
      hoursPerYear: 72,
      years: 2,
      ageFrom: 10,
      ageTo: 13,
    });
    const j = await admin.call('journals.create', {
      groupId: g.id,
      subjectId: programme.subjectId,
      subgroupId: null,
      teacherUserId: teacherId,
      hours: [{ periodId: old.periods[0]!.id, hours: 72 }],
    });
    const plan = await teacher.call('plans.get', { journalId: j.id });
    expect(plan.topics.map((t) => [t.title, t.hours])).toEqual(ROBOTICS.topics.map((t) => [t.title, t.hours]));
    expect(plan.topicHours).toBe(70);
    // The teacher adapts the journal's plan; a later save of the programme does not overwrite it.
    await teacher.call('plans.save', {
      journalId: j.id,
      version: plan.version,
      topics: [{ section: null, title: 'Своя тема', hours: 72, lessonKind: 'practical', homework: null }],
    });
    const resaved = await deputy.call('programmes.save', {
      ...ROBOTICS,
      subjectId: programme.subjectId,
      version: programme.version!,
    });
    expect(resaved.plansFilled).toBe(0);
    expect(resaved.groups).toEqual([{ id: g.id, name: 'Робо-1', yearId: old.id }]);
    expect((await teacher.call('plans.get', { journalId: j.id })).topics.map((t) => t.title)).toEqual(['Своя тема']);
    // Detached and attached again through the group's update.
    const detached = await admin.call('groups.update', {
      ...group,
      id: g.id,
      version: g.version,
      programmeSubjectId: null,
    });
    expect(detached.programme).toBeNull();
    const attached = await admin.call('groups.update', {
      ...group,
      id: g.id,
      version: detached.version,
      programmeSubjectId: programme.subjectId,
    });
    expect(attached.programme?.name).toBe('Робототехника');

    const next = await admin.call('years.create', {
      title: '2026/2027',
      startsOn: '2026-09-01',
      endsOn: '2027-08-31',
      periodKind: 'half_year',
    });
    const preview = await admin.call('years.copyPreview', { fromYearId: old.id, toYearId: next.id });
    await admin.call('years.copyApply', {
      fromYearId: old.id,
      toYearId: next.id,
      carryLoads: true,
      transferOrder: null,
      groups: preview.map((p) => ({ fromGroupId: p.fromGroupId, name: 'Робо-2', course: p.course, include: true })),
    });
    const [copied] = await admin.call('groups.list', { yearId: next.id });
    expect([copied!.name, copied!.programmeSubjectId, copied!.programme?.focus]).toEqual([
      'Робо-2',
      programme.subjectId,
      'technical',
    ]);
    const [carried] = await admin.call('journals.list', { yearId: next.id });
    const carriedPlan = await admin.call('plans.get', { journalId: carried!.id });
    expect(carriedPlan.topics.map((t) => t.title)).toEqual(ROBOTICS.topics.map((t) => t.title));
    expect((await admin.call('programmes.list', { yearId: next.id }))[0]!.groups.map((x) => x.name)).toEqual([
      'Робо-2',
    ]);
  });
});
