// What each server process keeps for the family page (the catalogue, journals' lessons and types of
// work) never shows a stale page: after any write — through the services or straight into the
// database, as the CLI or an import would — the next page equals the page read from scratch, in this
// process and in another one on the same database; and what a family page does not show (a login)
// does not make the processes read it all again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../../db/connect.js';
import type { AuthedContext } from '../../../electron/services/context.js';
import { page } from '../../../electron/services/journal/family.js';
import { loadSession } from '../../../electron/services/session.js';
import { describeEachDb } from '../../support/databases.js';
import { makeDeps, MemorySessionHost, TestClient } from '../../support/harness.js';
import { referencePage } from './reference.js';
import { familyWorld, type FamilyWorld } from './world.js';

describeEachDb('family page: fresh after every write', (kind) => {
  let w: FamilyWorld;
  let other: JournalDb;
  let here: AuthedContext;
  let there: AuthedContext;
  let studentId: number;
  let before: string;
  /** The week the checks look at (a lesson's topic shows only in its week). */
  let weekOf: string | undefined;

  beforeAll(async () => {
    w = await familyWorld(kind);
    studentId = w.fx.studentId;
    here = w.parentOf.get(studentId)!;
    // Another server process: its own connection, its own kept catalogue and journals.
    other = await w.fresh.open();
    const deps = makeDeps(other, { clock: w.clock });
    const session = (await loadSession(other.db, here.session.userId, false))!;
    there = { ...deps, session, host: new MemorySessionHost() };
    before = await current();
  });
  afterAll(async () => {
    await other?.close();
    await w?.close();
  });

  /** The page in both processes, checked against the page read from scratch; returns it. */
  async function current(): Promise<string> {
    const expected = JSON.stringify(await referencePage(here, { studentId, weekOf }));
    for (const ctx of [here, there]) expect(JSON.stringify(await page(ctx, { studentId, weekOf }))).toBe(expected);
    return expected;
  }

  /** After a write: both processes show the page as read from scratch, and it did change. */
  async function changed(what: string): Promise<void> {
    const now = await current();
    expect(now, `${what}: the page should have changed`).not.toBe(before);
    before = now;
  }

  const db = () => w.handle.db;
  const pageNow = async () => page(here, { studentId });
  const teacherOf = async () => {
    const p = await pageNow();
    const lesson = p.week.days.flatMap((d) => d.lessons).find((l) => l.held)!;
    return db()
      .selectFrom('journals')
      .select(['id', 'teacher_user_id', 'subject_id'])
      .where('id', '=', lesson.journalId)
      .executeTakeFirstOrThrow();
  };

  it('shows changes of the catalogue: bells, holidays, timetable, subjects, teachers, periods', async () => {
    await db().updateTable('bells').set({ starts_at: '08:31' }).where('lesson_no', '=', 1).execute();
    await changed('bell');
    await db().insertInto('holidays').values({ date: '2026-11-27', title: 'Выходной' }).execute();
    await changed('holiday');
    const j = await teacherOf();
    await db().updateTable('timetable').set({ room: 'Актовый зал' }).where('journal_id', '=', j.id).execute();
    await changed('room');
    await db().updateTable('subjects').set({ name: 'Предмет переименован' }).where('id', '=', j.subject_id).execute();
    await changed('subject');
    await db().updateTable('users').set({ last_name: 'Переименованная' }).where('id', '=', j.teacher_user_id).execute();
    await changed('teacher name');
    const another = await db().selectFrom('users').select('id').where('login', '=', 'deputy').executeTakeFirstOrThrow();
    await db().updateTable('journals').set({ teacher_user_id: another.id }).where('id', '=', j.id).execute();
    await changed('teacher of the journal');
    await db().deleteFrom('timetable').where('journal_id', '=', j.id).execute();
    await changed('timetable entry removed');
    await db().updateTable('periods').set({ ends_on: '2026-11-20' }).where('id', '=', w.fx.currentPeriodId).execute();
    await changed('period dates');
  });

  it('shows what teachers write through the services: lessons, types of work, marks, homework', async () => {
    const teacher = await w.as('teacher');
    const open = await teacher.call('journal.open', { journalId: w.fx.teacherGroupJournalId });
    expect(open.students.some((s) => s.id === studentId)).toBe(true);
    const lesson = open.lessons.filter((l) => l.date >= '2026-11-01').at(-1)!;
    const column = lesson.columns[0]!;
    weekOf = lesson.date;
    before = await current();
    await teacher.call('lessons.update', {
      lessonId: lesson.id,
      version: lesson.version,
      date: lesson.date,
      lessonNo: lesson.lessonNo,
      hours: lesson.hours,
      kind: lesson.kind,
      planTopicId: lesson.planTopicId,
      topic: 'Тема, исправленная',
      homework: 'Новое задание',
    });
    await changed('lesson topic');
    const mark = open.marks.find((m) => m.columnId === column.id && m.studentId === studentId);
    const value = mark?.value === '3' ? '2' : '3';
    await teacher.call('marks.set', { columnId: column.id, studentId, value, version: mark?.version ?? null });
    await changed('mark');
    await teacher.call('columns.update', {
      columnId: column.id,
      version: column.version,
      kind: column.kind,
      title: 'Переименованная работа',
      weight: 2,
      releaseOn: column.releaseOn ? null : '2026-12-20',
    });
    await changed('type of work: title, weight, release date');
    const created = await teacher.call('lessons.create', {
      journalId: w.fx.teacherGroupJournalId,
      date: lesson.date,
      lessonNo: 7,
      homework: 'Эссе',
    });
    await changed('lesson created');
    await teacher.call('lessons.individualHomework', { lessonId: created.id, studentId, text: 'Доклад' });
    await changed('individual homework');
    await teacher.call('lessons.delete', {
      lessonId: created.id,
      version: (await teacher.call('journal.open', { journalId: w.fx.teacherGroupJournalId })).lessons.find(
        (l) => l.id === created.id,
      )!.version,
    });
    await changed('lesson deleted');
    weekOf = undefined;
    before = await current();
  });

  it('shows changes of the student: groups, subgroups, reasons of absence', async () => {
    const parent = new TestClient(w.deps);
    await parent.login('parent');
    const day = '2026-11-23';
    await parent.call('excuses.submit', {
      studentId,
      fromDate: day,
      toDate: day,
      kind: 'parent_note',
      text: 'Заболел',
    });
    await changed('excuse');
    await db().deleteFrom('subgroup_students').where('student_id', '=', studentId).execute();
    await current();
    // A subgroup removed: its journals go with it (a cascade, no statement of ours on journals).
    const split = await db()
      .selectFrom('journals')
      .select('subgroup_id')
      .where('group_id', '=', w.fx.groupId)
      .where('subgroup_id', 'is not', null)
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('subgroup_students')
      .values({ subgroup_id: split.subgroup_id!, student_id: studentId })
      .execute();
    before = await current();
    await db().deleteFrom('subgroups').where('id', '=', split.subgroup_id!).execute();
    await changed('subgroup removed with its journals');
    const other = await db()
      .selectFrom('groups')
      .select('id')
      .where('year_id', '=', w.fx.currentYearId)
      .where('id', '!=', w.fx.groupId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await db()
      .updateTable('enrolments')
      .set({ group_id: other.id })
      .where('student_id', '=', studentId)
      .where('until_date', 'is', null)
      .execute();
    await changed('moved to another group');
  });

  it('is not read again after a login, a saved mark or a roll call', async () => {
    const version = async () =>
      db().selectFrom('catalogue_version').select(['version', 'stamp']).executeTakeFirstOrThrow();
    const contents = async () => db().selectFrom('journals').select(['id', 'content_version']).orderBy('id').execute();
    const [v0, c0] = [await version(), await contents()];
    const teacher = await w.as('teacher');
    await w.as('admin');
    const open = await teacher.call('journal.open', { journalId: w.fx.teacherGroupJournalId });
    const lesson = open.lessons.at(-1)!;
    const marked = new Set(open.attendance.filter((a) => a.lessonId === lesson.id).map((a) => a.studentId));
    const student = open.students.find((s) => !marked.has(s.id))!;
    const columnId = lesson.columns[0]!.id;
    const mark = open.marks.find((m) => m.columnId === columnId && m.studentId === student.id);
    const value = mark?.value === '4' ? '5' : '4';
    await teacher.call('marks.set', {
      columnId,
      studentId: student.id,
      value,
      version: mark?.version ?? null,
      // A week-old lesson: changing its mark is a correction.
      correction: 'Ошибка при вводе',
    });
    await teacher.call('attendance.set', {
      lessonId: lesson.id,
      studentId: student.id,
      code: 'оп',
      lateMinutes: 5,
      version: null,
    });
    expect(await version()).toEqual(v0);
    expect(await contents()).toEqual(c0);
  });
});
