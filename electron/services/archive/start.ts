// archive.start: the secretary's button — checks that can fail at once fail at once, the rest runs as
// a job whose progress (step, files done/total) and Cancel go through jobs.status / jobs.cancel.
import type { JobInfo, Parsed } from '../../api/contract.js';
import type { AuthedContext } from '../context.js';
import { checkRequest, startArchiveJob } from './run.js';

export async function start(ctx: AuthedContext, input: Parsed<'archive.start'>): Promise<JobInfo> {
  const request = { yearId: input.yearId, destination: input.destination, rebuild: input.rebuild };
  await checkRequest(ctx, request);
  const { ownerId: _owner, ...info } = startArchiveJob(
    ctx,
    { userId: ctx.session.userId, login: ctx.session.login, fullName: ctx.session.fullName },
    request,
  );
  return info;
}
