// Form pieces the settings cards share: a checkbox, a select, and a card form with its save result.
import { useId, useState, type FormEvent, type ReactNode, type SelectHTMLAttributes } from 'react';
import { ApiError } from '../../api';
import { Button, Card, ErrorBanner, Notice } from '../../components/ui';

export function CheckField({
  label,
  checked,
  onChange,
  hint,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  hint?: string;
}) {
  return (
    <div className="field">
      <label className="check">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
      </label>
      {hint && <div className="field-hint">{hint}</div>}
    </div>
  );
}

export function SelectField({
  label,
  children,
  error,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; error?: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className={`field ${error ? 'field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} {...select}>
        {children}
      </select>
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}

/** A card whose body is a form: Enter or the button saves; shows «Сохранено» or the Russian error. */
export function FormCard({
  title,
  children,
  onSave,
  saveLabel = 'Сохранить',
  savedText = 'Сохранено',
  extraActions,
}: {
  title: string;
  children: (errors: Record<string, string>) => ReactNode;
  onSave: () => Promise<void>;
  saveLabel?: string;
  savedText?: string;
  extraActions?: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      await onSave();
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const fields = error instanceof ApiError ? error.fields : {};
  return (
    <Card title={title}>
      <form onSubmit={submit} aria-label={title} className="settings-form">
        {children(fields)}
        <ErrorBanner error={error} />
        {saved && <Notice kind="ok">{savedText}</Notice>}
        <div className="row">
          <Button type="submit" disabled={busy}>
            {busy ? 'Сохранение…' : saveLabel}
          </Button>
          {extraActions}
        </div>
      </form>
    </Card>
  );
}
