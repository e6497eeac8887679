// Marks on or off and the scale, changed by the admin in Settings at any time (issue 13): «journals keep
// what they had» — a journal takes the institution's flag and scale when it is created (migration 0010),
// so switching never deletes, alters or hides a mark, and never opens marks in an attendance-only journal.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { DEMO_TODAY, SMALL_DEMO, type Fixtures } from '../support/fixtures.js';
import { makeDeps, refused, TestClient } from '../support/harness.js';
import { freeCell, markOf } from './journal-support.js';

type Ids = Pick<Fixtures, 'userIds' | 'groupId' | 'teacherJournalId'>;
type Handle = { fresh: FreshDb; handle: JournalDb; fx: Ids; as: (login: string) => Promise<TestClient> };

/** The demo teacher's first journal of the current year and its group (a centre has no marks for loadFixtures). */
async function idsOf(db: JournalDb['db']): Promise<Ids> {
  const users = await db.selectFrom('users').select(['id', 'login']).execute();
  const userIds = Object.fromEntries(users.map((u) => [u.login, u.id])) as Fixtures['userIds'];
  const year = await db
    .selectFrom('academic_years')
    .select('id')
    .orderBy('starts_on', 'desc')
    .executeTakeFirstOrThrow();
  const journal = await db
    .selectFrom('journals')
    .select(['id', 'group_id'])
    .where('teacher_user_id', '=', userIds.teacher)
    .where('year_id', '=', year.id)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return { userIds, groupId: journal.group_id, teacherJournalId: journal.id };
}

async function world(kind: Parameters<typeof freshDb>[0], demo: Parameters<typeof generateDemo>[1]): Promise<Handle> {
  const fresh = await freshDb(kind);
  const handle = await fresh.open();
  await generateDemo(handle.db, demo);
  const fx = await idsOf(handle.db);
  const deps = makeDeps(handle, { today: DEMO_TODAY });
  return { fresh, handle, fx, as: (login) => new TestClient(deps).login(login) };
}

/** The institution.update input that changes nothing but what is given. */
async function unchanged(admin: TestClient) {
  const d = await admin.call('institution.get', {});
  return {
    version: d.version,
    fullName: d.fullName,
    shortName: d.shortName,
    address: d.address,
    directorName: d.directorName,
    signatures: d.signatures,
  };
}

/** A new journal of the demo teacher: a subject the demo group has no journal of yet. */
async function newJournal(w: Handle, admin: TestClient): Promise<number> {
  const taken = await w.handle.db
    .selectFrom('journals')
    .select('subject_id')
    .where('group_id', '=', w.fx.groupId)
    .execute();
  const subject = await w.handle.db
    .selectFrom('subjects')
    .select('id')
    .where('kind', '!=', 'pm')
    .where(
      'id',
      'not in',
      taken.map((t) => t.subject_id),
    )
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const load = await admin.call('journals.create', {
    groupId: w.fx.groupId,
    subjectId: subject.id,
    subgroupId: null,
    teacherUserId: w.fx.userIds.teacher,
    hours: [],
  });
  return load.id;
}

const journalFlags = (w: Handle) =>
  w.handle.db.selectFrom('journals').select(['id', 'marks_enabled', 'mark_scale']).orderBy('id').execute();

const allMarks = (w: Handle) =>
  w.handle.db.selectFrom('marks').select(['id', 'column_id', 'student_id', 'value', 'version']).orderBy('id').execute();

