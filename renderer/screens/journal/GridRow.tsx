// A student's row of the journal grid: the lesson cells in view, the average and the final marks.
import { useWords } from '../../components/words';
import { ruDate } from '../../../electron/domain/format-dates';
import { memo, type ReactNode } from 'react';
import {
  attendanceKey,
  enrolled,
  finalKey,
  markKey,
  shortDate,
  type FinalColumn,
  type GridModel,
  type GridRow,
  type LessonColumn,
} from './model';
import { changeKey, type JournalState } from './useJournal';
import { formatAverage } from '../../../electron/domain/average';
import { COL_W } from './grid-size';
import type { StudentStats } from './useStudentStats';

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
export { Row };

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
    corrected: string | null = null,
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
    const m = col.kind === 'work' ? state.maps.marks.get(markKey(col.work.id, sid)) : undefined;
    corrected = mo || ao ? null : (m?.correctedOn ?? a?.correctedOn ?? null);
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
    corrected && 'corrected',
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
      title={error ?? (corrected ? `исправлено ${ruDate(corrected)}` : undefined)}
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
