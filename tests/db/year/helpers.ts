// Shared set-up for the year domain's tests: a fresh institution opened through the services,
// staff users, real .xlsx files written with exceljs, and an import run to the end of its job.
import ExcelJS from 'exceljs';
import type { JournalDb } from '../../../db/connect.js';
import type { Role } from '../../../db/schema.js';
import type { ImportReport, Input } from '../../../electron/api/contract.js';
import { AppError } from '../../../electron/api/errors.js';
import { hashPassword } from '../../../db/passwords.js';
import type { TestClient } from '../../support/harness.js';

let hash: string | null = null;
export const STAFF_PASSWORD = 'Staff2026pass';

/** A member of staff written straight to the database (users.* belongs to the accounts feature). */
export async function addUser(
  handle: JournalDb,
  login: string,
  last: string,
  first: string,
  roles: Array<{ role: Role; departmentId?: number; groupId?: number }> = [],
): Promise<number> {
  hash ??= await hashPassword(STAFF_PASSWORD);
  const at = '2026-08-20T05:00:00.000Z';
  const u = await handle.db
    .insertInto('users')
    .values({
      login,
      login_key: login.toLowerCase(),
      password_hash: hash,
      last_name: last,
      first_name: first,
      middle_name: null,
      position: null,
      phone: null,
      email: null,
      active: 1,
      must_change_password: 0,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const r of roles) {
    await handle.db
      .insertInto('user_roles')
      .values({ user_id: u.id, role: r.role, department_id: r.departmentId ?? null, group_id: r.groupId ?? null })
      .execute();
  }
  return u.id;
}

/** A year 2026/2027 in semesters with one department and two groups, opened by the admin client. */
export async function openCollegeYear(admin: TestClient) {
  const year = await admin.call('years.create', {
    title: '2026/2027',
    startsOn: '2026-09-01',
    endsOn: '2027-08-31',
    periodKind: 'semester',
  });
  const dept = await admin.call('departments.save', { name: 'Энергетическое отделение', shortName: 'ЭО' });
  const g1 = await admin.call('groups.create', {
    yearId: year.id,
    name: 'ЭС-11',
    course: 1,
    departmentId: dept.id,
    curatorUserId: null,
    speciality: '13.02.03 Электрические станции',
  });
  const g2 = await admin.call('groups.create', {
    yearId: year.id,
    name: 'ЭС-21',
    course: 2,
    departmentId: dept.id,
    curatorUserId: null,
    speciality: '13.02.03 Электрические станции',
  });
  return { year, dept, g1, g2 };
}

export type Cell = string | number | Date | null;

/** An .xlsx with one sheet: a header row and data rows, as a person would type it in Excel. */
export async function xlsx(
  headers: string[],
  rows: Cell[][],
  options: { sheet?: string; title?: string; dateFormat?: boolean } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(options.sheet ?? 'Лист1');
  if (options.title) ws.addRow([options.title]);
  ws.addRow(headers);
  for (const r of rows) {
    const row = ws.addRow(r);
    r.forEach((v, i) => {
      if (v instanceof Date) row.getCell(i + 1).numFmt = 'dd.mm.yyyy';
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Start an import and wait for its job; the report, or the job's error as an AppError. */
export async function runImportJob(
  client: TestClient,
  input: Omit<Input<'import.start'>, 'file'> & { file: Buffer },
): Promise<ImportReport> {
  const job = await client.call('import.start', { ...input, file: input.file.toString('base64') });
  for (let i = 0; i < 6000; i++) {
    const status = await client.call('jobs.status', { id: job.id });
    if (status.state === 'done') return status.result as ImportReport;
    if (status.state !== 'running') throw new AppError('bad_request', status.error ?? status.state);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('import did not finish');
}

/** An Excel date as exceljs writes it: the calendar day at UTC midnight. */
export function excelDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

export async function auditCount(handle: JournalDb): Promise<number> {
  const row = await handle.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
