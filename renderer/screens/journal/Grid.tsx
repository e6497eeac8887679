// The journal grid: students down, lessons across (one column per type of work), the average and
// the final marks pinned on the right. Only the columns and rows in view are rendered (in blocks), so
// 40 students × 200 lessons scroll as smoothly as 10; the keyboard does everything (see useGridKeys).
import { useWords } from '../../components/words';
import { Fragment, useEffect, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import type { JournalPage } from '../../../electron/api/contract';
import type { GridColumn, GridModel, LessonColumn } from './model';
import type { JournalState } from './useJournal';
import { useGridKeys, type Cursor } from './useGridKeys';
import { AVG_W, COL_W, FINAL_W, NAME_W, OVERSCAN, ROW_H, rowRange, rowsToRender } from './grid-size';
import { Header } from './GridHeader';
import { Row } from './GridRow';
import type { StudentStats } from './useStudentStats';

export { COL_W, NAME_W, ROW_H } from './grid-size';
export { useStudentStats, type StudentStats } from './useStudentStats';

export interface GridProps {
  state: JournalState;
  pages: JournalPage[];
  model: GridModel;
  label: string;
  cursor: Cursor;
  onCursor: (c: Cursor) => void;
  onLessonHeader: (col: LessonColumn) => void;
  selectedLessonKey: string | null;
  /** Each student's weighted average and suggested final mark (computed once by the screen). */
  stats: Map<number, StudentStats>;
}

export function Grid(props: GridProps) {
  const { state, model, label, cursor, stats } = props;
  const w = useWords();
  const scroller = useRef<HTMLDivElement>(null);
  const sink = useRef<HTMLInputElement>(null);
  const lessonCount = model.lessonColumns.length;
  const rightW = AVG_W + FINAL_W * model.finalColumns.length;
  // The first render already shows the cursor's lesson with the width the page will have, so that
  // opening a journal costs one render and one layout.
  const [view, setView] = useState(() => {
    const width = Math.max(480, window.innerWidth - 290);
    const middle = Math.max(0, width - NAME_W - rightW);
    const left = Math.max(0, Math.min(lessonCount * COL_W - middle, (cursor.col + 1) * COL_W - middle));
    return { left, width, top: 0, height: Math.max(220, window.innerHeight - 300) };
  });
  const frame = useRef(0);
  const keys = useGridKeys({ ...props, stats, sink });
  const editing = keys.text !== '' ? { col: cursor.col, text: keys.text } : null;
  // Columns are rendered in blocks of OVERSCAN: scrolling re-renders once per block, not per column.
  type View = typeof view;
  const range = (v: View) => {
    const middle = Math.max(0, v.width - NAME_W - rightW);
    const from = Math.floor(v.left / COL_W / OVERSCAN) * OVERSCAN - OVERSCAN;
    const to = Math.ceil((v.left + middle) / COL_W / OVERSCAN) * OVERSCAN + OVERSCAN;
    return [Math.max(0, from), Math.min(lessonCount, to)] as const;
  };
  const [first, last] = range(view);
  const rowCount = model.rows.length;
  const [top, bottom] = rowRange(view.top, view.height, rowCount);
  // Re-render on scroll or resize only when another block of columns or rows comes into view.
  const sync = () => {
    const el = scroller.current;
    if (!el) return;
    const next = { left: el.scrollLeft, width: el.clientWidth, top: el.scrollTop, height: el.clientHeight };
    setView((v) => {
      const [a, b] = range(v);
      const [c, d] = range(next);
      const [e, f] = rowRange(v.top, v.height, rowCount);
      const [g, h] = rowRange(next.top, next.height, rowCount);
      return a === c && b === d && e === g && f === h ? v : next;
    });
  };

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    el.scrollLeft = view.left;
    sync();
    const ro = new ResizeObserver(sync);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the cursor's cell in view (and therefore rendered: aria-activedescendant needs it).
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (cursor.col < lessonCount) {
      const x = cursor.col * COL_W;
      const width = el.clientWidth - NAME_W - rightW;
      if (x < el.scrollLeft) el.scrollLeft = x;
      else if (x + COL_W > el.scrollLeft + width) el.scrollLeft = x + COL_W - width;
    }
    const y = cursor.row * ROW_H;
    const height = el.clientHeight - ROW_H * 2 - 4;
    if (y < el.scrollTop) el.scrollTop = y;
    else if (y + ROW_H > el.scrollTop + height) el.scrollTop = y + ROW_H - height;
  }, [cursor.row, cursor.col, lessonCount, rightW]);

  const onScroll = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(sync);
  };

  const totalW = NAME_W + lessonCount * COL_W + rightW;
  const activeId = `jc-${cursor.row}-${cursor.col}`;
  // The text field that holds the focus sits on the cursor's cell (so an IME's window appears there).
  const sinkLeft =
    cursor.col < lessonCount
      ? NAME_W + cursor.col * COL_W
      : view.left + view.width - rightW + AVG_W + (cursor.col - lessonCount) * FINAL_W;
  return (
    <div
      ref={scroller}
      className="jgrid"
      role="grid"
      id="journal-grid"
      aria-label={label}
      aria-rowcount={model.rows.length + 2}
      aria-colcount={lessonCount + model.finalColumns.length + 2}
      onScroll={onScroll}
      onMouseDown={(e) => onCellMouse(e, keys.pick)}
      onDoubleClick={(e) => onCellMouse(e, keys.startEdit)}
    >
      <input
        ref={sink}
        className="jgrid-sink"
        type="text"
        autoComplete="off"
        spellCheck={false}
        aria-label={`${label}: ввод в ячейку`}
        aria-controls="journal-grid"
        aria-activedescendant={model.rows.length ? activeId : undefined}
        style={{ left: sinkLeft, top: ROW_H * 2 + cursor.row * ROW_H }}
        value={keys.text}
        onChange={(e) => keys.onChange(e.target.value)}
        onKeyDown={keys.onKeyDown}
        onPaste={keys.onPaste}
        onCopy={keys.onCopy}
        onBlur={keys.onBlur}
      />
      <div className="jgrid-inner" style={{ width: totalW }}>
        <Header
          model={model}
          first={first}
          last={last}
          rightW={rightW}
          onLesson={props.onLessonHeader}
          selected={props.selectedLessonKey}
        />
        {rowsToRender(top, bottom, cursor.row, rowCount).map((r, i, shown) => {
          const row = model.rows[r]!;
          // Spacers stand for the rows not rendered, so the scrollbar and sticky columns stay right.
          const gap = (i === 0 ? r : r - shown[i - 1]! - 1) * ROW_H;
          const after = i === shown.length - 1 ? (rowCount - r - 1) * ROW_H : 0;
          return (
            <Fragment key={row.student.id}>
              {gap > 0 && <div className="jgap" style={{ height: gap }} />}
              <Row
                r={r}
                row={row}
                model={model}
                state={state}
                rev={state.rev}
                first={first}
                last={last}
                cursor={cursor.row === r ? cursor.col : -1}
                editing={cursor.row === r ? editing : null}
                stats={stats.get(row.student.id)!}
                rightW={rightW}
              />
              {after > 0 && <div className="jgap" style={{ height: after }} />}
            </Fragment>
          );
        })}
        {model.rows.length === 0 && (
          <div className="jgrid-empty">В списке {w.term('group', 'gen')} за этот период нет обучающихся</div>
        )}
      </div>
    </div>
  );
}

export { type Cursor };
export type { GridColumn };

/** One mouse handler for the whole grid: the cell's id says where (`jc-<row>-<col>`). */
function onCellMouse(e: MouseEvent, action: (row: number, col: number) => void): void {
  const target = (e.target as HTMLElement).closest('[role=gridcell]');
  const m = target ? /^jc-(\d+)-(\d+)$/.exec(target.id) : null;
  if (!m) return;
  e.preventDefault();
  action(Number(m[1]), Number(m[2]));
}

/** Put the keyboard in the grid (after writing a lesson, or from a shortcut). */
export function focusGrid(): void {
  (document.querySelector('.jgrid-sink') as HTMLInputElement | null)?.focus({ preventScroll: true });
}
