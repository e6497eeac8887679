// «Корректировки плана»: the teacher asks to move or merge lessons or to add or cut hours, with the
// reason; the deputy approves or refuses; approved ones count in programme completion.
import { useState } from 'react';
import type { CorrectionRow, Me } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button, Card, ErrorBanner, Loading } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { ruDate } from '../../../electron/domain/format-dates';
import { groupLabel } from '../reports/format';

const KINDS = {
  move: 'Перенос занятия',
  merge: 'Объединение тем',
  extra_hours: 'Добавление часов',
  reduce_hours: 'Сокращение часов',
} as const;
const STATUS = { requested: 'на рассмотрении', approved: 'утверждена', refused: 'отклонена' } as const;

export function CorrectionsScreen({ me }: { me: Me }) {
  const decider = me.roles.some((g) => g.role === 'deputy' || g.role === 'director');
  const teacher = me.roles.some((g) => g.role === 'teacher');
  const { data, error, loading, reload } = useCall('corrections.list', {});
  return (
    <div className="page">
      <h1>Корректировки тематических планов</h1>
      {teacher && <RequestForm me={me} onDone={() => void reload()} />}
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorBanner error={error} />
      ) : (
        <Card title="Корректировки">
          {data!.length === 0 ? (
            <p className="muted">Корректировок нет.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Журнал</th>
                  <th>Период</th>
                  <th>Вид</th>
                  <th>Часы</th>
                  <th>Причина</th>
                  <th>Состояние</th>
                  <th>Решение</th>
                </tr>
              </thead>
              <tbody>
                {data!.map((c) => (
                  <Row key={`${c.id}-${c.version}`} c={c} decider={decider} onDone={() => void reload()} />
                ))}
              </tbody>
            </table>
          )}
        </Card>
      )}
    </div>
  );
}

function Row({ c, decider, onDone }: { c: CorrectionRow; decider: boolean; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const decide = async (approve: boolean) => {
    setError(null);
    try {
      await call('corrections.decide', { id: c.id, version: c.version, approve, note: note || null });
      onDone();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <tr>
      <td>
        {c.groupName} · {c.subjectName}
        <div className="muted small">{c.teacherName}</div>
      </td>
      <td>{c.periodTitle}</td>
      <td>
        {KINDS[c.kind]}
        {c.planTopicTitle && <div className="muted small">{c.planTopicTitle}</div>}
      </td>
      <td className="num">{c.hoursDelta > 0 ? `+${c.hoursDelta}` : c.hoursDelta}</td>
      <td>
        {c.reason}
        <div className="muted small">
          {c.requestedByName}, {ruDate(c.createdAt)}
        </div>
      </td>
      <td>
        <span className={`tag ${c.status === 'approved' ? 'tag-ok' : c.status === 'refused' ? 'tag-bad' : 'tag-warn'}`}>
          {STATUS[c.status]}
        </span>
      </td>
      <td>
        {c.status !== 'requested' ? (
          <>
            {c.decidedByName}, {ruDate(c.decidedAt)}
            {c.decisionNote && <div className="small">{c.decisionNote}</div>}
          </>
        ) : decider ? (
          <div className="decide">
            <input
              type="text"
              aria-label={`Комментарий к решению: ${c.groupName} · ${c.subjectName}`}
              placeholder="Комментарий (для отказа — обязательно)"
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <div className="row">
              <Button onClick={() => decide(true)}>Утвердить</Button>
              <Button kind="secondary" onClick={() => decide(false)}>
                Отклонить
              </Button>
            </div>
            <ErrorBanner error={error} />
          </div>
        ) : (
          <span className="muted">ждёт решения заместителя директора</span>
        )}
      </td>
    </tr>
  );
}

function RequestForm({ me, onDone }: { me: Me; onDone: () => void }) {
  const filters = useCall('reports.filters', {});
  const [journalId, setJournalId] = useState('');
  const [periodId, setPeriodId] = useState('');
  const [kind, setKind] = useState<keyof typeof KINDS>('move');
  const [hours, setHours] = useState('0');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!filters.data) return null;
  const own = filters.data.journals.filter((j) => j.teacherId === me.userId);
  const year = filters.data.years.find((y) => y.id === filters.data!.currentYearId);
  return (
    <Card title="Попросить корректировку">
      <form
        className="report-filters"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            await call('corrections.request', {
              journalId: Number(journalId),
              periodId: Number(periodId || filters.data!.currentPeriodId),
              kind,
              hours: Number(hours),
              reason,
            });
            setReason('');
            onDone();
          } catch (err) {
            setError(err);
          }
        }}
      >
        <label className="field">
          <span>Журнал</span>
          <select required value={journalId} onChange={(e) => setJournalId(e.target.value)}>
            <option value="">— выберите —</option>
            {own.map((j) => (
              <option key={j.journalId} value={j.journalId}>
                {groupLabel(j)} · {j.subjectName}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Период</span>
          <select
            value={periodId || String(filters.data.currentPeriodId ?? '')}
            onChange={(e) => setPeriodId(e.target.value)}
          >
            {year?.periods.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Вид</span>
          <select
            value={kind}
            onChange={(e) => {
              const k = e.target.value as keyof typeof KINDS;
              setKind(k);
              if (k === 'move' || k === 'merge') setHours('0');
            }}
          >
            {Object.entries(KINDS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Часов</span>
          <input
            type="number"
            min={0}
            max={200}
            value={hours}
            disabled={kind === 'move' || kind === 'merge'}
            onChange={(e) => setHours(e.target.value)}
          />
        </label>
        <label className="field wide">
          <span>Причина</span>
          <input type="text" required value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <Button type="submit" disabled={!journalId || !reason.trim()}>
          Отправить на утверждение
        </Button>
        <ErrorBanner error={error} />
      </form>
    </Card>
  );
}
