// A block of a student's lesson cells (COL_BLOCK columns). Blocks are memoised: when a scroll brings
// another block of columns into view, each row renders that block only, not every cell it shows.
import { memo } from 'react';
import { ruDate } from '../../../electron/domain/format-dates';
import { COL_W } from './grid-size';
import { attendanceKey, enrolled, markKey, shortDate, type GridModel, type GridRow, type LessonColumn } from './model';
import type { JournalState } from './useJournal';

export interface CellBlockProps {
  r: number;
  row: GridRow;
  model: GridModel;
  /** New on every render of the screen: compared by `rev`, the row's revision (rowRev), not by identity. */
  state: JournalState;
  rev: number;
  from: number;
  to: number;
  /** The cursor's column if it is in this block, else -1. */
  cursor: number;
  /** What is being typed into the cursor's cell (null: nothing). */
  editing: string | null;
  groupGen: string;
}

/** Shallow equality of a memoised part's props, but for the journal's state object: the `rev` passed with it
 *  (the row's revision) says when the row's cells changed (they are mutated in place). */
export function sameProps<P extends { state: JournalState }>(a: P, b: P): boolean {
  for (const k in a) if (k !== 'state' && !Object.is(a[k], b[k])) return false;
  return true;
}

export const CellBlock = memo(function CellBlock(p: CellBlockProps) {
  const cells = [];
  for (let col = p.from; col < p.to; col++) {
    cells.push(lessonCell(p, col, p.model.lessonColumns[col]!, p.cursor === col ? p.editing : null));
  }
  return (
    <div className="jblock" role="presentation" style={{ width: (p.to - p.from) * COL_W }}>
      {cells}
    </div>
  );
}, sameProps);

/** A cell as a plain element (no component of its own): a 40 × 200 grid shows hundreds of them. */
function lessonCell(p: CellBlockProps, index: number, col: LessonColumn, editing: string | null) {
  const { row, state } = p;
  const sid = row.student.id;
  const on = enrolled(p.model, row, col);
  const active = p.cursor === index;
  let mark: string | null = null,
    code: string | null = null,
    saving = false,
    corrected: string | null = null,
    error: string | undefined;
  if (on && col.kind !== 'pending') {
    const mk = col.kind === 'work' ? markKey(col.work.id, sid) : null;
    const ak = attendanceKey(col.lesson.id, sid);
    const m = mk ? state.maps.marks.get(mk) : undefined;
    const a = state.maps.attendance.get(ak);
    // What is being saved is shown at once; both maps are empty but for a moment after an entry.
    const mo = mk && state.overlay.size ? state.overlay.get(`m${mk}`) : undefined;
    const ao = state.overlay.size ? state.overlay.get(`a${ak}`) : undefined;
    mark = mo ? mo.value : (m?.value ?? null);
    code = ao ? (ao.value?.replace(/\s*\d+$/, '') ?? null) : (a?.code ?? null);
    saving = Boolean(mo || ao);
    corrected = saving ? null : (m?.correctedOn ?? a?.correctedOn ?? null);
    if (state.errors.size) error = (mk ? state.errors.get(`m${mk}`) : undefined) ?? state.errors.get(`a${ak}`);
  }
  const what =
    col.kind === 'work' ? col.work.title : col.kind === 'attendance' ? 'посещаемость' : 'занятие не записано';
  const shown = [mark, code].filter(Boolean).join(' ');
  // One element per cell: the mark is its text, an attendance code beside a mark is drawn by CSS.
  const cls = [
    'jcell',
    col.firstOfLesson && 'first',
    !on && 'off',
    active && 'active',
    saving && 'saving',
    error && 'error',
    code && `att-${code}`,
    code && mark && 'with-mark',
    col.kind === 'pending' && 'pending',
    corrected && 'corrected',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      key={col.key}
      id={`jc-${p.r}-${index}`}
      role="gridcell"
      aria-colindex={index + 2}
      className={cls}
      aria-disabled={on ? undefined : true}
      aria-selected={active}
      data-code={mark && code ? code : undefined}
      aria-label={
        `${row.student.shortName}, ${shortDate(col.date)} ${what}: ` +
        `${on ? shown || 'пусто' : `не в списке ${p.groupGen}`}`
      }
      title={error ?? (corrected ? `исправлено ${ruDate(corrected)}` : undefined)}
    >
      {editing !== null ? <Typed text={editing} /> : on ? (mark ?? code) : null}
    </div>
  );
}

/** The entry being typed, with a caret (the real text field is transparent). */
export function Typed({ text }: { text: string }) {
  return (
    <span className="jedit">
      {text}
      <span className="jcaret" />
    </span>
  );
}
