// Corrections with reasons and periods that lock by themselves (issue 14, part 5) on the demo college, on both
// databases (today 25.11.2026, the setting 3 days): changing a week-old mark asks for a reason and changes nothing
// without one; with one, the reason is in the audit row, the cell says «исправлено» with the day, and the deputy
// reads it in the journal's history; a recent lesson, or a value put today, changes freely; the setting moves the
// line; a period locks 10 days after its end (a fake clock) and, reopened by hand, stays open.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalPage, ReportFiles } from '../../electron/api/contract.js';
import { describeEachDb } from '../support/databases.js';
import { refused, type TestClient } from '../support/harness.js';
import { count, journalWorld, type JournalWorld } from './journal-support.js';

describeEachDb('corrections with reasons, the change history, periods locking by themselves', (kind) => {
  let w: JournalWorld;
  let teacher: TestClient;
  let page: JournalPage;
  const journalId = () => w.fx.teacherGroupJournalId;

  beforeAll(async () => {
    w = await journalWorld(kind);
    teacher = await w.as('teacher');
    page = await teacher.call('journal.open', { journalId: journalId() });
  }, 120_000);
  afterAll(async () => w.close());

  /** A mark on a lesson at least `days` before today (or at most, with `recent`). */
  function markOn(pick: (date: string) => boolean) {
    const lesson = page.lessons.find(
      (l) => pick(l.date) && page.marks.some((m) => l.columns.some((c) => c.id === m.columnId)),
    )!;
    const mark = page.marks.find((m) => lesson.columns.some((c) => c.id === m.columnId))!;
    return { lesson, mark, other: mark.value === '4' ? '5' : '4' };
  }

  it('a week-old mark changes only with a reason, which the audit row and the cell keep', async () => {
    const { mark, other } = markOn((d) => d <= '2026-11-18');
    const input = { columnId: mark.columnId, studentId: mark.studentId, value: other, version: mark.version };
    const audits = await count(w.handle, 'audit_log');
    const asked = await refused(teacher.call('marks.set', input), 'reason_required');
    expect(asked.message).toMatch(/прошло больше 3 дней после занятия — укажите причину исправления/);
    expect(await count(w.handle, 'audit_log')).toBe(audits);
    const row = await w.handle.db
      .selectFrom('marks')
      .select(['value', 'corrected_on'])
      .where('column_id', '=', mark.columnId)
      .where('student_id', '=', mark.studentId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ value: mark.value, corrected_on: null });

    // Deleting is a correction too.
    await refused(teacher.call('marks.set', { ...input, value: null }), 'reason_required');

    const saved = await teacher.call('marks.set', { ...input, correction: 'Ошибка при вводе: перепутаны строки' });
    expect(saved.kind === 'mark' && saved.cell).toMatchObject({ value: other, correctedOn: '2026-11-25' });
    const audit = await w.handle.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('journal_id', '=', journalId())
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: 'marks.set', reason: 'Ошибка при вводе: перепутаны строки' });
    const fresh = await teacher.call('journal.open', { journalId: journalId() });
    expect(fresh.marks.find((m) => m.columnId === mark.columnId && m.studentId === mark.studentId)?.correctedOn).toBe(
      '2026-11-25',
    );

    // The deputy reads it in the journal's history, the reason with it.
    const history = await (
      await w.as('deputy')
    ).call('journal.history', {
      journalId: journalId(),
      onlyCorrections: true,
    });
    expect(history.rows[0]).toMatchObject({
      action: 'marks.set',
      reason: 'Ошибка при вводе: перепутаны строки',
      changes: expect.arrayContaining([expect.objectContaining({ before: mark.value, after: other })]),
    });
    // The same day, the value just corrected changes again without another reason.
    await teacher.call('marks.set', { ...input, value: mark.value, version: mark.version + 1 });
  });

  it('the certified copy lists the late corrections, «исправлено» with the day', async () => {
    const deputy = await w.as('deputy');
    const job = await deputy.call('reports.start', {
      report: 'journalCopy',
      journalId: journalId(),
      periodId: w.fx.currentPeriodId,
      recipient: 'по запросу',
    });
    const done = await deputy.deps.jobs.wait(job.id);
    expect(done.state, done.error ?? '').toBe('done');
    const file = path.join(os.tmpdir(), `corrections-${kind}-${process.pid}.pdf`);
    fs.writeFileSync(file, Buffer.from((done.result as ReportFiles).files[0]!.base64, 'base64'));
    try {
      const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Исправления');
      expect(text).toContain('исправлено 25.11.2026');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('attendance: changing a week-old absence asks for a reason; a recent lesson changes freely', async () => {
    const old = page.attendance.find((a) => {
      const l = page.lessons.find((x) => x.id === a.lessonId)!;
      return l.date <= '2026-11-18' && a.code === 'н';
    })!;
    await refused(
      teacher.call('attendance.set', {
        lessonId: old.lessonId,
        studentId: old.studentId,
        code: null,
        version: old.version,
      }),
      'reason_required',
    );
    // A mark put two days ago (on a lesson of the last three days) changes without a reason.
    const recentLesson =
      page.lessons.filter((l) => l.date >= '2026-11-22').at(-1) ??
      (await teacher.call('lessons.create', {
        journalId: journalId(),
        date: page.pending.find((p) => p.date >= '2026-11-22')!.date,
        lessonNo: page.pending.find((p) => p.date >= '2026-11-22')!.lessonNo,
      }));
    const column = recentLesson.columns[0]!;
    const student = page.students.find(
      (s) =>
        !page.marks.some((m) => m.columnId === column.id && m.studentId === s.id) &&
        !page.attendance.some((a) => a.lessonId === recentLesson.id && a.studentId === s.id),
    )!;
    await w.handle.db
      .insertInto('marks')
      .values({
        column_id: column.id,
        student_id: student.id,
        value: '3',
        comment: null,
        updated_at: '2026-11-23T10:00:00.000Z',
        updated_by: w.fx.userIds.teacher,
        version: 1,
      })
      .execute();
    const saved = await teacher.call('marks.set', {
      columnId: column.id,
      studentId: student.id,
      value: '4',
      version: 1,
    });
    expect(saved.kind === 'mark' && saved.cell?.correctedOn).toBeNull();
  });

  it('the setting moves the line: with 30 days, a week-old change needs no reason', async () => {
    await w.handle.db.updateTable('institution').set({ correction_days: 30 }).execute();
    try {
      const fresh = await teacher.call('journal.open', { journalId: journalId() });
      page = fresh;
      const { mark, other } = markOn((d) => d >= '2026-11-01' && d <= '2026-11-18');
      await teacher.call('marks.set', {
        columnId: mark.columnId,
        studentId: mark.studentId,
        value: other,
        version: mark.version,
      });
    } finally {
      await w.handle.db.updateTable('institution').set({ correction_days: 3 }).execute();
    }
  });

  it('the history is the deputy’s, the department head’s and the journal’s teacher’s, nobody else’s', async () => {
    expect((await teacher.call('journal.history', { journalId: journalId() })).total).toBeGreaterThan(0);
    await refused((await w.as('curator')).call('journal.history', { journalId: journalId() }), 'forbidden');
    await refused(teacher.call('journal.history', { journalId: w.fx.otherJournalId }), 'forbidden');
  });

  it('a period locks by itself ten days after its end; reopened by hand, it stays open', async () => {
    const period = await w.handle.db
      .selectFrom('periods')
      .select(['id', 'ends_on'])
      .where('id', '=', w.fx.currentPeriodId)
      .executeTakeFirstOrThrow();
    const locked = async () =>
      await w.handle.db
        .selectFrom('periods')
        .select(['locked', 'version'])
        .where('id', '=', period.id)
        .executeTakeFirstOrThrow();
    const at = (iso: string) => w.clock.set(new Date(`${iso}T09:00:00`));
    const day = (n: number) => {
      const d = new Date(`${period.ends_on}T12:00:00Z`);
      d.setUTCDate(d.getUTCDate() + n);
      return d.toISOString().slice(0, 10);
    };
    at(day(10));
    await teacher.call('journal.open', { journalId: journalId() });
    expect((await locked()).locked).toBe(0);
    at(day(11));
    const opened = await teacher.call('journal.open', { journalId: journalId() });
    expect((await locked()).locked).toBe(1);
    expect(opened.periods.find((p) => p.id === period.id)).toMatchObject({ locked: true, editable: false });
    const entry = await w.handle.db
      .selectFrom('audit_log')
      .select(['user_id', 'entity_id'])
      .where('action', '=', 'periods.autoLock')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ user_id: null, entity_id: String(period.id) });
    // A write into it is refused as a closed period's.
    const lesson = opened.lessons.at(-1);
    if (lesson) {
      await refused(
        teacher.call('lessons.update', {
          lessonId: lesson.id,
          version: lesson.version,
          date: lesson.date,
          lessonNo: lesson.lessonNo,
          hours: lesson.hours,
          kind: lesson.kind,
          planTopicId: lesson.planTopicId,
          topic: 'после закрытия',
          homework: lesson.homework,
        }),
        'locked',
      );
    }
    // The administrator reopens it; the next day's sweep leaves it open.
    const admin = await w.as('admin');
    await admin.call('periods.setLocked', { id: period.id, version: (await locked()).version, locked: false });
    at(day(12));
    await teacher.call('journal.open', { journalId: journalId() });
    expect((await locked()).locked).toBe(0);
  });
});
