// Lessons from the timetable and outside it: late entries keep both dates, dates outside the year or
// in the future and hours beyond the plan are refused, the timetable changing later never touches
// lessons already held; types of work and final marks — on both databases.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../support/databases.js';
import { refused } from '../support/harness.js';
import { count, freeCell, journalWorld, type JournalWorld } from './journal-support.js';
import { joined } from '../support/regex.js';

const TODAY = '2026-11-25';

describeEachDb('journal lessons', (kind) => {
  let w: JournalWorld;
  /** A journal of the demo teacher with a lesson in today's timetable. */
  let todayJournal: number;
  let todayLessonNo: number;
  beforeAll(async () => {
    w = await journalWorld(kind);
    const teacher = await w.as('teacher');
    const summary = await teacher.call('home.summary', {});
    expect(summary.todayLessons.length).toBeGreaterThan(0);
    todayJournal = summary.todayLessons[0]!.journalId;
    todayLessonNo = summary.todayLessons[0]!.lessonNo;
  });
  afterAll(async () => {
    await w.close();
  });

  it("offers today's timetable slot ready to fill and the next topic of the plan", async () => {
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: todayJournal });
    expect(page.pending).toContainEqual(expect.objectContaining({ date: TODAY, lessonNo: todayLessonNo }));
    const next = page.plan.topics.find((t) => t.id === page.plan.nextTopicId)!;
    expect(next.taughtOn).toBeNull();
    expect(page.plan.topics.filter((t) => t.seq < next.seq).every((t) => t.taughtOn !== null)).toBe(true);
    const lesson = await teacher.call('lessons.create', {
      journalId: todayJournal,
      date: TODAY,
      lessonNo: todayLessonNo,
      planTopicId: next.id,
      homework: next.homework,
    });
    expect(lesson).toMatchObject({
      date: TODAY,
      enteredOn: TODAY,
      late: false,
      topic: next.title,
      kind: next.kind,
      hours: next.hours,
      planTopicId: next.id,
    });
    expect(lesson.columns).toHaveLength(1);
    const after = await teacher.call('journal.open', { journalId: todayJournal });
    expect(after.pending.some((p) => p.date === TODAY && p.lessonNo === todayLessonNo)).toBe(false);
    expect(after.plan.nextTopicId).not.toBe(next.id);
    expect(after.plan.hoursHeld).toBe(page.plan.hoursHeld + next.hours);
    const home = await teacher.call('home.summary', {});
    expect(home.todayLessons.find((l) => l.journalId === todayJournal && l.lessonNo === todayLessonNo)!.lessonId).toBe(
      lesson.id,
    );
    const dup = await refused(
      teacher.call('lessons.create', { journalId: todayJournal, date: TODAY, lessonNo: todayLessonNo }),
      'conflict',
    );
    expect(dup.message).toBe(
      `Занятие 25.11.2026, ${todayLessonNo}-е по счёту, уже записано в журнале. Обновите страницу`,
    );
  });

  it('records a lesson entered after its date as a late entry with both dates', async () => {
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: todayJournal });
    const missed = page.pending.find((p) => p.date < TODAY);
    const date = missed?.date ?? '2026-11-23';
    const lesson = await teacher.call('lessons.create', {
      journalId: todayJournal,
      date,
      lessonNo: missed?.lessonNo ?? 7,
      topic: 'Повторение  пройденного ',
      kind: 'practical',
      hours: 2,
    });
    expect(lesson).toMatchObject({
      date,
      enteredOn: TODAY,
      late: true,
      topic: 'Повторение пройденного',
      planTopicId: null,
      attendanceTaken: false,
    });
    // The roll call confirmed from the lesson panel; a later edit that does not mention it keeps it.
    const rolled = await teacher.call('lessons.update', {
      lessonId: lesson.id,
      version: lesson.version,
      date,
      lessonNo: lesson.lessonNo,
      hours: 2,
      kind: 'practical',
      planTopicId: null,
      topic: lesson.topic,
      homework: null,
      attendanceTaken: true,
    });
    expect(rolled.attendanceTaken).toBe(true);
    const kept = await teacher.call('lessons.update', {
      lessonId: lesson.id,
      version: rolled.version,
      date,
      lessonNo: lesson.lessonNo,
      hours: 2,
      kind: 'practical',
      planTopicId: null,
      topic: lesson.topic,
      homework: 'Задачи 1–4',
    });
    expect(kept.attendanceTaken).toBe(true);
    const row = await w.handle.db
      .selectFrom('lessons')
      .selectAll()
      .where('id', '=', lesson.id)
      .executeTakeFirstOrThrow();
    expect([row.date, row.entered_on]).toEqual([date, TODAY]);
    const audit = await w.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'lessons.create')
      .where('entity_id', '=', String(lesson.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!)).toMatchObject({ late: true, enteredOn: TODAY, date });
  });

  it('refuses a lesson in the future, outside the year or past the last lesson number, changing nothing', async () => {
    const teacher = await w.as('teacher');
    const before = [await count(w.handle, 'lessons'), await count(w.handle, 'audit_log')];
    const future = await refused(
      teacher.call('lessons.create', { journalId: todayJournal, date: '2026-11-26', lessonNo: 1 }),
      'bad_request',
    );
    expect(future.message).toBe(
      'Нельзя записать занятие на будущую дату 26.11.2026: журнал заполняется в день занятия',
    );
    const outside = await refused(
      teacher.call('lessons.create', { journalId: todayJournal, date: '2026-08-31', lessonNo: 1 }),
      'bad_request',
    );
    expect(outside.message).toBe('Дата занятия 31.08.2026 вне учебного года 2026/2027 (01.09.2026 – 31.08.2027)');
    const number = await refused(
      teacher.call('lessons.create', { journalId: todayJournal, date: TODAY, lessonNo: 9 }),
      'bad_request',
    );
    expect(number.message).toMatch(/не больше 8 занятий в день/);
    await refused(
      teacher.call('lessons.create', { journalId: todayJournal, date: '2026-02-30', lessonNo: 1 }),
      'bad_request',
    );
    expect([await count(w.handle, 'lessons'), await count(w.handle, 'audit_log')]).toEqual(before);
  });

  it('refuses hours beyond the thematic plan until a correction is approved', async () => {
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: todayJournal });
    // Shrink the plan to what has been held: one more lesson would go beyond it.
    const last = page.plan.topics.at(-1)!;
    const planned = page.plan.topics.reduce((s, t) => s + t.hours, 0);
    const squeeze = planned - page.plan.hoursHeld;
    await w.handle.db
      .updateTable('plan_topics')
      .set({ hours: last.hours - squeeze })
      .where('id', '=', last.id)
      .execute();
    try {
      const before = await count(w.handle, 'lessons');
      const error = await refused(
        teacher.call('lessons.create', { journalId: todayJournal, date: '2026-11-21', lessonNo: 8, hours: 2 }),
        'bad_request',
      );
      expect(error.message).toMatch(
        joined(
          /^Часы сверх плана: по тематическому плану с утверждёнными корректировками \d+ ч, /,
          /проведено \d+ ч, ещё 2 ч превысят план\. Нужна утверждённая корректировка плана$/,
        ),
      );
      expect(await count(w.handle, 'lessons')).toBe(before);
      // A correction that is only requested does not count; an approved one does.
      const correction = await w.handle.db
        .insertInto('plan_corrections')
        .values({
          journal_id: todayJournal,
          kind: 'extra_hours',
          hours_delta: 2,
          reason: 'Дополнительное занятие по подготовке к контрольной',
          requested_by: w.fx.userIds.teacher,
          approved_by: null,
          approved_at: null,
          created_at: `${TODAY}T08:00:00.000Z`,
          status: 'requested',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await refused(
        teacher.call('lessons.create', { journalId: todayJournal, date: '2026-11-21', lessonNo: 8, hours: 2 }),
        'bad_request',
      );
      // A refused one does not count either.
      await w.handle.db
        .updateTable('plan_corrections')
        .set({ status: 'refused', approved_by: w.fx.userIds.deputy, approved_at: `${TODAY}T09:00:00.000Z` })
        .where('id', '=', correction.id)
        .execute();
      await refused(
        teacher.call('lessons.create', { journalId: todayJournal, date: '2026-11-21', lessonNo: 8, hours: 2 }),
        'bad_request',
      );
      await w.handle.db
        .updateTable('plan_corrections')
        .set({ status: 'approved' })
        .where('id', '=', correction.id)
        .execute();
      const lesson = await teacher.call('lessons.create', {
        journalId: todayJournal,
        date: '2026-11-21',
        lessonNo: 8,
        hours: 2,
      });
      expect(lesson.hours).toBe(2);
      await teacher.call('lessons.delete', { lessonId: lesson.id, version: lesson.version });
      await w.handle.db.deleteFrom('plan_corrections').where('id', '=', correction.id).execute();
    } finally {
      await w.handle.db.updateTable('plan_topics').set({ hours: last.hours }).where('id', '=', last.id).execute();
    }
  });

  it('never deletes or moves held lessons when the timetable changes', async () => {
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    const held = page.lessons.map((l) => [l.id, l.date, l.lessonNo]);
    const entries = await w.handle.db
      .selectFrom('timetable')
      .selectAll()
      .where('journal_id', '=', w.fx.teacherJournalId)
      .execute();
    // The timetable moves the subject to another day and lesson from November on.
    await w.handle.db
      .updateTable('timetable')
      .set({ valid_to: '2026-10-31' })
      .where('journal_id', '=', w.fx.teacherJournalId)
      .execute();
    for (const e of entries) {
      const { id: _id, ...rest } = e;
      await w.handle.db
        .insertInto('timetable')
        .values({
          ...rest,
          weekday: e.weekday === 6 ? 1 : e.weekday + 1,
          lesson_no: 6,
          valid_from: '2026-11-01',
          valid_to: null,
        })
        .execute();
    }
    const after = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    expect(after.lessons.map((l) => [l.id, l.date, l.lessonNo])).toEqual(held);
    expect(after.marks.length).toBe(page.marks.length);
  });

  it('updates a lesson with the version it saw and refuses a stale one, returning the fresh lesson', async () => {
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    const l = page.lessons.at(-1)!;
    const edit = {
      lessonId: l.id,
      version: l.version,
      date: l.date,
      lessonNo: l.lessonNo,
      hours: l.hours,
      kind: l.kind,
      planTopicId: l.planTopicId,
      topic: l.topic,
      homework: 'Учебник § 12, задачи 1–5',
    };
    const updated = await teacher.call('lessons.update', edit);
    expect(updated).toMatchObject({ homework: 'Учебник § 12, задачи 1–5', version: l.version + 1 });
    const stale = await refused(teacher.call('lessons.update', { ...edit, homework: 'Другое' }), 'conflict');
    expect(stale.message).toMatch(/уже изменили/);
    expect(stale.details).toMatchObject({ id: l.id, homework: 'Учебник § 12, задачи 1–5' });
    // Moving it into the future is refused like creating it there.
    await refused(
      teacher.call('lessons.update', { ...edit, version: updated.version, date: '2026-12-01' }),
      'bad_request',
    );
  });

  it('gives individual homework to a student of the lesson only', async () => {
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    const { lesson, student } = freeCell(page, -2);
    const text = 'Работа над ошибками: задачи 3, 5 и 7 из контрольной работы, оформить в тетради';
    const updated = await teacher.call('lessons.individualHomework', {
      lessonId: lesson.id,
      studentId: student.id,
      text,
    });
    expect(updated.individualHomework).toContainEqual({ studentId: student.id, text });
    await refused(
      teacher.call('lessons.individualHomework', { lessonId: lesson.id, studentId: w.fx.otherStudentId, text }),
      'bad_request',
    );
    const cleared = await teacher.call('lessons.individualHomework', {
      lessonId: lesson.id,
      studentId: student.id,
      text: '  ',
    });
    expect(cleared.individualHomework.some((h) => h.studentId === student.id)).toBe(false);
  });

  it('adds, changes and removes types of work; removing one removes its marks, in the audit log', async () => {
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    const { lesson, student } = freeCell(page, -6);
    const column = await teacher.call('columns.add', { lessonId: lesson.id, kind: 'test', releaseOn: '2026-12-01' });
    expect(column).toMatchObject({
      title: 'Контрольная работа',
      weight: 2,
      releaseOn: '2026-12-01',
      seq: lesson.columns.length + 1,
    });
    await refused(teacher.call('columns.add', { lessonId: lesson.id, kind: 'нечто' }), 'bad_request');
    const renamed = await teacher.call('columns.update', {
      columnId: column.id,
      version: column.version,
      kind: 'test',
      title: 'Контрольная работа №2',
      weight: 3,
      releaseOn: null,
    });
    expect(renamed).toMatchObject({ title: 'Контрольная работа №2', weight: 3, releaseOn: null, version: 2 });
    await refused(
      teacher.call('columns.update', {
        columnId: column.id,
        version: 1,
        kind: 'test',
        title: 'X',
        weight: 1,
        releaseOn: null,
      }),
      'conflict',
    );
    await teacher.call('marks.set', { columnId: column.id, studentId: student.id, value: '5', version: null });
    await teacher.call('columns.remove', { columnId: column.id, version: 2 });
    expect(
      await w.handle.db.selectFrom('marks').select('id').where('column_id', '=', column.id).execute(),
    ).toHaveLength(0);
    const log = await w.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'columns.remove')
      .where('entity_id', '=', String(column.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(log.before!).marks).toEqual([{ student_id: student.id, value: '5' }]);
  });

  it('deletes a lesson with its marks and attendance, keeping them in the audit log', async () => {
    const teacher = await w.as('teacher');
    const lesson = await teacher.call('lessons.create', {
      journalId: w.fx.teacherJournalId,
      date: '2026-11-24',
      lessonNo: 8,
      hours: 2,
      topic: 'Ошибочно записанное занятие',
    });
    const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    const student = page.students.find((s) => s.intervals.some((i) => i.until === null))!;
    await teacher.call('attendance.set', { lessonId: lesson.id, studentId: student.id, code: 'н', version: null });
    await refused(teacher.call('lessons.delete', { lessonId: lesson.id, version: lesson.version + 1 }), 'conflict');
    await teacher.call('lessons.delete', { lessonId: lesson.id, version: lesson.version });
    expect(
      await w.handle.db.selectFrom('attendance').select('id').where('lesson_id', '=', lesson.id).execute(),
    ).toHaveLength(0);
    const log = await w.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'lessons.delete')
      .where('entity_id', '=', String(lesson.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(log.before!).attendance).toEqual([{ student_id: student.id, code: 'н' }]);
  });

  it('sets final marks: the scale per kind, the roster, versions, and the year mark without a period', async () => {
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    const period = page.periods.find((p) => p.id === page.range.periodId)!;
    const [s1, s2] = page.students.filter((s) => s.intervals.some((i) => i.until === null));
    const saved = await teacher.call('finals.set', {
      journalId: w.fx.teacherJournalId,
      cells: [
        { studentId: s1!.id, periodId: period.id, kind: 'period', value: '4', version: null },
        { studentId: s2!.id, periodId: period.id, kind: 'period', value: 'н/а', version: null },
      ],
    });
    expect(saved.map((f) => f.value)).toEqual(['4', 'н/а']);
    const credit = await refused(
      teacher.call('finals.set', {
        journalId: w.fx.teacherJournalId,
        cells: [{ studentId: s1!.id, periodId: period.id, kind: 'credit', value: '5', version: null }],
      }),
      'bad_request',
    );
    expect(credit.message).toBe('Неверное значение отметки «5» за зачёт: допустимы зач, незач, н/а');
    const stale = await refused(
      teacher.call('finals.set', {
        journalId: w.fx.teacherJournalId,
        cells: [{ studentId: s1!.id, periodId: period.id, kind: 'period', value: '5', version: null }],
      }),
      'conflict',
    );
    expect(stale.message).toMatch(/сейчас «4»/);
    await teacher.call('finals.set', {
      journalId: w.fx.teacherJournalId,
      cells: [{ studentId: s1!.id, periodId: period.id, kind: 'period', value: '5', version: saved[0]!.version }],
    });
    const year = await teacher.call('finals.set', {
      journalId: w.fx.teacherJournalId,
      cells: [{ studentId: s1!.id, periodId: null, kind: 'year', value: '5', version: null }],
    });
    expect(year[0]).toMatchObject({ periodId: null, kind: 'year', value: '5' });
    await refused(
      teacher.call('finals.set', {
        journalId: w.fx.teacherJournalId,
        cells: [{ studentId: s1!.id, periodId: null, kind: 'period', value: '5', version: null }],
      }),
      'bad_request',
    );
    await refused(
      teacher.call('finals.set', {
        journalId: w.fx.teacherJournalId,
        cells: [{ studentId: w.fx.otherStudentId, periodId: period.id, kind: 'period', value: '5', version: null }],
      }),
      'bad_request',
    );
    const reopened = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    expect(reopened.finals).toContainEqual(
      expect.objectContaining({ studentId: s1!.id, periodId: period.id, kind: 'period', value: '5', version: 2 }),
    );
  });
});
