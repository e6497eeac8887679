import { useState, type FormEvent } from 'react';
import type { Me } from '../../../electron/api/contract';
import type { InstitutionKind } from '../../../electron/domain/enums';
import { wordsOf } from '../../../electron/domain/vocabulary';
import { ApiError, call } from '../../api';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';

export function LoginScreen({
  onLogin,
  notice,
  noticeKind = 'warn',
  kind,
}: {
  onLogin: (me: Me) => void;
  notice?: string | null;
  noticeKind?: 'ok' | 'warn';
  /** The institution's kind, known before anyone logs in (setup.status): whose logins to ask for. */
  kind?: InstitutionKind | undefined;
}) {
  const w = wordsOf(kind ?? 'college');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      onLogin(await call('auth.login', { login, password }));
    } catch (err) {
      setError(err as ApiError);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <form className="login-card" onSubmit={submit} aria-label="Вход в программу">
        <div className="login-brand">
          <span className="brand-mark" aria-hidden>
            Ж
          </span>
          <h1>Журнал</h1>
        </div>
        <p className="muted">Электронный журнал учебных занятий</p>
        {notice && <Notice kind={noticeKind}>{notice}</Notice>}
        <ErrorBanner error={error} />
        <Field
          label="Логин"
          name="login"
          autoComplete="username"
          autoFocus
          value={login}
          onChange={(e) => setLogin(e.target.value)}
          error={error?.fields.login}
        />
        <Field
          label="Пароль"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={error?.fields.password}
        />
        <Button type="submit" disabled={busy}>
          {busy ? 'Вход…' : 'Войти'}
        </Button>
        <p className="muted small">
          Логин и пароль выдаёт администратор; обучающимся и родителям — {w.roleName('dept_head')}. Не сообщайте пароль
          другим людям.
        </p>
      </form>
    </div>
  );
}
