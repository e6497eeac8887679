import { useState, type FormEvent } from 'react';
import type { Me } from '../../../electron/api/contract';
import { ApiError, call } from '../../api';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';

export function ChangePasswordScreen({
  me,
  forced,
  onDone,
  onLogout,
}: {
  me: Me;
  forced: boolean;
  onDone: (me: Me) => void;
  onLogout?: () => void;
}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (next !== repeat) {
      setError(new Error('Новый пароль и повтор не совпадают'));
      return;
    }
    try {
      const updated = await call('auth.changePassword', { current, next });
      setDone(true);
      setCurrent('');
      setNext('');
      setRepeat('');
      setError(null);
      onDone(updated);
    } catch (err) {
      setError(err as ApiError);
    }
  }

  const fields = error instanceof ApiError ? error.fields : {};
  const form = (
    <form className="login-card" onSubmit={submit} aria-label="Смена пароля">
      <h1>Смена пароля</h1>
      {forced && (
        <Notice kind="warn">
          {me.fullName}, пароль выдан администратором. Придумайте свой пароль, чтобы продолжить.
        </Notice>
      )}
      {done && !forced && <Notice kind="ok">Пароль изменён</Notice>}
      <ErrorBanner error={error} />
      <Field
        label="Текущий пароль"
        type="password"
        autoComplete="current-password"
        value={current}
        autoFocus
        onChange={(e) => setCurrent(e.target.value)}
        error={fields.current}
      />
      <Field
        label="Новый пароль"
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={(e) => setNext(e.target.value)}
        error={fields.next}
        hint="Не короче 8 символов, буквы и цифры"
      />
      <Field
        label="Повторите новый пароль"
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
      />
      <div className="row">
        <Button type="submit">Сохранить пароль</Button>
        {forced && onLogout && (
          <Button
            kind="secondary"
            onClick={async () => {
              await call('auth.logout', {});
              onLogout();
            }}
          >
            Выйти
          </Button>
        )}
      </div>
    </form>
  );
  return forced ? <div className="login-page">{form}</div> : <div className="narrow">{form}</div>;
}
