// The desktop app's way to an existing journal on a PostgreSQL server: check the address, then
// connect (the app opens it now and remembers it). A browser host's database is chosen at its start.
import { useState, type FormEvent } from 'react';
import type { DatabaseTest } from '../../../electron/api/contract';
import { ApiError, call } from '../../api';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';

export function ConnectDatabaseForm({
  unavailable,
  setupCode,
  onConnected,
}: {
  unavailable: string | null;
  setupCode: string | undefined;
  onConnected: (notice: string) => void;
}) {
  const [url, setUrl] = useState('');
  const [test, setTest] = useState<DatabaseTest | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  if (unavailable) return <Notice kind="info">{unavailable}</Notice>;

  async function check() {
    setBusy(true);
    setError(null);
    setTest(null);
    try {
      setTest(await call('setup.checkDatabase', { setupCode, url }));
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  async function connect(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const done = await call('setup.connectDatabase', { setupCode, url });
      onConnected(`Программа подключена к серверу ${done.location}. ${done.message}`);
    } catch (err) {
      setError(err as ApiError);
      setBusy(false);
    }
  }

  return (
    <form className="first-run-form" onSubmit={connect} aria-label="Подключиться к серверу PostgreSQL" noValidate>
      <ErrorBanner error={error} />
      <Field
        label="Адрес базы на сервере"
        name="url"
        spellCheck={false}
        placeholder="postgres://журнал:пароль@сервер:5432/journal"
        value={url}
        onChange={(e) => {
          setUrl(e.target.value);
          setTest(null);
        }}
        error={error?.fields.url}
        hint="Адрес, пользователя и пароль сообщит тот, кто настраивал сервер"
      />
      {test && <Notice kind={test.ok ? 'ok' : 'warn'}>{test.message}</Notice>}
      <div className="first-run-actions">
        <Button kind="secondary" disabled={busy || !url.trim()} onClick={() => void check()}>
          Проверить подключение
        </Button>
        <Button type="submit" disabled={busy || !test?.ok}>
          Подключить
        </Button>
      </div>
    </form>
  );
}
