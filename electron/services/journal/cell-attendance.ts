// One attendance cell: the code (with minutes of lateness), not over a mark, excused at once by a
// confirmed note or certificate covering the day; at the version the user saw.
import type { AttendanceCode } from '../../../db/schema.js';
import type { AuditRecord, IdReturningWrite } from '../audit.js';
import { correctionOf } from './cell-corrections.js';
import { ruDate } from '../../domain/format-dates.js';
import type { Db } from '../context.js';
import { attendanceMessage, parseAttendance } from '../../domain/scale.js';
import {
  ABSENT,
  attendanceCell,
  auditedCellDelete,
  auditedCellWrite,
  type AttRow,
  type CellCtx,
  type CellIn,
  type MarkRow,
  type Outcome,
} from './cell-types.js';
import { conflictOf, staleVersion } from './cell-conflict.js';

export interface Excuse {
  id: number;
  student_id: number;
  from_date: string;
  to_date: string;
  kind: string;
  text: string;
  submitted_by: number;
}

export async function confirmedExcuses(
  db: Db,
  cells: CellIn[],
  lessons: Map<number, { date: string }>,
  studentIds: number[],
): Promise<Excuse[]> {
  const dates = cells
    .flatMap((c) =>
      c.kind === 'attendance' && c.code !== null && lessons.has(c.lessonId) ? [lessons.get(c.lessonId)!.date] : [],
    )
    .sort();
  if (dates.length === 0) return [];
  return db
    .selectFrom('absence_excuses')
    .select(['id', 'student_id', 'from_date', 'to_date', 'kind', 'text', 'submitted_by'])
    .where('student_id', 'in', studentIds)
    .where('status', '=', 'confirmed')
    .where('from_date', '<=', dates.at(-1)!)
    .where('to_date', '>=', dates[0]!)
    .execute();
}

export async function saveAttendance(
  c: CellCtx,
  cell: Extract<CellIn, { kind: 'attendance' }>,
  marks: Map<string, MarkRow>,
  attendance: Map<string, AttRow>,
  excuses: Excuse[],
): Promise<Outcome> {
  const { scope, now } = c;
  const key = `${cell.lessonId}|${cell.studentId}`;
  const existing = attendance.get(key);
  const address = { kind: 'attendance' as const, lessonId: cell.lessonId, studentId: cell.studentId };
  let code: AttendanceCode | null = null;
  let lateMinutes: number | null = null;
  let reason: string | null = cell.reason === undefined ? (existing?.reason ?? null) : cell.reason?.trim() || null;
  let reasonBy: number | null =
    reason === null ? null : cell.reason === undefined ? (existing?.reason_by ?? null) : c.ctx.session.userId;
  let excuseId: number | null = existing?.excuse_id ?? null;
  if (cell.code !== null && cell.code.trim() !== '') {
    const parsed = parseAttendance(cell.code);
    if (!parsed) return { error: { code: 'bad_request', message: attendanceMessage(cell.code) } };
    code = parsed.code;
    if (code === 'оп') {
      lateMinutes = parsed.lateMinutes ?? cell.lateMinutes ?? null;
      if (lateMinutes !== null && (lateMinutes < 1 || lateMinutes > 240)) {
        return { error: { code: 'bad_request', message: `Опоздание: от 1 до 240 минут, указано ${lateMinutes}` } };
      }
    }
    if (ABSENT.includes(code)) {
      const marked = [...marks.values()].find((m) => m.lesson_id === c.lessonId && m.student_id === cell.studentId);
      if (marked) {
        return {
          error: {
            code: 'bad_request',
            message:
              `${c.name}: за занятие ${ruDate(c.date)} уже стоит отметка «${marked.value}». Сначала удалите ` +
              `отметку, затем отметьте отсутствие`,
          },
        };
      }
    }
    // A confirmed note or certificate covering the day excuses the absence at once (003 §3.5).
    const excuse =
      code === 'н'
        ? excuses.find((e) => e.student_id === cell.studentId && e.from_date <= c.date && c.date <= e.to_date)
        : undefined;
    if (excuse) {
      code = excuse.kind === 'medical' ? 'б' : 'у';
      excuseId = excuse.id;
      reason ??= excuse.text.slice(0, 200);
      reasonBy ??= excuse.submitted_by;
    }
    if (!ABSENT.includes(code)) excuseId = null;
  }
  const stale = staleVersion(existing, cell.version);
  if (stale) return { error: await conflictOf(c, address, stale) };
  const fix = correctionOf(c, existing && { ...existing, value: existing.code }, code, cell.correction);
  if ('error' in fix) return { error: fix.error };
  if (code === null) {
    if (!existing) return { saved: { ...address, cell: null } };
    const deleted = await auditedCellDelete(c, 'attendance', existing, {
      action: 'attendance.delete',
      entity: 'attendance',
      entityId: existing.id,
      journalId: scope.journal.id,
      studentId: cell.studentId,
      before: { code: existing.code, version: existing.version },
      after: { date: c.date, lessonId: cell.lessonId, unlockId: c.unlockId },
      reason: fix.reason,
    });
    if (!deleted) return { error: await conflictOf(c, address, 'changed') };
    attendance.delete(key);
    return { saved: { ...address, cell: null } };
  }
  const unchanged =
    existing && existing.code === code && existing.late_minutes === lateMinutes && existing.reason === reason;
  if (unchanged) return { saved: { ...address, cell: attendanceCell(existing) } };
  const values = {
    code,
    late_minutes: lateMinutes,
    reason,
    reason_by: reasonBy,
    excuse_id: excuseId,
    updated_at: now,
    updated_by: c.ctx.session.userId,
    corrected_on: fix.correctedOn,
  };
  const version = existing ? existing.version + 1 : 1;
  const write: IdReturningWrite = (q) =>
    existing
      ? q
          .updateTable('attendance')
          .set({ ...values, version })
          .where('id', '=', existing.id)
          .where('version', '=', existing.version)
          .returning(['id', 'version'])
      : q
          .insertInto('attendance')
          .values({ lesson_id: cell.lessonId, student_id: cell.studentId, ...values, version })
          .onConflict((oc) => oc.columns(['lesson_id', 'student_id']).doNothing())
          .returning(['id', 'version']);
  const record = (id: number | null): AuditRecord => ({
    action: 'attendance.set',
    entity: 'attendance',
    entityId: id,
    journalId: scope.journal.id,
    studentId: cell.studentId,
    before: existing
      ? { code: existing.code, lateMinutes: existing.late_minutes, reason: existing.reason, version: existing.version }
      : undefined,
    after: {
      code,
      lateMinutes,
      reason,
      excuseId,
      version,
      date: c.date,
      lessonId: cell.lessonId,
      unlockId: c.unlockId,
    },
    reason: fix.reason,
  });
  const id = await auditedCellWrite(c, write, record);
  if (id === undefined) return { error: await conflictOf(c, address, 'changed') };
  const fresh: AttRow = {
    id,
    lesson_id: cell.lessonId,
    student_id: cell.studentId,
    code,
    late_minutes: lateMinutes,
    reason,
    reason_by: reasonBy,
    excuse_id: excuseId,
    corrected_on: fix.correctedOn,
    updated_at: now,
    version,
  };
  attendance.set(key, fresh);
  return { saved: { ...address, cell: attendanceCell(fresh) } };
}
