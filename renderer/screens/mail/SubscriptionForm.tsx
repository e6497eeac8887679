// One recipient's letters about one child: the address and which letters come. The family edits their own
// on their page; the department head ticks them for the families of a group when handing out logins.
import { useState, type FormEvent } from 'react';
import type { MailRecipient } from '../../../electron/api/contract';
import { SUBSCRIBABLE_MAIL_KINDS, type SubscribableMailKind } from '../../../electron/domain/enums';
import { MAIL_KIND_HINTS, MAIL_KIND_LABELS } from '../../../electron/domain/mail';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';

export interface MailChoice {
  email: string;
  absence: boolean;
  daily: boolean;
  weekly: boolean;
}

export function choiceOf(r: MailRecipient): MailChoice {
  const s = r.subscription;
  return s
    ? { email: s.email, absence: s.absence, daily: s.daily, weekly: s.weekly }
    : { email: r.recordEmail ?? '', absence: false, daily: false, weekly: false };
}

export function SubscriptionForm({
  recipient,
  onSave,
  compact = false,
}: {
  recipient: MailRecipient;
  onSave: (choice: MailChoice) => Promise<MailRecipient>;
  /** A row of the department head's table: no hints, the address and the boxes in one line. */
  compact?: boolean;
}) {
  const [choice, setChoice] = useState<MailChoice>(() => choiceOf(recipient));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const label = `${recipient.name}, о ребёнке ${recipient.studentName}`;
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      setChoice(choiceOf(await onSave(choice)));
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const toggle = (kind: SubscribableMailKind) => setChoice({ ...choice, [kind]: !choice[kind] });
  return (
    <form className={compact ? 'mail-form mail-form-compact' : 'mail-form'} onSubmit={submit} aria-label={label}>
      <Field
        label="Адрес почты"
        type="email"
        autoComplete="email"
        value={choice.email}
        onChange={(e) => {
          setChoice({ ...choice, email: e.target.value });
          setSaved(false);
        }}
        placeholder="name@example.ru"
      />
      <fieldset className="mail-kinds">
        <legend className={compact ? 'sr-only' : undefined}>Какие письма присылать</legend>
        {SUBSCRIBABLE_MAIL_KINDS.map((kind) => (
          <label key={kind} className="check">
            <input
              type="checkbox"
              checked={choice[kind]}
              onChange={() => {
                toggle(kind);
                setSaved(false);
              }}
            />{' '}
            <span>
              {MAIL_KIND_LABELS[kind]}
              {!compact && <span className="field-hint mail-hint">{MAIL_KIND_HINTS[kind]}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      <div className="row">
        <Button type="submit" disabled={busy || choice.email.trim() === ''}>
          {busy ? 'Сохранение…' : 'Сохранить'}
        </Button>
        {saved && <Notice kind="ok">Сохранено</Notice>}
      </div>
      <ErrorBanner error={error} />
    </form>
  );
}
