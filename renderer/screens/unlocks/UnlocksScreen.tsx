// The deputy's unlock requests: a teacher asks to reopen a closed period of one journal with a reason;
// the deputy allows it until a date or refuses with a reason, and reviews what was changed meanwhile.
import { useWords } from '../../components/words';
import { useState } from 'react';
import type { UnlockChange, UnlockInfo } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button, Card, ErrorBanner, Loading, Notice } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { Segmented } from '../../components/lists';
import { addDays } from '../../../electron/domain/calendar';
import { useToday } from '../../components/today';
import { ruDate, ruDateTime } from '../../../electron/domain/format-dates';
import { DateInput } from '../../components/DateInput';

const ACTIONS: Record<string, string> = {
  'marks.set': 'отметка',
  'marks.delete': 'отметка удалена',
  'attendance.set': 'посещаемость',
  'attendance.delete': 'посещаемость снята',
  'lessons.create': 'занятие записано',
  'lessons.update': 'занятие изменено',
  'lessons.delete': 'занятие удалено',
  'lessons.individualHomework': 'индивидуальное задание',
  'columns.add': 'вид работы добавлен',
  'columns.update': 'вид работы изменён',
  'columns.remove': 'вид работы удалён',
  'finals.set': 'итоговая отметка',
  'finals.delete': 'итоговая отметка удалена',
};

const SHOW = [
  ['requested', 'Ждут решения'],
  ['all', 'Все'],
] as const;

const STATUS = {
  requested: 'ждёт решения',
  approved: 'разрешена',
  refused: 'отклонена',
  expired: 'срок истёк',
} as const;

/** The colour of each status's tag; an unlock in force is a warning whatever its status. */
const STATUS_TAGS = { requested: 'tag-warn', approved: 'tag-ok', refused: 'tag-bad', expired: 'tag-ok' } as const;

export function UnlocksScreen() {
  const w = useWords();
  const [status, setStatus] = useState<'requested' | 'all'>('requested');
  const { data, error, loading, reload } = useCall('unlocks.list', { status });
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="page">
      <h1>Разблокировка периодов</h1>
      <p className="muted">
        Закрытый период журнала доступен только для просмотра. {w.Term('teacher')} просит разблокировать его с указанием
        причины; все изменения после разблокировки записываются в журнал аудита.
      </p>
      <Segmented label="Показать" value={status} options={SHOW} onChange={setStatus} />
      {notice && <Notice kind="ok">{notice}</Notice>}
      <ErrorBanner error={error} />
      {loading && !data ? (
        <Loading />
      ) : data?.length === 0 ? (
        <p className="muted">Запросов нет.</p>
      ) : (
        <div className="cards">
          {data?.map((u) => (
            <UnlockCard
              key={`${u.id}-${u.version}`}
              u={u}
              onDone={(m) => {
                setNotice(m);
                void reload();
              }}
            />
          ))}
        </div>
      )}
    </div>
  );
}

function UnlockCard({ u, onDone }: { u: UnlockInfo; onDone: (m: string) => void }) {
  const w = useWords();
  const today = useToday();
  const [until, setUntil] = useState(() => addDays(today, 7));
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [changes, setChanges] = useState<UnlockChange[] | null>(null);
  const journal = `${u.groupName}${u.subgroupNumber ? ` (подгр. ${u.subgroupNumber})` : ''} · ${u.subjectName}`;
  const decide = async (approve: boolean) => {
    setError(null);
    try {
      await call('unlocks.decide', {
        unlockId: u.id,
        version: u.version,
        approve,
        note: note || null,
        validUntil: approve ? until : null,
      });
      onDone(
        approve
          ? `${journal}: «${u.periodTitle}» разблокирован до ${ruDate(until)}`
          : `${journal}: в разблокировке отказано`,
      );
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card
      title={journal}
      actions={<span className={`tag ${u.active ? 'tag-warn' : STATUS_TAGS[u.status]}`}>{STATUS[u.status]}</span>}
    >
      <p>
        <strong>{u.periodTitle}</strong> · {w.short('teacher')} {u.teacherName} · запрос {ruDateTime(u.createdAt)}
      </p>
      <p>Причина: {u.reason}</p>
      {u.decidedBy && (
        <p className="muted small">
          Решение: {u.decidedBy}, {ruDateTime(u.decidedAt)}
          {u.validUntil ? `, до ${ruDate(u.validUntil)}` : ''}
          {u.decisionNote ? ` — ${u.decisionNote}` : ''}
        </p>
      )}
      {u.status === 'requested' && (
        <div className="decide">
          <div className="row">
            <label className="inline">
              Разрешить до
              <DateInput value={until} onChange={setUntil} />
            </label>
            <Button onClick={() => decide(true)}>Разрешить</Button>
          </div>
          <div className="row">
            <input
              type="text"
              className="grow"
              aria-label="Причина отказа"
              placeholder={`Причина отказа (её увидит ${w.short('teacher')})`}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <Button kind="secondary" onClick={() => decide(false)}>
              Отказать
            </Button>
          </div>
        </div>
      )}
      {(u.status === 'approved' || u.status === 'expired') && (
        <div>
          <Button kind="link" onClick={async () => setChanges(await call('unlocks.changes', { unlockId: u.id }))}>
            Изменения после разблокировки: {u.changes}
          </Button>
          {changes &&
            (changes.length === 0 ? (
              <p className="muted small">Изменений нет.</p>
            ) : (
              <table className="table compact small">
                <thead>
                  <tr>
                    <th>Когда</th>
                    <th>Кто</th>
                    <th>Что</th>
                    <th>Обучающийся</th>
                    <th>Было → стало</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((c, i) => (
                    <tr key={i}>
                      <td>{ruDateTime(c.at)}</td>
                      <td>{c.login}</td>
                      <td>{ACTIONS[c.action] ?? c.action}</td>
                      <td>{c.studentName ?? ''}</td>
                      <td>
                        {short(c.before)} → {short(c.after)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
        </div>
      )}
      <ErrorBanner error={error} />
    </Card>
  );
}

function short(json: string | null): string {
  if (!json) return '—';
  try {
    const v = JSON.parse(json) as Record<string, unknown>;
    return String(v.value ?? v.code ?? v.topic ?? '—');
  } catch {
    return json.slice(0, 40);
  }
}
