// A student's row of the journal grid in its three parts: the name (in the pinned column on the left), the
// lesson cells in view (in memoised blocks), and the average and final marks (in the pinned column on the
// right). The pinned parts of all the rows are two columns of their own (Grid.tsx), each sticky as a whole:
// a sticky cell per row made the compositor move forty of them on every scroll frame. The row element
// claims its name and right-hand cells with aria-owns, so a screen reader still reads one row.
import { memo, type ReactNode } from 'react';
import { finalKey, type FinalColumn, type GridModel, type GridRow } from './model';
import { changeKey, type JournalState } from './useJournal';
import { formatAverage } from '../../../electron/domain/average';
import { COL_BLOCK, COL_W } from './grid-size';
import { CellBlock, sameProps, Typed } from './GridCells';

interface RowProps {
  r: number;
  row: GridRow;
  model: GridModel;
  state: JournalState;
  rev: number;
  /** The lesson columns rendered: [first, last), whole blocks of COL_BLOCK. */
  first: number;
  last: number;
  /** The cursor's column if it is on this row, else -1. */
  cursor: number;
  /** What is being typed into the cursor's cell (null: nothing). */
  editing: string | null;
  groupGen: string;
}

/** Every fifth row is underlined darker, in all three parts. */
const fifth = (row: GridRow) => (row.number % 5 === 0 ? ' jfifth' : '');

/** The ids of the row's cells outside its element: the name and the pinned cells on the right. */
function ownedIds(r: number, model: GridModel): string {
  const lessonCount = model.lessonColumns.length;
  return [`jn-${r}`, `ja-${r}`, ...model.finalColumns.map((_, i) => `jc-${r}-${lessonCount + i}`)].join(' ');
}

/** The student's name: a row header in the pinned column on the left. */
export const NameCell = memo(function NameCell({ r, row }: { r: number; row: GridRow }) {
  return (
    <div
      id={`jn-${r}`}
      className={`jname${fifth(row)}`}
      role="rowheader"
      aria-colindex={1}
      title={row.student.fullName}
    >
      <span className="jnum">{row.number}</span>
      <span className="jname-text">{row.student.shortName}</span>
    </div>
  );
});

/** A row re-renders only when its cells, its cursor or the columns in view change (moving the cursor
 *  down redraws two rows, not forty), and then only its blocks that changed. */
export const Row = memo(function Row(p: RowProps) {
  const { r, row, model, first, last, cursor, editing } = p;
  const lessonCount = model.lessonColumns.length;
  const blocks: ReactNode[] = [];
  for (let from = first; from < last; from += COL_BLOCK) {
    const to = Math.min(last, from + COL_BLOCK);
    const here = cursor >= from && cursor < to;
    blocks.push(
      <CellBlock
        key={from}
        r={r}
        row={row}
        model={model}
        state={p.state}
        rev={p.rev}
        from={from}
        to={to}
        cursor={here ? cursor : -1}
        editing={here ? editing : null}
        groupGen={p.groupGen}
      />,
    );
  }
  return (
    <div
      className={`jrow${fifth(row)}`}
      role="row"
      aria-rowindex={r + 3}
      aria-label={row.student.fullName}
      aria-owns={ownedIds(r, model)}
    >
      <div style={{ width: first * COL_W, flex: 'none' }} />
      {blocks}
      <div style={{ width: (lessonCount - last) * COL_W, flex: 'none' }} />
    </div>
  );
}, sameProps);

/** The pinned right-hand cells: the average and the final marks (they do not move with a scroll). */
export const RightCells = memo(function RightCells(p: {
  r: number;
  row: GridRow;
  model: GridModel;
  state: JournalState;
  rev: number;
  average: number | null;
  suggestion: string | null;
  cursor: number;
  editing: string | null;
  width: number;
}) {
  const lessonCount = p.model.lessonColumns.length;
  const average = formatAverage(p.average);
  return (
    <div className={`jright${fifth(p.row)}`} style={{ width: p.width }}>
      <div
        id={`ja-${p.r}`}
        className="javg"
        role="gridcell"
        aria-colindex={lessonCount + 2}
        aria-label={`${p.row.student.shortName}, средний балл: ${average || 'нет отметок'}`}
      >
        {average}
      </div>
      {p.model.finalColumns.map((f, i) => (
        <FinalCell
          key={f.key}
          id={`jc-${p.r}-${lessonCount + i}`}
          index={lessonCount + i + 3}
          row={p.row}
          col={f}
          state={p.state}
          suggestion={p.suggestion}
          active={p.cursor === lessonCount + i}
          editing={p.cursor === lessonCount + i ? p.editing : null}
        />
      ))}
    </div>
  );
}, sameProps);

function FinalCell({
  id,
  index,
  row,
  col,
  state,
  suggestion,
  active,
  editing,
}: {
  id: string;
  /** aria-colindex: after the name, the lessons and the average. */
  index: number;
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
      aria-colindex={index}
      aria-selected={active}
      className={`jfinal jcell${active ? ' active' : ''}${o ? ' saving' : ''}${error ? ' error' : ''}`}
      aria-label={`${row.student.shortName}, ${col.title}: ${value ?? (offer ? `предлагается ${offer}` : 'пусто')}`}
      title={error ?? (offer ? `Предлагается ${offer} по среднему баллу: Enter — подтвердить` : undefined)}
    >
      {editing !== null ? (
        <Typed text={editing} />
      ) : value ? (
        <span className="jmark">{value}</span>
      ) : offer ? (
        <span className="joffer">{offer}</span>
      ) : null}
    </div>
  );
}
