// Start from a backup copy: the file is sent to the services, checked in full, and put in place of
// the empty journal; then everybody logs in with the accounts of the copy.
import { useState, type FormEvent } from 'react';
import { plural } from '../../../electron/domain/format-numbers';
import { ApiError, call } from '../../api';
import { base64Of } from '../../components/files';
import { Button, ErrorBanner, Notice } from '../../components/ui';

export function RestoreBackupForm({
  unavailable,
  setupCode,
  onRestored,
}: {
  unavailable: string | null;
  setupCode: string | undefined;
  onRestored: (notice: string) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  if (unavailable) return <Notice kind="info">{unavailable}</Notice>;

  async function restore(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const done = await call('setup.restore', { setupCode, fileName: file.name, data: await base64Of(file) });
      const what = [done.institution && `«${done.institution}»`, done.year && `учебный год ${done.year}`]
        .filter(Boolean)
        .join(', ');
      onRestored(
        `Журнал восстановлен из копии «${file.name}»${what ? `: ${what}` : ''}, ${done.students} ` +
          `${plural(done.students, 'обучающийся', 'обучающихся', 'обучающихся')}. Войдите под своей учётной записью`,
      );
    } catch (err) {
      setError(err as ApiError);
      setBusy(false);
    }
  }

  return (
    <form className="first-run-form" onSubmit={restore} aria-label="Восстановить из резервной копии" noValidate>
      <ErrorBanner error={error} />
      <p className="muted">
        Копии журнала — файлы вида journal_2026-11-25_18-00-04_daily.sqlite из папки резервных копий. Файл сначала
        проверяется целиком: если это не копия журнала или она повреждена, ничего не изменится.
      </p>
      <label className="file-pick">
        <input
          type="file"
          className="visually-hidden"
          accept=".sqlite,.db"
          aria-label="Файл резервной копии"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setError(null);
          }}
        />
        <span className="btn btn-secondary" aria-hidden>
          Выбрать файл…
        </span>
        <span className={file ? 'file-name' : 'muted'}>{file ? file.name : 'файл копии не выбран'}</span>
      </label>
      <div className="first-run-actions">
        <Button type="submit" disabled={busy || !file}>
          {busy ? 'Восстановление…' : 'Восстановить журнал'}
        </Button>
      </div>
    </form>
  );
}
