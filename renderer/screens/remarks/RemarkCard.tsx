// One remark with what the caller may do with it now: answer (the journal's teacher), accept or send
// back (the deputy), send, edit or delete a draft.
import { useWords } from '../../components/words';
import { useState } from 'react';
import type { RemarkRow } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button, ErrorBanner } from '../../components/ui';
import { addDays } from '../../../electron/domain/calendar';
import { REMARK_STATUS_LABELS } from '../../../electron/domain/labels';
import { plural } from '../../../electron/domain/format-numbers';
import { ruDate, ruDateTime } from '../../../electron/domain/format-dates';
import { DateInput } from '../../components/DateInput';

interface Props {
  remark: RemarkRow;
  canDecide: boolean;
  canAnswer: boolean;
  today: string;
  selected?: boolean;
  onSelect?: (on: boolean) => void;
  onChanged: () => void;
}

export function RemarkCard({ remark: r, canDecide, canAnswer, today, selected, onSelect, onChanged }: Props) {
  const w = useWords();
  const [answer, setAnswer] = useState('');
  const [mode, setMode] = useState<'none' | 'reopen' | 'edit'>('none');
  const [comment, setComment] = useState('');
  const [text, setText] = useState(r.text);
  const [due, setDue] = useState(r.dueOn >= today ? r.dueOn : addDays(today, 7));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const waiting = r.status === 'open' || r.status === 'reopened';
  const tone = r.status === 'accepted' ? 'tag-ok' : r.status === 'answered' ? 'tag-warn' : waiting ? 'tag-bad' : '';
  const title = `${r.groupName} · ${r.subjectName}`;

  return (
    <article
      className={`remark ${r.overdue ? 'remark-overdue' : ''} remark-${r.status}`}
      aria-label={`Замечание: ${title}`}
    >
      <header className="remark-head">
        {onSelect && (
          <input
            type="checkbox"
            aria-label={`Выбрать черновик: ${title}`}
            checked={selected ?? false}
            onChange={(e) => onSelect(e.target.checked)}
          />
        )}
        <strong>{title}</strong>
        <span className="muted">{r.teacherName}</span>
        {r.lessonDate && (
          <span className="muted">
            занятие {ruDate(r.lessonDate)}
            {r.lessonNo ? `, ${r.lessonNo}-${{ f: 'я', m: 'й', n: 'е' }[w.gender('lesson')]} ${w.term('lesson')}` : ''}
          </span>
        )}
        <span className={`tag ${tone}`}>{REMARK_STATUS_LABELS[r.status]}</span>
        {r.auto && <span className="tag">еженедельная проверка</span>}
        <span className={r.overdue ? 'due due-overdue' : 'due'}>
          срок: {ruDate(r.dueOn)}
          {r.overdue && ` — просрочено на ${r.daysOverdue} ${plural(r.daysOverdue, 'день', 'дня', 'дней')}`}
        </span>
      </header>
      {mode === 'edit' ? (
        <div className="remark-form">
          <label className="field">
            <span>Текст замечания</span>
            <textarea rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <label className="field">
            <span>Срок устранения</span>
            <DateInput value={due} onChange={setDue} />
          </label>
          <div className="row">
            <Button
              disabled={busy}
              onClick={() =>
                act(() =>
                  call('remarks.update', { id: r.id, version: r.version, text, dueOn: due }).then(() =>
                    setMode('none'),
                  ),
                )
              }
            >
              Сохранить
            </Button>
            <Button kind="secondary" onClick={() => setMode('none')}>
              Отмена
            </Button>
          </div>
        </div>
      ) : (
        <p className="remark-text">{r.text}</p>
      )}
      <p className="muted small">
        {r.authorName}, {ruDateTime(r.createdAt)}
      </p>
      {r.answer && (
        <div className="remark-answer">
          <span className="muted small">
            {r.status === 'reopened' ? 'Прежний ответ' : 'Ответ'} {w.short('teacher', 'gen')}
            {r.answeredAt ? `, ${ruDateTime(r.answeredAt)}` : ''}:
          </span>
          <p>{r.answer}</p>
        </div>
      )}
      {canAnswer && waiting && (
        <div className="remark-form">
          <label className="field">
            <span>Ответ на замечание</span>
            <textarea
              rows={2}
              value={answer}
              onChange={(e) => setAnswer(e.target.value)}
              placeholder="Что исправлено"
            />
          </label>
          <Button
            disabled={busy || !answer.trim()}
            onClick={() => act(() => call('remarks.answer', { id: r.id, version: r.version, answer }))}
          >
            Ответить
          </Button>
        </div>
      )}
      {canDecide && r.status === 'answered' && mode !== 'reopen' && (
        <div className="row">
          <Button disabled={busy} onClick={() => act(() => call('remarks.accept', { id: r.id, version: r.version }))}>
            Принять
          </Button>
          <Button kind="secondary" disabled={busy} onClick={() => setMode('reopen')}>
            Вернуть на доработку
          </Button>
        </div>
      )}
      {mode === 'reopen' && (
        <div className="remark-form">
          <label className="field">
            <span>Что ещё не исправлено</span>
            <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
          </label>
          <label className="field">
            <span>Новый срок</span>
            <DateInput value={due} onChange={setDue} />
          </label>
          <div className="row">
            <Button
              disabled={busy || !comment.trim()}
              onClick={() => act(() => call('remarks.reopen', { id: r.id, version: r.version, comment, dueOn: due }))}
            >
              Вернуть
            </Button>
            <Button kind="secondary" onClick={() => setMode('none')}>
              Отмена
            </Button>
          </div>
        </div>
      )}
      {canDecide && (r.status === 'draft' || waiting) && mode === 'none' && (
        <div className="row">
          {r.status === 'draft' && (
            <Button disabled={busy} onClick={() => act(() => call('remarks.send', { ids: [r.id] }))}>
              Отправить
            </Button>
          )}
          <Button kind="secondary" disabled={busy} onClick={() => setMode('edit')}>
            Изменить
          </Button>
          {r.status === 'draft' && (
            <Button
              kind="danger"
              disabled={busy}
              onClick={() => act(() => call('remarks.discard', { id: r.id, version: r.version }))}
            >
              Удалить черновик
            </Button>
          )}
        </div>
      )}
      <ErrorBanner error={error} />
    </article>
  );
}
