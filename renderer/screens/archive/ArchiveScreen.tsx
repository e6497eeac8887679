// The secretary's archive (000 §3.3.1): archive a closed year into the store by years, duplicate it
// to a removable drive or any folder (free space shown, progress with step and files, Cancel), see
// every year's copies and verify them, check any archive folder, and set the year-end schedule.
import { useEffect, useState } from 'react';
import type { ArchiveOverview } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button, Card, ErrorBanner, Loading, Notice } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { ruDate } from '../../../electron/domain/format-dates';
import { DestinationPicker, type Destination } from './DestinationPicker';
import { CheckFolderCard } from './CheckFolderCard';
import { JobProgress } from './JobProgress';
import { ScheduleCard } from './ScheduleCard';
import { useJob } from '../../components/useJob';
import { YearsTable } from './YearsTable';

export function ArchiveScreen() {
  const { data, error, loading, reload } = useCall('archive.overview', {});
  if (loading && !data) return <Loading />;
  if (error) return <ErrorBanner error={error} />;
  return <ArchivePage data={data!} reload={reload} />;
}

function ArchivePage({ data, reload }: { data: ArchiveOverview; reload: () => Promise<void> }) {
  const archivable = data.years.filter((y) => y.status !== 'open');
  const due = data.years.filter((y) => y.state === 'due' || y.state === 'waiting_close');
  const [yearId, setYearId] = useState<number | null>(
    archivable.find((y) => y.state === 'due')?.yearId ?? archivable[0]?.yearId ?? null,
  );
  const [destination, setDestination] = useState<Destination | null>(null);
  const [rebuild, setRebuild] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const job = useJob({ onEnd: () => void reload() });
  const year = archivable.find((y) => y.yearId === yearId) ?? null;

  // Pick a running archive back up after a reload of the window.
  useEffect(() => {
    if (data.runningJobId && !job.job)
      void call('jobs.status', { id: data.runningJobId }).then(job.follow, () => undefined);
  }, [data.runningJobId, job.job, job.follow]);

  async function start() {
    if (!year) return;
    setStartError(null);
    try {
      job.follow(await call('archive.start', { yearId: year.yearId, destination: destination?.path ?? null, rebuild }));
    } catch (e) {
      setStartError(e);
    }
  }

  const result = job.job?.state === 'done' ? (job.job.result as { summary: string }) : null;
  return (
    <div className="page">
      <h1>Архив журналов</h1>
      <p className="muted">
        По окончании учебного года журналы архивируются в хранилище по учебным годам и дублируются на съёмный носитель.
        Хранилище: <code>{data.storePath}</code>.
        {data.keyFingerprint && (
          <>
            {' '}
            Отпечаток ключа подписи:{' '}
            <code className="fingerprint">{data.keyFingerprint.replace(/(.{4})(?=.)/g, '$1 ')}</code>.
          </>
        )}
      </p>
      {due.map((y) => (
        <Notice key={y.yearId} kind="warn">
          {y.state === 'waiting_close' ? (
            <>
              Учебный год {y.title} закончился, срок архивации — {ruDate(y.dueOn)}, но год ещё не закрыт
              администратором.
            </>
          ) : (
            <>
              Пора архивировать {y.title} учебный год: срок — {ruDate(y.dueOn)}.{' '}
              {y.store ? 'Копия в хранилище есть, нужна копия на съёмном носителе.' : ''}
            </>
          )}
        </Notice>
      ))}

      <Card title="Архивировать учебный год">
        {archivable.length === 0 ? (
          <p className="muted">
            Закрытых учебных лет нет: архивируется только закрытый год. Год закрывает администратор.
          </p>
        ) : (
          <div className="archive-form">
            <label className="field">
              <span>Учебный год</span>
              <select value={yearId ?? ''} onChange={(e) => setYearId(Number(e.target.value))} disabled={job.running}>
                {archivable.map((y) => (
                  <option key={y.yearId} value={y.yearId}>
                    {y.title}
                    {y.store ? ' (в хранилище есть)' : ''}
                  </option>
                ))}
              </select>
            </label>
            <DestinationPicker value={destination} onChange={setDestination} needBytes={year?.store?.bytes ?? null} />
            <label className="check">
              <input
                type="checkbox"
                checked={rebuild}
                onChange={(e) => setRebuild(e.target.checked)}
                disabled={!year?.store}
              />
              Сформировать архив в хранилище заново (иначе берётся проверенная копия хранилища)
            </label>
            <div className="row">
              <Button onClick={start} disabled={!year || job.running}>
                {destination ? 'Архивировать и записать на носитель' : 'Архивировать в хранилище'}
              </Button>
            </div>
            <ErrorBanner error={startError ?? job.error} />
            {job.job && <JobProgress job={job.job} onCancel={job.cancel} label="Ход архивирования" />}
            {result && <Notice kind="ok">{result.summary}</Notice>}
          </div>
        )}
      </Card>

      <Card title="Архивы по учебным годам">
        <YearsTable years={data.years} onChanged={() => void reload()} />
      </Card>

      <div className="cards">
        <CheckFolderCard />
        <ScheduleCard schedule={data.schedule} onSaved={() => void reload()} />
      </div>
    </div>
  );
}
