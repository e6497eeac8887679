// Where the journal lives: a SQLite file on this computer or a PostgreSQL server. A new location is
// tested (connect, check it is a journal or empty) before it can be saved; it opens after a restart.
import { useState, type FormEvent } from 'react';
import type { DatabaseTest, SettingsView } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button, Card, ErrorBanner, Field, Notice } from '../../components/ui';

const STATE_LABELS: Record<DatabaseTest['state'], string> = {
  journal: 'журнал',
  empty: 'пустая база',
  new: 'новый файл',
  problem: 'не подходит',
};

export function DatabaseCard({ view, onChanged }: { view: SettingsView; onChanged: () => void }) {
  const d = view.database;
  const [url, setUrl] = useState('');
  const [test, setTest] = useState<{ url: string; result: DatabaseTest } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const tested = test && test.url === url && test.result.ok;

  async function check(e?: FormEvent) {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      setTest({ url, result: await call('settings.testDatabase', { url }) });
    } catch (err) {
      setError(err);
      setTest(null);
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const change = await call('settings.setDatabase', { url });
      setSaved(change.message);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="База данных">
      <dl className="facts">
        <dt>Открыта сейчас</dt>
        <dd>
          {d.dialect === 'sqlite' ? 'файл SQLite на этом компьютере' : 'сервер PostgreSQL'}: <code>{d.live}</code>
        </dd>
        <dt>По умолчанию</dt>
        <dd>
          <code>{d.defaultLocation}</code>
        </dd>
      </dl>
      {d.restartPending && (
        <Notice kind="warn">
          После перезапуска программы откроется: <code>{d.configured}</code>
        </Notice>
      )}
      <form onSubmit={check} aria-label="Расположение базы данных">
        <Field
          label="Новое расположение: полный путь к файлу или адрес postgres://…"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="D:\Журнал\journal.sqlite или postgres://…"
          hint={
            'Пусто — файл по умолчанию. Адрес PostgreSQL: postgres://пользователь:пароль@сервер:5432/база ' +
            '(пароль хранится в настройках этого компьютера).'
          }
        />
        {test &&
          test.url === url &&
          (test.result.ok ? (
            <Notice kind="ok">
              Проверено ({STATE_LABELS[test.result.state]}): {test.result.message}
            </Notice>
          ) : (
            <div className="banner banner-error" role="alert">
              Не подходит: {test.result.message}
            </div>
          ))}
        <ErrorBanner error={error} />
        {saved && <Notice kind="ok">{saved}</Notice>}
        <div className="row">
          <Button type="submit" kind="secondary" disabled={busy}>
            {busy && !tested ? 'Проверка…' : 'Проверить подключение'}
          </Button>
          <Button onClick={save} disabled={busy || !tested}>
            Сохранить расположение
          </Button>
        </div>
        <p className="muted small">
          Сохранить можно только проверенное расположение. Данные не переносятся: чтобы перенести журнал, скопируйте
          файл или восстановите резервную копию на новом месте.
        </p>
      </form>
    </Card>
  );
}
