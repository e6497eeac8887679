// 003 §2.3: students and parents get their login and password from the head of their department.
// Pick a group, tick students and parents (accounts are created for those without one), print slips.
import { useWords } from '../../components/words';
import { useEffect, useState } from 'react';
import type { FamilyAccount, FamilyStudent } from '../../../electron/api/contract';
import { Button, ErrorBanner, Loading, Notice } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { plural } from '../../../electron/domain/format-numbers';
import { ruDateTime } from '../../../electron/domain/format-dates';
import { SlipsPrinter } from './SlipsPrinter';
import { GroupSubscriptions } from '../mail/GroupSubscriptions';

type Key = `s${number}` | `g${number}`;

function AccountCell({ account }: { account: FamilyAccount | null }) {
  if (!account) return <span className="muted">нет учётной записи</span>;
  return (
    <span>
      <code>{account.login}</code> {!account.active && <span className="tag tag-bad">отключена</span>}
      {account.locked && <span className="tag tag-bad">заблокирована</span>}
      {account.active && account.mustChangePassword && <span className="tag tag-warn">пароль не сменён</span>}
      {account.active && !account.mustChangePassword && account.lastLoginAt && (
        <span className="muted small"> вход {ruDateTime(account.lastLoginAt)}</span>
      )}
    </span>
  );
}

export function FamilyAccessScreen() {
  const w = useWords();
  const [groupId, setGroupId] = useState<number | undefined>(undefined);
  const { data, error, loading, reload } = useCall('users.families', groupId === undefined ? {} : { groupId });
  const [ticked, setTicked] = useState<Set<Key>>(new Set());
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    setTicked(new Set());
  }, [data?.groupId]);

  const students = data?.students ?? [];
  const toggle = (key: Key) => {
    const next = new Set(ticked);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setTicked(next);
  };
  const tickWithout = () => {
    const next = new Set<Key>();
    for (const s of students) {
      if (!s.account) next.add(`s${s.studentId}`);
      for (const g of s.guardians) if (!g.account) next.add(`g${g.guardianId}`);
    }
    setTicked(next);
  };
  const tickAll = () => {
    const next = new Set<Key>();
    for (const s of students) {
      if (s.account?.active !== false) next.add(`s${s.studentId}`);
      for (const g of s.guardians) if (g.account?.active !== false) next.add(`g${g.guardianId}`);
    }
    setTicked(next);
  };
  const studentIds = [...ticked].filter((k) => k.startsWith('s')).map((k) => Number(k.slice(1)));
  const guardianIds = [...ticked].filter((k) => k.startsWith('g')).map((k) => Number(k.slice(1)));
  const newAccounts =
    students.filter((s) => !s.account && ticked.has(`s${s.studentId}`)).length +
    students.flatMap((s) => s.guardians).filter((g) => !g.account && ticked.has(`g${g.guardianId}`)).length;

  if (loading && !data) return <Loading />;
  return (
    <div className="page">
      <div className="page-head">
        <h1>Доступ обучающихся и родителей</h1>
        <Button disabled={ticked.size === 0} onClick={() => setPrinting(true)}>
          Печать листков с паролями{ticked.size > 0 ? ` (${ticked.size})` : ''}
        </Button>
      </div>
      <p className="muted">
        Обучающиеся и родители получают логин и пароль через {w.deptHeadGen} (положение, п. 2.3). Для отмеченных без
        учётной записи она будет создана; каждому выдаётся одноразовый пароль на листке.
      </p>
      <ErrorBanner error={error} />
      {data && data.groups.length === 0 && (
        <Notice kind="warn">
          Нет {w.term('group', 'gen', 'many')} текущего учебного года в вашем {w.term('department', 'loc')}.
        </Notice>
      )}
      {data && data.groups.length > 0 && (
        <div className="filters">
          <label className="filter">
            {w.Term('group')}
            <select value={data.groupId ?? ''} onChange={(e) => setGroupId(Number(e.target.value))}>
              {data.groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                  {g.departmentName ? ` — ${g.departmentName}` : ''}
                </option>
              ))}
            </select>
          </label>
          <Button kind="secondary" onClick={tickWithout}>
            Отметить всех без учётной записи
          </Button>
          <Button kind="secondary" onClick={tickAll}>
            Отметить всех
          </Button>
          {ticked.size > 0 && (
            <Button kind="link" onClick={() => setTicked(new Set())}>
              снять отметки
            </Button>
          )}
        </div>
      )}
      {data && data.groupId !== null && (
        <table className="table family-table" aria-label={`Обучающиеся и родители ${w.term('group', 'gen')}`}>
          <thead>
            <tr>
              <th />
              <th>Обучающийся / родитель</th>
              <th>Учётная запись</th>
            </tr>
          </thead>
          <tbody>
            {students.map((s: FamilyStudent, i) => [
              <tr key={`s${s.studentId}`} className="family-student">
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Обучающийся ${s.fullName}`}
                    checked={ticked.has(`s${s.studentId}`)}
                    disabled={s.account?.active === false}
                    onChange={() => toggle(`s${s.studentId}`)}
                  />
                </td>
                <td>
                  <span className="muted">{i + 1}.</span> <b>{s.fullName}</b>
                </td>
                <td>
                  <AccountCell account={s.account} />
                </td>
              </tr>,
              ...s.guardians.map((g) => (
                <tr key={`g${g.guardianId}`} className="family-guardian">
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Родитель ${g.fullName} (${s.fullName})`}
                      checked={ticked.has(`g${g.guardianId}`)}
                      disabled={g.account?.active === false}
                      onChange={() => toggle(`g${g.guardianId}`)}
                    />
                  </td>
                  <td className="indent">
                    {g.fullName} <span className="muted small">— {g.relation}</span>
                  </td>
                  <td>
                    <AccountCell account={g.account} />
                  </td>
                </tr>
              )),
            ])}
            {students.length === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  В {w.term('group', 'loc')} сегодня нет обучающихся
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {data && data.groupId !== null && <GroupSubscriptions key={data.groupId} groupId={data.groupId} />}
      {printing && (
        <SlipsPrinter
          input={{ studentIds, guardianIds }}
          onClose={() => setPrinting(false)}
          onDone={() => {
            setTicked(new Set());
            void reload();
          }}
          summary={
            `${ticked.size} ${plural(ticked.size, 'листок', 'листка', 'листков')}` +
            (newAccounts > 0
              ? `, из них ${newAccounts} ` +
                plural(newAccounts, 'новая учётная запись', 'новые учётные записи', 'новых учётных записей')
              : '') +
            '; по 6 листков на лист A4.'
          }
        />
      )}
    </div>
  );
}
