// «Почта»: the administrator's mail server, a test letter, and the delivery log — what is waiting, what was
// sent and what failed, with the server's answer, and a button to send a failed or interrupted letter again.
import { useState } from 'react';
import type { MailLogRow } from '../../../electron/api/contract';
import { MAIL_STATUSES, type MailStatus } from '../../../electron/domain/enums';
import { MAIL_KIND_LABELS, MAIL_STATUS_LABELS } from '../../../electron/domain/mail';
import { ruDateTime } from '../../../electron/domain/format-dates';
import { call } from '../../api';
import { Button, Card, ErrorBanner, Field, Loading, Notice } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { Segmented } from '../../components/lists';
import { MailSettingsCard } from './MailSettingsCard';

export function MailScreen() {
  const settings = useCall('mail.settings', {});
  if (!settings.data) return settings.error ? <ErrorBanner error={settings.error} /> : <Loading />;
  return (
    <div className="page mail-page">
      <h1>Почта</h1>
      <p className="muted">
        Письма родителям и обучающимся уходят через почтовый сервер организации. Кому и какие письма присылать, отмечают
        при выдаче логинов (раздел «Доступ родителей и обучающихся»); семьи меняют это сами в дневнике.
      </p>
      <div className="cards">
        <MailSettingsCard view={settings.data} onSaved={(v) => settings.setData(v)} />
        <TestLetterCard />
        <div className="wide">
          <DeliveryLog />
        </div>
      </div>
    </div>
  );
}

function TestLetterCard() {
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function send() {
    setBusy(true);
    setAnswer(null);
    setError(null);
    try {
      setAnswer((await call('mail.test', { to })).answer);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title="Пробное письмо">
      <form
        className="settings-form"
        aria-label="Пробное письмо"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Field
          label="Кому"
          type="email"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          placeholder="you@example.ru"
        />
        <div className="row">
          <Button type="submit" disabled={busy || !to.trim()}>
            {busy ? 'Отправка…' : 'Отправить пробное письмо'}
          </Button>
        </div>
        {answer && <Notice kind="ok">Сервер принял письмо: {answer}</Notice>}
        <ErrorBanner error={error} />
      </form>
    </Card>
  );
}

const FILTERS: Array<[MailStatus | 'all', string]> = [
  ['all', 'Все'],
  ...MAIL_STATUSES.map((s) => [s, MAIL_STATUS_LABELS[s]] as [MailStatus, string]),
];

function DeliveryLog() {
  const [status, setStatus] = useState<MailStatus | 'all'>('all');
  const log = useCall('mail.log', { status: status === 'all' ? null : status });
  const [error, setError] = useState<unknown>(null);
  async function retry(row: MailLogRow) {
    setError(null);
    try {
      await call('mail.retry', { id: row.id });
      await log.reload();
    } catch (e) {
      setError(e);
    }
  }
  const counts = log.data?.counts;
  return (
    <Card
      title="Журнал отправки"
      actions={
        <Button kind="secondary" onClick={() => void log.reload()}>
          Обновить
        </Button>
      }
    >
      <Segmented
        label="Состояние"
        value={status}
        options={FILTERS.map(([s, title]) => [s, counts && s !== 'all' ? `${title} (${counts[s]})` : title] as const)}
        onChange={setStatus}
      />
      <ErrorBanner error={log.error ?? error} />
      {!log.data && !log.error && <Loading />}
      {log.data && log.data.rows.length === 0 && <p className="muted">Писем нет.</p>}
      {log.data && log.data.rows.length > 0 && (
        <table className="table mail-log" aria-label="Журнал отправки">
          <thead>
            <tr>
              <th>Создано</th>
              <th>Письмо</th>
              <th>Кому</th>
              <th>Состояние</th>
              <th>Ответ сервера</th>
            </tr>
          </thead>
          <tbody>
            {log.data.rows.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">{ruDateTime(r.createdAt)}</td>
                <td>
                  {MAIL_KIND_LABELS[r.kind]}
                  {r.studentName && <div className="muted small">{r.studentName}</div>}
                </td>
                <td>{r.to}</td>
                <td>
                  <span className={`tag ${TONE[r.status]}`}>{MAIL_STATUS_LABELS[r.status]}</span>
                  {r.sentAt && <div className="muted small">{ruDateTime(r.sentAt)}</div>}
                  {r.nextAttemptAt && r.attempts > 0 && (
                    <div className="muted small">
                      попыток: {r.attempts}, следующая {ruDateTime(r.nextAttemptAt)}
                    </div>
                  )}
                </td>
                <td className="small">
                  {r.lastAnswer}
                  {(r.status === 'failed' || r.status === 'interrupted') && (
                    <div>
                      <Button kind="link" onClick={() => void retry(r)}>
                        Отправить ещё раз
                      </Button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

const TONE: Record<MailStatus, string> = {
  waiting: 'tag-warn',
  sending: 'tag-warn',
  sent: 'tag-ok',
  failed: 'tag-bad',
  interrupted: 'tag-bad',
};
