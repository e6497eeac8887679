// The journal grid: students down, lessons across (one column per type of work), the average and
// the final marks pinned on the right. Only the columns in view are rendered, so 40 students × 200
// lessons scroll as smoothly as 10; the keyboard does everything (see useGridKeys).
import { useWords } from '../../components/words';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import type { JournalPage } from '../../../electron/api/contract';
import {
  attendanceKey,
  enrolled,
  finalKey,
  markKey,
  shortDate,
  type FinalColumn,
  type GridColumn,
  type GridModel,
  type GridRow,
  type LessonColumn,
} from './model';
import { changeKey, type JournalState } from './useJournal';
import { useGridKeys, type Cursor } from './useGridKeys';
import { formatAverage, suggestFinal, weightedAverage } from '../../../electron/domain/average';
import { WORK_KINDS } from '../../../electron/domain/labels';

export const NAME_W = 250;
export const COL_W = 40;
export const ROW_H = 30;
const AVG_W = 58;
const FINAL_W = 56;
const OVERSCAN = 8;

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

export interface StudentStats {
  average: number | null;
  suggestion: string | null;
}

/** Weighted averages and suggested final marks, recomputed only when a cell changes: one pass over
 *  the marks, not over every row × column. */
export function useStudentStats(
  state: JournalState,
  pages: JournalPage[],
  model: GridModel,
): Map<number, StudentStats> {
  return useMemo(() => {
    const scale = pages[0]?.scale ?? [];
    const weight = new Map<number, number>();
    for (const col of model.lessonColumns) if (col.kind === 'work') weight.set(col.work.id, col.work.weight);
    const perStudent = new Map<number, Array<{ value: string; weight: number }>>();
    for (const m of state.maps.marks.values()) {
      const w = weight.get(m.columnId);
      if (w === undefined) continue;
      let list = perStudent.get(m.studentId);
      if (!list) {
        list = [];
        perStudent.set(m.studentId, list);
      }
      list.push({ value: m.value, weight: w });
    }
    const stats = new Map<number, StudentStats>();
    for (const row of model.rows) {
      const marks = perStudent.get(row.student.id) ?? [];
      stats.set(row.student.id, { average: weightedAverage(marks), suggestion: suggestFinal(marks, scale) });
    }
    return stats;
    // state.rev: the maps are mutated in place and rev says when.
  }, [state.rev, state.maps, pages, model]);
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
    return { left: Math.max(0, Math.min(lessonCount * COL_W - middle, (cursor.col + 1) * COL_W - middle)), width };
  });
  const frame = useRef(0);
  const keys = useGridKeys({ ...props, stats, sink });
  const editing = keys.text !== '' ? { col: cursor.col, text: keys.text } : null;
  // Columns are rendered in blocks of OVERSCAN: scrolling re-renders once per block, not per column.
  const range = (v: { left: number; width: number }) => {
    const middle = Math.max(0, v.width - NAME_W - rightW);
    const from = Math.floor(v.left / COL_W / OVERSCAN) * OVERSCAN - OVERSCAN;
    const to = Math.ceil((v.left + middle) / COL_W / OVERSCAN) * OVERSCAN + OVERSCAN;
    return [Math.max(0, from), Math.min(lessonCount, to)] as const;
  };
  const [first, last] = range(view);
  // Re-render on scroll or resize only when another set of columns comes into view.
  const sync = () => {
    const el = scroller.current;
    if (!el) return;
    const next = { left: el.scrollLeft, width: el.clientWidth };
    setView((v) => {
      const [a, b] = range(v);
      const [c, d] = range(next);
      return a === c && b === d ? v : next;
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
        {model.rows.map((row, r) => (
          <Row
            key={row.student.id}
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
        ))}
        {model.rows.length === 0 && (
          <div className="jgrid-empty">В списке {w.term('group', 'gen')} за этот период нет обучающихся</div>
        )}
      </div>
    </div>
  );
}

const Header = memo(function Header({
  model,
  first,
  last,
  rightW,
  onLesson,
  selected,
}: {
  model: GridModel;
  first: number;
  last: number;
  rightW: number;
  onLesson: (c: LessonColumn) => void;
  selected: string | null;
}) {
  const visible = model.lessonColumns.slice(first, last);
  const lessonKey = (c: LessonColumn) => (c.kind === 'pending' ? c.key : `l${c.lesson.id}`);
  return (
    <div className="jgrid-head" role="rowgroup">
      <div className="jrow jrow-head" role="row" style={{ height: ROW_H * 2 }}>
        <div className="jname jname-head" role="columnheader">
          Обучающийся
        </div>
        <div style={{ width: first * COL_W, flex: 'none' }} />
        {visible.map((c) => {
          const lesson = c.kind === 'pending' ? null : c.lesson;
          const work = c.kind === 'work' ? WORK_KINDS[c.work.kind] : null;
          const title =
            c.kind === 'pending'
              ? `${shortDate(c.date)}, ${c.lessonNo}-е занятие по расписанию — не записано`
              : [
                  `${shortDate(c.date)}, ${c.lessonNo}-е: ${lesson!.topic || 'тема не указана'}`,
                  c.kind === 'work' ? ` — ${c.work.title}, вес ${c.work.weight}` : '',
                  lesson!.late ? ` (внесено ${shortDate(lesson!.enteredOn)})` : '',
                ].join('');
          const sub = model.subgroupLabel(c.page);
          return (
            <div
              key={c.key}
              role="columnheader"
              title={title}
              className={
                `jhead ${c.kind}${c.firstOfLesson ? ' first' : ''}` +
                `${selected === lessonKey(c) ? ' selected' : ''}${lesson?.late ? ' late' : ''}`
              }
              onClick={() => onLesson(c)}
            >
              <span className="jhead-date">{c.firstOfLesson ? shortDate(c.date) : ''}</span>
              <span className="jhead-work">
                {c.kind === 'pending' ? '+' : c.kind === 'attendance' ? 'П' : (work?.short ?? c.work.title.slice(0, 3))}
                {c.kind === 'work' && c.work.weight !== 1 ? (
                  <sup>×{String(c.work.weight).replace('.', ',')}</sup>
                ) : null}
                {c.kind === 'work' && c.work.releaseOn ? (
                  <span className="jhead-hidden" aria-label="скрыто от семьи">
                    •
                  </span>
                ) : null}
              </span>
              {sub && c.firstOfLesson ? <span className="jhead-sub">{sub}</span> : null}
            </div>
          );
        })}
        <div style={{ width: (model.lessonColumns.length - last) * COL_W, flex: 'none' }} />
        <div className="jright" style={{ width: rightW }}>
          <div className="javg jhead-right" role="columnheader" title="Средний балл с учётом веса видов работ">
            Ср. балл
          </div>
          {model.finalColumns.map((f) => (
            <div key={f.key} className="jfinal jhead-right" role="columnheader" title={f.title}>
              {f.title}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
});

interface RowProps {
  r: number;
  row: GridRow;
  model: GridModel;
  state: JournalState;
  rev: number;
  first: number;
  last: number;
  cursor: number;
  editing: { col: number; text: string } | null;
  stats: StudentStats;
  rightW: number;
}

/** A row re-renders only when its cells, its cursor or the columns in view change: moving the cursor
 *  down redraws two rows, not forty. */
const sameRow = (a: RowProps, b: RowProps) =>
  a.rev === b.rev &&
  a.row === b.row &&
  a.model === b.model &&
  a.r === b.r &&
  a.first === b.first &&
  a.last === b.last &&
  a.cursor === b.cursor &&
  a.rightW === b.rightW &&
  a.editing?.col === b.editing?.col &&
  a.editing?.text === b.editing?.text &&
  a.stats.average === b.stats.average &&
  a.stats.suggestion === b.stats.suggestion;

const Row = memo(function Row({ r, row, model, state, first, last, cursor, editing, stats, rightW }: RowProps) {
  const lessonCount = model.lessonColumns.length;
  const groupGen = useWords().term('group', 'gen');
  const visible = model.lessonColumns.slice(first, last);
  const cells: ReactNode[] = visible.map((c, i) => {
    const col = first + i;
    return lessonCell(
      `jc-${r}-${col}`,
      row,
      c,
      model,
      state,
      cursor === col,
      editing?.col === col ? editing.text : null,
      groupGen,
    );
  });
  return (
    <div className={`jrow${row.number % 5 === 0 ? ' jrow-fifth' : ''}`} role="row" aria-rowindex={r + 3}>
      <div className="jname" role="rowheader" title={row.student.fullName}>
        <span className="jnum">{row.number}</span>
        {row.student.shortName}
      </div>
      <div style={{ width: first * COL_W, flex: 'none' }} />
      {cells}
      <div style={{ width: (lessonCount - last) * COL_W, flex: 'none' }} />
      <div className="jright" style={{ width: rightW }}>
        <div
          className="javg"
          role="gridcell"
          aria-label={`${row.student.shortName}, средний балл: ${formatAverage(stats.average) || 'нет отметок'}`}
        >
          {formatAverage(stats.average)}
        </div>
        {model.finalColumns.map((f, i) => (
          <FinalCell
            key={f.key}
            id={`jc-${r}-${lessonCount + i}`}
            row={row}
            col={f}
            state={state}
            suggestion={stats.suggestion}
            active={cursor === lessonCount + i}
            editing={editing?.col === lessonCount + i ? editing.text : null}
          />
        ))}
      </div>
    </div>
  );
}, sameRow);

/** A cell as a plain element (no component of its own): a 40 × 200 grid renders a thousand of them. */
function lessonCell(
  id: string,
  row: GridRow,
  col: LessonColumn,
  model: GridModel,
  state: JournalState,
  active: boolean,
  editing: string | null,
  groupGen: string,
) {
  const sid = row.student.id;
  const on = enrolled(model, row, col);
  let mark: string | null = null,
    code: string | null = null,
    saving = false,
    error: string | undefined;
  if (on && col.kind !== 'pending') {
    const mk = col.kind === 'work' ? `m${markKey(col.work.id, sid)}` : null;
    const ak = `a${attendanceKey(col.lesson.id, sid)}`;
    const mo = mk ? state.overlay.get(mk) : undefined;
    const ao = state.overlay.get(ak);
    mark = mo
      ? mo.value
      : col.kind === 'work'
        ? (state.maps.marks.get(markKey(col.work.id, sid))?.value ?? null)
        : null;
    const a = state.maps.attendance.get(attendanceKey(col.lesson.id, sid));
    code = ao ? (ao.value?.replace(/\s*\d+$/, '') ?? null) : (a?.code ?? null);
    saving = Boolean(mo || ao);
    error = (mk ? state.errors.get(mk) : undefined) ?? state.errors.get(ak);
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
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      key={col.key}
      id={id}
      role="gridcell"
      className={cls}
      aria-disabled={on ? undefined : true}
      aria-selected={active}
      data-code={mark && code ? code : undefined}
      aria-label={
        `${row.student.shortName}, ${shortDate(col.date)} ${what}: ` +
        `${on ? shown || 'пусто' : `не в списке ${groupGen}`}`
      }
      title={error}
    >
      {editing !== null ? (
        <span className="jedit">
          {editing}
          <span className="jcaret" />
        </span>
      ) : on ? (
        (mark ?? code)
      ) : null}
    </div>
  );
}

function FinalCell({
  id,
  row,
  col,
  state,
  suggestion,
  active,
  editing,
}: {
  id: string;
  row: GridRow;
  col: FinalColumn;
  state: JournalState;
  suggestion: string | null;
  active: boolean;
  editing: string | null;
}) {
  const sid = row.student.id;
  const key = finalKey(col.finalKind, col.periodId, sid);
  const o = state.overlay.get(
    changeKey({ kind: 'final', studentId: sid, periodId: col.periodId, finalKind: col.finalKind, value: null }),
  );
  const value = o ? o.value : (state.maps.finals.get(key)?.value ?? null);
  const offer = col.finalKind === 'period' && !value ? suggestion : null;
  const error = state.errors.get(`f${key}`);
  return (
    <div
      id={id}
      role="gridcell"
      aria-selected={active}
      className={`jfinal jcell${active ? ' active' : ''}${o ? ' saving' : ''}${error ? ' error' : ''}`}
      aria-label={`${row.student.shortName}, ${col.title}: ${value ?? (offer ? `предлагается ${offer}` : 'пусто')}`}
      title={error ?? (offer ? `Предлагается ${offer} по среднему баллу: Enter — подтвердить` : undefined)}
    >
      {editing !== null ? (
        <span className="jedit">
          {editing}
          <span className="jcaret" />
        </span>
      ) : value ? (
        <span className="jmark">{value}</span>
      ) : offer ? (
        <span className="joffer">{offer}</span>
      ) : null}
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
