// Saving grid cells — marks and attendance — one or a pasted block, in one transaction: every cell
// is checked (scale, roster on the lesson's date, closed period, absent students, the version the
// user saw) and if any is wrong nothing is written and each error is reported by cell.
import type { CellErrors, Parsed, SavedCell } from '../../api/contract.js';
import { AppError, forbidden } from '../../api/errors.js';
import { sql } from 'kysely';
import type { AttendanceCode } from '../../../db/schema.js';
import type { AuthedContext, Db } from '../context.js';
import { assertEditable, memberships, notOnRoster, writeScope, type JournalRef } from './scope.js';
import type { AttRow, CellError, CellIn, MarkRow } from './cell-types.js';
import { saveMark } from './cell-mark.js';
import { confirmedExcuses, saveAttendance } from './cell-attendance.js';

export async function saveCells(ctx: AuthedContext, input: Parsed<'journal.saveCells'>): Promise<SavedCell[]> {
  return ctx.db.transaction().execute((trx) => applyCells(ctx, trx, input.journalId, input.cells));
}

export async function setMark(ctx: AuthedContext, input: Parsed<'marks.set'>): Promise<SavedCell> {
  // The journal is found through the column in the scope's first query (a missing column: «not found»).
  const [saved] = await ctx.db
    .transaction()
    .execute((trx) => applyCells(ctx, trx, { columnId: input.columnId }, [{ kind: 'mark', ...input }]));
  return saved!;
}

export async function setAttendance(ctx: AuthedContext, input: Parsed<'attendance.set'>): Promise<SavedCell> {
  const lesson = await ctx.db
    .selectFrom('lessons')
    .select('journal_id')
    .where('id', '=', input.lessonId)
    .executeTakeFirst();
  if (!lesson) throw new AppError('not_found', 'Занятие не найдено: возможно, его удалили. Обновите страницу');
  const [saved] = await ctx.db
    .transaction()
    .execute((trx) => applyCells(ctx, trx, lesson.journal_id, [{ kind: 'attendance', ...input }]));
  return saved!;
}

