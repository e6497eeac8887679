// Users and roles (000 §3.4.1, 003 §3.1): search, filter by role and state, pages; create and edit
// accounts; print credential slips for the accounts ticked.
import { useWords } from '../../components/words';
import { useEffect, useState } from 'react';
import type { ScopeChoices, UserRow } from '../../../electron/api/contract';
import { ROLES } from '../../../electron/domain/enums';
import { call } from '../../api';
import { Button, ErrorBanner, Loading } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { Pager } from '../../components/lists';
import { plural } from '../../../electron/domain/format-numbers';
import { ruDateTime } from '../../../electron/domain/format-dates';
import { roleText } from './RolesEditor';
import { SlipsPrinter } from './SlipsPrinter';
import { UserEditor } from './UserEditor';

type Status = 'all' | 'active' | 'inactive' | 'locked' | 'must_change';
const STATUS_LABELS: Record<Status, string> = {
  all: 'все',
  active: 'включённые',
  inactive: 'отключённые',
  locked: 'заблокированные',
  must_change: 'ещё не сменили выданный пароль',
};
const PAGE_SIZE = 50;

export function UsersScreen() {
  const w = useWords();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [role, setRole] = useState('');
  const [status, setStatus] = useState<Status>('all');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Map<number, string>>(new Map());
  const [editing, setEditing] = useState<number | null | undefined>(undefined);
  const [printing, setPrinting] = useState<Map<number, string> | null>(null);
  const [scopes, setScopes] = useState<ScopeChoices | undefined>(undefined);
  const { data, error, loading, reload } = useCall('users.list', {
    search: query,
    role,
    status,
    page,
    pageSize: PAGE_SIZE,
  });

  // Search as you type, without a request per keystroke.
  useEffect(() => {
    const t = setTimeout(() => {
      setQuery(search.trim());
      setPage(1);
    }, 250);
    return () => clearTimeout(t);
  }, [search]);
  useEffect(() => {
    call('users.scopes', {}).then(setScopes, () => undefined);
  }, []);

  const toggle = (u: UserRow) => {
    const next = new Map(selected);
    if (next.has(u.id)) next.delete(u.id);
    else next.set(u.id, u.fullName);
    setSelected(next);
  };
  const rows = data?.rows ?? [];
  const allOnPage = rows.length > 0 && rows.every((u) => selected.has(u.id) || !u.active);

  return (
    <div className="page">
      <div className="page-head">
        <h1>Пользователи и роли</h1>
        <div className="row">
          <Button onClick={() => setEditing(null)}>Создать пользователя</Button>
          <Button kind="secondary" disabled={selected.size === 0} onClick={() => setPrinting(new Map(selected))}>
            Печать листков с паролями{selected.size > 0 ? ` (${selected.size})` : ''}
          </Button>
        </div>
      </div>
      <div className="filters" role="search">
        <label className="filter">
          Поиск
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="ФИО, логин, должность, ребёнок…"
          />
        </label>
        <label className="filter">
          Роль
          <select
            value={role}
            onChange={(e) => {
              setRole(e.target.value);
              setPage(1);
            }}
          >
            <option value="">все роли</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {w.role(r)}
                {data?.roleCounts[r] ? ` (${data.roleCounts[r]})` : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          Состояние
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as Status);
              setPage(1);
            }}
          >
            {(Object.keys(STATUS_LABELS) as Status[]).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        {selected.size > 0 && (
          <Button kind="link" onClick={() => setSelected(new Map())}>
            снять отметки ({selected.size})
          </Button>
        )}
      </div>
      <ErrorBanner error={error} />
      {loading && !data ? (
        <Loading />
      ) : (
        <>
          <table className="table users-table" aria-label="Пользователи">
            <thead>
              <tr>
                <th>
                  <input
                    type="checkbox"
                    aria-label="Отметить всех на странице"
                    checked={allOnPage}
                    onChange={() => {
                      const next = new Map(selected);
                      for (const u of rows)
                        if (u.active) {
                          if (allOnPage) next.delete(u.id);
                          else next.set(u.id, u.fullName);
                        }
                      setSelected(next);
                    }}
                  />
                </th>
                <th>ФИО</th>
                <th>Логин</th>
                <th>Роли</th>
                <th>Состояние</th>
                <th>Последний вход</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <tr key={u.id} className={u.active ? '' : 'row-inactive'}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Отметить ${u.fullName}`}
                      checked={selected.has(u.id)}
                      disabled={!u.active}
                      onChange={() => toggle(u)}
                    />
                  </td>
                  <td>
                    <div>{u.fullName}</div>
                    <div className="muted small">
                      {u.position ??
                        (u.student
                          ? `обучающийся${u.student.groupName ? `, ${u.student.groupName}` : ''}`
                          : u.children.length
                            ? `родитель: ` +
                              `${u.children.map((c) => c.fullName.split(' ').slice(0, 2).join(' ')).join(', ')}`
                            : '')}
                    </div>
                  </td>
                  <td>
                    <code>{u.login}</code>
                  </td>
                  <td className="small">
                    {u.roles.map((r) => roleText(r, w)).join(', ') || <span className="muted">нет ролей</span>}
                    {u.journalCount > 0 && (
                      <div className="muted">
                        {u.journalCount} {plural(u.journalCount, 'журнал', 'журнала', 'журналов')}
                      </div>
                    )}
                  </td>
                  <td className="small">
                    {!u.active && <span className="tag tag-bad">отключена</span>}{' '}
                    {u.lockedUntil && (
                      <span className="tag tag-bad">заблокирована до {ruDateTime(u.lockedUntil).slice(11)}</span>
                    )}{' '}
                    {u.mustChangePassword && u.active && <span className="tag tag-warn">ждёт смены пароля</span>}
                  </td>
                  <td className="small">
                    {u.lastLoginAt ? ruDateTime(u.lastLoginAt) : <span className="muted">—</span>}
                  </td>
                  <td>
                    <Button kind="link" aria-label={`Открыть ${u.fullName}`} onClick={() => setEditing(u.id)}>
                      Открыть
                    </Button>
                  </td>
                </tr>
              ))}
              {rows.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">
                    Никого не найдено
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          {data && (
            <Pager
              page={data.page}
              pageSize={data.pageSize}
              total={data.total}
              onPage={setPage}
              back="← Назад"
              forward="Вперёд →"
            />
          )}
        </>
      )}
      {editing !== undefined && (
        <UserEditor
          userId={editing}
          scopes={scopes}
          onClose={() => setEditing(undefined)}
          onChanged={() => void reload()}
          onPrint={(id, name) => setPrinting(new Map([[id, name]]))}
        />
      )}
      {printing && (
        <SlipsPrinter
          input={{ userIds: [...printing.keys()] }}
          onClose={() => setPrinting(null)}
          onDone={() => {
            setSelected(new Map());
            void reload();
          }}
          summary={
            printing.size === 1
              ? `Листок с логином и новым одноразовым паролем для: ${[...printing.values()][0]}.`
              : `${printing.size} ${plural(printing.size, 'листок', 'листка', 'листков')} с логинами и новыми ` +
                `одноразовыми паролями, по 6 на лист A4.`
          }
        />
      )}
    </div>
  );
}
