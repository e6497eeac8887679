// One mark of the grid: on the institution's scale, not over an absence, at the version the user saw;
// the write and its audit row together (cell-types.ts auditedCellWrite).
import type { AuditRecord, IdReturningWrite } from '../audit.js';
import { ruDate } from '../../domain/format-dates.js';
import { normalizeValue, scaleMessage } from '../../domain/scale.js';
import {
  ABSENT,
  auditedCellDelete,
  auditedCellWrite,
  type AttRow,
  type CellCtx,
  type CellIn,
  type MarkRow,
  type Outcome,
} from './cell-types.js';
import { conflictOf, staleVersion } from './cell-conflict.js';
import { correctionOf } from './cell-corrections.js';

export async function saveMark(
  c: CellCtx,
  cell: Extract<CellIn, { kind: 'mark' }>,
  marks: Map<string, MarkRow>,
  attendance: Map<string, AttRow>,
): Promise<Outcome> {
  const { scope, now } = c;
  const key = `${cell.columnId}|${cell.studentId}`;
  const existing = marks.get(key);
  const address = { kind: 'mark' as const, columnId: cell.columnId, studentId: cell.studentId };
  if (!scope.marksEnabled)
    return {
      error: { code: 'bad_request', message: 'В этом журнале отметки не ведутся: журнал только для посещаемости' },
    };
  let value: string | null = null;
  if (cell.value !== null && cell.value.trim() !== '') {
    value = normalizeValue(cell.value);
    if (!scope.scale.includes(value))
      return { error: { code: 'bad_request', message: scaleMessage(cell.value, scope.scale) } };
    const absent = attendance.get(`${c.lessonId}|${cell.studentId}`);
    if (absent && ABSENT.includes(absent.code)) {
      return {
        error: {
          code: 'bad_request',
          message:
            `${c.name} отсутствовал(а) на занятии ${ruDate(c.date)} («${absent.code}»): отметка не ставится. ` +
            `Сначала снимите отметку об отсутствии`,
        },
      };
    }
  }
  const comment = cell.comment === undefined ? (existing?.comment ?? null) : cell.comment?.trim() || null;
  const stale = staleVersion(existing, cell.version);
  if (stale) return { error: await conflictOf(c, address, stale) };
  const fix = correctionOf(c, existing, value, cell.correction);
  if ('error' in fix) return { error: fix.error };
  if (value === null) {
    if (!existing) return { saved: { ...address, cell: null } };
    const deleted = await auditedCellDelete(c, 'marks', existing, {
      action: 'marks.delete',
      entity: 'marks',
      entityId: existing.id,
      journalId: scope.journal.id,
      studentId: cell.studentId,
      before: { value: existing.value, version: existing.version },
      after: { date: c.date, columnId: cell.columnId, unlockId: c.unlockId },
      reason: fix.reason,
    });
    if (!deleted) return { error: await conflictOf(c, address, 'changed') };
    marks.delete(key);
    return { saved: { ...address, cell: null } };
  }
  if (existing && existing.value === value && existing.comment === comment) {
    return {
      saved: {
        ...address,
        cell: { columnId: cell.columnId, studentId: cell.studentId, value, version: existing.version },
      },
    };
  }
  const version = existing ? existing.version + 1 : 1;
  const record = (id: number | null): AuditRecord => ({
    action: 'marks.set',
    entity: 'marks',
    entityId: id,
    journalId: scope.journal.id,
    studentId: cell.studentId,
    before: existing ? { value: existing.value, version: existing.version } : undefined,
    after: { value, comment, version, date: c.date, columnId: cell.columnId, unlockId: c.unlockId },
    reason: fix.reason,
  });
  const write: IdReturningWrite = (q) =>
    existing
      ? q
          .updateTable('marks')
          .set({
            value,
            comment,
            updated_at: now,
            updated_by: c.ctx.session.userId,
            corrected_on: fix.correctedOn,
            version,
          })
          .where('id', '=', existing.id)
          .where('version', '=', existing.version)
          .returning(['id', 'version'])
      : q
          .insertInto('marks')
          .values({
            column_id: cell.columnId,
            student_id: cell.studentId,
            value,
            comment,
            updated_at: now,
            updated_by: c.ctx.session.userId,
            version,
          })
          .onConflict((oc) => oc.columns(['column_id', 'student_id']).doNothing())
          .returning(['id', 'version']);
  const id = await auditedCellWrite(c, write, record);
  if (id === undefined) return { error: await conflictOf(c, address, 'changed') };
  const row = { id, version };
  marks.set(key, {
    id: row.id,
    column_id: cell.columnId,
    lesson_id: c.lessonId,
    student_id: cell.studentId,
    value,
    comment,
    corrected_on: fix.correctedOn,
    updated_at: now,
    version: row.version,
  });
  const saved = { columnId: cell.columnId, studentId: cell.studentId, value, correctedOn: fix.correctedOn };
  return { saved: { ...address, cell: { ...saved, version: row.version } } };
}
