// A cell changed by somebody else since the user saw it: detected by its version, and worded with who
// changed it, when, and to what — the fresh cell goes back to the grid.
import type { MarkCell, SavedCell } from '../../api/contract.js';
import { ruDate } from '../../domain/format-dates.js';
import { shortName } from '../session.js';
import { attendanceCell, type CellCtx, type CellError } from './cell-types.js';
/** The user's view of the cell is out of date: it was filled, changed or cleared meanwhile. */
export function staleVersion(existing: { version: number } | undefined, seen: number | null): 'changed' | null {
  if (seen === null) return existing ? 'changed' : null;
  return !existing || existing.version !== seen ? 'changed' : null;
}

export type Address =
  { kind: 'mark'; columnId: number; studentId: number } | { kind: 'attendance'; lessonId: number; studentId: number };

/** Re-read the cell as it is now and word the conflict: who changed it, when, and to what. */
export async function conflictOf(c: CellCtx, address: Address, _why: 'changed'): Promise<Omit<CellError, 'index'>> {
  const { db } = c;
  let fresh: SavedCell;
  let shown: string;
  let by: { updated_by: number; updated_at: string } | undefined;
  if (address.kind === 'mark') {
    const row = await db
      .selectFrom('marks')
      .select(['value', 'version', 'updated_by', 'updated_at', 'corrected_on'])
      .where('column_id', '=', address.columnId)
      .where('student_id', '=', address.studentId)
      .executeTakeFirst();
    const cell: MarkCell | null = row
      ? {
          columnId: address.columnId,
          studentId: address.studentId,
          value: row.value,
          correctedOn: row.corrected_on,
          version: row.version,
        }
      : null;
    fresh = { ...address, cell };
    shown = row ? `«${row.value}»` : 'пусто';
    by = row;
  } else {
    const row = await db
      .selectFrom('attendance')
      .select([
        'id',
        'lesson_id',
        'student_id',
        'code',
        'late_minutes',
        'reason',
        'reason_by',
        'excuse_id',
        'corrected_on',
        'version',
        'updated_by',
        'updated_at',
      ])
      .where('lesson_id', '=', address.lessonId)
      .where('student_id', '=', address.studentId)
      .executeTakeFirst();
    fresh = { ...address, cell: row ? attendanceCell(row) : null };
    shown = row ? `«${row.code}»` : 'отметки о посещаемости нет';
    by = row;
  }
  let who = '';
  if (by) {
    const u = await db
      .selectFrom('users')
      .select(['last_name', 'first_name', 'middle_name'])
      .where('id', '=', by.updated_by)
      .executeTakeFirst();
    const at = new Date(by.updated_at);
    const time = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
    who = ` (${u ? shortName(u) : 'другой пользователь'}, ${time})`;
  }
  const what = address.kind === 'mark' ? 'Отметку' : 'Посещаемость';
  return {
    code: 'conflict',
    fresh,
    message:
      `${c.name}, ${ruDate(c.date)}: ${what.toLowerCase()} уже изменили в другом окне или другой ` +
      `пользователь — сейчас ${shown}${who}. Ваше изменение не сохранено: проверьте и введите снова`,
  };
}
