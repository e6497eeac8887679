// Dated timetable changes (issue 14, parts 1 and 4) on the demo college, on both databases: each kind,
// the clash refusals naming the clash, no change over a held lesson, the dated slots every reader uses
// (home page, keeping report), the family week of the group's parent, the catalogue version, access.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Slot } from '../../electron/services/schedule.js';
import { describeEachDb } from '../support/databases.js';
import { refused, type TestClient } from '../support/harness.js';
import type { JournalWorld } from './journal-support.js';
import { changesWorld, NEXT_WEEK, type ChangesWorld } from './timetable-changes-support.js';

describeEachDb('dated timetable changes', (kind) => {
  let w: JournalWorld;
  let deputy: TestClient;
  let admin: TestClient;
  let year: ChangesWorld['year'];
  let teachers: ChangesWorld['teachers'];
  let groups: ChangesWorld['groups'];
  let slots: ChangesWorld['slots'];
  let slotOf: ChangesWorld['slotOf'];
  let freeLessonNo: ChangesWorld['freeLessonNo'];
  let catalogueVersion: ChangesWorld['catalogueVersion'];
  let create: ChangesWorld['create'];

  beforeAll(async () => {
    ({ w, deputy, admin, year, teachers, groups, slots, slotOf, freeLessonNo, catalogueVersion, create } =
      await changesWorld(kind));
  }, 120_000);
  afterAll(async () => w.close());

  it('cancels a lesson with a reason: no longer expected, shown as cancelled; the version moves', async () => {
    const journalId = w.fx.teacherGroupJournalId;
    const s = await slotOf(journalId);
    const base = { kind: 'cancel', journalId, date: s.date, lessonNo: s.lessonNo };
    const noReason = await refused(create(base), 'bad_request');
    expect(noReason.message).toMatch(/причину/);
    const before = await catalogueVersion();
    const c = await create({ ...base, reason: 'болезнь преподавателя' });
    expect(c).toMatchObject({ kind: 'cancel', date: s.date, lessonNo: s.lessonNo, reason: 'болезнь преподавателя' });
    expect(await catalogueVersion()).toBeGreaterThan(before);
    const expected = await slots(s.date, s.date, { journalIds: [journalId] });
    expect(expected.some((x) => x.lessonNo === s.lessonNo)).toBe(false);
    const shown = await slots(s.date, s.date, { journalIds: [journalId], withOff: true });
    expect(shown.find((x) => x.lessonNo === s.lessonNo)).toMatchObject({ off: true, change: { kind: 'cancel' } });
    // Cancelling it again: there is no such lesson any more.
    const again = await refused(create({ ...base, reason: 'ещё раз' }), 'bad_request');
    expect(again.message).toMatch(/нет занятия/);

    // The group's parent sees «отмена» on the family week; another group's student's week has no change.
    const parent = await w.as('parent');
    const page = await parent.call('family.page', { studentId: w.fx.studentId, weekOf: s.date });
    const day = page.week.days.find((d) => d.date === s.date)!;
    expect(day.lessons.find((l) => l.journalId === journalId && l.lessonNo === s.lessonNo)?.change).toMatchObject({
      kind: 'cancel',
      reason: 'болезнь преподавателя',
    });
    const other = await admin.call('family.page', { studentId: w.fx.otherStudentId, weekOf: s.date });
    expect(other.week.days.flatMap((d) => d.lessons).some((l) => l.change)).toBe(false);

    // Removed: the lesson is back; the version moves again.
    const beforeRemove = await catalogueVersion();
    await deputy.call('timetableChanges.remove', { id: c.id, version: c.version });
    expect(await catalogueVersion()).toBeGreaterThan(beforeRemove);
    expect((await slots(s.date, s.date, { journalIds: [journalId] })).some((x) => x.lessonNo === s.lessonNo)).toBe(
      true,
    );
    const audit = await w.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'timetable_changes')
      .where('entity_id', '=', String(c.id))
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['timetableChange.create', 'timetableChange.remove']);
  });

  it('refuses to cancel or move a lesson already held, and a slot that does not exist', async () => {
    const lesson = await w.handle.db
      .selectFrom('lessons')
      .select(['journal_id', 'date', 'lesson_no'])
      .where('id', '=', w.fx.teacherLessonId)
      .executeTakeFirstOrThrow();
    const target = { journalId: lesson.journal_id, date: lesson.date, lessonNo: lesson.lesson_no };
    const held = (await slots(lesson.date, lesson.date, { journalIds: [lesson.journal_id] })).some(
      (s) => s.lessonNo === lesson.lesson_no,
    );
    expect(held).toBe(true);
    {
      const e = await refused(create({ kind: 'cancel', ...target, reason: 'x' }), 'bad_request');
      expect(e.message).toMatch(/уже записано в журнале/);
      const m = await refused(
        create({ kind: 'move', ...target, newDate: NEXT_WEEK.to, newLessonNo: 8 }),
        'bad_request',
      );
      expect(m.message).toMatch(/уже записано в журнале/);
    }
    const s = await slotOf(w.fx.teacherGroupJournalId);
    const free = await freeLessonNo(w.fx.teacherGroupJournalId, s.date);
    const none = await refused(
      create({ kind: 'cancel', journalId: w.fx.teacherGroupJournalId, date: s.date, lessonNo: free, reason: 'x' }),
      'bad_request',
    );
    expect(none.message).toMatch(/нет занятия/);
    expect(await w.handle.db.selectFrom('timetable_changes').selectAll().execute()).toEqual([]);
  });

  it('moves a lesson: gone from its old place, expected at the new one, on the teacher’s home page', async () => {
    const journalId = w.fx.teacherGroupJournalId;
    const s = await slotOf(journalId, { from: '2026-12-02', to: '2026-12-02' });
    const newDate = '2026-12-03';
    const newLessonNo = await freeLessonNo(journalId, newDate);
    const c = await create({
      kind: 'move',
      journalId,
      date: s.date,
      lessonNo: s.lessonNo,
      newDate,
      newLessonNo,
      room: 'Т-101',
    });
    expect(c).toMatchObject({ kind: 'move', newDate, newLessonNo, room: 'Т-101' });
    const moved = (await slots(newDate, newDate, { journalIds: [journalId] })).find((x) => x.lessonNo === newLessonNo);
    expect(moved).toMatchObject({
      room: 'Т-101',
      change: { kind: 'move', from: { date: s.date, lessonNo: s.lessonNo } },
    });

    const teacher = await w.as('teacher');
    w.clock.set(new Date(`${newDate}T09:00:00`));
    try {
      const home = await teacher.call('home.summary', {});
      expect(home.todayLessons.find((l) => l.journalId === journalId && l.lessonNo === newLessonNo)).toMatchObject({
        off: false,
        change: { kind: 'move', from: { date: s.date, lessonNo: s.lessonNo } },
      });
      w.clock.set(new Date(`${s.date}T09:00:00`));
      const old = await teacher.call('home.summary', {});
      expect(old.todayLessons.find((l) => l.journalId === journalId && l.lessonNo === s.lessonNo)).toMatchObject({
        off: true,
        change: { kind: 'move', to: { date: newDate, lessonNo: newLessonNo } },
      });
    } finally {
      w.clock.set(new Date('2026-11-25T10:00:00'));
    }
  });

  it('refuses a change that clashes, naming the teacher, the group or the room', async () => {
    const journalId = w.fx.teacherGroupJournalId;
    const date = '2026-12-02';
    const day = await slots(date, date);
    // The group busy: an extra lesson where another lesson of the group stands.
    const groupBusy = day.find((s) => s.groupId === groups.get(journalId))!;
    const g = await refused(
      create({ kind: 'extra', journalId, date, lessonNo: groupBusy.lessonNo, room: null }),
      'bad_request',
    );
    expect(g.message).toMatch(/^Накладка в расписании\./);
    expect(g.message).toMatch(/(Группа .+ уже занята|уже стоит занятие)/);
    // The teacher busy: another journal's lesson given to the demo teacher while they teach.
    const own = day.filter((s) => teachers.get(s.journalId) === w.fx.userIds.teacher);
    const other = day.find(
      (s) => own.some((o) => o.lessonNo === s.lessonNo) && teachers.get(s.journalId) !== w.fx.userIds.teacher,
    );
    expect(other).toBeDefined();
    if (other) {
      const t = await refused(
        create({
          kind: 'substitute',
          journalId: other.journalId,
          date,
          lessonNo: other.lessonNo,
          substituteUserId: w.fx.userIds.teacher,
          reason: 'болезнь',
        }),
        'bad_request',
      );
      expect(t.message).toMatch(/Преподаватель .+ 02\.12\.2026, \d-е занятие уже ведёт/);
    }
    // The room busy: an extra lesson in the room of another lesson at that time.
    const free = await freeLessonNo(journalId, date);
    const roomed = day.find((s) => s.lessonNo === free && s.room);
    expect(roomed).toBeDefined();
    if (roomed) {
      const r = await refused(
        create({ kind: 'extra', journalId, date, lessonNo: free, room: roomed.room }),
        'bad_request',
      );
      expect(r.message).toMatch(/Аудитория .+ уже занята/);
    }
    // An extra lesson at a free place in a free room is added and expected.
    const extra = await create({ kind: 'extra', journalId, date, lessonNo: free, room: 'Т-999' });
    expect((await slots(date, date, { journalIds: [journalId] })).find((s) => s.lessonNo === free)).toMatchObject({
      change: { kind: 'extra' },
      room: 'Т-999',
    });
    // Then the room is taken: another extra lesson of another journal there is refused.
    const otherJournal = w.fx.otherJournalId;
    const busyRoom = await refused(
      create({ kind: 'extra', journalId: otherJournal, date, lessonNo: free, room: 'т-999' }),
      'bad_request',
    );
    if (!/Группа|Преподаватель/.test(busyRoom.message)) expect(busyRoom.message).toMatch(/Аудитория Т-999/);
    await deputy.call('timetableChanges.remove', { id: extra.id, version: extra.version });
  });

  it('gives a lesson to a substitute: shown on both teachers’ home pages, and on the family week', async () => {
    // A lesson of another teacher in the demo student's group, at a time the demo teacher is free.
    const date = '2026-12-04';
    const day = await slots(date, date);
    const mine = new Set(day.filter((s) => teachers.get(s.journalId) === w.fx.userIds.teacher).map((s) => s.lessonNo));
    const s = day.find(
      (x) => x.groupId === w.fx.groupId && teachers.get(x.journalId) !== w.fx.userIds.teacher && !mine.has(x.lessonNo),
    );
    expect(s).toBeDefined();
    const owner = teachers.get(s!.journalId)!;
    const noReason = await refused(
      create({
        kind: 'substitute',
        journalId: s!.journalId,
        date,
        lessonNo: s!.lessonNo,
        substituteUserId: w.fx.userIds.teacher,
      }),
      'bad_request',
    );
    expect(noReason.message).toMatch(/причину/);
    const c = await create({
      kind: 'substitute',
      journalId: s!.journalId,
      date,
      lessonNo: s!.lessonNo,
      substituteUserId: w.fx.userIds.teacher,
      reason: 'курсы повышения квалификации',
    });
    expect(c.substituteName).toBeTruthy();
    const forSubstitute = await slots(date, date, { teacherId: w.fx.userIds.teacher });
    expect(forSubstitute.find((x) => x.journalId === s!.journalId)).toMatchObject({
      change: { kind: 'substitute', substituteId: w.fx.userIds.teacher },
    });
    const forOwner = await slots(date, date, { teacherId: owner, withOff: true });
    expect(forOwner.find((x) => x.journalId === s!.journalId && x.lessonNo === s!.lessonNo)).toMatchObject({
      off: true,
    });
    expect(
      (await slots(date, date, { teacherId: owner })).some(
        (x) => x.journalId === s!.journalId && x.lessonNo === s!.lessonNo,
      ),
    ).toBe(false);

    const teacher = await w.as('teacher');
    w.clock.set(new Date(`${date}T09:00:00`));
    try {
      const home = await teacher.call('home.summary', {});
      expect(home.todayLessons.find((l) => l.journalId === s!.journalId)).toMatchObject({
        off: false,
        change: { kind: 'substitute', reason: 'курсы повышения квалификации' },
      });
    } finally {
      w.clock.set(new Date('2026-11-25T10:00:00'));
    }
    const parent = await w.as('parent');
    const page = await parent.call('family.page', { studentId: w.fx.studentId, weekOf: date });
    const lesson = page.week.days
      .find((d) => d.date === date)!
      .lessons.find((l) => l.journalId === s!.journalId && l.lessonNo === s!.lessonNo);
    expect(lesson?.change).toMatchObject({ kind: 'substitute', substituteName: c.substituteName });
  });

  it('the keeping report and the home counter ignore a cancelled lesson and expect an extra one', async () => {
    const journalId = w.fx.teacherGroupJournalId;
    const teacher = await w.as('teacher');
    // A week later nothing of the week 30.11–04.12 has been entered.
    w.clock.set(new Date('2026-12-07T09:00:00'));
    try {
      const unfilled = async () => {
        const r = await deputy.call('reports.keeping', { periodId: w.fx.currentPeriodId });
        return {
          report: r.rows.find((x) => x.journalId === journalId)!.unfilled,
          home: (await teacher.call('home.summary', {})).unfilledLessons,
        };
      };
      const before = await unfilled();
      const s = await slotOf(journalId, { from: '2026-12-04', to: '2026-12-04' });
      const cancel = await create({
        kind: 'cancel',
        journalId,
        date: s.date,
        lessonNo: s.lessonNo,
        reason: 'карантин',
      });
      const afterCancel = await unfilled();
      expect(afterCancel).toEqual({ report: before.report - 1, home: before.home - 1 });
      const date = '2026-11-30';
      const free = await freeLessonNo(journalId, date);
      await create({ kind: 'extra', journalId, date, lessonNo: free, room: 'Т-555', reason: 'отработка' });
      expect(await unfilled()).toEqual(before);
      await deputy.call('timetableChanges.remove', { id: cancel.id, version: cancel.version });
      expect(await unfilled()).toEqual({ report: before.report + 1, home: before.home + 1 });
      const list = await deputy.call('timetableChanges.list', {
        yearId: year.id,
        from: '2026-11-30',
        to: '2026-12-06',
      });
      expect(list.map((c) => c.kind)).toContain('extra');
    } finally {
      w.clock.set(new Date('2026-11-25T10:00:00'));
    }
  });

  it('refuses removing a change once its lesson is recorded', async () => {
    const list = await deputy.call('timetableChanges.list', { yearId: year.id, from: '2026-11-30', to: '2026-11-30' });
    const extra = list.find((c) => c.kind === 'extra')!;
    await w.handle.db
      .insertInto('lessons')
      .values({
        journal_id: extra.journalId,
        date: extra.date,
        lesson_no: extra.lessonNo,
        hours: 2,
        plan_topic_id: null,
        topic: 'Отработка',
        kind: 'lecture',
        homework: null,
        entered_on: extra.date,
        attendance_taken: 1,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
        created_by: w.fx.userIds.teacher,
        taught_by: w.fx.userIds.teacher,
      })
      .execute();
    const [again] = (
      await deputy.call('timetableChanges.list', { yearId: year.id, from: extra.date, to: extra.date })
    ).filter((c) => c.id === extra.id);
    expect(again!.held).toBe(true);
    const e = await refused(
      deputy.call('timetableChanges.remove', { id: extra.id, version: extra.version }),
      'bad_request',
    );
    expect(e.message).toMatch(/уже записано в журнале/);
  });

  it('the weekly draft remarks do not ask for a cancelled lesson and ask for a moved one on its new date', async () => {
    const journalId = w.fx.teacherGroupJournalId;
    w.clock.set(new Date('2026-12-07T09:00:00'));
    try {
      const s = await slotOf(journalId, { from: '2026-12-04', to: '2026-12-04' });
      await create({ kind: 'cancel', journalId, date: s.date, lessonNo: s.lessonNo, reason: 'карантин' });
      await deputy.call('remarks.draftWeekly', { weekOf: '2026-11-30' });
      const remark = await w.handle.db
        .selectFrom('remarks')
        .select('text')
        .where('journal_id', '=', journalId)
        .where('auto', '=', 1)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      // 02.12 moved to 03.12 (the move test), 04.12 cancelled, the extra lesson of 30.11 recorded.
      expect(remark.text).toContain('Не заполнены занятия по расписанию: 1 (03.12)');
    } finally {
      w.clock.set(new Date('2026-11-25T10:00:00'));
    }
  });

  it('refuses removing a cancel when the freed place has been given to the teacher meanwhile', async () => {
    const teacherId = w.fx.userIds.teacher;
    const range = { from: '2026-12-14', to: '2026-12-18' };
    const all = await slots(range.from, range.to);
    const own = all.filter((s) => teachers.get(s.journalId) === teacherId);
    const pair = own
      .map((o) => ({
        o,
        s: all.find(
          (x) =>
            x.date === o.date &&
            x.lessonNo === o.lessonNo &&
            x.groupId !== o.groupId &&
            teachers.get(x.journalId) !== teacherId &&
            !all.some(
              (y) =>
                y !== o && y.date === o.date && y.lessonNo === o.lessonNo && teachers.get(y.journalId) === teacherId,
            ),
        ),
      }))
      .find((p) => p.s);
    expect(pair).toBeDefined();
    const { o, s } = pair as { o: Slot; s: Slot };
    const cancel = await create({
      kind: 'cancel',
      journalId: o.journalId,
      date: o.date,
      lessonNo: o.lessonNo,
      reason: 'курсы',
    });
    const sub = await create({
      kind: 'substitute',
      journalId: s.journalId,
      date: s.date,
      lessonNo: s.lessonNo,
      substituteUserId: teacherId,
      reason: 'болезнь',
    });
    const e = await refused(
      deputy.call('timetableChanges.remove', { id: cancel.id, version: cancel.version }),
      'bad_request',
    );
    expect(e.message).toMatch(
      /^Изменение не убирается: занятие вернулось бы на место, которое уже занято\. Преподаватель/,
    );
    expect((await slots(o.date, o.date, { journalIds: [o.journalId] })).some((x) => x.lessonNo === o.lessonNo)).toBe(
      false,
    );
    await deputy.call('timetableChanges.remove', { id: sub.id, version: sub.version });
    await deputy.call('timetableChanges.remove', { id: cancel.id, version: cancel.version });
  });

  it('only the deputy and the administrator keep the changes', async () => {
    const s = await slotOf(w.fx.teacherGroupJournalId, { from: '2026-12-08', to: '2026-12-11' });
    const input = {
      kind: 'cancel',
      journalId: w.fx.teacherGroupJournalId,
      date: s.date,
      lessonNo: s.lessonNo,
      reason: 'x',
    };
    for (const login of ['teacher', 'curator', 'parent', 'student']) {
      const client = await w.as(login);
      await refused(create(input, client), 'forbidden');
      await refused(client.call('timetableChanges.list', { yearId: year.id, from: s.date, to: s.date }), 'forbidden');
      await refused(client.call('timetableChanges.remove', { id: 1, version: 1 }), 'forbidden');
    }
    const c = await create(input, admin);
    expect(
      (await admin.call('timetableChanges.list', { yearId: year.id, from: s.date, to: s.date })).map((x) => x.id),
    ).toContain(c.id);
    await admin.call('timetableChanges.remove', { id: c.id, version: c.version });
  });
});
