// The journal grid: students down, lessons across (one column per type of work), the average and
// the final marks pinned on the right. Only the columns and rows in view are rendered (in blocks), so
// 40 students × 200 lessons scroll as smoothly as 10; the keyboard does everything (see useGridKeys).
import { useWords } from '../../components/words';
import { flushSync } from 'react-dom';
import {
  Fragment,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type MouseEvent,
  type ReactNode,
} from 'react';
import type { JournalPage } from '../../../electron/api/contract';
import type { GridColumn, GridModel, LessonColumn } from './model';
import type { JournalState } from './useJournal';
import { useGridKeys, type Cursor } from './useGridKeys';
import { useNarrow } from '../../app/useNarrow';
import {
  COL_AHEAD,
  COL_W,
  colRange,
  PINNED,
  PINNED_NARROW,
  ROW_AHEAD,
  ROW_H,
  rowRange,
  rowsToRender,
} from './grid-size';
import { Header } from './GridHeader';
import { NameCell, RightCells, Row } from './GridRow';
import type { StudentStats } from './useStudentStats';

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
  const groupGen = w.term('group', 'gen');
  const scroller = useRef<HTMLDivElement>(null);
  const sink = useRef<HTMLInputElement>(null);
  const narrow = useNarrow();
  const pinned = narrow ? PINNED_NARROW : PINNED;
  const lessonCount = model.lessonColumns.length;
  const rowCount = model.rows.length;
  const rightW = pinned.avg + pinned.final * model.finalColumns.length;
  // The first render already shows the cursor's lesson with the width the page will have, so that
  // opening a journal costs one render and one layout.
  const [view, setView] = useState<View>(() => {
    // The grid's box as styles.css makes it: the page's padding, the border and, but on a phone, the side menu.
    const width = narrow ? window.innerWidth - 26 : Math.max(480, window.innerWidth - 267);
    const middle = Math.max(0, width - pinned.name - rightW);
    const left = Math.max(0, Math.min(lessonCount * COL_W - middle, (cursor.col + 1) * COL_W - middle));
    return { left, width, top: 0, height: Math.max(220, window.innerHeight - 302), ahead: false };
  });
  const keys = useGridKeys({ ...props, stats, sink });
  const editing = keys.text !== '' ? keys.text : null;
  const ranges = (v: View) => [
    ...colRange(v.left, Math.max(0, v.width - pinned.name - rightW), lessonCount, v.ahead ? COL_AHEAD : 0),
    ...rowRange(v.top, v.height - ROW_H * 2, rowCount, v.ahead ? ROW_AHEAD : 0),
  ];
  const [first, last, top, bottom] = ranges(view) as [number, number, number, number];
  const shown = useRef(view);
  shown.current = view;
  // Re-render on scroll or resize only when another block of columns or rows comes into view. A scroll
  // renders it at once (`now`), so that the frame that scrolls shows it: no blank strip, no wide overscan.
  const sync = (now = false) => {
    const el = scroller.current;
    if (!el) return;
    const box = { left: el.scrollLeft, width: el.clientWidth, top: el.scrollTop, height: el.clientHeight };
    const [was, will] = [ranges(shown.current), ranges({ ...box, ahead: shown.current.ahead })];
    if (was.every((x, i) => x === will[i])) return;
    const update = () => setView((v) => ({ ...box, ahead: v.ahead }));
    if (now) flushSync(update);
    else update();
  };
  // The resize observer calls the latest one (the grid's sizes change with the final columns shown).
  const synced = useRef(sync);
  synced.current = sync;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // The keyboard is in the grid as soon as it shows. Focused before the scroll below lays the page out, so
    // that the focus (which restyles the grid's cells: styles.css, .jgrid:focus-within) costs no second pass.
    sink.current?.focus({ preventScroll: true });
    el.scrollLeft = view.left;
    sync();
    const ro = new ResizeObserver(() => synced.current());
    ro.observe(el);
    // The blocks beyond the view are rendered once the grid is on the screen, so that it shows up sooner.
    const idle = whenIdle(() => setView((v) => (v.ahead ? v : { ...v, ahead: true })));
    return () => {
      ro.disconnect();
      idle.cancel();
    };
  }, []);

  // Keep the cursor's cell in view (and therefore rendered: aria-activedescendant needs it).
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (cursor.col < lessonCount) {
      const x = cursor.col * COL_W;
      const width = el.clientWidth - pinned.name - rightW;
      if (x < el.scrollLeft) el.scrollLeft = x;
      else if (x + COL_W > el.scrollLeft + width) el.scrollLeft = x + COL_W - width;
    }
    const y = cursor.row * ROW_H;
    const height = el.clientHeight - ROW_H * 2 - 4;
    if (y < el.scrollTop) el.scrollTop = y;
    else if (y + ROW_H > el.scrollTop + height) el.scrollTop = y + ROW_H - height;
  }, [cursor.row, cursor.col, lessonCount, rightW, pinned]);

  const onScroll = () => sync(true);

  // The rows rendered, the same in each of the three columns (names, lessons, the pinned right-hand cells);
  // spacers stand for the rows not rendered, so the scrollbar and the columns stay aligned.
  const shownRows = rowsToRender(top, bottom, cursor.row, rowCount);
  const stack = (part: (r: number, row: GridModel['rows'][number]) => ReactNode) =>
    shownRows.map((r, i) => {
      const row = model.rows[r]!;
      const gap = (i === 0 ? r : r - shownRows[i - 1]! - 1) * ROW_H;
      const after = i === shownRows.length - 1 ? (rowCount - r - 1) * ROW_H : 0;
      return (
        <Fragment key={row.student.id}>
          {gap > 0 && <div className="jgap" style={{ height: gap }} />}
          {part(r, row)}
          {after > 0 && <div className="jgap" style={{ height: after }} />}
        </Fragment>
      );
    });
  const totalW = pinned.name + lessonCount * COL_W + rightW;
  const activeId = `jc-${cursor.row}-${cursor.col}`;
  // The text field that holds the focus sits on the cursor's cell (so an IME's window appears there).
  const sinkLeft =
    cursor.col < lessonCount
      ? pinned.name + cursor.col * COL_W
      : view.left + view.width - rightW + pinned.avg + (cursor.col - lessonCount) * pinned.final;
  // The pinned columns' widths for styles.css: one source of truth for the layout and the arithmetic above.
  const widths = {
    '--jname-w': `${pinned.name}px`,
    '--javg-w': `${pinned.avg}px`,
    '--jfinal-w': `${pinned.final}px`,
  } as CSSProperties;
  return (
    <div
      ref={scroller}
      className="jgrid"
      role="grid"
      id="journal-grid"
      style={widths}
      aria-label={label}
      aria-rowcount={rowCount + 2}
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
        aria-activedescendant={rowCount ? activeId : undefined}
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
        <div className="jbody">
          <div className="jpin jpin-left">
            {stack((r, row) => (
              <NameCell r={r} row={row} />
            ))}
          </div>
          <div className="jlessons" style={{ width: lessonCount * COL_W }}>
            {stack((r, row) => (
              <Row
                r={r}
                row={row}
                model={model}
                state={state}
                rev={state.rowRev(row.student.id)}
                first={first}
                last={last}
                cursor={cursor.row === r ? cursor.col : -1}
                editing={cursor.row === r ? editing : null}
                groupGen={groupGen}
              />
            ))}
          </div>
          <div className="jpin jpin-right" style={{ width: rightW }}>
            {stack((r, row) => {
              const own = stats.get(row.student.id);
              const onRight = cursor.row === r && cursor.col >= lessonCount;
              return (
                <RightCells
                  r={r}
                  row={row}
                  model={model}
                  state={state}
                  rev={state.rowRev(row.student.id)}
                  average={own?.average ?? null}
                  suggestion={own?.suggestion ?? null}
                  cursor={onRight ? cursor.col : -1}
                  editing={onRight ? editing : null}
                  width={rightW}
                />
              );
            })}
          </div>
        </div>
        {rowCount === 0 && <div className="jgrid-empty">В списке {groupGen} за этот период нет обучающихся</div>}
      </div>
    </div>
  );
}

/** The scroll box and whether the blocks beyond it are rendered too. */
interface View {
  left: number;
  width: number;
  top: number;
  height: number;
  ahead: boolean;
}

/** Runs `fn` when the page is idle (soon in any case); Safari has no requestIdleCallback. */
function whenIdle(fn: () => void): { cancel: () => void } {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(fn, { timeout: 500 });
    return { cancel: () => window.cancelIdleCallback(id) };
  }
  const id = window.setTimeout(fn, 100);
  return { cancel: () => window.clearTimeout(id) };
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
