// One account: the person's data, roles with scope, the teacher's journals, and the account's state
// (one-time password, unlock, deactivate). A new user gets a one-time password shown once.
import { useWords } from '../../components/words';
import { useEffect, useState, type FormEvent } from 'react';
import type { IssuedPassword, JournalChoice, ScopeChoices, UserDetail } from '../../../electron/api/contract';
import { ApiError, call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Button, ErrorBanner, Field, Loading, Notice } from '../../components/ui';
import { ruDateTime } from '../../../electron/domain/format-dates';
import { draftsOf, RolesEditor, type GrantDraft } from './RolesEditor';

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

function AccountState({
  user,
  locked,
  busy,
  act,
  reload,
  setIssued,
  onPrint,
}: {
  user: UserDetail;
  locked: boolean;
  busy: boolean;
  act: (work: () => Promise<void>) => Promise<void>;
  reload: () => Promise<unknown>;
  setIssued: (p: IssuedPassword) => void;
  onPrint: (userId: number, name: string) => void;
}) {
  const state = user.active ? 'включена' : 'отключена';
  return (
    <section className="editor-section" aria-label="Вход и состояние учётной записи">
      <h3>Вход</h3>
      <p className="small">
        <span className={`tag ${user.active ? 'tag-ok' : 'tag-bad'}`}>{state}</span>{' '}
        {locked && <span className="tag tag-bad">заблокирована до {ruDateTime(user.lockedUntil)}</span>}{' '}
        {user.mustChangePassword && <span className="tag tag-warn">сменит пароль при входе</span>}{' '}
        <span className="muted">
          Последний вход: {user.lastLoginAt ? ruDateTime(user.lastLoginAt) : 'не входил(а)'}
          {user.failedAttempts > 0 && !locked && `; неверных попыток подряд: ${user.failedAttempts}`}
        </span>
      </p>
      <div className="row">
        <Button
          kind="secondary"
          disabled={busy || !user.active}
          onClick={() =>
            act(async () => {
              setIssued(await call('users.resetPassword', { id: user.id }));
              await reload();
            })
          }
        >
          Выдать одноразовый пароль
        </Button>
        <Button kind="secondary" disabled={busy || !user.active} onClick={() => onPrint(user.id, user.fullName)}>
          Печать листка с паролем
        </Button>
        {(locked || user.failedAttempts > 0) && (
          <Button
            kind="secondary"
            disabled={busy}
            onClick={() =>
              act(async () => {
                await call('users.unlock', { id: user.id });
                await reload();
              })
            }
          >
            Снять блокировку
          </Button>
        )}
        {user.active ? (
          <Button
            kind="danger"
            disabled={busy}
            onClick={() =>
              act(async () => {
                await call('users.setActive', { id: user.id, version: user.version, active: false });
                await reload();
              })
            }
          >
            Отключить учётную запись
          </Button>
        ) : (
          <Button
            kind="secondary"
            disabled={busy}
            onClick={() =>
              act(async () => {
                await call('users.setActive', { id: user.id, version: user.version, active: true });
                await reload();
              })
            }
          >
            Включить учётную запись
          </Button>
        )}
      </div>
    </section>
  );
}

function TeacherJournals({
  user,
  act,
  reload,
}: {
  user: UserDetail;
  act: (work: () => Promise<void>) => Promise<void>;
  reload: () => Promise<unknown>;
}) {
  const w = useWords();
  const [all, setAll] = useState<JournalChoice[] | null>(null);
  const [choice, setChoice] = useState('');
  useEffect(() => {
    call('users.journals', {}).then(setAll, () => setAll([]));
  }, [user.journals.length]);
  const others = (all ?? []).filter((j) => j.teacherId !== user.id);
  const label = (j: JournalChoice) => `${j.groupName}${j.subgroup ? ` (подгр. ${j.subgroup})` : ''} · ${j.subjectName}`;
  return (
    <section className="editor-section" aria-label={`Журналы ${w.term('teacher', 'gen')}`}>
      <h3>Журналы текущего года ({user.journals.length})</h3>
      {user.journals.length === 0 ? (
        <p className="muted small">Журналов нет. Нагрузка назначается при открытии учебного года или здесь.</p>
      ) : (
        <ul className="plain small">
          {user.journals.map((j) => (
            <li key={j.id}>{label(j)}</li>
          ))}
        </ul>
      )}
      <div className="row">
        <select aria-label="Журнал для передачи" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">— выберите журнал другого {w.short('teacher', 'gen')} —</option>
          {others.map((j) => (
            <option key={j.id} value={j.id}>
              {label(j)} — {j.teacherName}
            </option>
          ))}
        </select>
        <Button
          kind="secondary"
          disabled={!choice}
          onClick={() =>
            act(async () => {
              const j = others.find((x) => x.id === Number(choice))!;
              await call('users.assignJournal', { journalId: j.id, version: j.version, teacherId: user.id });
              setChoice('');
              setAll(await call('users.journals', {}));
              await reload();
            })
          }
        >
          Передать журнал этому {w.short('teacher', 'dat')}
        </Button>
      </div>
    </section>
  );
}