describeEachDb('marks switched on in a centre', (kind) => {
  let w: Handle;
  beforeAll(async () => {
    w = await world(kind, { seed: 5, students: 60, groups: 5, kind: 'supplementary', today: DEMO_TODAY });
  });
  afterAll(async () => {
    await w.handle.close();
    await w.fresh.drop();
  });

  it('gives marks to journals created after, not to the ones already kept for attendance', async () => {
    const admin = await w.as('admin');
    const before = await admin.call('institution.get', {});
    expect(before).toMatchObject({ marksEnabled: false, markScale: '5,4,3,2,зач,незач' });
    const old = await journalFlags(w);
    expect(old.length).toBeGreaterThan(0);
    expect(old.every((j) => j.marks_enabled === 0)).toBe(true);

    const saved = await admin.call('institution.update', {
      ...(await unchanged(admin)),
      marksEnabled: true,
      markScale: '5, 4, 3, 2',
    });
    expect(saved).toMatchObject({ marksEnabled: true, markScale: '5,4,3,2', version: before.version + 1 });
    const entry = await w.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'institution.update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.user_id).toBe(w.fx.userIds.admin);
    expect(JSON.parse(entry.before!)).toMatchObject({ marksEnabled: false, markScale: '5,4,3,2,зач,незач' });
    expect(JSON.parse(entry.after!)).toMatchObject({ marksEnabled: true, markScale: '5,4,3,2' });
    // Existing journals keep attendance only.
    expect(await journalFlags(w)).toEqual(old);

    const created = await newJournal(w, admin);
    const row = (await journalFlags(w)).find((j) => j.id === created)!;
    expect(row).toMatchObject({ marks_enabled: 1, mark_scale: '5,4,3,2' });

    const teacher = await w.as('teacher');
    const oldPage = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    expect(oldPage.marksEnabled).toBe(false);
    const page = await teacher.call('journal.open', { journalId: created });
    expect(page).toMatchObject({ marksEnabled: true, scale: ['5', '4', '3', '2'] });
    // The new journal takes marks: a lesson, a type of work, a mark of the new scale — and not «зач».
    const lesson = await teacher.call('lessons.create', {
      journalId: created,
      date: DEMO_TODAY,
      lessonNo: 8,
      topic: 'Вводное занятие',
    });
    const column = await teacher.call('columns.add', { lessonId: lesson.id, kind: 'oral' });
    const student = page.students[0]!;
    const mark = await teacher.call('marks.set', {
      columnId: column.id,
      studentId: student.id,
      value: '5',
      version: null,
    });
    expect(markOf(mark)).toBe('5');
    await refused(
      teacher.call('marks.set', { columnId: column.id, studentId: student.id, value: 'зач', version: 1 }),
      'bad_request',
    );
    // The old journal still takes no type of work.
    const oldLesson = oldPage.lessons.at(-1)!;
    const e = await refused(teacher.call('columns.add', { lessonId: oldLesson.id, kind: 'oral' }), 'bad_request');
    expect(e.message).toBe('В этом журнале отметки не ведутся: виды работ не нужны');
  });

  it('only the admin switches it, a wrong scale changes nothing, and the centre reports stay', async () => {
    const admin = await w.as('admin');
    const input = { ...(await unchanged(admin)), marksEnabled: false };
    for (const login of ['teacher', 'deputy', 'director'])
      await refused((await w.as(login)).call('institution.update', input), 'forbidden');
    const audits = async () =>
      Number(
        (
          await w.handle.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const count = await audits();
    const bad = await refused(admin.call('institution.update', { ...input, markScale: '5,4,отл' }), 'bad_request');
    expect(bad.message).toBe('Шкала отметок: «отл» не отметка; допустимы 5, 4, 3, 2, 1, зач, незач');
    expect(bad.fields).toMatchObject({ markScale: bad.message });
    expect(await audits()).toBe(count);
    expect(await admin.call('institution.get', {})).toMatchObject({ marksEnabled: true, version: input.version });
    const filters = await (await w.as('deputy')).call('reports.filters', {});
    // One journal with marks now: the marks reports join the centre's own.
    expect(filters.reports).toEqual(expect.arrayContaining(['performance', 'unionAttendance', 'retention']));
  });
});

describeEachDb('marks switched off in a college', (kind) => {
  let w: Handle;
  beforeAll(async () => {
    w = await world(kind, SMALL_DEMO);
  });
  afterAll(async () => {
    await w.handle.close();
    await w.fresh.drop();
  });

  it('keeps every existing mark shown and writable; new journals keep attendance only', async () => {
    const admin = await w.as('admin');
    const marks = await allMarks(w);
    expect(marks.length).toBeGreaterThan(0);
    await admin.call('institution.update', { ...(await unchanged(admin)), marksEnabled: false });
    expect(await allMarks(w)).toEqual(marks);
    expect((await journalFlags(w)).every((j) => j.marks_enabled === 1)).toBe(true);

    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    expect(page.marksEnabled).toBe(true);
    expect(page.marks.length).toBeGreaterThan(0);
    const { column, student } = freeCell(page);
    const saved = await teacher.call('marks.set', {
      columnId: column.id,
      studentId: student.id,
      value: '4',
      version: null,
    });
    expect(markOf(saved)).toBe('4');

    const created = await newJournal(w, admin);
    expect((await journalFlags(w)).find((j) => j.id === created)).toMatchObject({ marks_enabled: 0 });
    const fresh = await teacher.call('journal.open', { journalId: created });
    expect(fresh.marksEnabled).toBe(false);
    const lesson = await teacher.call('lessons.create', { journalId: created, date: DEMO_TODAY, lessonNo: 8 });
    await refused(teacher.call('columns.add', { lessonId: lesson.id, kind: 'oral' }), 'bad_request');
    // The college's marks reports go on: the old journals keep marks.
    const filters = await (await w.as('deputy')).call('reports.filters', {});
    expect(filters.reports).toContain('performance');
    expect(filters.reports).not.toContain('unionAttendance');
    const performance = await (await w.as('deputy')).call('reports.performance', {});
    expect(performance.rows.some((r) => r.journalId === created)).toBe(false);
  });

  it('a new scale leaves every existing mark valid and the old journals on their own scale', async () => {
    const admin = await w.as('admin');
    const marks = await allMarks(w);
    const saved = await admin.call('institution.update', {
      ...(await unchanged(admin)),
      marksEnabled: true,
      markScale: '5,4,3,2,1',
    });
    expect(saved.markScale).toBe('5,4,3,2,1');
    expect(await allMarks(w)).toEqual(marks);
    const old = (await journalFlags(w)).filter((j) => j.marks_enabled === 1);
    expect(old.every((j) => j.mark_scale === '5,4,3,2,зач,незач')).toBe(true);
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    expect(page.scale).toEqual(['5', '4', '3', '2', 'зач', 'незач']);
    const { column, student } = freeCell(page, -2);
    const credit = await teacher.call('marks.set', {
      columnId: column.id,
      studentId: student.id,
      value: 'зач',
      version: null,
    });
    expect(markOf(credit)).toBe('зач');
    // Every stored mark is still a value of its own journal's scale.
    const invalid = await w.handle.db
      .selectFrom('marks as m')
      .innerJoin('work_columns as c', 'c.id', 'm.column_id')
      .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
      .innerJoin('journals as j', 'j.id', 'l.journal_id')
      .select(['m.value', 'j.mark_scale'])
      .execute();
    expect(invalid.filter((m) => !m.mark_scale.split(',').includes(m.value))).toEqual([]);
  });
});