export async function applyCells(ctx: AuthedContext, db: Db, ref: JournalRef, cells: CellIn[]): Promise<SavedCell[]> {
  const scope = await writeScope(ctx, db, ref);
  const journalId = scope.journal.id;
  const columnIds = [...new Set(cells.flatMap((c) => (c.kind === 'mark' ? [c.columnId] : [])))];
  // The columns with their lessons in one query; the lessons of attendance cells only when there are some.
  const columns =
    columnIds.length === 0
      ? []
      : await db
          .selectFrom('work_columns as c')
          .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
          .select(['c.id', 'c.lesson_id', 'l.journal_id', 'l.date', 'l.lesson_no'])
          .where('c.id', 'in', columnIds)
          .execute();
  const columnById = new Map(columns.map((c) => [c.id, c]));
  const lessonById = new Map(
    columns.map((c) => [
      c.lesson_id,
      { id: c.lesson_id, journal_id: c.journal_id, date: c.date, lesson_no: c.lesson_no },
    ]),
  );
  const more = [
    ...new Set(cells.flatMap((c) => (c.kind === 'attendance' && !lessonById.has(c.lessonId) ? [c.lessonId] : []))),
  ];
  if (more.length > 0) {
    for (const l of await db
      .selectFrom('lessons')
      .select(['id', 'journal_id', 'date', 'lesson_no'])
      .where('id', 'in', more)
      .execute())
      lessonById.set(l.id, l);
  }
  const lessons = [...lessonById.values()];
  const lessonIds = [...lessonById.keys()];
  if (lessons.some((l) => l.journal_id !== journalId)) throw forbidden('Недостаточно прав: занятие из другого журнала');
  const studentIds = [...new Set(cells.map((c) => c.studentId))];
  const members = await memberships(db, scope, studentIds);

  const marks = new Map<string, MarkRow>();
  const attendance = new Map<string, AttRow>();
  if (lessonIds.length > 0) {
    // The cells' marks and attendance as they are now, in one query: marks under «m», attendance
    // under «a» (its code in `value`, its reason in `comment`).
    const rows = await db
      .selectFrom('marks as m')
      .innerJoin('work_columns as c', 'c.id', 'm.column_id')
      .select([
        sql.lit('m').as('t'),
        'm.id',
        sql<number | null>`m.column_id`.as('column_id'),
        'c.lesson_id',
        'm.student_id',
        sql<string>`m.value`.as('value'),
        'm.comment',
        sql<number | null>`null`.as('late_minutes'),
        sql<number | null>`null`.as('reason_by'),
        sql<number | null>`null`.as('excuse_id'),
        'm.corrected_on',
        'm.updated_at',
        'm.version',
      ])
      .where('c.lesson_id', 'in', lessonIds)
      .where('m.student_id', 'in', studentIds)
      .unionAll(
        db
          .selectFrom('attendance as a')
          .select([
            sql.lit('a').as('t'),
            'a.id',
            sql<number | null>`null`.as('column_id'),
            'a.lesson_id',
            'a.student_id',
            sql<string>`a.code`.as('value'),
            'a.reason as comment',
            'a.late_minutes',
            'a.reason_by',
            'a.excuse_id',
            'a.corrected_on',
            'a.updated_at',
            'a.version',
          ])
          .where('a.lesson_id', 'in', lessonIds)
          .where('a.student_id', 'in', studentIds),
      )
      .execute();
    for (const r of rows) {
      if (r.t === 'm') {
        marks.set(`${r.column_id}|${r.student_id}`, {
          id: r.id,
          column_id: r.column_id!,
          lesson_id: r.lesson_id,
          student_id: r.student_id,
          value: r.value,
          comment: r.comment,
          corrected_on: r.corrected_on,
          updated_at: r.updated_at,
          version: r.version,
        });
      } else {
        attendance.set(`${r.lesson_id}|${r.student_id}`, {
          id: r.id,
          lesson_id: r.lesson_id,
          student_id: r.student_id,
          code: r.value as AttendanceCode,
          late_minutes: r.late_minutes,
          reason: r.comment,
          reason_by: r.reason_by,
          excuse_id: r.excuse_id,
          corrected_on: r.corrected_on,
          updated_at: r.updated_at,
          version: r.version,
        });
      }
    }
  }
  const excuses = await confirmedExcuses(db, cells, lessonById, studentIds);

  const now = ctx.clock.now().toISOString();
  const errors: CellError[] = [];
  const saved: SavedCell[] = [];
  const seen = new Set<string>();
  for (const [index, cell] of cells.entries()) {
    const key = cell.kind === 'mark' ? `m${cell.columnId}|${cell.studentId}` : `a${cell.lessonId}|${cell.studentId}`;
    if (seen.has(key)) {
      errors.push({ index, code: 'bad_request', message: 'Одна и та же ячейка указана дважды' });
      continue;
    }
    seen.add(key);
    const lessonId = cell.kind === 'mark' ? columnById.get(cell.columnId)?.lesson_id : cell.lessonId;
    const lesson = lessonId === undefined ? undefined : lessonById.get(lessonId);
    if (!lesson) {
      errors.push({
        index,
        code: 'conflict',
        message:
          cell.kind === 'mark'
            ? 'Вид работы удалён другим пользователем. Обновите страницу'
            : 'Занятие удалено. Обновите страницу',
      });
      continue;
    }
    let unlockId: number | null;
    try {
      unlockId = assertEditable(scope, lesson.date, lesson.lesson_no);
    } catch (e) {
      errors.push({
        index,
        code: (e as AppError).code === 'forbidden' ? 'forbidden' : 'locked',
        message: (e as Error).message,
      });
      continue;
    }
    const m = members.get(cell.studentId);
    const why = notOnRoster(scope, m, lesson.date);
    if (why) {
      errors.push({ index, code: 'bad_request', message: why });
      continue;
    }
    const name = m!.name;
    const ctxCell = { db, ctx, scope, now, unlockId, name, date: lesson.date, lessonId: lesson.id };
    const result =
      cell.kind === 'mark'
        ? await saveMark(ctxCell, cell, marks, attendance)
        : await saveAttendance(ctxCell, cell, marks, attendance, excuses);
    if ('error' in result) errors.push({ index, ...result.error });
    else saved.push(result.saved);
  }
  if (errors.length > 0) throw cellErrors(errors, cells.length);
  // Marking attendance is taking the roll call (reports tell «nobody absent» from «not checked» by it).
  const rolled = [...new Set(cells.flatMap((c) => (c.kind === 'attendance' ? [c.lessonId] : [])))];
  if (rolled.length > 0) {
    await db
      .updateTable('lessons')
      .set({ attendance_taken: 1 })
      .where('id', 'in', rolled)
      .where('attendance_taken', '=', 0)
      .execute();
  }
  return saved;
}

function cellErrors(errors: CellError[], total: number): AppError {
  const details: CellErrors = {
    errors: errors.map((e) => ({ index: e.index, message: e.message })),
    fresh: errors.flatMap((e) => (e.fresh ? [e.fresh] : [])),
  };
  const code = errors.some((e) => e.code === 'conflict')
    ? 'conflict'
    : errors.some((e) => e.code === 'reason_required')
      ? 'reason_required'
      : errors.some((e) => e.code === 'forbidden')
        ? 'forbidden'
        : errors.some((e) => e.code === 'locked')
          ? 'locked'
          : 'bad_request';
  const fields = Object.fromEntries(errors.map((e) => [String(e.index), e.message]));
  const message =
    total === 1
      ? errors[0]!.message
      : `Ничего не сохранено: ошибок ${errors.length} из ${total}. Первая: ${errors[0]!.message}`;
  return new AppError(code, message, fields, details);
}
