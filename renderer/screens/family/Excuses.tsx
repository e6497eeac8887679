// Reasons of absence on the family page: the parent's form and the list of what was sent with the
// curator's decision.
import { useWords } from '../../components/words';
import type { Words } from '../../../electron/domain/vocabulary';
import { useState, type FormEvent } from 'react';
import type { ExcuseInfo } from '../../../electron/api/contract';
import { call } from '../../api';
import { useNarrow } from '../../app/useNarrow';
import { Button, ErrorBanner, Notice } from '../../components/ui';
import { ruDate } from '../../../electron/domain/format-dates';
import { DateInput } from '../../components/DateInput';
import { EXCUSE_KIND_LABELS } from '../../../electron/domain/labels';

/** An excuse's state as the family and the curator see it: «на рассмотрении у куратора». */
export function excuseStatus(status: ExcuseInfo['status'], w: Words): string {
  const labels = {
    submitted: `на рассмотрении у ${w.term('curator', 'gen')}`,
    confirmed: 'подтверждена',
    rejected: 'не принята',
  } as const;
  return labels[status];
}

export function ExcuseForm({ studentId, today, onSent }: { studentId: number; today: string; onSent: () => void }) {
  const w = useWords();
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [kind, setKind] = useState<'parent_note' | 'medical'>('parent_note');
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await call('excuses.submit', { studentId, fromDate: from, toDate: to, kind, text });
      setText('');
      setSent(true);
      onSent();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form className="excuse-form" onSubmit={submit} aria-label="Сообщить причину отсутствия">
      <h3>Сообщить причину отсутствия</h3>
      <div className="row excuse-dates">
        <label className="field">
          С<DateInput value={from} onChange={setFrom} required />
        </label>
        <label className="field">
          По
          <DateInput value={to} onChange={setTo} required />
        </label>
        <label className="field">
          Документ
          <select value={kind} onChange={(e) => setKind(e.target.value as 'parent_note' | 'medical')}>
            <option value="parent_note">{EXCUSE_KIND_LABELS.parent_note}</option>
            <option value="medical">{EXCUSE_KIND_LABELS.medical}</option>
          </select>
        </label>
      </div>
      <label className="field">
        Причина
        <textarea
          rows={2}
          value={text}
          maxLength={2000}
          onChange={(e) => setText(e.target.value)}
          placeholder={`Например: был(а) на приёме у врача; справку передадим ${w.term('curator', 'dat')}`}
          required
        />
      </label>
      <ErrorBanner error={error} />
      {sent && (
        <Notice kind="ok">
          Причина отправлена {w.term('curator', 'dat')}
          {w.kind === 'college' ? ` ${w.term('group', 'gen')}` : ''}. Когда он её подтвердит, пропуски станут
          уважительными.
        </Notice>
      )}
      <Button type="submit" disabled={!text.trim()}>
        Отправить {w.term('curator', 'dat')}
      </Button>
    </form>
  );
}

export function ExcuseList({ excuses }: { excuses: ExcuseInfo[] }) {
  const narrow = useNarrow();
  if (excuses.length === 0) return <p className="muted">Причины отсутствия не сообщались.</p>;
  if (narrow) {
    return (
      <ul className="entry-list" aria-label="Сообщённые причины">
        {excuses.map((x) => (
          <li key={x.id}>
            <div className="muted small">
              {days(x)} · {EXCUSE_KIND_LABELS[x.kind]}
            </div>
            <div>{x.text}</div>
            <Decision x={x} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <table className="table">
      <thead>
        <tr>
          <th>Дни</th>
          <th>Документ</th>
          <th>Причина</th>
          <th>Решение</th>
        </tr>
      </thead>
      <tbody>
        {excuses.map((x) => (
          <tr key={x.id}>
            <td>{days(x)}</td>
            <td>{EXCUSE_KIND_LABELS[x.kind]}</td>
            <td>{x.text}</td>
            <td>
              <Decision x={x} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function days(x: ExcuseInfo): string {
  return `${ruDate(x.fromDate)}${x.toDate !== x.fromDate ? ` – ${ruDate(x.toDate)}` : ''}`;
}

function Decision({ x }: { x: ExcuseInfo }) {
  const w = useWords();
  const tone = x.status === 'confirmed' ? 'tag-ok' : x.status === 'rejected' ? 'tag-bad' : 'tag-warn';
  return (
    <div>
      <span className={`tag ${tone}`}>{excuseStatus(x.status, w)}</span>
      {x.decisionNote && <div className="small">{x.decisionNote}</div>}
      {x.status === 'confirmed' && x.excused > 0 && (
        <div className="muted small">уважительными стали пропуски: {x.excused}</div>
      )}
    </div>
  );
}
