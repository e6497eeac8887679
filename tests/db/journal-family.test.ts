// The student's and parent's page and the reasons of absence: only their own child, marks held back
// until their release date, a parent's note confirmed by the curator excusing the absences — on both databases.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases.js';
import { refused, TestClient } from '../support/harness.js';
import { count, journalWorld, type JournalWorld } from './journal-support.js';

describeEachDb('family page and absence reasons', (kind) => {
  let w: JournalWorld;
  beforeAll(async () => {
    w = await journalWorld(kind);
  });
  afterAll(async () => {
    await w.close();
  });

  async function studentMarks(from: string, to: string) {
    return w.handle.db
      .selectFrom('marks as m')
      .innerJoin('work_columns as c', 'c.id', 'm.column_id')
      .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
      .innerJoin('journals as j', 'j.id', 'l.journal_id')
      .select(['m.value', 'c.id as column_id', 'l.date'])
      .where('m.student_id', '=', w.fx.studentId)
      .where('j.year_id', '=', w.fx.currentYearId)
      .where('l.date', '>=', from)
      .where('l.date', '<=', to)
      .execute();
  }

  it("shows the parent exactly their child's marks of the period, the week and its homework", async () => {
    const parent = await w.as('parent');
    const page = await parent.call('family.page', { studentId: w.fx.studentId });
    expect(page.student.id).toBe(w.fx.studentId);
    expect(page.children.map((c) => c.studentId)).toEqual([w.fx.studentId]);
    expect(page.canSendExcuse).toBe(true);
    const marks = await studentMarks(page.period!.startsOn, page.period!.endsOn);
    const shown = page.subjects.flatMap((s) => s.marks);
    expect(shown).toHaveLength(marks.length);
    expect(shown.map((m) => m.value).sort()).toEqual(marks.map((m) => m.value).sort());
    expect(page.week.from).toBe('2026-11-23');
    expect(page.week.days.map((d) => d.date)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
    ]);
    const lessons = page.week.days.flatMap((d) => d.lessons);
    expect(lessons.length).toBeGreaterThan(5);
    // Homework of the held lessons is exactly what the journal has for the group.
    const held = await w.handle.db
      .selectFrom('lessons')
      .select(['date', 'lesson_no', 'homework', 'journal_id'])
      .where('journal_id', 'in', [...new Set(lessons.map((l) => l.journalId))])
      .where('date', '>=', '2026-11-23')
      .where('date', '<=', '2026-11-28')
      .execute();
    for (const l of lessons.filter((x) => x.held)) {
      expect(l.homework).toBe(
        held.find(
          (h) =>
            h.journal_id === l.journalId &&
            h.lesson_no === l.lessonNo &&
            page.week.days.some((d) => d.date === h.date && d.lessons.includes(l)),
        )!.homework,
      );
    }
    // Today's lessons are not entered yet: they come from the timetable.
    expect(page.week.days.find((d) => d.date === '2026-11-25')!.lessons.every((l) => !l.held)).toBe(true);
    const student = await (await w.as('student')).call('family.page', { studentId: w.fx.studentId });
    expect(student.subjects.flatMap((s) => s.marks)).toHaveLength(marks.length);
    expect(student.canSendExcuse).toBe(false);
  });

  it("refuses another child's page to parents and students, and the page to teachers", async () => {
    await refused((await w.as('parent')).call('family.page', { studentId: w.fx.otherStudentId }), 'forbidden');
    await refused((await w.as('student')).call('family.page', { studentId: w.fx.otherStudentId }), 'forbidden');
    await refused((await w.as('curator')).call('family.page', { studentId: w.fx.otherStudentId }), 'forbidden');
    await refused((await w.as('teacher')).call('family.page', { studentId: w.fx.studentId }), 'forbidden');
    await (await w.as('curator')).call('family.page', { studentId: w.fx.studentId });
  });

  it('holds marks of a column back from the family until its release date', async () => {
    const parent = await w.as('parent');
    const page = await parent.call('family.page', { studentId: w.fx.studentId });
    const marks = await studentMarks(page.period!.startsOn, page.period!.endsOn);
    const target = marks.at(-1)!;
    await w.handle.db
      .updateTable('work_columns')
      .set({ release_on: '2026-12-01' })
      .where('id', '=', target.column_id)
      .execute();
    try {
      const hidden = await parent.call('family.page', { studentId: w.fx.studentId });
      expect(hidden.subjects.flatMap((s) => s.marks)).toHaveLength(marks.length - 1);
      expect(hidden.subjects.reduce((n, s) => n + s.hidden, 0)).toBe(1);
      // Staff see it; the family sees it from the release date on.
      const curator = await (await w.as('curator')).call('family.page', { studentId: w.fx.studentId });
      expect(curator.subjects.flatMap((s) => s.marks)).toHaveLength(marks.length);
      w.clock.set(new Date('2026-12-01T08:00:00'));
      const released = await parent.call('family.page', { studentId: w.fx.studentId, weekOf: '2026-11-25' });
      expect(released.subjects.flatMap((s) => s.marks)).toHaveLength(marks.length);
    } finally {
      w.clock.set(new Date('2026-11-25T10:00:00'));
      await w.handle.db
        .updateTable('work_columns')
        .set({ release_on: null })
        .where('id', '=', target.column_id)
        .execute();
    }
  });

  it('lets the parent send a reason and the curator confirm it, excusing the absences it covers', async () => {
    const parent = await w.as('parent');
    const curator = await w.as('curator');
    // An absence without a reason in the current year.
    const absence = await w.handle.db
      .selectFrom('attendance as a')
      .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
      .innerJoin('journals as j', 'j.id', 'l.journal_id')
      .select(['a.id', 'l.date'])
      .where('a.student_id', '=', w.fx.studentId)
      .where('a.code', '=', 'н')
      .where('j.year_id', '=', w.fx.currentYearId)
      .where('l.date', 'not in', (eb) =>
        eb.selectFrom('absence_excuses').select('from_date').where('student_id', '=', w.fx.studentId),
      )
      .orderBy('l.date', 'desc')
      .executeTakeFirstOrThrow();
    const sameDay = await w.handle.db
      .selectFrom('attendance as a')
      .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
      .select('a.id')
      .where('a.student_id', '=', w.fx.studentId)
      .where('l.date', '=', absence.date)
      .where('a.code', '=', 'н')
      .execute();
    const sent = await parent.call('excuses.submit', {
      studentId: w.fx.studentId,
      fromDate: absence.date,
      toDate: absence.date,
      kind: 'parent_note',
      text: 'Был на приёме у стоматолога, талон прилагается',
    });
    expect(sent).toMatchObject({ status: 'submitted', absences: sameDay.length, excused: 0 });
    await refused(
      parent.call('excuses.submit', {
        studentId: w.fx.otherStudentId,
        fromDate: absence.date,
        toDate: absence.date,
        kind: 'parent_note',
        text: 'x',
      }),
      'forbidden',
    );
    await refused(
      parent.call('excuses.submit', {
        studentId: w.fx.studentId,
        fromDate: absence.date,
        toDate: '2026-09-01',
        kind: 'parent_note',
        text: 'x',
      }),
      'bad_request',
    );
    await refused(parent.call('excuses.decide', { excuseId: sent.id, version: 1, confirm: true }), 'forbidden');
    const waiting = await curator.call('excuses.list', { status: 'submitted' });
    expect(waiting.map((x) => x.id)).toContain(sent.id);
    const family = await parent.call('family.page', { studentId: w.fx.studentId });
    expect(family.absences.find((a) => a.date === absence.date)!.excuseStatus).toBe('submitted');

    const confirmed = await curator.call('excuses.decide', { excuseId: sent.id, version: 1, confirm: true });
    expect(confirmed).toMatchObject({ status: 'confirmed', absences: sameDay.length, excused: sameDay.length });
    const rows = await w.handle.db
      .selectFrom('attendance')
      .select(['code', 'excuse_id', 'version'])
      .where(
        'id',
        'in',
        sameDay.map((a) => a.id),
      )
      .execute();
    expect(rows.every((r) => r.code === 'у' && r.excuse_id === sent.id)).toBe(true);
    const log = await w.handle.db
      .selectFrom('audit_log')
      .select(['action', 'journal_id'])
      .where('action', '=', 'attendance.excuse')
      .where('entity_id', '=', String(absence.id))
      .executeTakeFirstOrThrow();
    expect(log.journal_id).not.toBeNull();
    await refused(
      curator.call('excuses.decide', { excuseId: sent.id, version: 1, confirm: false, note: 'x' }),
      'conflict',
    );
    const after = await parent.call('family.page', { studentId: w.fx.studentId });
    expect(after.absences.find((a) => a.date === absence.date)).toMatchObject({ code: 'у', excuseStatus: 'confirmed' });
  });

  it('records a certificate the curator brings as illness («б»), also for absences marked afterwards', async () => {
    const curator = await w.as('curator');
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    if (!page.students.some((s) => s.id === w.fx.studentId)) return;
    const lesson = page.lessons
      .filter(
        (l) =>
          !page.attendance.some((a) => a.lessonId === l.id && a.studentId === w.fx.studentId) &&
          !page.marks.some((m) => m.studentId === w.fx.studentId && l.columns.some((c) => c.id === m.columnId)),
      )
      .at(-1)!;
    const cert = await curator.call('excuses.submit', {
      studentId: w.fx.studentId,
      fromDate: lesson.date,
      toDate: lesson.date,
      kind: 'medical',
      text: 'Справка ГБУЗ «Городская больница» № 1234',
    });
    await curator.call('excuses.decide', { excuseId: cert.id, version: 1, confirm: true });
    const saved = await teacher.call('attendance.set', {
      lessonId: lesson.id,
      studentId: w.fx.studentId,
      code: 'н',
      version: null,
    });
    expect(saved.kind === 'attendance' && saved.cell).toMatchObject({ code: 'б', excuseId: cert.id });
  });

  it("needs a reason to reject, and lets only the student's own curator decide", async () => {
    const parent = await w.as('parent');
    const sent = await parent.call('excuses.submit', {
      studentId: w.fx.studentId,
      fromDate: '2026-11-26',
      toDate: '2026-11-27',
      kind: 'parent_note',
      text: 'Поездка на соревнования по лыжным гонкам',
    });
    const otherCurator = await w.handle.db
      .selectFrom('groups as g')
      .innerJoin('users as u', 'u.id', 'g.curator_user_id')
      .select('u.login')
      .where('g.id', '=', w.fx.otherGroupId)
      .executeTakeFirstOrThrow();
    await refused(
      (await new TestClient(w.deps).login(otherCurator.login)).call('excuses.decide', {
        excuseId: sent.id,
        version: 1,
        confirm: true,
      }),
      'forbidden',
    );
    const curator = await w.as('curator');
    const before = await count(w.handle, 'audit_log');
    const e = await refused(
      curator.call('excuses.decide', { excuseId: sent.id, version: 1, confirm: false }),
      'bad_request',
    );
    expect(e.message).toMatch(/Укажите, почему причина не принята/);
    expect(await count(w.handle, 'audit_log')).toBe(before);
    const rejected = await curator.call('excuses.decide', {
      excuseId: sent.id,
      version: 1,
      confirm: false,
      note: 'Нужна справка от организатора соревнований',
    });
    expect(rejected).toMatchObject({ status: 'rejected', decisionNote: 'Нужна справка от организатора соревнований' });
    const mine = await parent.call('excuses.list', {});
    expect(mine.every((x) => x.studentId === w.fx.studentId)).toBe(true);
    expect(mine.find((x) => x.id === sent.id)!.status).toBe('rejected');
  });
});
