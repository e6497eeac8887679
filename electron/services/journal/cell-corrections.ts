// Corrections with reasons (issue 14, part 5): changing or deleting a mark or an attendance mark more than the
// institution's days after the lesson (default 3), or under a period unlock, is a correction — it asks for a reason,
// which goes to the audit row, and the cell keeps the day it was corrected («исправлено» in the grid and the copies).
import { daysBetween, localIsoDate } from '../../domain/calendar.js';
import { ruDate } from '../../domain/format-dates.js';
import { plural } from '../../domain/format-numbers.js';
import type { CellCtx, CellError } from './cell-types.js';

/** Is a change of this cell's earlier value a correction now? */
export function isLateCorrection(c: Pick<CellCtx, 'scope' | 'unlockId' | 'date'>): boolean {
  return c.unlockId !== null || daysBetween(c.date, c.scope.today) > c.scope.correctionDays;
}

/** The refusal of a correction without a reason. */
export function reasonRequired(c: Pick<CellCtx, 'scope' | 'unlockId' | 'date' | 'name'>): Omit<CellError, 'index'> {
  const n = c.scope.correctionDays;
  const why =
    c.unlockId !== null
      ? 'период разблокирован для исправлений'
      : `прошло больше ${n} ${plural(n, 'дня', 'дней', 'дней')} после занятия`;
  return {
    code: 'reason_required',
    message: `${c.name}, занятие ${ruDate(c.date)}: ${why} — укажите причину исправления`,
  };
}

/**
 * The correction of a cell that had `existing` and will have `after` (null: deleted): the reason to record and the
 * day to mark — or the refusal when a reason is needed and none was given. Not a correction: a first value, the
 * same value again, a value put today, a change within the days allowed.
 */
export function correctionOf(
  c: Pick<CellCtx, 'scope' | 'unlockId' | 'date' | 'name'>,
  existing: { value: string; corrected_on: string | null; updated_at: string } | undefined,
  after: string | null,
  reason: string | null | undefined,
): { error: Omit<CellError, 'index'> } | { reason: string | null; correctedOn: string | null } {
  // A value put today is the day's entry still (a slip undone at once is no correction).
  const earlier = existing !== undefined && localIsoDate(new Date(existing.updated_at)) < c.scope.today;
  const changes = existing !== undefined && existing.value !== after;
  const correctedBefore = existing?.corrected_on ?? null;
  if (!changes || !earlier || !isLateCorrection(c)) return { reason: null, correctedOn: correctedBefore };
  if (!reason) return { error: reasonRequired(c) };
  return { reason, correctedOn: c.scope.today };
}
