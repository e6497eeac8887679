// `reports.start`: the scope is checked now (a refusal is an answer, not a failed job); the data and
// the documents are made in a job whose progress the screen shows, its result the files to save.
import type { JobInfo, Parsed, ReportFiles } from '../../api/contract.js';
import { badInput, notFound } from '../../api/errors.js';
import { assertJournalRead } from '../access.js';
import { ruDate } from '../../domain/format-dates.js';
import type { AuthedContext } from '../context.js';
import { centreScope } from './centre.js';
import { boundJournalFile } from './bound-journal.js';
import { journalCopyFile } from './copies.js';
import { hoursRange, hoursScope } from './hours.js';
import { stipendScope } from './stipend.js';
import { substitutionsScope } from './substitutions.js';
import { reportData, reportFile, type DocumentDeps, type ReportRequest } from './documents.js';
import { packFiles } from './pack.js';
import type { Progress } from './keeping.js';
import { assertReportRole, hasFilter, resolveRange, scopeJournals } from './scope.js';

export async function start(ctx: AuthedContext, input: Parsed<'reports.start'>): Promise<JobInfo> {
  assertReportRole(ctx.session, input.report);
  const today = ctx.clock.today();
  const deps: DocumentDeps = { db: ctx.db, today, now: ctx.clock.now(), settings: ctx.settings.get() };
  let work: (progress: Progress) => Promise<ReportFiles>;
  const produce =
    (request: ReportRequest, format: 'pdf' | 'xlsx' | 'screen') =>
    async (progress: Progress): Promise<ReportFiles> =>
      format === 'screen'
        ? { files: [], data: await reportData(deps.db, today, request, progress) }
        : { files: [await reportFile(deps, { ...request, format }, progress)], data: null };
  switch (input.report) {
    case 'journalCopy': {
      const journal = await assertJournalRead(ctx.db, ctx.session, input.journalId);
      const range = await resolveRange(ctx.db, today, journal.year_id, input.periodId);
      const from = input.from ?? range.from;
      const to = input.to ?? (input.periodId ? range.to : range.asOf);
      if (from > to) throw badInput(`Начало ${ruDate(from)} позже конца ${ruDate(to)}`, { from: 'Проверьте даты' });
      const title = input.from || input.to ? undefined : range.title;
      work = async () => ({
        files: [
          await journalCopyFile(deps, {
            journalId: journal.id,
            from,
            to,
            periodTitle: title,
            signer: input.signer,
            recipient: input.recipient,
            by: ctx.session,
          }),
        ],
        data: null,
      });
      break;
    }
    case 'pack': {
      const range = await resolveRange(ctx.db, today, input.yearId, input.periodId);
      const journals = await scopeJournals(ctx, 'pack', range, {});
      work = async (progress) => ({ files: await packFiles(deps, range, journals, progress), data: null });
      break;
    }
    case 'hoursSheet': {
      const range = await hoursRange(ctx.db, today, input.yearId, input.month);
      const { journals, teacherId } = await hoursScope(ctx, range, input);
      work = produce({ kind: 'hoursSheet', range, journals, month: input.month ?? null, teacherId }, input.format);
      break;
    }
    case 'boundJournal': {
      const group = await ctx.db.selectFrom('groups').select('id').where('id', '=', input.groupId).executeTakeFirst();
      if (!group) throw notFound('Группа');
      work = async (progress) => ({ files: [await boundJournalFile(deps, group.id, progress)], data: null });
      break;
    }
    case 'substitutions': {
      const { range, journals } = await substitutionsScope(ctx, input);
      work = produce({ kind: 'substitutions', range, journals, month: input.month }, input.format);
      break;
    }
    case 'stipendAttendance': {
      const { range, journals } = await stipendScope(ctx, input);
      work = produce({ kind: 'stipendAttendance', range, journals, month: input.month }, input.format);
      break;
    }
    case 'unionAttendance':
    case 'personHours':
    case 'retention': {
      const { range, journals } = await centreScope(ctx, input.report, input);
      work = produce({ kind: input.report, range, journals }, input.format);
      break;
    }
    default: {
      const range = await resolveRange(ctx.db, today, input.yearId, input.periodId);
      const filter = input.report === 'keeping' ? { departmentId: input.departmentId } : input;
      const journals = await scopeJournals(ctx, input.report, range, filter);
      const onlyAtRisk = input.report === 'forecast' ? (input.onlyAtRisk ?? !hasFilter(input)) : false;
      work = produce({ kind: input.report, range, journals, onlyAtRisk }, input.format);
    }
  }
  const job = ctx.jobs.start(`report-${input.report}`, ctx.session.userId, async (control) => {
    const result = await work((step, done, total) => {
      control.throwIfCancelled();
      control.progress(step, done, total);
    });
    control.throwIfCancelled();
    return result;
  });
  const { ownerId: _owner, ...info } = job;
  return info;
}
