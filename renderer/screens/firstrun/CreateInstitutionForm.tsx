// A new journal: the institution (kind, names, director) and its first administrator, who is logged
// in when it is made. The password rules shown are the ones the services check.
import { useState, type FormEvent } from 'react';
import type { Input, Me } from '../../../electron/api/contract';
import { INSTITUTION_KIND_LABELS } from '../../../electron/domain/labels';
import { ApiError, call } from '../../api';
import { Button, ErrorBanner, Field } from '../../components/ui';

import { wordsOf } from '../../../electron/domain/vocabulary';

type Kind = Input<'setup.initialize'>['kind'];
const KINDS = Object.keys(INSTITUTION_KIND_LABELS) as Kind[];
const DIFFER = 'Пароли не совпадают: введите один и тот же пароль дважды';

export function CreateInstitutionForm({
  passwordRules,
  setupCode,
  onCreated,
}: {
  passwordRules: string[];
  setupCode: string | undefined;
  onCreated: (me: Me) => void;
}) {
  const [kind, setKind] = useState<Kind>('college');
  const [fullName, setFullName] = useState('');
  const [shortName, setShortName] = useState('');
  const [directorName, setDirectorName] = useState('');
  const [lastName, setLastName] = useState('');
  const [firstName, setFirstName] = useState('');
  const [middleName, setMiddleName] = useState('');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [passwordRepeat, setPasswordRepeat] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== passwordRepeat) {
      setError(new ApiError({ code: 'bad_request', message: DIFFER, fields: { 'admin.passwordRepeat': DIFFER } }));
      return;
    }
    setBusy(true);
    try {
      const admin = { login, lastName, firstName, password, passwordRepeat, ...(middleName ? { middleName } : {}) };
      onCreated(await call('setup.initialize', { setupCode, kind, fullName, shortName, directorName, admin }));
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  const f = error?.fields ?? {};
  return (
    <form className="first-run-form" onSubmit={submit} aria-label="Создать организацию" noValidate>
      <ErrorBanner error={error} />
      <fieldset className="first-run-kinds">
        <legend>Вид организации</legend>
        {KINDS.map((k) => (
          <label key={k}>
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {INSTITUTION_KIND_LABELS[k]}
          </label>
        ))}
      </fieldset>
      <Field
        label="Полное наименование"
        name="fullName"
        value={fullName}
        onChange={(e) => setFullName(e.target.value)}
        error={f.fullName}
        hint="Как в уставе, например: ГБПОУ «Южноуральский энергетический техникум»"
      />
      <div className="first-run-grid">
        <Field
          label="Краткое наименование"
          name="shortName"
          value={shortName}
          onChange={(e) => setShortName(e.target.value)}
          error={f.shortName}
        />
        <Field
          label="Директор (ФИО)"
          name="directorName"
          value={directorName}
          onChange={(e) => setDirectorName(e.target.value)}
          error={f.directorName}
        />
      </div>
      <h2 className="first-run-h2">Первый администратор</h2>
      <div className="first-run-grid">
        <Field
          label="Фамилия"
          name="lastName"
          autoComplete="family-name"
          value={lastName}
          onChange={(e) => setLastName(e.target.value)}
          error={f['admin.lastName']}
        />
        <Field
          label="Имя"
          name="firstName"
          autoComplete="given-name"
          value={firstName}
          onChange={(e) => setFirstName(e.target.value)}
          error={f['admin.firstName']}
        />
        <Field
          label="Отчество"
          name="middleName"
          autoComplete="additional-name"
          value={middleName}
          onChange={(e) => setMiddleName(e.target.value)}
          error={f['admin.middleName']}
        />
        <Field
          label="Логин"
          name="login"
          autoComplete="username"
          spellCheck={false}
          value={login}
          onChange={(e) => setLogin(e.target.value)}
          error={f['admin.login']}
          hint="Латинские буквы, цифры, точка, дефис: например, admin"
        />
        <Field
          label="Пароль"
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={f['admin.password']}
        />
        <Field
          label="Пароль ещё раз"
          name="passwordRepeat"
          type="password"
          autoComplete="new-password"
          value={passwordRepeat}
          onChange={(e) => setPasswordRepeat(e.target.value)}
          error={f['admin.passwordRepeat']}
        />
      </div>
      <div className="first-run-rules" id="password-rules">
        Пароль: {passwordRules.join('; ')}.
      </div>
      <div className="first-run-actions">
        <Button type="submit" disabled={busy}>
          {busy ? 'Создание…' : 'Создать организацию и войти'}
        </Button>
        <span className="muted small">
          Затем откроется мастер учебного года: периоды, {wordsOf(kind).term('group', 'nom', 'many')},{' '}
          {wordsOf(kind).term('subject', 'nom', 'many')}, расписание.
        </span>
      </div>
    </form>
  );
}
