// Marks and attendance in the grid: the scale, the roster on the lesson's date, absent students,
// pasted blocks all-or-nothing, and no lost update when two windows edit one cell — on both databases.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AttendanceCell } from '../../electron/api/contract.js';
import { describeEachDb } from '../support/databases.js';
import { refused } from '../support/harness.js';
import { count, freeCell, journalWorld, markOf, type JournalWorld } from './journal-support.js';

describeEachDb('journal cells', (kind) => {
  let w: JournalWorld;
  beforeAll(async () => {
    w = await journalWorld(kind);
  });
  afterAll(async () => {
    await w.close();
  });

  it('refuses a mark outside the scale with the exact Russian message, changing nothing', async () => {
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    const { column, student } = freeCell(page);
    const before = [await count(w.handle, 'marks'), await count(w.handle, 'audit_log')];
    const error = await refused(
      teacher.call('marks.set', { columnId: column.id, studentId: student.id, value: '7', version: null }),
      'bad_request',
    );
    expect(error.message).toBe('Неверное значение отметки «7»: допустимы 5, 4, 3, 2, зач, незач');
    expect([await count(w.handle, 'marks'), await count(w.handle, 'audit_log')]).toEqual(before);
    await refused(
      teacher.call('marks.set', { columnId: column.id, studentId: student.id, value: '1', version: null }),
      'bad_request',
    );
  });

  it("accepts «1» once the journal's scale has it, and normalises what is typed", async () => {
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    const { column, student } = freeCell(page);
    await w.handle.db.updateTable('journals').set({ mark_scale: '5,4,3,2,1,зач,незач' }).execute();
    try {
      const saved = await teacher.call('marks.set', {
        columnId: column.id,
        studentId: student.id,
        value: ' 1 ',
        version: null,
      });
      expect(markOf(saved)).toBe('1');
      const version = saved.kind === 'mark' ? saved.cell!.version : 0;
      // «Зачёт» typed in full, and «pfx» typed in the Latin layout, both become «зач».
      const credit = await teacher.call('marks.set', {
        columnId: column.id,
        studentId: student.id,
        value: 'Зачёт',
        version,
      });
      expect(markOf(credit)).toBe('зач');
      const latin = await teacher.call('marks.set', {
        columnId: column.id,
        studentId: student.id,
        value: 'ytpfx',
        version: version + 1,
      });
      expect(markOf(latin)).toBe('незач');
      await teacher.call('marks.set', {
        columnId: column.id,
        studentId: student.id,
        value: null,
        version: version + 2,
      });
    } finally {
      await w.handle.db.updateTable('journals').set({ mark_scale: '5,4,3,2,зач,незач' }).execute();
    }
  });

  it('records every save in the audit log with before and after', async () => {
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    const { column, student } = freeCell(page);
    const first = await teacher.call('marks.set', {
      columnId: column.id,
      studentId: student.id,
      value: '4',
      version: null,
    });
    const v = first.kind === 'mark' ? first.cell!.version : 0;
    await teacher.call('marks.set', { columnId: column.id, studentId: student.id, value: '5', version: v });
    const log = await w.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'marks.set')
      .where('student_id', '=', student.id)
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(JSON.parse(log[0]!.before!)).toMatchObject({ value: '4' });
    expect(JSON.parse(log[0]!.after!)).toMatchObject({ value: '5', columnId: column.id });
    expect(log[1]!.before).toBeNull();
    expect(log[0]!.journal_id).toBe(w.fx.teacherJournalId);
  });

  it('refuses the later of two edits of one cell and returns the fresh value (two windows)', async () => {
    const a = await w.as('teacher');
    const b = await w.as('teacher');
    const pageA = await a.call('journal.open', { journalId: w.fx.teacherJournalId });
    const { column, student } = freeCell(pageA);
    // Both windows see the cell empty; the first save wins, the second is refused.
    await a.call('marks.set', { columnId: column.id, studentId: student.id, value: '3', version: null });
    const error = await refused(
      b.call('marks.set', { columnId: column.id, studentId: student.id, value: '5', version: null }),
      'conflict',
    );
    expect(error.message).toMatch(/уже изменили .* сейчас «3»/);
    expect(error.message).toMatch(/Ваше изменение не сохранено/);
    const details = error.details as { fresh: Array<{ cell: { value: string; version: number } }> };
    expect(details.fresh[0]!.cell).toMatchObject({ value: '3', version: 1 });
    // Both see version 1; A changes it, B's save naming version 1 is refused with A's value.
    await a.call('marks.set', { columnId: column.id, studentId: student.id, value: '4', version: 1 });
    const again = await refused(
      b.call('marks.set', { columnId: column.id, studentId: student.id, value: '2', version: 1 }),
      'conflict',
    );
    expect((again.details as typeof details).fresh[0]!.cell).toMatchObject({ value: '4', version: 2 });
    // A deleted cell is a conflict too, not a silent re-creation.
    await a.call('marks.set', { columnId: column.id, studentId: student.id, value: null, version: 2 });
    await refused(
      b.call('marks.set', { columnId: column.id, studentId: student.id, value: '5', version: 2 }),
      'conflict',
    );
    const row = await w.handle.db
      .selectFrom('marks')
      .selectAll()
      .where('column_id', '=', column.id)
      .where('student_id', '=', student.id)
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('lets exactly one of two simultaneous saves of one cell through', async () => {
    const a = await w.as('teacher');
    const b = await w.as('teacher');
    const page = await a.call('journal.open', { journalId: w.fx.teacherJournalId });
    const { lesson, student } = freeCell(page, -2);
    const results = await Promise.allSettled([
      a.call('attendance.set', { lessonId: lesson.id, studentId: student.id, code: 'н', version: null }),
      b.call('attendance.set', { lessonId: lesson.id, studentId: student.id, code: 'б', version: null }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason.code).toBe('conflict');
    const rows = await w.handle.db
      .selectFrom('attendance')
      .selectAll()
      .where('lesson_id', '=', lesson.id)
      .where('student_id', '=', student.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.version).toBe(1);
  });

  it('saves a pasted column all-or-nothing and reports errors by cell', async () => {
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    const lesson = page.lessons.at(-3)!;
    const column = lesson.columns[0]!;
    const taken = new Set([
      ...page.attendance.filter((x) => x.lessonId === lesson.id).map((x) => x.studentId),
      ...page.marks.filter((m) => m.columnId === column.id).map((m) => m.studentId),
    ]);
    const free = page.students
      .filter(
        (s) =>
          !taken.has(s.id) &&
          s.intervals.some((i) => i.from <= lesson.date && (i.until === null || lesson.date < i.until)),
      )
      .slice(0, 4);
    expect(free.length).toBe(4);
    const cells = [
      { kind: 'mark' as const, columnId: column.id, studentId: free[0]!.id, value: '5', version: null },
      { kind: 'mark' as const, columnId: column.id, studentId: free[1]!.id, value: 'отл', version: null },
      { kind: 'attendance' as const, lessonId: lesson.id, studentId: free[2]!.id, code: 'н', version: null },
      { kind: 'mark' as const, columnId: column.id, studentId: free[3]!.id, value: '9', version: null },
    ];
    const before = [
      await count(w.handle, 'marks'),
      await count(w.handle, 'attendance'),
      await count(w.handle, 'audit_log'),
    ];
    const error = await refused(
      teacher.call('journal.saveCells', { journalId: w.fx.teacherJournalId, cells }),
      'bad_request',
    );
    expect(error.message).toMatch(/^Ничего не сохранено: ошибок 2 из 4/);
    expect(error.fields).toEqual({
      1: 'Неверное значение отметки «отл»: допустимы 5, 4, 3, 2, зач, незач',
      3: 'Неверное значение отметки «9»: допустимы 5, 4, 3, 2, зач, незач',
    });
    expect([
      await count(w.handle, 'marks'),
      await count(w.handle, 'attendance'),
      await count(w.handle, 'audit_log'),
    ]).toEqual(before);
    cells[1]!.value = '4';
    cells[3]!.value = '3';
    const saved = await teacher.call('journal.saveCells', { journalId: w.fx.teacherJournalId, cells });
    expect(saved.map((s) => (s.kind === 'mark' ? s.cell?.value : s.cell?.code))).toEqual(['5', '4', 'н', '3']);
  });

  it('keeps marks and absence apart, takes «оп» with minutes and the Latin layout', async () => {
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    const { lesson, column, student } = freeCell(page, -4);
    const absent = await teacher.call('attendance.set', {
      lessonId: lesson.id,
      studentId: student.id,
      code: 'y',
      version: null,
    });
    const cell = (absent.kind === 'attendance' ? absent.cell : null) as AttendanceCell;
    expect(cell.code).toBe('н');
    // Marking attendance is taking the roll call.
    const taken = await w.handle.db
      .selectFrom('lessons')
      .select('attendance_taken')
      .where('id', '=', lesson.id)
      .executeTakeFirstOrThrow();
    expect(taken.attendance_taken).toBe(1);
    const error = await refused(
      teacher.call('marks.set', { columnId: column.id, studentId: student.id, value: '5', version: null }),
      'bad_request',
    );
    expect(error.message).toMatch(/отсутствовал\(а\) на занятии .* отметка не ставится/);
    const late = await teacher.call('attendance.set', {
      lessonId: lesson.id,
      studentId: student.id,
      code: 'оп 12',
      version: cell.version,
      // The lesson is more than three days ago: changing its absence is a correction with a reason.
      correction: 'Ошибка при вводе',
    });
    expect(late.kind === 'attendance' && late.cell).toMatchObject({ code: 'оп', lateMinutes: 12 });
    await teacher.call('marks.set', { columnId: column.id, studentId: student.id, value: '5', version: null });
    const back = await refused(
      teacher.call('attendance.set', {
        lessonId: lesson.id,
        studentId: student.id,
        code: 'н',
        version: cell.version + 1,
      }),
      'bad_request',
    );
    expect(back.message).toMatch(/уже стоит отметка «5»/);
    const wrong = await refused(
      teacher.call('attendance.set', {
        lessonId: lesson.id,
        studentId: student.id,
        code: 'x',
        version: cell.version + 1,
      }),
      'bad_request',
    );
    expect(wrong.message).toBe('Неверная отметка посещаемости «x»: допустимы н, у, б, оп, уч');
  });

  it('gives students not yet admitted or already withdrawn no cell: their marks are refused', async () => {
    const teacher = await w.as('teacher');
    const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
    const lesson = page.lessons[2]!;
    const [late, gone] = page.students.filter((s) => s.intervals.length === 1 && s.intervals[0]!.until === null);
    // One admitted after the lesson, one withdrawn before it.
    const e1 = await w.handle.db
      .updateTable('enrolments')
      .set({ from_date: '2026-11-20' })
      .where('student_id', '=', late!.id)
      .where('group_id', '=', page.journal.groupId)
      .returning('id')
      .executeTakeFirstOrThrow();
    const e2 = await w.handle.db
      .updateTable('enrolments')
      .set({ until_date: '2026-09-02' })
      .where('student_id', '=', gone!.id)
      .where('group_id', '=', page.journal.groupId)
      .returning('id')
      .executeTakeFirstOrThrow();
    try {
      await w.handle.db
        .deleteFrom('marks')
        .where('student_id', 'in', [late!.id, gone!.id])
        .where(
          'column_id',
          'in',
          lesson.columns.map((c) => c.id),
        )
        .execute();
      await w.handle.db
        .deleteFrom('attendance')
        .where('student_id', 'in', [late!.id, gone!.id])
        .where('lesson_id', '=', lesson.id)
        .execute();
      const reopened = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
      expect(reopened.students.find((s) => s.id === late!.id)!.intervals).toEqual([
        { from: '2026-11-20', until: null },
      ]);
      const e = await refused(
        teacher.call('marks.set', { columnId: lesson.columns[0]!.id, studentId: late!.id, value: '5', version: null }),
        'bad_request',
      );
      expect(e.message).toMatch(/не в списке группы .* \(ещё не зачислен\(а\)\): отметка не ставится/);
      const g = await refused(
        teacher.call('attendance.set', { lessonId: lesson.id, studentId: gone!.id, code: 'н', version: null }),
        'bad_request',
      );
      expect(g.message).toMatch(/уже отчислен\(а\) или переведён\(а\)/);
      // A student of another group altogether.
      await refused(
        teacher.call('marks.set', {
          columnId: lesson.columns[0]!.id,
          studentId: w.fx.otherStudentId,
          value: '5',
          version: null,
        }),
        'bad_request',
      );
    } finally {
      await w.handle.db.updateTable('enrolments').set({ from_date: '2026-09-01' }).where('id', '=', e1.id).execute();
      await w.handle.db.updateTable('enrolments').set({ until_date: null }).where('id', '=', e2.id).execute();
    }
  });

  it("refuses writes by anyone but the journal's teacher and into another journal's lessons", async () => {
    const teacher = await w.as('teacher');
    const deputy = await w.as('deputy');
    const page = await deputy.call('journal.open', { journalId: w.fx.teacherJournalId });
    expect(page.canWrite).toBe(false);
    expect(page.readOnlyReason).toMatch(/только для просмотра/);
    const { column, student } = freeCell(page);
    await refused(
      deputy.call('marks.set', { columnId: column.id, studentId: student.id, value: '5', version: null }),
      'forbidden',
    );
    const other = await w.as('curator');
    const otherPage = await other.call('journal.open', { journalId: w.fx.teacherJournalId }).catch(() => null);
    if (otherPage)
      await refused(
        other.call('marks.set', { columnId: column.id, studentId: student.id, value: '5', version: null }),
        'forbidden',
      );
    const foreign = await w.handle.db
      .selectFrom('lessons')
      .select('id')
      .where('journal_id', '=', w.fx.otherJournalId)
      .executeTakeFirstOrThrow();
    await refused(
      teacher.call('journal.saveCells', {
        journalId: w.fx.teacherJournalId,
        cells: [{ kind: 'attendance', lessonId: foreign.id, studentId: student.id, code: 'н', version: null }],
      }),
      'forbidden',
    );
    await refused(
      teacher.call('attendance.set', { lessonId: foreign.id, studentId: student.id, code: 'н', version: null }),
      'forbidden',
    );
    // A column that no longer exists: «not found» for its teacher, nothing written, nothing audited.
    const before = [await count(w.handle, 'marks'), await count(w.handle, 'audit_log')];
    const gone = await refused(
      teacher.call('marks.set', { columnId: 999_999_999, studentId: student.id, value: '5', version: null }),
      'not_found',
    );
    expect(gone.message).toBe('Вид работы не найден: возможно, его удалили. Обновите страницу');
    expect([await count(w.handle, 'marks'), await count(w.handle, 'audit_log')]).toEqual(before);
  });

  it('keeps an attendance-only journal in a centre without marks', async () => {
    const teacher = await w.as('teacher');
    await w.handle.db.updateTable('journals').set({ marks_enabled: 0 }).execute();
    try {
      const page = await teacher.call('journal.open', { journalId: w.fx.teacherJournalId });
      expect(page.marksEnabled).toBe(false);
      const { lesson, column, student } = freeCell(page, -5);
      const e = await refused(
        teacher.call('marks.set', { columnId: column.id, studentId: student.id, value: '5', version: null }),
        'bad_request',
      );
      expect(e.message).toMatch(/только для посещаемости/);
      const ok = await teacher.call('attendance.set', {
        lessonId: lesson.id,
        studentId: student.id,
        code: 'н',
        version: null,
      });
      expect(ok.kind === 'attendance' && ok.cell?.code).toBe('н');
    } finally {
      await w.handle.db.updateTable('journals').set({ marks_enabled: 1 }).execute();
    }
  });
});
