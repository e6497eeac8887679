// `import.start`: checks who may load which list, then runs the import as a job (progress, cancel);
// the job's result is the ImportReport. The CLI runs the same importers without a job.
import type { ImportList, JobInfo, Parsed } from '../../../api/contract.js';
import { AppError, forbidden } from '../../../api/errors.js';
import { openXlsx, XLSX_LIMITS, XlsxError } from '../../../export/xlsx-guard.js';
import { hasRole, type AuthedContext } from '../../context.js';
import type { JobStatus } from '../../jobs.js';
import { assertPlanWrite } from '../plans.js';
import { runImport, type Importer, type ImportEnv, type ImportOptions } from './framework.js';
import { planImporter } from './plan.js';
import { importYear, studentImporter } from './students.js';
import { subjectImporter } from './subjects.js';
import { timetableImporter } from './timetable.js';
import { userImporter } from './users.js';

export { runImport, type ImportEnv, type ImportOptions };

export const IMPORTERS: Record<ImportList, Importer<any, any>> = {
  students: studentImporter,
  users: userImporter,
  subjects: subjectImporter,
  plan: planImporter,
  timetable: timetableImporter,
};

/**
 * Refuses at once, before any job, a file that is empty, too big, not an .xlsx, damaged or not a
 * workbook (Russian AppError). Rows and cells are counted later, in the job, before exceljs loads it.
 */
export function quickCheck(bytes: Uint8Array): void {
  try {
    openXlsx(bytes, XLSX_LIMITS);
  } catch (error) {
    if (error instanceof XlsxError) throw new AppError('bad_request', error.message, { file: 'Файл не принят' });
    throw error;
  }
}

function info(job: JobStatus): JobInfo {
  const { ownerId: _owner, ...rest } = job;
  return rest;
}

export async function start(ctx: AuthedContext, input: Parsed<'import.start'>): Promise<JobInfo> {
  const importer = IMPORTERS[input.list];
  if (input.list === 'plan') {
    if (input.journalId === undefined)
      throw new AppError('bad_request', 'Укажите журнал, в который загружается тематический план', {
        journalId: 'Не выбран журнал',
      });
    await assertPlanWrite(ctx, input.journalId);
  } else {
    if (!hasRole(ctx.session, 'admin')) throw forbidden('Загружать этот список может только администратор');
    if (input.list === 'students' || input.list === 'timetable')
      await importYear(ctx.db, input.yearId, ctx.clock.today());
  }
  const bytes = Buffer.from(input.file, 'base64');
  quickCheck(bytes);
  const options = {
    dryRun: input.dryRun,
    skipBad: input.skipBad,
    yearId: input.yearId,
    journalId: input.journalId,
    admission: input.admission,
    mapping: input.mapping,
  };
  const who = { userId: ctx.session.userId, login: ctx.session.login };
  const job = ctx.jobs.start(`import-${input.list}`, ctx.session.userId, async (control) => {
    return runImport(
      {
        db: ctx.db,
        clock: ctx.clock,
        who,
        backup: ctx,
        progress: (step, done, total) => control.progress(step, done, total),
        throwIfCancelled: () => control.throwIfCancelled(),
        signal: control.signal,
      },
      importer,
      bytes,
      options,
    );
  });
  return info(job);
}
