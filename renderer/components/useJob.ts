// Long work on the server (backups, slips, imports, reports, archives): follow a started job's
// progress until it ends, cancel it, or await its result. One hook for every screen: polling stops
// when the screen goes away, and a screen may pick a running job back up after a reload (follow it).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobInfo } from '../../electron/api/contract';
import { call } from '../api';

export interface JobOptions {
  /** Called once when the followed job ends (done, failed or cancelled). */
  onEnd?: (job: JobInfo) => void;
  pollMs?: number;
}

export function useJob<R = unknown>(options: JobOptions = {}) {
  const [job, setJob] = useState<JobInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const ended = useRef(options.onEnd);
  ended.current = options.onEnd;
  /** The run() waiting for the job's end, if any. */
  const waiting = useRef<((job: JobInfo | null) => void) | null>(null);
  const pollMs = options.pollMs ?? 300;
  const id = job?.state === 'running' ? job.id : null;

  const finish = useCallback((end: JobInfo | null) => {
    if (end) ended.current?.(end);
    waiting.current?.(end);
    waiting.current = null;
  }, []);

  useEffect(() => {
    if (!id) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const next = await call('jobs.status', { id });
        if (stop) return;
        setJob(next);
        if (next.state === 'running') timer = setTimeout(tick, pollMs);
        else finish(next);
      } catch (e) {
        if (stop) return;
        setError(e);
        finish(null);
      }
    };
    timer = setTimeout(tick, pollMs);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [id, pollMs, finish]);

  // A screen that goes away releases whoever awaits its job.
  useEffect(() => () => finish(null), [finish]);

  /** Follows a job started elsewhere (or picked up again after a reload). */
  const follow = useCallback(
    (started: JobInfo) => {
      setError(null);
      setJob(started);
      if (started.state !== 'running') finish(started);
    },
    [finish],
  );

  /** Starts the job with `begin` and resolves with its result when done (null when failed or cancelled). */
  const run = useCallback(
    async (begin: () => Promise<JobInfo>): Promise<R | null> => {
      setError(null);
      try {
        const started = await begin();
        const end = await new Promise<JobInfo | null>((resolve) => {
          waiting.current = resolve;
          follow(started);
        });
        if (end?.state === 'done') return end.result as R;
        if (end?.state === 'failed') setError(new Error(end.error ?? 'Не удалось выполнить'));
        return null;
      } catch (e) {
        setError(e);
        return null;
      }
    },
    [follow],
  );

  const cancel = useCallback(async () => {
    if (!id) return;
    try {
      setJob(await call('jobs.cancel', { id }));
    } catch (e) {
      setError(e);
    }
  }, [id]);
  const reset = useCallback(() => {
    setJob(null);
    setError(null);
  }, []);

  return { job, error, setError, follow, run, cancel, reset, running: job?.state === 'running' };
}
