// The account's sign-in state in the user card: enabled or not, locked, last sign-in; a one-time password,
// its printed slip, unlocking, switching the account off and on.
import type { IssuedPassword, UserDetail } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button } from '../../components/ui';
import { ruDateTime } from '../../../electron/domain/format-dates';

export function AccountState({
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
