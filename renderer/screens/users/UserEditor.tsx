// One account: the person's data, roles with scope, the teacher's journals, and the account's state
// (one-time password, unlock, deactivate). A new user gets a one-time password shown once.
import { useWords } from '../../components/words';
import { useEffect, useState, type FormEvent } from 'react';
import type { IssuedPassword, ScopeChoices, UserDetail } from '../../../electron/api/contract';
import { ApiError, call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Button, ErrorBanner, Field, Loading, Notice } from '../../components/ui';
import { draftsOf, RolesEditor, type GrantDraft } from './RolesEditor';
import { AccountState } from './AccountState';
import { TeacherJournals } from './TeacherJournals';

interface ProfileDraft {
  login: string;
  lastName: string;
  firstName: string;
  middleName: string;
  position: string;
  phone: string;
  email: string;
}

const EMPTY: ProfileDraft = {
  login: '',
  lastName: '',
  firstName: '',
  middleName: '',
  position: '',
  phone: '',
  email: '',
};

function profileOf(u: UserDetail): ProfileDraft {
  return {
    login: u.login,
    lastName: u.lastName,
    firstName: u.firstName,
    middleName: u.middleName ?? '',
    position: u.position ?? '',
    phone: u.phone ?? '',
    email: u.email ?? '',
  };
}

const sameGrants = (a: GrantDraft[], b: GrantDraft[]) =>
  JSON.stringify(a.map((g) => [g.role, g.departmentId, g.groupId]).sort()) ===
  JSON.stringify(b.map((g) => [g.role, g.departmentId, g.groupId]).sort());

export function UserEditor({
  userId,
  scopes,
  onClose,
  onChanged,
  onPrint,
}: {
  userId: number | null;
  scopes: ScopeChoices | undefined;
  onClose: () => void;
  onChanged: () => void;
  onPrint: (userId: number, name: string) => void;
}) {
  const w = useWords();
  const [user, setUser] = useState<UserDetail | null>(null);
  const [profile, setProfile] = useState<ProfileDraft>(EMPTY);
  const [grants, setGrants] = useState<GrantDraft[]>(
    userId === null ? [{ role: 'teacher', departmentId: null, groupId: null }] : [],
  );
  const [error, setError] = useState<unknown>(null);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function load(id: number) {
    const u = await call('users.get', { id });
    setUser(u);
    setProfile(profileOf(u));
    setGrants(draftsOf(u.roles));
    return u;
  }
  useEffect(() => {
    if (userId !== null) load(userId).catch(setError);
  }, [userId]);

  const fields = error instanceof ApiError ? error.fields : {};
  const set = (key: keyof ProfileDraft) => (e: { target: { value: string } }) => {
    setProfile({ ...profile, [key]: e.target.value });
    setSaved(false);
  };

  async function act(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const data = {
      ...profile,
      middleName: profile.middleName || null,
      position: profile.position || null,
      phone: profile.phone || null,
      email: profile.email || null,
    };
    await act(async () => {
      if (!user) {
        const made = await call('users.create', { ...data, roles: grants });
        setIssued(made);
        await load(made.userId);
        return;
      }
      let current = user;
      if (JSON.stringify(profileOf(current)) !== JSON.stringify(profile))
        current = {
          ...current,
          ...(await call('users.update', { id: current.id, version: current.version, ...data })),
        };
      if (!sameGrants(draftsOf(current.roles), grants))
        await call('users.setRoles', { id: current.id, version: current.version, roles: grants });
      await load(current.id);
      setSaved(true);
    });
  }

  if (userId !== null && !user)
    return (
      <Dialog title="Пользователь" onClose={onClose}>
        {error ? <ErrorBanner error={error} /> : <Loading />}
      </Dialog>
    );
  const locked = Boolean(user?.lockedUntil);
  return (
    <Dialog title={user ? `Пользователь ${user.fullName}` : 'Новый пользователь'} onClose={onClose} wide>
      {issued && (
        <Notice kind="ok">
          Учётная запись создана. Одноразовый пароль для <b>{issued.login}</b>:{' '}
          <code className="otp" aria-label="Одноразовый пароль">
            {issued.oneTimePassword}
          </code>
          . Передайте его лично; при первом входе программа попросит сменить его.
        </Notice>
      )}
      {saved && <Notice kind="ok">Изменения сохранены</Notice>}
      <ErrorBanner error={error} />
      {error instanceof ApiError && error.code === 'conflict' && user && (
        <Button
          kind="secondary"
          onClick={() => {
            setError(null);
            void load(user.id);
          }}
        >
          Загрузить свежие данные
        </Button>
      )}
      <form onSubmit={submit} aria-label="Данные пользователя" className="user-form">
        <div className="form-grid">
          <Field
            label="Фамилия"
            value={profile.lastName}
            onChange={set('lastName')}
            error={fields.lastName}
            required
            maxLength={60}
          />
          <Field
            label="Имя"
            value={profile.firstName}
            onChange={set('firstName')}
            error={fields.firstName}
            required
            maxLength={60}
          />
          <Field
            label="Отчество"
            value={profile.middleName}
            onChange={set('middleName')}
            error={fields.middleName}
            maxLength={60}
          />
          <Field
            label="Логин"
            value={profile.login}
            onChange={set('login')}
            error={fields.login}
            required
            autoComplete="off"
            hint="Латинские буквы, цифры, точка, дефис; регистр не важен"
            maxLength={50}
          />
          <Field
            label="Должность"
            value={profile.position}
            onChange={set('position')}
            error={fields.position}
            maxLength={150}
          />
          <Field label="Телефон" value={profile.phone} onChange={set('phone')} error={fields.phone} maxLength={40} />
          <Field
            label="Эл. почта"
            type="email"
            value={profile.email}
            onChange={set('email')}
            error={fields.email}
            maxLength={120}
          />
        </div>
        {user && (user.student || user.children.length > 0) && (
          <p className="muted">
            {user.student && (
              <>
                Учётная запись обучающегося: {user.student.fullName}
                {user.student.groupName && `, ${w.term('group')} ${user.student.groupName}`}.{' '}
              </>
            )}
            {user.children.length > 0 && (
              <>
                Родитель:{' '}
                {user.children.map((c) => `${c.fullName}${c.groupName ? ` (${c.groupName})` : ''}`).join('; ')}.
              </>
            )}
          </p>
        )}
        <RolesEditor
          value={grants}
          onChange={(g) => {
            setGrants(g);
            setSaved(false);
          }}
          scopes={scopes}
          errors={fields}
        />
        <div className="row">
          <Button type="submit" disabled={busy}>
            {user ? 'Сохранить' : 'Создать пользователя'}
          </Button>
          <Button kind="secondary" onClick={onClose}>
            Закрыть
          </Button>
        </div>
      </form>
      {user && (
        <AccountState
          user={user}
          locked={locked}
          busy={busy}
          act={act}
          reload={() => load(user.id)}
          setIssued={setIssued}
          onPrint={onPrint}
        />
      )}
      {user && user.roles.some((r) => r.role === 'teacher') && (
        <TeacherJournals user={user} act={act} reload={() => load(user.id)} />
      )}
    </Dialog>
  );
}
