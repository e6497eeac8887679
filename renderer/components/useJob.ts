// Long work on the server (slips, reports, archives): start it, poll its progress, get its result.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobInfo } from '../../electron/api/contract';
import { call } from '../api';

export function useJob<R>() {
  const [job, setJob] = useState<JobInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const alive = useRef(true);
  useEffect(() => () => { alive.current = false; }, []);

  /** Starts the job with `begin` and resolves with its result when done (null when failed or cancelled). */
  const run = useCallback(async (begin: () => Promise<JobInfo>): Promise<R | null> => {
    setError(null);
    try {
      let info = await begin();
      setJob(info);
      while (info.state === 'running' && alive.current) {
        await new Promise((r) => setTimeout(r, 250));
        info = await call('jobs.status', { id: info.id });
        if (alive.current) setJob(info);
      }
      if (info.state === 'done') return info.result as R;
      if (info.state === 'failed') setError(new Error(info.error ?? 'Не удалось выполнить'));
      return null;
    } catch (e) {
      setError(e);
      return null;
    }
  }, []);

  const cancel = useCallback(async () => {
    if (job) setJob(await call('jobs.cancel', { id: job.id }));
  }, [job]);

  return { job, error, run, cancel, running: job?.state === 'running', reset: () => { setJob(null); setError(null); } };
}
