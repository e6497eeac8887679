// Progress and cancellation of long work, for the user who started it (or an administrator).
import type { JobInfo, Parsed } from '../api/contract.js';
import { forbidden, notFound } from '../api/errors.js';
import { hasRole, type AuthedContext } from './context.js';
import type { JobStatus } from './jobs.js';

function visible(ctx: AuthedContext, id: string): JobStatus {
  const job = ctx.jobs.get(id);
  if (!job) throw notFound('Задание');
  if (job.ownerId !== ctx.session.userId && !hasRole(ctx.session, 'admin'))
    throw forbidden('Это задание другого пользователя');
  return job;
}

function info(job: JobStatus): JobInfo {
  const { ownerId: _owner, ...rest } = job;
  return rest;
}

export async function status(ctx: AuthedContext, input: Parsed<'jobs.status'>): Promise<JobInfo> {
  return info(visible(ctx, input.id));
}

export async function cancel(ctx: AuthedContext, input: Parsed<'jobs.cancel'>): Promise<JobInfo> {
  visible(ctx, input.id);
  ctx.jobs.cancel(input.id);
  return info(ctx.jobs.get(input.id)!);
}
