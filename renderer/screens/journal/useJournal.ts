// The journal page's state: the pages as the server sent them, the cells by key, what is being
// saved (shown at once, confirmed or rolled back), one save at a time with the version last seen,
// and the undo stack. Conflicts put the fresh value in place and say so.
import { useCallback, useRef, useState } from 'react';
import type {
  AttendanceCell,
  CellErrors,
  CellInput,
  FinalCell,
  JournalPage,
  LessonInfo,
  MarkCell,
  SavedCell,
} from '../../../electron/api/contract';
import type { AttendanceCode, FinalMarkKind } from '../../../electron/domain/enums';
import { ApiError, call } from '../../api';
import { useLatestRequest } from '../../components/useCall';
import { attendanceKey, cellMaps, finalKey, markKey, type CellMaps } from './model';

export type Change =
  | { kind: 'mark'; columnId: number; studentId: number; value: string | null }
  | { kind: 'attendance'; lessonId: number; studentId: number; code: string | null; lateMinutes?: number | null }
  | { kind: 'final'; studentId: number; periodId: number | null; finalKind: FinalMarkKind; value: string | null };

/** What a cell shows while its save is on the way. */
export type Overlay = { value: string | null };

export interface Range {
  periodId?: number | null;
  from?: string | null;
  to?: string | null;
}

/** Saves the cells; a late correction is sent again with the reason the user gives (none: refused as it was). */
async function saveWithReason(
  journalId: number,
  cells: CellInput[],
  askReason: ((message: string) => Promise<string | null>) | undefined,
): Promise<SavedCell[]> {
  try {
    return await call('journal.saveCells', { journalId, cells });
  } catch (e) {
    const err = e as ApiError;
    if (err.code !== 'reason_required' || !askReason) throw e;
    const correction = await askReason(err.message);
    if (!correction)
      throw new ApiError({ code: 'reason_required', message: 'Исправление не сохранено: причина не указана' });
    return call('journal.saveCells', { journalId, cells: cells.map((c) => ({ ...c, correction })) });
  }
}

export function changeKey(c: Change): string {
  if (c.kind === 'mark') return `m${markKey(c.columnId, c.studentId)}`;
  if (c.kind === 'attendance') return `a${attendanceKey(c.lessonId, c.studentId)}`;
  return `f${finalKey(c.finalKind, c.periodId, c.studentId)}`;
}

/**
 * `askReason`: a late correction is refused with «reason_required»; the screen asks the user why (null: cancelled)
 * and the same cells are sent again with the reason.
 */
