// A closed period is read-only; the teacher asks for an unlock with a reason, the deputy approves or
// refuses, and what is changed meanwhile is in the audit log. Also: who may open which journal, and
// the subgroups' combined view — on both databases.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases.js';
import { refused, TestClient } from '../support/harness.js';
import { count, freeCell, journalWorld, type JournalWorld } from './journal-support.js';

describeEachDb('journal locks and views', (kind) => {
  let w: JournalWorld;
  beforeAll(async () => {
    w = await journalWorld(kind);
  });
  afterAll(async () => {
    await w.close();
  });

  it('makes a closed period read-only until the deputy approves an unlock, then logs the changes', async () => {
    const teacher = await w.as('teacher');
    const deputy = await w.as('deputy');
    const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    const period = page.periods.find((p) => p.id === page.range.periodId)!;
    await w.handle.db.updateTable('periods').set({ locked: 1 }).where('id', '=', period.id).execute();
    try {
      const locked = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
      expect(locked.periods.find((p) => p.id === period.id)).toMatchObject({
        locked: true,
        editable: false,
        unlock: null,
      });
      const { lesson, column, student } = freeCell(locked);
      const before = await count(w.handle, 'marks');
      const e = await refused(
        teacher.call('marks.set', { columnId: column.id, studentId: student.id, value: '5', version: null }),
        'locked',
      );
      expect(e.message).toMatch(
        new RegExp(`^Период «${period.title}» закрыт: изменения за .* возможны только после разблокировки`),
      );
      await refused(
        teacher.call('lessons.create', { journalId: w.fx.teacherJournalId, date: '2026-11-25', lessonNo: 8 }),
        'locked',
      );
      expect(await count(w.handle, 'marks')).toBe(before);

      await refused(
        teacher.call('unlocks.request', { journalId: w.fx.teacherJournalId, periodId: period.id, reason: '' }),
        'bad_request',
      );
      const request = await teacher.call('unlocks.request', {
        journalId: w.fx.teacherJournalId,
        periodId: period.id,
        reason: 'Не выставлены отметки за контрольную работу 24.11',
      });
      expect(request).toMatchObject({ status: 'requested', active: false, periodTitle: period.title });
      await refused(
        teacher.call('unlocks.request', { journalId: w.fx.teacherJournalId, periodId: period.id, reason: 'Ещё раз' }),
        'conflict',
      );
      await refused(teacher.call('unlocks.decide', { unlockId: request.id, version: 1, approve: true }), 'forbidden');
      const waiting = await deputy.call('unlocks.list', { status: 'requested' });
      expect(waiting.map((u) => u.id)).toContain(request.id);
      await refused(deputy.call('unlocks.decide', { unlockId: request.id, version: 1, approve: false }), 'bad_request');
      const approved = await deputy.call('unlocks.decide', {
        unlockId: request.id,
        version: 1,
        approve: true,
        validUntil: '2026-11-27',
      });
      expect(approved).toMatchObject({
        status: 'approved',
        active: true,
        validUntil: '2026-11-27',
        decidedBy: expect.any(String),
      });
      await refused(
        deputy.call('unlocks.decide', { unlockId: request.id, version: 1, approve: false, note: 'поздно' }),
        'conflict',
      );

      const saved = await teacher.call('marks.set', {
        columnId: column.id,
        studentId: student.id,
        value: '5',
        version: null,
      });
      await teacher.call('attendance.set', {
        lessonId: lesson.id,
        studentId: locked.students.find(
          (s) =>
            s.id !== student.id &&
            !locked.attendance.some((a) => a.lessonId === lesson.id && a.studentId === s.id) &&
            !locked.marks.some((m) => m.studentId === s.id && lesson.columns.some((c) => c.id === m.columnId)),
        )!.id,
        code: 'оп',
        version: null,
      });
      const changes = await deputy.call('unlocks.changes', { unlockId: request.id });
      expect(changes.map((c) => c.action)).toEqual(['marks.set', 'attendance.set']);
      expect(changes[0]!.studentName).toBe(locked.students.find((s) => s.id === student.id)!.fullName);
      expect((await deputy.call('unlocks.list', {})).find((u) => u.id === request.id)!.changes).toBe(2);

      // Past its date the unlock expires and the period is closed again.
      w.clock.set(new Date('2026-11-28T10:00:00'));
      const version = saved.kind === 'mark' ? saved.cell!.version : 0;
      await refused(
        teacher.call('marks.set', { columnId: column.id, studentId: student.id, value: '4', version }),
        'locked',
      );
      const expired = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
      expect(expired.periods.find((p) => p.id === period.id)!.unlock).toMatchObject({ status: 'expired' });
      w.clock.set(new Date('2026-11-25T10:00:00'));

      // A refusal keeps it closed and tells the teacher why.
      await w.handle.db
        .updateTable('period_unlocks')
        .set({ valid_until: '2026-11-20' })
        .where('id', '=', request.id)
        .execute();
      const second = await teacher.call('unlocks.request', {
        journalId: w.fx.teacherJournalId,
        periodId: period.id,
        reason: 'Исправить отметку Иванову',
      });
      const refusal = await deputy.call('unlocks.decide', {
        unlockId: second.id,
        version: 1,
        approve: false,
        note: 'Исправление оформляется приказом',
      });
      expect(refusal).toMatchObject({ status: 'refused', decisionNote: 'Исправление оформляется приказом' });
      await refused(
        teacher.call('marks.set', { columnId: column.id, studentId: student.id, value: '4', version }),
        'locked',
      );
      expect((await teacher.call('unlocks.list', {})).map((u) => u.id)).toEqual(
        expect.arrayContaining([request.id, second.id]),
      );
    } finally {
      await w.handle.db.updateTable('periods').set({ locked: 0 }).where('id', '=', period.id).execute();
    }
  });

  it("refuses an unlock of an open period and of another teacher's journal", async () => {
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    const e = await refused(
      teacher.call('unlocks.request', {
        journalId: w.fx.teacherJournalId,
        periodId: page.range.periodId!,
        reason: 'x',
      }),
      'bad_request',
    );
    expect(e.message).toMatch(/не закрыт: разблокировка не нужна/);
    await refused(
      teacher.call('unlocks.request', { journalId: w.fx.otherJournalId, periodId: page.range.periodId!, reason: 'x' }),
      'forbidden',
    );
  });

  it('opens a journal for its teacher, the curator, the department head and the administration only', async () => {
    for (const login of ['teacher', 'deputy', 'director', 'admin', 'secretary']) {
      const page = await (await w.as(login)).call('journal.open', { journalId: w.fx.teacherJournalId });
      expect(page.canWrite).toBe(login === 'teacher');
    }
    await refused((await w.as('teacher')).call('journal.open', { journalId: w.fx.otherJournalId }), 'forbidden');
    await refused((await w.as('curator')).call('journal.open', { journalId: w.fx.otherJournalId }), 'forbidden');
    await refused((await w.as('depthead')).call('journal.open', { journalId: w.fx.otherJournalId }), 'forbidden');
    const mine = await (await w.as('teacher')).call('journal.list', {});
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((j) => j.mine)).toBe(true);
    const all = await (await w.as('deputy')).call('journal.list', {});
    expect(all.length).toBeGreaterThan(mine.length);
  });

  it('opens a page by period or by dates and refuses a period of another year', async () => {
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', {
      journalId: w.fx.teacherJournalId,
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(page.range).toMatchObject({ from: '2026-10-01', to: '2026-10-31' });
    expect(page.lessons.every((l) => l.date >= '2026-10-01' && l.date <= '2026-10-31')).toBe(true);
    const marks = await w.handle.db
      .selectFrom('marks as m')
      .innerJoin('work_columns as c', 'c.id', 'm.column_id')
      .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
      .select('m.id')
      .where('l.journal_id', '=', w.fx.teacherJournalId)
      .where('l.date', '>=', '2026-10-01')
      .where('l.date', '<=', '2026-10-31')
      .execute();
    expect(page.marks).toHaveLength(marks.length);
    const old = await w.handle.db
      .selectFrom('periods')
      .select('id')
      .where('year_id', '=', w.fx.previousYearId)
      .executeTakeFirstOrThrow();
    await refused(teacher.call('journal.open', { journalId: w.fx.teacherJournalId, periodId: old.id }), 'bad_request');
  });

  it("keeps each subgroup's journal to its teacher and shows both in the group view", async () => {
    const pair = await w.handle.db
      .selectFrom('journals as a')
      .innerJoin('journals as b', (j) =>
        j.onRef('b.group_id', '=', 'a.group_id').onRef('b.subject_id', '=', 'a.subject_id'),
      )
      .innerJoin('users as u', 'u.id', 'a.teacher_user_id')
      .select(['a.id as a', 'b.id as b', 'u.login', 'a.teacher_user_id as ta', 'b.teacher_user_id as tb'])
      .where('a.year_id', '=', w.fx.currentYearId)
      .where('a.subgroup_id', 'is not', null)
      .whereRef('a.id', '<', 'b.id')
      // A plain teacher: not also a curator or department head who would read the group's journals anyway.
      .where('a.teacher_user_id', 'not in', (eb) =>
        eb.selectFrom('user_roles').select('user_id').where('role', '!=', 'teacher'),
      )
      .orderBy('a.id')
      .executeTakeFirstOrThrow();
    expect(pair.ta).not.toBe(pair.tb);
    const first = await new TestClient(w.deps).login(pair.login);
    const own = await first.call('journal.open', { journalId: pair.a });
    expect(own.canWrite).toBe(true);
    expect(own.journal.siblingIds).toEqual([pair.b]);
    const members = await w.handle.db
      .selectFrom('subgroup_students')
      .select('student_id')
      .where('subgroup_id', '=', own.journal.subgroup!.id)
      .execute();
    expect(own.students.every((s) => members.some((m) => m.student_id === s.id))).toBe(true);
    await refused(first.call('journal.open', { journalId: pair.b }), 'forbidden');
    const both = await first.call('journal.combined', { journalId: pair.a });
    expect(both.map((p) => p.journal.id)).toEqual([pair.a, pair.b]);
    expect(both.every((p) => !p.canWrite && p.periods.every((x) => !x.editable))).toBe(true);
    const ids = new Set(both.flatMap((p) => p.students.map((s) => s.id)));
    expect(ids.size).toBe(both[0]!.students.length + both[1]!.students.length);
    await refused((await w.as('teacher')).call('journal.combined', { journalId: pair.a }), 'forbidden');
    // The other subgroup's student gets no mark in this subgroup's journal.
    const stranger = both[1]!.students.find((s) => s.intervals.some((i) => i.until === null))!;
    const lesson = own.lessons.at(-1)!;
    const e = await refused(
      first.call('marks.set', { columnId: lesson.columns[0]!.id, studentId: stranger.id, value: '5', version: null }),
      'bad_request',
    );
    expect(e.message).toMatch(/не в подгруппе/);
  });
});
