// Covers the window after idle time; the screens underneath stay mounted with their unsaved input.
import { useState, type FormEvent } from 'react';
import type { Me } from '../../../electron/api/contract';
import { ApiError, call } from '../../api';
import { Button, ErrorBanner, Field } from '../../components/ui';

export function LockOverlay({ me, onUnlock, onLogout }: { me: Me; onUnlock: (me: Me) => void; onLogout: () => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      onUnlock(await call('auth.unlock', { password }));
    } catch (err) {
      const apiError = err as ApiError;
      setPassword('');
      if (apiError.code === 'locked' || (apiError.code === 'unauthenticated' && apiError.message !== 'Неверный пароль'))
        onLogout();
      setError(apiError);
    }
  }

  return (
    <div className="lock-overlay" role="dialog" aria-modal="true" aria-label="Окно заблокировано">
      <form className="login-card" onSubmit={submit}>
        <h1>Окно заблокировано</h1>
        <p className="muted">
          Работа не велась {me.idleLockMinutes} мин. Введите пароль пользователя {me.fullName}, чтобы продолжить.
          Несохранённые данные не потеряны.
        </p>
        <ErrorBanner error={error} />
        <Field
          label="Пароль"
          type="password"
          autoFocus
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <div className="row">
          <Button type="submit">Разблокировать</Button>
          <Button
            kind="secondary"
            onClick={async () => {
              await call('auth.logout', {}).catch(() => undefined);
              onLogout();
            }}
          >
            Сменить пользователя
          </Button>
        </div>
      </form>
    </div>
  );
}
