// The first screen of an empty journal: create the institution and its administrator, connect to a
// journal on a PostgreSQL server, or restore a backup. The services refuse all three once the
// journal has an institution, and over the Internet without the code the server printed at start.
import { useState } from 'react';
import type { Me, SetupStatus } from '../../../electron/api/contract';
import { Field, Notice } from '../../components/ui';
import { ConnectDatabaseForm } from './ConnectDatabaseForm';
import { CreateInstitutionForm } from './CreateInstitutionForm';
import { RestoreBackupForm } from './RestoreBackupForm';

type Way = 'create' | 'connect' | 'restore';

const WAYS: Array<{ way: Way; title: string; text: string }> = [
  { way: 'create', title: 'Создать организацию', text: 'Новый журнал: организация и первый администратор' },
  { way: 'connect', title: 'Подключиться к серверу', text: 'Журнал уже ведётся на сервере PostgreSQL' },
  { way: 'restore', title: 'Восстановить из копии', text: 'Файл резервной копии журнала' },
];

export function FirstRunScreen({
  status,
  onCreated,
  onReplaced,
}: {
  status: SetupStatus;
  /** The institution was created and its administrator is logged in. */
  onCreated: (me: Me) => void;
  /** Another journal is live now (connected or restored): the app starts over with this notice. */
  onReplaced: (notice: string) => void;
}) {
  const [way, setWay] = useState<Way>('create');
  const [setupCode, setSetupCode] = useState('');
  const code = status.codeRequired ? setupCode : undefined;

  return (
    <div className="login-page first-run-page">
      <main className="first-run" aria-labelledby="first-run-title">
        <div className="login-brand">
          <span className="brand-mark" aria-hidden>
            Ж
          </span>
          <h1 id="first-run-title">Журнал: первый запуск</h1>
        </div>
        <p className="muted">
          База данных пуста: в ней ещё нет организации и ни одной учётной записи. Выберите, как начать работу.
        </p>
        {status.closed && <Notice kind="warn">{status.closed}</Notice>}
        {!status.closed && status.codeRequired && (
          <Field
            label="Код настройки"
            name="setupCode"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            value={setupCode}
            onChange={(e) => setSetupCode(e.target.value)}
            hint="Сервер напечатал его в консоли при запуске (например, ABCD-EFGH-JKLM). Без кода журнал не настроить"
          />
        )}
        {!status.closed && (
          <fieldset className="first-run-ways">
            <legend>Как начать</legend>
            {WAYS.map((w) => (
              <label key={w.way} className={`first-run-way ${way === w.way ? 'chosen' : ''}`}>
                <input
                  type="radio"
                  name="way"
                  value={w.way}
                  checked={way === w.way}
                  onChange={() => setWay(w.way)}
                  autoFocus={!status.codeRequired && w.way === 'create'}
                />
                <span>
                  <strong>{w.title}</strong>
                  <span className="muted small">{w.text}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {!status.closed && way === 'create' && (
          <CreateInstitutionForm passwordRules={status.passwordRules} setupCode={code} onCreated={onCreated} />
        )}
        {!status.closed && way === 'connect' && (
          <ConnectDatabaseForm unavailable={status.connectUnavailable} setupCode={code} onConnected={onReplaced} />
        )}
        {!status.closed && way === 'restore' && (
          <RestoreBackupForm unavailable={status.restoreUnavailable} setupCode={code} onRestored={onReplaced} />
        )}
      </main>
    </div>
  );
}
