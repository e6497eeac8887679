// The grid's shape built from one journal page (or several: the subgroups' combined view): rows are
// the roster over the range, columns are the lessons by date — one per type of work, one for a
// lesson without types of work, a dashed one for a timetable slot not entered yet — then the finals.
import type {
  AttendanceCell,
  FinalCell,
  JournalPage,
  LessonInfo,
  MarkCell,
  RosterStudent,
  WorkColumnInfo,
} from '../../../electron/api/contract';
import type { FinalMarkKind } from '../../../electron/domain/enums';
import { FINAL_KIND_TITLES } from '../../../electron/domain/labels';

interface Base {
  key: string;
  page: number;
  date: string;
  lessonNo: number;
  firstOfLesson: boolean;
  lastOfLesson: boolean;
}
export type LessonColumn =
  | (Base & { kind: 'work'; lesson: LessonInfo; work: WorkColumnInfo })
  | (Base & { kind: 'attendance'; lesson: LessonInfo })
  | (Base & { kind: 'pending'; room: string | null });
export interface FinalColumn {
  kind: 'final';
  key: string;
  finalKind: FinalMarkKind;
  periodId: number | null;
  title: string;
}
export type GridColumn = LessonColumn | FinalColumn;

export interface GridRow {
  student: RosterStudent;
  number: number;
}

export interface GridModel {
  rows: GridRow[];
  lessonColumns: LessonColumn[];
  finalColumns: FinalColumn[];
  /** studentId → intervals, per page. */
  membership: Array<Map<number, RosterStudent['intervals']>>;
  /** «подгр. 1» over a column in the combined view of subgroups. */
  subgroupLabel: (page: number) => string | null;
}

export const markKey = (columnId: number, studentId: number) => `${columnId}|${studentId}`;
export const attendanceKey = (lessonId: number, studentId: number) => `${lessonId}|${studentId}`;
export const finalKey = (kind: FinalMarkKind, periodId: number | null, studentId: number) =>
  `${kind}|${periodId ?? 0}|${studentId}`;

export interface CellMaps {
  marks: Map<string, MarkCell>;
  attendance: Map<string, AttendanceCell>;
  finals: Map<string, FinalCell>;
}

export function cellMaps(pages: JournalPage[]): CellMaps {
  const maps: CellMaps = { marks: new Map(), attendance: new Map(), finals: new Map() };
  for (const p of pages) {
    for (const m of p.marks) maps.marks.set(markKey(m.columnId, m.studentId), m);
    for (const a of p.attendance) maps.attendance.set(attendanceKey(a.lessonId, a.studentId), a);
    for (const f of p.finals) maps.finals.set(finalKey(f.kind, f.periodId, f.studentId), f);
  }
  return maps;
}

export function buildModel(pages: JournalPage[], finalKinds: FinalMarkKind[]): GridModel {
  const membership = pages.map((p) => new Map(p.students.map((s) => [s.id, s.intervals])));
  const byId = new Map<number, RosterStudent>();
  for (const p of pages) {
    for (const s of p.students) {
      const known = byId.get(s.id);
      byId.set(s.id, known ? { ...known, intervals: [...known.intervals, ...s.intervals] } : s);
    }
  }
  const students =
    pages.length === 1
      ? pages[0]!.students
      : [...byId.values()].sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru'));
  const rows = students.map((student, i) => ({ student, number: i + 1 }));

  const items: Array<{ date: string; lessonNo: number; page: number; lesson?: LessonInfo; room?: string | null }> = [];
  pages.forEach((p, page) => {
    for (const lesson of p.lessons) items.push({ date: lesson.date, lessonNo: lesson.lessonNo, page, lesson });
    for (const slot of p.pending) items.push({ date: slot.date, lessonNo: slot.lessonNo, page, room: slot.room });
  });
  items.sort((a, b) => a.date.localeCompare(b.date) || a.lessonNo - b.lessonNo || a.page - b.page);
  const lessonColumns: LessonColumn[] = [];
  for (const it of items) {
    const base = { page: it.page, date: it.date, lessonNo: it.lessonNo };
    if (!it.lesson) {
      lessonColumns.push({
        ...base,
        kind: 'pending',
        key: `p${it.page}-${it.date}-${it.lessonNo}`,
        room: it.room ?? null,
        firstOfLesson: true,
        lastOfLesson: true,
      });
    } else if (it.lesson.columns.length === 0) {
      lessonColumns.push({
        ...base,
        kind: 'attendance',
        key: `a${it.lesson.id}`,
        lesson: it.lesson,
        firstOfLesson: true,
        lastOfLesson: true,
      });
    } else {
      it.lesson.columns.forEach((work, i, all) =>
        lessonColumns.push({
          ...base,
          kind: 'work',
          key: `w${work.id}`,
          lesson: it.lesson!,
          work,
          firstOfLesson: i === 0,
          lastOfLesson: i === all.length - 1,
        }),
      );
    }
  }
  const first = pages[0];
  const periodId = first?.range.periodId ?? null;
  const finalColumns: FinalColumn[] =
    pages.length !== 1 || !first?.marksEnabled
      ? []
      : finalKinds
          .filter((k) => k === 'year' || periodId !== null)
          .map((k) => ({
            kind: 'final',
            key: `f-${k}`,
            finalKind: k,
            periodId: k === 'year' ? null : periodId,
            title: FINAL_KIND_TITLES[k],
          }));
  const labels = pages.map((p) => (p.journal.subgroup ? `подгр. ${p.journal.subgroup.number}` : null));
  return {
    rows,
    lessonColumns,
    finalColumns,
    membership,
    subgroupLabel: (page) => (pages.length > 1 ? (labels[page] ?? null) : null),
  };
}

/** Is the student on this column's journal roster on its date? (Greyed, no cell, otherwise.) */
export function enrolled(model: GridModel, row: GridRow, col: LessonColumn): boolean {
  const intervals = model.membership[col.page]?.get(row.student.id);
  return Boolean(intervals?.some((i) => i.from <= col.date && (i.until === null || col.date < i.until)));
}

export function columnLessonId(col: GridColumn): number | null {
  return col.kind === 'work' || col.kind === 'attendance' ? col.lesson.id : null;
}

export function shortDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;
}
