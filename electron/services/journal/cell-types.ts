// What the cell savers share: the rows of the cells already there, the context of one cell's save, its outcome,
// and its write with the audit row.
import { ABSENCE_CODES } from '../../domain/enums.js';
import type { AttendanceCell, Parsed, SavedCell } from '../../api/contract.js';
import type { AttendanceCode } from '../../../db/schema.js';
import type { AuthedContext, Db } from '../context.js';
import type { WriteScope } from './scope.js';
import { auditedWrite, type AuditRecord, type IdReturningWrite } from '../audit.js';

export type CellIn = Parsed<'journal.saveCells'>['cells'][number];
export type MarkRow = {
  id: number;
  column_id: number;
  lesson_id: number;
  student_id: number;
  value: string;
  comment: string | null;
  corrected_on: string | null;
  /** When it was last written (ISO): a value put today is changed freely the same day. */
  updated_at: string;
  version: number;
};
export type AttRow = {
  id: number;
  lesson_id: number;
  student_id: number;
  code: AttendanceCode;
  late_minutes: number | null;
  reason: string | null;
  reason_by: number | null;
  excuse_id: number | null;
  corrected_on: string | null;
  updated_at: string;
  version: number;
};
export type CellError = {
  index: number;
  code: 'bad_request' | 'conflict' | 'locked' | 'forbidden' | 'reason_required';
  message: string;
  fresh?: SavedCell;
};

/** Codes of an absence: a mark is not put for the lesson, nor an absence over a mark. */
export const ABSENT: readonly string[] = ABSENCE_CODES;

export interface CellCtx {
  db: Db;
  ctx: AuthedContext;
  scope: WriteScope;
  now: string;
  unlockId: number | null;
  name: string;
  date: string;
  lessonId: number;
}
export type Outcome = { saved: SavedCell } | { error: Omit<CellError, 'index'> };

/** An attendance row as the grid shows it. */
export function attendanceCell(a: AttRow): AttendanceCell {
  return {
    lessonId: a.lesson_id,
    studentId: a.student_id,
    code: a.code,
    lateMinutes: a.late_minutes,
    reason: a.reason,
    excuseId: a.excuse_id,
    correctedOn: a.corrected_on,
    version: a.version,
  };
}

/** A cell's write with its audit row (services/audit.ts auditedWrite), by the caller, now; undefined: it changed. */
export function auditedCellWrite(c: CellCtx, write: IdReturningWrite, record: (id: number | null) => AuditRecord) {
  return auditedWrite(c.db, c.ctx.dialect, c.ctx.session, c.ctx.clock.now(), write, record);
}

/** Deletes a cell's row at the version that was read, with its audit row; false when it changed meanwhile. */
export async function auditedCellDelete(
  c: CellCtx,
  table: 'marks' | 'attendance',
  row: { id: number; version: number },
  record: AuditRecord,
): Promise<boolean> {
  const deleted = await auditedCellWrite(
    c,
    (q) => q.deleteFrom(table).where('id', '=', row.id).where('version', '=', row.version).returning('id'),
    () => record,
  );
  return deleted !== undefined;
}
