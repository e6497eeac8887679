// Follow a long job (archive, verification): poll jobs.status until it ends; Cancel asks the
// program to stop safely. Survives a reload when the screen passes the running job's id back in.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobInfo } from '../../../electron/api/contract';
import { call } from '../../api';

export function useJob(onEnd?: (job: JobInfo) => void) {
  const [job, setJob] = useState<JobInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const ended = useRef(onEnd);
  ended.current = onEnd;
  const id = job?.state === 'running' ? job.id : null;

  useEffect(() => {
    if (!id) return;
    let stop = false;
    const tick = async () => {
      try {
        const next = await call('jobs.status', { id });
        if (stop) return;
        setJob(next);
        if (next.state !== 'running') ended.current?.(next);
        else setTimeout(tick, 400);
      } catch (e) {
        if (!stop) setError(e);
      }
    };
    const timer = setTimeout(tick, 300);
    return () => { stop = true; clearTimeout(timer); };
  }, [id]);

  const follow = useCallback((started: JobInfo) => { setError(null); setJob(started); }, []);
  const cancel = useCallback(async () => {
    if (!id) return;
    try { setJob(await call('jobs.cancel', { id })); } catch (e) { setError(e); }
  }, [id]);
  const reset = useCallback(() => { setJob(null); setError(null); }, []);
  return { job, error, follow, cancel, reset, running: job?.state === 'running' };
}
