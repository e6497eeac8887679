// From a key pressed in a cell to a save: what typing, clearing and pasting mean for each kind of
// column — a mark in a type of work, an attendance code for the lesson, a final mark — and starting
// the lesson first when the cell belongs to a timetable slot not entered yet.
import type { Words } from '../../../electron/domain/vocabulary';
import type { JournalPage, LessonInfo } from '../../../electron/api/contract';
import {
  attendanceKey,
  enrolled,
  finalKey,
  markKey,
  type GridColumn,
  type GridModel,
  type GridRow,
  type LessonColumn,
} from './model';
import type { Change, JournalState } from './useJournal';
import { parseAttendance } from '../../../electron/domain/scale';
import { ruDate } from '../../../electron/domain/format-dates';

export interface Target {
  row: GridRow;
  col: GridColumn;
  text: string;
}

export class CellRefusal extends Error {}

/** Is this one of the lessons a substitute may write in (or is the caller the journal's own teacher)? */
function substituteMay(page: JournalPage, date: string, lessonNo: number | null): boolean {
  const slots = page.substituteSlots;
  return !slots || (lessonNo !== null && slots.some((s) => s.date === date && s.lessonNo === lessonNo));
}

/**
 * May the lesson on this date (`lessonNo` null: a final mark) be written now — the page is the caller's, the
 * lesson theirs when they substitute, and the period open?
 */
export function writableOn(page: JournalPage, date: string, lessonNo: number | null): boolean {
  if (!page.canWrite || !substituteMay(page, date, lessonNo)) return false;
  const period = page.periods.find((p) => p.startsOn <= date && date <= p.endsOn);
  return !period || period.editable;
}

/** May this column be written now? */
export function writable(page: JournalPage, col: GridColumn): boolean {
  const date =
    col.kind === 'final'
      ? page.periods.find((p) => p.id === (col.periodId ?? page.periods.at(-1)?.id))?.endsOn
      : col.date;
  return date !== undefined && writableOn(page, date, col.kind === 'final' ? null : col.lessonNo);
}

function lockedMessage(page: JournalPage, col: GridColumn): string {
  if (!page.canWrite) return page.readOnlyReason ?? 'Журнал только для просмотра';
  if (page.substituteSlots && (col.kind === 'final' || !substituteMay(page, col.date, col.lessonNo))) {
    return (
      `Вы ведёте в этом журнале только замену (${substitutionText(page.substituteSlots)}): другие занятия и ` +
      `итоговые отметки записывает ${page.journal.teacherName}`
    );
  }
  return 'Период закрыт: чтобы внести изменения, запросите разблокировку у заместителя директора';
}

/** «05.12.2026, 2-е занятие; …» — the lessons of a substitute. */
export function substitutionText(slots: Array<{ date: string; lessonNo: number }>): string {
  return slots.map((s) => `${ruDate(s.date)}, ${s.lessonNo}-е занятие`).join('; ');
}

/**
 * Turn typed text into the change of one cell; `lesson` is the lesson the column belongs to (started if it was
 * pending).
 */
function changeFor(page: JournalPage, model: GridModel, t: Target, lesson: LessonInfo | null, w: Words): Change | null {
  const { row, col } = t;
  const text = t.text.trim();
  if (col.kind === 'final') {
    return {
      kind: 'final',
      studentId: row.student.id,
      periodId: col.periodId,
      finalKind: col.finalKind,
      value: text || null,
    };
  }
  if (!enrolled(model, row, col))
    throw new CellRefusal(
      `${row.student.shortName} не в списке ${w.term('group', 'gen')} на ` +
        `${col.date.slice(8, 10)}.${col.date.slice(5, 7)}: ячейки нет`,
    );
  const attendance = parseAttendance(text);
  if (attendance && lesson)
    return {
      kind: 'attendance',
      lessonId: lesson.id,
      studentId: row.student.id,
      code: text,
      lateMinutes: attendance.lateMinutes,
    };
  const columnId = col.kind === 'work' ? col.work.id : lesson?.columns[0]?.id;
  if (!columnId) {
    throw new CellRefusal(
      page.marksEnabled
        ? 'На занятии нет вида работы: добавьте его в панели занятия'
        : 'Отметки не ведутся: введите н, у, б, оп или уч',
    );
  }
  return { kind: 'mark', columnId, studentId: row.student.id, value: text };
}

/** Saves what was typed; `w` words the refusals («не в списке группы»). */
export async function commitTyped(
  state: JournalState,
  model: GridModel,
  targets: Target[],
  w: Words,
): Promise<boolean> {
  const page = state.pages?.[0];
  if (!page || targets.length === 0) return false;
  try {
    for (const t of targets) if (!writable(page, t.col)) throw new CellRefusal(lockedMessage(page, t.col));
    // Cells of a slot not entered yet: the lesson is written first, with the next topic of the plan.
    const started = new Map<string, LessonInfo>();
    for (const t of targets) {
      if (t.col.kind !== 'pending' || !t.text.trim() || started.has(t.col.key)) continue;
      started.set(t.col.key, await state.startLesson(t.col.date, t.col.lessonNo));
    }
    const changes: Change[] = [];
    for (const t of targets) {
      if (!t.text.trim() && t.col.kind !== 'final') continue;
      const lesson =
        t.col.kind === 'pending' ? (started.get(t.col.key) ?? null) : t.col.kind === 'final' ? null : t.col.lesson;
      const change = changeFor(page, model, t, lesson, w);
      if (change) changes.push(change);
    }
    return await state.save(changes);
  } catch (e) {
    state.setError((e as Error).message);
    return false;
  }
}

/** Delete clears the cell's mark first, then (on a cell without one) the lesson's attendance mark. */
export async function clearCell(state: JournalState, row: GridRow, col: GridColumn): Promise<boolean> {
  const page = state.pages?.[0];
  if (!page) return false;
  if (!writable(page, col)) {
    state.setError(lockedMessage(page, col));
    return false;
  }
  const sid = row.student.id;
  if (col.kind === 'final') {
    if (!state.maps.finals.has(finalKey(col.finalKind, col.periodId, sid))) return false;
    return state.save([
      { kind: 'final', studentId: sid, periodId: col.periodId, finalKind: col.finalKind, value: null },
    ]);
  }
  if (col.kind === 'pending') return false;
  if (col.kind === 'work' && state.maps.marks.has(markKey(col.work.id, sid))) {
    return state.save([{ kind: 'mark', columnId: col.work.id, studentId: sid, value: null }]);
  }
  if (state.maps.attendance.has(attendanceKey(col.lesson.id, sid))) {
    return state.save([{ kind: 'attendance', lessonId: col.lesson.id, studentId: sid, code: null }]);
  }
  return false;
}

/**
 * A block from Excel starting at the active cell: rows go down the students, tabs go right. Blank cells are left as
 * they are.
 */
export function pasteTargets(model: GridModel, rowIndex: number, colIndex: number, block: string[][]): Target[] {
  const columns: GridColumn[] = [...model.lessonColumns, ...model.finalColumns];
  const targets: Target[] = [];
  block.forEach((line, dr) =>
    line.forEach((text, dc) => {
      const row = model.rows[rowIndex + dr];
      const col = columns[colIndex + dc];
      if (!row || !col || text === '') return;
      targets.push({ row, col, text });
    }),
  );
  return targets;
}

export function isLessonColumn(col: GridColumn): col is LessonColumn {
  return col.kind !== 'final';
}
