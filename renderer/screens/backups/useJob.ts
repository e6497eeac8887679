// Start a long job and follow its progress until it ends.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobInfo } from '../../../electron/api/contract';
import { call } from '../../api';

export function useJob(pollMs = 300) {
  const [job, setJob] = useState<JobInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<number | null>(null);
  useEffect(() => () => { if (timer.current) window.clearTimeout(timer.current); }, []);

  const follow = useCallback((started: JobInfo, onEnd: (job: JobInfo) => void) => {
    setJob(started);
    const poll = async () => {
      try {
        const next = await call('jobs.status', { id: started.id });
        setJob(next);
        if (next.state === 'running') timer.current = window.setTimeout(poll, pollMs);
        else onEnd(next);
      } catch (e) {
        setError(e);
      }
    };
    timer.current = window.setTimeout(poll, pollMs);
  }, [pollMs]);

  return { job, error, setError, follow, reset: () => { setJob(null); setError(null); } };
}