export function useJournal(
  journalId: number,
  combined = false,
  askReason?: (message: string) => Promise<string | null>,
) {
  const ask = useRef(askReason);
  ask.current = askReason;
  const [pages, setPages] = useState<JournalPage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Bumped whenever a cell changes (the maps are mutated in place). The grid's memoised rows compare their
  // student's revision (rowRev): a saved mark redraws its row, not every row rendered.
  const [rev, setRev] = useState(0);
  const revs = useRef({ last: 0, all: 0, rows: new Map<number, number>() });
  const maps = useRef<CellMaps>({ marks: new Map(), attendance: new Map(), finals: new Map() });
  const overlay = useRef(new Map<string, Overlay>());
  const errors = useRef(new Map<string, string>());
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const undoStack = useRef<Change[][]>([]);
  const range = useRef<Range>({});
  /** A new revision: of these students' rows, or (none named) of every row. */
  const bump = useCallback((students?: Iterable<number>) => {
    const r = revs.current;
    r.last += 1;
    if (students) for (const id of students) r.rows.set(id, r.last);
    else {
      r.all = r.last;
      r.rows.clear();
    }
    setRev(r.last);
  }, []);

  // Only the latest load's answer is shown: a period clicked while another was loading (or a reload after a save)
  // must not be replaced by the older, slower answer. A superseded load resolves to the latest one's pages.
  const startLoad = useLatestRequest();
  const latestLoad = useRef<Promise<JournalPage[]> | null>(null);
  const load = useCallback(
    (next?: Range): Promise<JournalPage[]> => {
      if (next) range.current = next;
      const isLatest = startLoad();
      const superseded = () => !isLatest();
      const input = { journalId, ...range.current };
      const loading = (async (): Promise<JournalPage[]> => {
        let loaded: JournalPage[];
        try {
          loaded = combined ? await call('journal.combined', input) : [await call('journal.open', input)];
        } catch (e) {
          if (superseded()) return latestLoad.current!;
          throw e;
        }
        if (superseded()) return latestLoad.current!;
        performance.mark('journal:data');
        maps.current = cellMaps(loaded);
        overlay.current.clear();
        bump();
        setPages(loaded);
        return loaded;
      })();
      latestLoad.current = loading;
      return loading;
    },
    [journalId, combined, startLoad, bump],
  );

  const current = (c: Change): string | null => {
    if (c.kind === 'mark') return maps.current.marks.get(markKey(c.columnId, c.studentId))?.value ?? null;
    if (c.kind === 'attendance') {
      const a = maps.current.attendance.get(attendanceKey(c.lessonId, c.studentId));
      return a ? `${a.code}${a.lateMinutes ? ` ${a.lateMinutes}` : ''}` : null;
    }
    return maps.current.finals.get(finalKey(c.finalKind, c.periodId, c.studentId))?.value ?? null;
  };

  const applySaved = (saved: SavedCell[]) => {
    for (const s of saved) {
      if (s.kind === 'mark') {
        const k = markKey(s.columnId, s.studentId);
        if (s.cell) maps.current.marks.set(k, s.cell);
        else maps.current.marks.delete(k);
      } else {
        const k = attendanceKey(s.lessonId, s.studentId);
        if (s.cell) maps.current.attendance.set(k, s.cell);
        else maps.current.attendance.delete(k);
      }
    }
  };

  /** Save changes (one cell, or a pasted block all-or-nothing); returns whether they were saved. */
  const save = useCallback(
    (changes: Change[], options: { undoable?: boolean } = {}): Promise<boolean> => {
      const page = pages?.[0];
      if (!page || changes.length === 0) return Promise.resolve(true);
      const keys = changes.map(changeKey);
      const before = changes.map((c): Change =>
        c.kind === 'attendance' ? { ...c, code: current(c), lateMinutes: null } : { ...c, value: current(c) },
      );
      changes.forEach((c, i) => overlay.current.set(keys[i]!, { value: c.kind === 'attendance' ? c.code : c.value }));
      for (const k of keys) errors.current.delete(k);
      // The rows whose cells this save shows, changes or puts back.
      const students = new Set(changes.map((c) => c.studentId));
      bump(students);
      const run = async (): Promise<boolean> => {
        const cells = changes.filter((c) => c.kind !== 'final');
        const finals = changes.filter((c): c is Extract<Change, { kind: 'final' }> => c.kind === 'final');
        try {
          if (cells.length > 0) {
            const input: CellInput[] = cells.map((c) =>
              c.kind === 'mark'
                ? {
                    kind: 'mark',
                    columnId: c.columnId,
                    studentId: c.studentId,
                    value: c.value,
                    version: maps.current.marks.get(markKey(c.columnId, c.studentId))?.version ?? null,
                  }
                : {
                    kind: 'attendance',
                    lessonId: (c as { lessonId: number }).lessonId,
                    studentId: c.studentId,
                    code: (c as { code: string | null }).code,
                    lateMinutes: (c as { lateMinutes?: number | null }).lateMinutes ?? null,
                    version:
                      maps.current.attendance.get(attendanceKey((c as { lessonId: number }).lessonId, c.studentId))
                        ?.version ?? null,
                  },
            );
            applySaved(await saveWithReason(page.journal.id, input, ask.current));
          }
          if (finals.length > 0) {
            const saved = await call('finals.set', {
              journalId: page.journal.id,
              cells: finals.map((f) => ({
                studentId: f.studentId,
                periodId: f.periodId,
                kind: f.finalKind,
                value: f.value,
                version: maps.current.finals.get(finalKey(f.finalKind, f.periodId, f.studentId))?.version ?? null,
              })),
            });
            for (const f of finals) maps.current.finals.delete(finalKey(f.finalKind, f.periodId, f.studentId));
            for (const f of saved) maps.current.finals.set(finalKey(f.kind, f.periodId, f.studentId), f);
          }
          if (options.undoable !== false) undoStack.current.push(before);
          setError(null);
          return true;
        } catch (e) {
          const err = e as ApiError;
          const details = err.details as Partial<CellErrors> | undefined;
          if (details?.fresh) {
            applySaved(details.fresh);
            for (const f of details.fresh) students.add(f.studentId);
          }
          if (details?.errors)
            for (const x of details.errors) {
              const k = keys[x.index];
              if (k) errors.current.set(k, x.message);
            }
          else for (const k of keys) errors.current.set(k, err.message);
          if (err.code === 'conflict' && finals.length > 0) await load().catch(() => undefined);
          setError(err.message);
          return false;
        } finally {
          for (const k of keys) overlay.current.delete(k);
          bump(students);
        }
      };
      const next = queue.current.then(run, run);
      queue.current = next;
      return next;
    },
    [pages, bump, load],
  );

  const undo = useCallback(async () => {
    // A change still on its way to the server is the last one: wait for it, so that Ctrl+Z pressed
    // right after Enter undoes that change and not the one before it.
    await queue.current.catch(() => undefined);
    const last = undoStack.current.pop();
    if (!last) {
      setNotice('Отменять нечего');
      return;
    }
    const ok = await save(last, { undoable: false });
    setNotice(ok ? 'Последнее изменение отменено' : null);
  }, [save]);

  /** Start a lesson for a timetable slot (topic: the next one of the plan) and return it fresh. */
  const startLesson = useCallback(
    async (date: string, lessonNo: number): Promise<LessonInfo> => {
      const page = pages![0]!;
      const next = page.plan.topics.find((t) => t.id === page.plan.nextTopicId);
      await call('lessons.create', {
        journalId: page.journal.id,
        date,
        lessonNo,
        planTopicId: next?.id ?? null,
        homework: next?.homework ?? null,
      });
      const fresh = await load();
      setNotice(
        `Занятие ${date.slice(8, 10)}.${date.slice(5, 7)} записано${next ? `: «${next.title}»` : ''}. Тему и ` +
          `задание можно изменить ниже`,
      );
      return fresh[0]!.lessons.find((l) => l.date === date && l.lessonNo === lessonNo)!;
    },
    [pages, load],
  );

  return {
    rev,
    /** The revision of a student's row: its cells are as they were drawn while it is the same. */
    rowRev: (studentId: number): number => Math.max(revs.current.all, revs.current.rows.get(studentId) ?? 0),
    pages,
    error,
    setError,
    notice,
    setNotice,
    load,
    save,
    undo,
    startLesson,
    maps: maps.current,
    overlay: overlay.current,
    errors: errors.current,
    canUndo: () => undoStack.current.length > 0,
  };
}

export type JournalState = ReturnType<typeof useJournal>;
export type { AttendanceCell, AttendanceCode, FinalCell, MarkCell };
