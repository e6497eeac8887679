// The administrator's backups (000 §3.4.5): where copies go and when, the last result, «copy now»,
// and every copy with what it holds; choosing one opens its check and the restore.
import { useState } from 'react';
import type { BackupItem, BackupOverview } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button, Card, ErrorBanner, Loading, Notice } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { count, formatBytes, plural } from '../../../electron/domain/format-numbers';
import { countsLine } from './format';
import { ruDateTime } from '../../../electron/domain/format-dates';
import { RestorePanel } from './RestorePanel';
import { useJob } from '../../components/useJob';

export function BackupsScreen() {
  const { data, error, loading, reload } = useCall('backups.list', {});
  const [selected, setSelected] = useState<string | null>(null);
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorBanner error={error} />;
  const o = data!;
  const chosen = o.backups.find((b) => b.name === selected) ?? null;
  return (
    <div className="page backups">
      <h1>Резервные копии</h1>
      {!o.supported ? (
        <PostgresAdvice o={o} />
      ) : (
        <>
          <p className="muted">
            Журнал: <code>{o.database}</code>
            <br />
            Папка копий: <code>{o.folder}</code>
            {o.folderIsDefault && ' (по умолчанию)'}
            {o.freeBytes !== null && <> · свободно {formatBytes(o.freeBytes)}</>}
          </p>
          <div className="cards">
            <ScheduleCard o={o} />
            <CopyNowCard o={o} onDone={() => void reload()} />
          </div>
          <Card title={`Копии (${o.backups.length})`}>
            {o.backups.length === 0 ? (
              <p className="muted">Копий в этой папке пока нет.</p>
            ) : (
              <BackupTable items={o.backups} selected={selected} onSelect={setSelected} />
            )}
          </Card>
          {chosen && <RestorePanel key={chosen.name} item={chosen} onClose={() => setSelected(null)} />}
        </>
      )}
    </div>
  );
}

function PostgresAdvice({ o }: { o: BackupOverview }) {
  return (
    <Card title="База данных на сервере PostgreSQL">
      <Notice kind="warn">Программа не копирует базу, которая находится на сервере: это делает сам сервер.</Notice>
      <p className="advice">{o.advice}</p>
    </Card>
  );
}

function ScheduleCard({ o }: { o: BackupOverview }) {
  const s = o.schedule;
  return (
    <Card title="Расписание" actions={<a href="#/settings">Изменить в настройках</a>}>
      <ul className="plain">
        <li>
          Ежедневно в <strong>{s.dailyAt}</strong>
          {s.onExit ? ' и при выходе из программы' : ''} (если компьютер был выключен — при следующем запуске)
        </li>
        <li>
          Хранятся: {s.keepDaily} {plural(s.keepDaily, 'ежедневная', 'ежедневные', 'ежедневных')}, {s.keepWeekly}{' '}
          {plural(s.keepWeekly, 'еженедельная', 'еженедельные', 'еженедельных')}, {s.keepMonthly}{' '}
          {plural(s.keepMonthly, 'ежемесячная', 'ежемесячные', 'ежемесячных')}; а также по {s.keepPerReason} последних
          копий перед обновлением программы, загрузкой списков, закрытием года, восстановлением и сделанных вручную
        </li>
        <li>Каждая копия проверяется (целостность базы) сразу после записи</li>
      </ul>
      {o.lastSuccess && <p className="muted">Последняя копия: {ruDateTime(o.lastSuccess.at)}</p>}
      {o.lastFailure && (
        <div className="banner banner-error" role="alert">
          Копия {ruDateTime(o.lastFailure.at)} не сделана: {o.lastFailure.message}
        </div>
      )}
      {o.folderProblem && (
        <div className="banner banner-error" role="alert">
          {o.folderProblem}
        </div>
      )}
    </Card>
  );
}

function CopyNowCard({ o, onDone }: { o: BackupOverview; onDone: () => void }) {
  const { job, error, setError, follow, reset, running } = useJob({
    onEnd: (end) => {
      if (end.state === 'done' && end.result) {
        setDone(end.result as BackupItem);
        onDone();
      }
    },
  });
  const [done, setDone] = useState<BackupItem | null>(null);

  async function start() {
    reset();
    setDone(null);
    try {
      follow(await call('backups.create', {}));
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Card title="Копия сейчас">
      <p className="muted">
        Перед рискованными действиями (массовые изменения, обновление компьютера) сделайте копию вручную. Работать в
        журнале можно во время копирования.
      </p>
      <div className="row">
        <Button onClick={start} disabled={running || Boolean(o.folderProblem)}>
          {running ? 'Копирование…' : 'Сделать копию сейчас'}
        </Button>
        {running && (
          <Button kind="secondary" onClick={() => void call('jobs.cancel', { id: job!.id })}>
            Отменить
          </Button>
        )}
      </div>
      {running && (
        <div className="backup-progress">
          <progress aria-label="Ход копирования" max={Math.max(job!.total, 1)} value={job!.done} />
          <span className="muted small">
            {job!.step}
            {job!.total > 1 ? `: ${Math.floor((job!.done / job!.total) * 100)}%` : ''}
          </span>
        </div>
      )}
      {job?.state === 'failed' && (
        <div className="banner banner-error" role="alert">
          Копия не сделана: {job.error}
        </div>
      )}
      {job?.state === 'cancelled' && <Notice kind="warn">Копирование отменено, незавершённая копия удалена.</Notice>}
      {done && (
        <Notice kind="ok">
          Копия сделана и проверена: {ruDateTime(done.createdAt)}, {formatBytes(done.size)}
          {done.contents ? `, ${countsLine(done.contents.counts)}` : ''}.
        </Notice>
      )}
      <ErrorBanner error={error} />
    </Card>
  );
}

function BackupTable({
  items,
  selected,
  onSelect,
}: {
  items: BackupItem[];
  selected: string | null;
  onSelect: (name: string) => void;
}) {
  return (
    <table className="table backups-table">
      <thead>
        <tr>
          <th>Дата и время</th>
          <th>Вид</th>
          <th>Учебный год</th>
          <th className="num">Обучающихся</th>
          <th className="num">Отметок</th>
          <th className="num">Размер</th>
          <th>Проверка</th>
          <th>
            <span className="sr-only">Действия</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((b) => (
          <tr key={b.name} className={b.name === selected ? 'selected' : ''} aria-selected={b.name === selected}>
            <td>{ruDateTime(b.createdAt)}</td>
            <td>{b.reasonLabel}</td>
            <td>{b.contents?.year ?? '—'}</td>
            <td className="num">{b.contents ? count(b.contents.counts.students) : '—'}</td>
            <td className="num">{b.contents ? count(b.contents.counts.marks) : '—'}</td>
            <td className="num">{formatBytes(b.size)}</td>
            <td>
              {b.checked ? (
                <span className="tag tag-ok">проверена</span>
              ) : (
                <span className="tag tag-warn">не проверена</span>
              )}
            </td>
            <td>
              <Button
                kind="link"
                onClick={() => onSelect(b.name)}
                aria-label={`Открыть копию от ${ruDateTime(b.createdAt)}`}
              >
                Открыть
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
