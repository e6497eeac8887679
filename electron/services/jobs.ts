// Long work (reports, archives, backups) runs as a job: the caller gets an id at once, polls the
// progress (step, done/total) and may cancel. Works the same over IPC and HTTP.

import type { JobInfo } from '../api/contract.js';
import { CancelledError, type JobControl } from '../platform/jobs.js';

export type JobState = JobInfo['state'];

/** What the contract shows of a job, plus who started it. */
export interface JobStatus extends JobInfo {
  ownerId: number | null;
}

/** Finished jobs are kept this long, and at most this many, for their results (files, report data). */
const KEEP_FINISHED_MS = 30 * 60_000;
const KEEP_FINISHED = 50;

export class JobRegistry {
  private jobs = new Map<string, { status: JobStatus; abort: AbortController }>();
  private seq = 0;

  start(kind: string, ownerId: number | null, work: (job: JobControl) => Promise<unknown>): JobStatus {
    this.prune();
    const id = `${kind}-${Date.now().toString(36)}-${++this.seq}`;
    const abort = new AbortController();
    const status: JobStatus = {
      id,
      kind,
      state: 'running',
      step: 'Подготовка',
      done: 0,
      total: 0,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      error: null,
      result: null,
      ownerId,
    };
    this.jobs.set(id, { status, abort });
    const control: JobControl = {
      signal: abort.signal,
      progress: (step, done, total) => {
        status.step = step;
        if (done !== undefined) status.done = done;
        if (total !== undefined) status.total = total;
      },
      throwIfCancelled: () => {
        if (abort.signal.aborted) throw new CancelledError();
      },
    };
    void work(control)
      .then(
        (result) => {
          status.state = 'done';
          status.result = result;
        },
        (error: unknown) => {
          status.state = error instanceof CancelledError || abort.signal.aborted ? 'cancelled' : 'failed';
          status.error = error instanceof Error ? error.message : String(error);
        },
      )
      .finally(() => {
        status.finishedAt = new Date().toISOString();
      });
    return { ...status };
  }

  /** Every on-screen report is a job whose result holds its data: without this a long session only grows. */
  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status.finishedAt !== null);
    const cutoff = Date.now() - KEEP_FINISHED_MS;
    finished.forEach((j, i) => {
      if (i < finished.length - KEEP_FINISHED || Date.parse(j.status.finishedAt!) < cutoff)
        this.jobs.delete(j.status.id);
    });
  }

  get(id: string): JobStatus | null {
    const job = this.jobs.get(id);
    return job ? { ...job.status } : null;
  }

  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job || job.status.state !== 'running') return false;
    job.abort.abort();
    return true;
  }

  /** Wait until a job ends (tests and the CLI). */
  async wait(id: string, pollMs = 20): Promise<JobStatus> {
    for (;;) {
      const status = this.get(id);
      if (!status) throw new Error(`Задание ${id} не найдено`);
      if (status.state !== 'running') return status;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
}
