// Small pieces shared by the year's services: loading a year and refusing changes to a closed one,
// names as people write them, the order-date window, and the optimistic-lock conflict.
import { institutionWords } from '../words.js';
import { AppError, badInput, conflict, notFound } from '../../api/errors.js';
import type { Db, ServiceDeps } from '../context.js';
import { backupNow, type BackupInfo, type BackupReason } from '../backups/index.js';
import type { BackupOptions } from '../backups/create.js';
import { CancelledError } from '../../platform/jobs.js';
import { addDays } from '../../domain/calendar.js';
import { ruDate } from '../../domain/format-dates.js';
import { YEAR_STATUS_LABELS } from '../../domain/labels.js';

export interface YearRow {
  id: number;
  title: string;
  starts_on: string;
  ends_on: string;
  status: 'open' | 'closed' | 'archived';
  closed_at: string | null;
  version: number;
}

export async function loadYear(db: Db, yearId: number): Promise<YearRow> {
  const y = await db.selectFrom('academic_years').selectAll().where('id', '=', yearId).executeTakeFirst();
  if (!y) throw notFound('Учебный год');
  return y;
}

export function assertYearOpen(y: Pick<YearRow, 'title' | 'status'>): void {
  if (y.status !== 'open') {
    throw new AppError(
      'locked',
      `Учебный год ${y.title} ${YEAR_STATUS_LABELS[y.status]}: изменения не допускаются, доступен только просмотр`,
    );
  }
}

export async function loadOpenYear(db: Db, yearId: number): Promise<YearRow> {
  const y = await loadYear(db, yearId);
  assertYearOpen(y);
  return y;
}

export interface GroupRow {
  id: number;
  year_id: number;
  name: string;
  course: number;
  department_id: number | null;
  curator_user_id: number | null;
  programme_subject_id: number | null;
  previous_group_id: number | null;
  speciality: string | null;
  version: number;
}

export async function loadGroup(db: Db, groupId: number): Promise<GroupRow> {
  const g = await db.selectFrom('groups').selectAll().where('id', '=', groupId).executeTakeFirst();
  if (!g) throw notFound((await institutionWords(db)).Term('group'));
  return g;
}

/** A write that named a version the row no longer has. */
export function versionConflict(what: string, fresh: unknown): AppError {
  return conflict(`${what} уже изменил(а) другой пользователь. Обновите данные и повторите`, fresh);
}

/** «  иванов - петров  » → «иванов-петров»: spaces collapsed, hyphens without spaces around. */
export function cleanName(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[\u00A0\s]+/g, ' ')
    .replace(/\s*[-‐‑–]\s*/g, '-')
    .trim();
}

/** A key for comparing names: case and ё/е do not matter. */
export function nameKey(...parts: Array<string | null | undefined>): string {
  return parts
    .map((p) =>
      cleanName(p ?? '')
        .toLowerCase()
        .replaceAll('ё', 'е'),
    )
    .join('|');
}

/**
 * The days an order may carry for a year: from three months before it starts (admission orders are
 * issued in summer) to its last day. The date of the movement itself must lie inside the year.
 */
export function checkOrderDates(
  year: Pick<YearRow, 'title' | 'starts_on' | 'ends_on'>,
  date: string,
  orderDate: string,
  what = 'Дата движения',
): void {
  const problem = orderDatesProblem(year, date, orderDate, what);
  if (problem) throw badInput(problem.message, { [problem.field]: problem.short });
}

/** The same check without throwing (the importer collects problems instead). */
export function orderDatesProblem(
  year: Pick<YearRow, 'title' | 'starts_on' | 'ends_on'>,
  date: string,
  orderDate: string,
  what = 'Дата движения',
): { field: 'date' | 'orderDate'; message: string; short: string } | null {
  const earliestOrder = addDays(year.starts_on, -92);
  if (date < year.starts_on || date > year.ends_on) {
    return {
      field: 'date',
      short: 'Вне учебного года',
      message:
        `${what} ${ruDate(date)} вне учебного года ${year.title} ` +
        `(${ruDate(year.starts_on)}–${ruDate(year.ends_on)})`,
    };
  }
  if (orderDate < earliestOrder || orderDate > year.ends_on) {
    return {
      field: 'orderDate',
      short: 'Вне учебного года',
      message:
        `Дата приказа ${ruDate(orderDate)} вне учебного года ${year.title}: приказ может быть издан с ` +
        `${ruDate(earliestOrder)} по ${ruDate(year.ends_on)}`,
    };
  }
  return null;
}

/** What a safety copy needs from the host: the live file, the settings (the folder), the clock. */
export type SafetyDeps = Pick<ServiceDeps, 'dialect' | 'file' | 'settings' | 'paths' | 'clock' | 'beforeBulkChange'>;

/**
 * The regulation wants a copy before every risky bulk change (issue 9: before an import of lists,
 * closing a year, moving groups into the next year). Takes a checked copy of the SQLite journal with
 * that reason and returns its file name; null on PostgreSQL or an in-memory journal (nothing to copy —
 * the server's own dumps keep PostgreSQL safe). When the copy fails the change is refused: `action`
 * («загрузка списка», «закрытие учебного года 2025/2026») names what was not done; nothing is changed.
 * The host's optional `beforeBulkChange` hook is told afterwards with `label`.
 */
export async function safetyBackup(
  deps: SafetyDeps,
  reason: Extract<BackupReason, 'import' | 'year-close' | 'year-copy'>,
  action: string,
  label: string,
  options: Pick<BackupOptions, 'onProgress' | 'signal'> = {},
): Promise<string | null> {
  let info: BackupInfo | null;
  try {
    info = await backupNow(deps, reason, { ...options, rotate: true });
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'unavailable',
      `Не удалось сделать резервную копию журнала: ${detail.replace(/\.$/, '')}. ` +
        `${action.charAt(0).toUpperCase()}${action.slice(1)} без копии не выполняется — ничего не изменено. ` +
        'Проверьте папку резервных копий (Настройки → Резервные копии) и повторите',
    );
  }
  if (deps.beforeBulkChange) await deps.beforeBulkChange(label);
  return info?.name ?? null;
}

export function count(row: { n: number | string | bigint } | undefined): number {
  return Number(row?.n ?? 0);
}
