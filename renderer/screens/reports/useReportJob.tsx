// Runs `reports.start` and follows the job: progress for the screen, the result when it is done,
// cancel on request. Used for on-screen reports (format «screen») and for files alike.
import { useCallback, useRef, useState } from 'react';
import type { Input, JobInfo, ReportFiles } from '../../../electron/api/contract';
import { call, saveFile } from '../../api';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function useReportJob() {
  const [job, setJob] = useState<JobInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const current = useRef<string | null>(null);
  const serial = useRef(0);

  const run = useCallback(async (input: Input<'reports.start'>): Promise<ReportFiles | null> => {
    const mine = ++serial.current;
    // A newer request (the filters changed) makes the running one pointless: stop it.
    if (current.current) void call('jobs.cancel', { id: current.current }).catch(() => undefined);
    setError(null);
    try {
      let status = await call('reports.start', input);
      // Superseded while it was starting: the newer request could not cancel it yet, so it is stopped here.
      if (mine !== serial.current) {
        void call('jobs.cancel', { id: status.id }).catch(() => undefined);
        return null;
      }
      current.current = status.id;
      setJob(status);
      for (let wait = 40; status.state === 'running'; wait = Math.min(300, wait * 2)) {
        await sleep(wait);
        status = await call('jobs.status', { id: status.id });
        if (mine === serial.current) setJob(status);
      }
      if (status.state === 'cancelled') return null;
      if (status.state !== 'done') throw new Error(status.error ?? 'Отчёт не сформирован');
      return mine === serial.current ? (status.result as ReportFiles) : null;
    } catch (e) {
      if (mine === serial.current) setError(e);
      return null;
    } finally {
      if (mine === serial.current) {
        setJob(null);
        current.current = null;
      }
    }
  }, []);

  const cancel = useCallback(async () => {
    if (current.current) await call('jobs.cancel', { id: current.current }).catch(() => undefined);
  }, []);

  /** Make the files and hand them to the user. */
  const download = useCallback(
    async (input: Input<'reports.start'>) => {
      const result = await run(input);
      for (const f of result?.files ?? []) saveFile(f.fileName, f.base64, f.mime);
      return result;
    },
    [run],
  );

  return { job, error, run, cancel, download };
}

export function JobProgress({ job, onCancel }: { job: JobInfo | null; onCancel?: () => void }) {
  if (!job) return null;
  const share = job.total > 0 ? Math.round((job.done / job.total) * 100) : undefined;
  return (
    <div className="job-progress" role="status" aria-live="polite">
      <span>
        Формируется: {job.step}
        {share !== undefined ? ` (${share} %)` : '…'}
      </span>
      <progress aria-label="Ход формирования отчёта" max={100} value={share} />
      {onCancel && (
        <button type="button" className="btn btn-link" onClick={onCancel}>
          Отменить
        </button>
      )}
    </div>
  );
}
