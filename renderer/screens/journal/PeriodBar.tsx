// Which period the page shows, and whether it is closed: a closed period is read-only, and the
// teacher asks the deputy to unlock it with a reason (the request and its answer are shown here).
import { useState } from 'react';
import type { JournalPage, PeriodState } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button } from '../../components/ui';
import { ruDate } from '../../../electron/domain/format-dates';
import type { Range } from './useJournal';

interface Props {
  page: JournalPage;
  combined: boolean;
  onRange: (r: Range) => void;
  onError: (m: string | null) => void;
  onChanged: () => Promise<void>;
}

export function PeriodBar({ page, combined, onRange, onError, onChanged }: Props) {
  const current = page.periods.find((p) => p.id === page.range.periodId) ?? null;
  return (
    <div className="period-bar">
      <div className="segmented" role="group" aria-label="Период">
        {page.periods.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={p.id === page.range.periodId}
            className={p.id === page.range.periodId ? 'on' : ''}
            onClick={() => onRange({ periodId: p.id })}
          >
            {p.title}
            {p.locked ? ' 🔒' : ''}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={page.range.periodId === null && page.range.from === page.journal.yearStartsOn}
          onClick={() => onRange({ from: page.journal.yearStartsOn, to: page.journal.yearEndsOn })}
        >
          Весь год
        </button>
      </div>
      <span className="muted small">
        {ruDate(page.range.from)} – {ruDate(page.range.to)}
      </span>
      {current?.locked && !combined && (
        <LockState page={page} period={current} onError={onError} onChanged={onChanged} />
      )}
    </div>
  );
}

function LockState({
  page,
  period,
  onError,
  onChanged,
}: {
  page: JournalPage;
  period: PeriodState;
  onError: Props['onError'];
  onChanged: Props['onChanged'];
}) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const u = period.unlock;
  const send = async () => {
    onError(null);
    try {
      await call('unlocks.request', { journalId: page.journal.id, periodId: period.id, reason });
      setAsking(false);
      await onChanged();
    } catch (e) {
      onError((e as Error).message);
    }
  };
  let status: string;
  if (u?.status === 'approved')
    status =
      `Период «${period.title}» закрыт, но для этого журнала ` +
      `разблокирован${u.validUntil ? ` до ${ruDate(u.validUntil)}` : ''}: изменения записываются в журнал аудита`;
  else if (u?.status === 'requested')
    status = `Период «${period.title}» закрыт. Запрос на разблокировку отправлен и ждёт решения заместителя директора`;
  else {
    const last =
      u?.status === 'refused'
        ? '. Последний запрос отклонён'
        : u?.status === 'expired'
          ? '. Срок разблокировки истёк'
          : '';
    status = `Период «${period.title}» закрыт: журнал за него только для просмотра${last}`;
  }
  const mayAsk = page.canWrite && !page.substituteSlots && u?.status !== 'requested' && u?.status !== 'approved';
  return (
    <div className={`banner ${u?.status === 'approved' ? 'banner-warn' : 'banner-info'} lock-state`} role="status">
      <span>{status}</span>
      {mayAsk && !asking && (
        <Button kind="secondary" onClick={() => setAsking(true)}>
          Запросить разблокировку
        </Button>
      )}
      {asking && (
        <div className="row grow">
          <input
            type="text"
            className="grow"
            aria-label="Причина разблокировки"
            value={reason}
            maxLength={1000}
            autoFocus
            placeholder="Причина: что и почему нужно исправить"
            onChange={(e) => setReason(e.target.value)}
          />
          <Button onClick={send} disabled={!reason.trim()}>
            Отправить
          </Button>
          <Button kind="secondary" onClick={() => setAsking(false)}>
            Отмена
          </Button>
        </div>
      )}
    </div>
  );
}
