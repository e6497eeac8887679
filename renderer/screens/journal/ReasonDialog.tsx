// The reason of a late correction (issue 14): a mark or an attendance mark changed more than the set days after the
// lesson, or under an unlock, is saved only with a reason — picked from the short list, with words of one's own
// (required for «Другое»). Enter saves, Escape cancels (and the cell keeps its value).
import { useState, type FormEvent } from 'react';
import { CORRECTION_REASONS } from '../../../electron/domain/labels';
import { Dialog } from '../../components/Dialog';
import { Button } from '../../components/ui';

export interface ReasonRequest {
  message: string;
  resolve: (reason: string | null) => void;
}

export function ReasonDialog({ request, onDone }: { request: ReasonRequest; onDone: () => void }) {
  const [choice, setChoice] = useState<string>(CORRECTION_REASONS[0]);
  const [text, setText] = useState('');
  const other = choice === 'Другое';
  const words = text.trim();
  const reason = other ? words : words ? `${choice}: ${words}` : choice;
  const valid = reason.length >= 5;
  const finish = (value: string | null) => {
    request.resolve(value);
    onDone();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) finish(reason);
  };
  return (
    <Dialog title="Причина исправления" onClose={() => finish(null)}>
      <form className="reason-form" onSubmit={submit} aria-label="Причина исправления">
        <p>{request.message}</p>
        <label className="field">
          <span>Причина</span>
          <select value={choice} onChange={(e) => setChoice(e.target.value)}>
            {CORRECTION_REASONS.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{other ? 'Опишите причину' : 'Уточнение (необязательно)'}</span>
          <input value={text} maxLength={250} required={other} onChange={(e) => setText(e.target.value)} />
        </label>
        <p className="muted small">Причина и прежнее значение сохранятся в истории изменений журнала.</p>
        <div className="row">
          <Button type="submit" disabled={!valid}>
            Сохранить исправление
          </Button>
          <Button kind="secondary" onClick={() => finish(null)}>
            Отмена
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
