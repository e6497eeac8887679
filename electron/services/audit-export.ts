// The audit log as an Excel file — the export itself written to the log as an export of personal data.
import type { AuditRow, FileOutput, Parsed } from '../api/contract.js';
import { XLSX_MIME } from '../api/contract.js';
import { badInput } from '../api/errors.js';
import { ruDateTime } from '../domain/format-dates.js';
import { addTableSheet, createWorkbook, toBuffer } from '../export/xlsx.js';
import { auditExport } from './audit.js';
import { describeRows, filtered, type Filter } from './audit-log.js';
import type { AuthedContext } from './context.js';
import { fileOutput } from './files.js';

/** The most rows one Excel export carries; narrow the filter for more. */
export const EXPORT_LIMIT = 100_000;
export async function exportXlsx(
  ctx: AuthedContext,
  input: Parsed<'audit.export'>,
): Promise<FileOutput & { rows: number }> {
  const total = Number(
    (
      await filtered(ctx.db, input)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );
  if (total > EXPORT_LIMIT) {
    throw badInput(
      `Отобрано ${total} записей — больше ${EXPORT_LIMIT} за одну выгрузку. Сузьте отбор по датам или пользователю`,
    );
  }
  const rows: AuditRow[] = [];
  for (let offset = 0; offset < total; offset += 5000) {
    const raw = await filtered(ctx.db, input)
      .selectAll('a')
      .orderBy('a.id', 'desc')
      .limit(5000)
      .offset(offset)
      .execute();
    rows.push(...(await describeRows(ctx.db, raw)));
  }
  const now = ctx.clock.now();
  const wb = createWorkbook({ createdAt: now });
  addTableSheet(wb, {
    name: 'Журнал аудита',
    title: `Журнал аудита — выгружено ${ruDateTime(now)}`,
    columns: [
      { header: '№', key: 'id', type: 'integer' },
      { header: 'Когда', key: 'at', type: 'datetime' },
      { header: 'Логин', key: 'login', type: 'text', width: 14 },
      { header: 'Пользователь', key: 'userName', type: 'text', width: 30 },
      { header: 'Действие', key: 'actionLabel', type: 'text', width: 36 },
      { header: 'Объект', key: 'entityLabel', type: 'text', width: 16 },
      { header: 'Код объекта', key: 'entityId', type: 'text', width: 10 },
      { header: 'Какой', key: 'entityTitle', type: 'text', width: 30 },
      { header: 'Журнал', key: 'journalTitle', type: 'text', width: 36 },
      { header: 'Обучающийся', key: 'studentName', type: 'text', width: 30 },
      { header: 'Было', key: 'beforeText', type: 'text', width: 50 },
      { header: 'Стало', key: 'afterText', type: 'text', width: 50 },
    ],
    rows: rows.map((r) => ({
      ...r,
      beforeText: r.changes
        .filter((c) => c.before !== '')
        .map((c) => `${c.label}: ${c.before}`)
        .join('\n'),
      afterText: r.changes
        .filter((c) => c.after !== '')
        .map((c) => `${c.label}: ${c.after}`)
        .join('\n'),
    })),
  });
  const bytes = await toBuffer(wb);
  // Writing the export to the log comes before the file leaves: an export that cannot be logged does not happen.
  await ctx.db.transaction().execute(async (trx) => {
    await auditExport(trx, ctx.session, now, 'audit_log', {
      what: 'Журнал аудита (Excel)',
      rows: rows.length,
      filter: describeFilter(input),
    });
  });
  const stamp = ctx.clock.today().split('-').reverse().join('.');
  return { ...fileOutput(`Журнал аудита ${stamp}.xlsx`, XLSX_MIME, new Uint8Array(bytes)), rows: rows.length };
}

function describeFilter(f: Filter): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
