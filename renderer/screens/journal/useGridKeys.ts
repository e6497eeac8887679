// The grid's keyboard. The focus sits in one small transparent text field that follows the cursor:
// whatever the keyboard or input method produces (a Russian layout, an IME, an on-screen keyboard)
// arrives as text there. Arrows and Tab move, typing starts an entry (5 4 3 2 зач незач, н у б оп уч,
// also in the Latin layout), Enter saves it and goes to the next student, Escape cancels, Delete
// clears, F2 edits, Ctrl+Z undoes, Enter on an empty final mark confirms the suggestion; Ctrl+V pastes
// a block from Excel, Ctrl+C copies the cell.
import { useWords } from '../../components/words';
import { useCallback, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent, type RefObject } from 'react';
import type { JournalPage } from '../../../electron/api/contract';
import { clearCell, commitTyped, pasteTargets } from './actions';
import { attendanceKey, finalKey, markKey, type GridColumn, type GridModel } from './model';
import type { JournalState } from './useJournal';
import { parseClipboard } from './clipboard';

export interface Cursor {
  row: number;
  col: number;
}

interface Options {
  state: JournalState;
  pages: JournalPage[];
  model: GridModel;
  cursor: Cursor;
  onCursor: (c: Cursor) => void;
  stats: Map<number, { suggestion: string | null }>;
  sink: RefObject<HTMLInputElement | null>;
}

export function useGridKeys({ state, model, cursor, onCursor, stats, sink }: Options) {
  const w = useWords();
  const [text, setText] = useState('');
  const textRef = useRef(text);
  textRef.current = text;
  // The grid renders on every block a scroll brings into view: not a new array of 200 columns each time.
  const columns: GridColumn[] = useMemo(() => [...model.lessonColumns, ...model.finalColumns], [model]);
  const rows = model.rows.length;
  const cols = columns.length;

  const valueAt = (row: number, col: number): string => {
    const r = model.rows[row];
    const c = columns[col];
    if (!r || !c) return '';
    const sid = r.student.id;
    if (c.kind === 'final') return state.maps.finals.get(finalKey(c.finalKind, c.periodId, sid))?.value ?? '';
    if (c.kind === 'pending') return '';
    const mark = c.kind === 'work' ? state.maps.marks.get(markKey(c.work.id, sid))?.value : undefined;
    const a = state.maps.attendance.get(attendanceKey(c.lesson.id, sid));
    return mark ?? (a ? `${a.code}${a.lateMinutes ? ` ${a.lateMinutes}` : ''}` : '');
  };

  /** Save what was typed into the cursor's cell (if anything) and forget it. */
  const commit = useCallback(() => {
    const typed = textRef.current;
    setText('');
    textRef.current = '';
    const row = model.rows[cursor.row];
    const col = columns[cursor.col];
    if (!row || !col || typed.trim() === '') return;
    void commitTyped(state, model, [{ row, col, text: typed }], w);
  }, [model, columns, cursor.row, cursor.col, state]);

  const move = (row: number, col: number) => {
    commit();
    onCursor({ row: Math.max(0, Math.min(rows - 1, row)), col: Math.max(0, Math.min(cols - 1, col)) });
  };

  const pick = useCallback(
    (row: number, col: number) => {
      if (row !== cursor.row || col !== cursor.col) commit();
      onCursor({ row, col });
      requestAnimationFrame(() => sink.current?.focus({ preventScroll: true }));
    },
    [commit, onCursor, sink, cursor.row, cursor.col],
  );

  const startEdit = useCallback(
    (row: number, col: number) => {
      pick(row, col);
      setText(valueAt(row, col));
    },
    [pick],
  );

  const onKeyDown = (ev: KeyboardEvent<HTMLInputElement>) => {
    if (rows === 0 || cols === 0 || ev.nativeEvent.isComposing) return;
    const { row, col } = cursor;
    const ctrl = ev.ctrlKey || ev.metaKey;
    const editing = textRef.current !== '';
    const go = (r: number, c: number) => {
      ev.preventDefault();
      move(r, c);
    };
    switch (ev.key) {
      case 'ArrowDown':
        return go(row + 1, col);
      case 'ArrowUp':
        return go(row - 1, col);
      case 'ArrowRight':
        return go(row, col + 1);
      case 'ArrowLeft':
        return go(row, col - 1);
      case 'PageDown':
        return go(row + 10, col);
      case 'PageUp':
        return go(row - 10, col);
      case 'Home':
        return go(ctrl ? 0 : row, 0);
      case 'End':
        return go(ctrl ? rows - 1 : row, model.lessonColumns.length - 1);
      case 'Tab': {
        // At the grid's edge Tab leaves it, so the keyboard never gets stuck.
        const next = col + (ev.shiftKey ? -1 : 1);
        if (next < 0 || next >= cols) {
          commit();
          return;
        }
        return go(row, next);
      }
      case 'Enter': {
        const c = columns[col];
        const r = model.rows[row];
        const offer =
          !editing && c?.kind === 'final' && c.finalKind === 'period' && r && !valueAt(row, col)
            ? stats.get(r.student.id)?.suggestion
            : null;
        if (offer && c && r) {
          ev.preventDefault();
          void commitTyped(state, model, [{ row: r, col: c, text: offer }], w);
          move(row + 1, col);
          return;
        }
        return go(row + (ev.shiftKey ? -1 : 1), col);
      }
      case 'Escape':
        if (editing) {
          ev.preventDefault();
          setText('');
        }
        return;
      case 'F2':
        ev.preventDefault();
        setText(valueAt(row, col));
        return;
      case 'Backspace':
      case 'Delete': {
        if (editing) return; // the text field edits the entry being typed
        ev.preventDefault();
        const r = model.rows[row];
        const c = columns[col];
        if (r && c) void clearCell(state, r, c);
        return;
      }
      default:
        break;
    }
    if (ctrl && !editing && (ev.code === 'KeyZ' || ev.key === 'z' || ev.key === 'я')) {
      ev.preventDefault();
      void state.undo();
    }
  };

  const onChange = (value: string) => setText(value.replace(/^\s+/, '').slice(0, 12));

  const onPaste = (ev: ClipboardEvent<HTMLInputElement>) => {
    const pasted = ev.clipboardData.getData('text/plain');
    ev.preventDefault();
    if (!pasted) return;
    setText('');
    const targets = pasteTargets(model, cursor.row, cursor.col, parseClipboard(pasted));
    if (targets.length === 0) {
      state.setNotice('Во вставке нет значений');
      return;
    }
    void commitTyped(state, model, targets, w).then((ok) => {
      if (ok && targets.length > 1) state.setNotice(`Вставлено значений: ${targets.length}`);
    });
  };

  const onCopy = (ev: ClipboardEvent<HTMLInputElement>) => {
    if (textRef.current) return;
    ev.preventDefault();
    ev.clipboardData.setData('text/plain', valueAt(cursor.row, cursor.col));
  };

  return { text, onKeyDown, onChange, onPaste, onCopy, onBlur: commit, pick, startEdit };
}
