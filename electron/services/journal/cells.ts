// Saving grid cells — marks and attendance — one or a pasted block, all or none (asOneSave): every cell
// is checked (scale, roster on the lesson's date, closed period, absent students, the version the
// user saw) and if any is wrong nothing is written and each error is reported by cell.
import type { CellErrors, Parsed, SavedCell } from '../../api/contract.js';
import { AppError, forbidden } from '../../api/errors.js';
import type { AttendanceCode } from '../../../db/schema.js';
import type { AuthedContext, Db } from '../context.js';
import { assertEditable, membershipsOf, notOnRoster, writeScopeWith, type JournalRef } from './scope.js';
import { cellReads } from './cell-reads.js';
import type { AttRow, CellError, CellIn, MarkRow } from './cell-types.js';
import { saveMark } from './cell-mark.js';
import { confirmedExcuses, saveAttendance } from './cell-attendance.js';

export async function saveCells(ctx: AuthedContext, input: Parsed<'journal.saveCells'>): Promise<SavedCell[]> {
  return asOneSave(ctx, input.cells.length, (db) => applyCells(ctx, db, input.journalId, input.cells));
}

export async function setMark(ctx: AuthedContext, input: Parsed<'marks.set'>): Promise<SavedCell> {
  // The journal is found through the column in the scope's read (a missing column: «not found»).
  const [saved] = await asOneSave(ctx, 1, (db) =>
    applyCells(ctx, db, { columnId: input.columnId }, [{ kind: 'mark', ...input }]),
  );
  return saved!;
}

export async function setAttendance(ctx: AuthedContext, input: Parsed<'attendance.set'>): Promise<SavedCell> {
  // Likewise through the lesson (a missing lesson: «not found»).
  const [saved] = await asOneSave(ctx, 1, (db) =>
    applyCells(ctx, db, { lessonId: input.lessonId }, [{ kind: 'attendance', ...input }]),
  );
  return saved!;
}

/**
 * The save as one unit. Several cells (a pasted block) are written in a transaction: all or none. One
 * cell on PostgreSQL needs no BEGIN and COMMIT, two more round trips: its reads are checks that its write
 * repeats (the version the user saw is in the write's WHERE, as a transaction at READ COMMITTED would
 * need too), and its write is one statement with its audit row (audit.ts auditedWrite), atomic and durable
 * by itself. On SQLite the transaction costs nothing and keeps other writers out meanwhile.
 */
function asOneSave<T>(ctx: AuthedContext, cells: number, save: (db: Db) => Promise<T>): Promise<T> {
  if (cells === 1 && ctx.dialect === 'postgres') return save(ctx.db);
  return ctx.db.transaction().execute(save);
}

export async function applyCells(ctx: AuthedContext, db: Db, ref: JournalRef, cells: CellIn[]): Promise<SavedCell[]> {
  const columnIds = [...new Set(cells.flatMap((c) => (c.kind === 'mark' ? [c.columnId] : [])))];
  const attendanceLessonIds = [...new Set(cells.flatMap((c) => (c.kind === 'attendance' ? [c.lessonId] : [])))];
  const studentIds = [...new Set(cells.map((c) => c.studentId))];
  // Everything the cells are checked against, read with the journal's scope (one round trip on PostgreSQL).
  const { scope, rows } = await writeScopeWith(ctx, db, ref, (kind) =>
    cellReads(kind, columnIds, attendanceLessonIds, studentIds),
  );
  const [lessonRows, memberRows, cellRows] = rows;
  const journalId = scope.journal.id;
  const columnById = new Map<number, { lesson_id: number }>();
  const lessonById = new Map<number, { id: number; journal_id: number; date: string; lesson_no: number }>();
  for (const l of lessonRows) {
    lessonById.set(l.id, { id: l.id, journal_id: l.journal_id, date: l.date, lesson_no: l.lesson_no });
    if (l.column_id !== null) columnById.set(l.column_id, { lesson_id: l.id });
  }
  if ([...lessonById.values()].some((l) => l.journal_id !== journalId))
    throw forbidden('Недостаточно прав: занятие из другого журнала');
  const members = membershipsOf(memberRows, scope);

  const marks = new Map<string, MarkRow>();
  const attendance = new Map<string, AttRow>();
  for (const r of cellRows) {
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
