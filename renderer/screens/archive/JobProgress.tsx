// The progress of a long job: its step, a bar of files done out of all, and Cancel.
import type { JobInfo } from '../../../electron/api/contract';
import { Button, Notice } from '../../components/ui';

export function JobProgress({ job, onCancel, label }: { job: JobInfo; onCancel: () => void; label: string }) {
  const percent = job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : null;
  if (job.state === 'running') {
    return (
      <div className="job" aria-live="polite">
        <div className="job-step">
          {job.step}
          {job.total > 0 && (
            <span className="muted">
              {' '}
              · {job.done} из {job.total}
            </span>
          )}
        </div>
        <div
          className="progress"
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent ?? undefined}
          aria-valuetext={job.step}
        >
          <div
            className={`progress-bar ${percent === null ? 'progress-indeterminate' : ''}`}
            style={{ width: `${percent ?? 30}%` }}
          />
        </div>
        <Button kind="secondary" onClick={onCancel}>
          Отменить
        </Button>
      </div>
    );
  }
  if (job.state === 'cancelled')
    return <Notice kind="warn">Отменено: незавершённая копия удалена, прежний архив не тронут.</Notice>;
  if (job.state === 'failed')
    return (
      <div className="banner banner-error" role="alert">
        {job.error}
      </div>
    );
  return null;
}
