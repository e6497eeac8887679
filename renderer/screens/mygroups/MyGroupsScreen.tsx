// «Мои объединения» (000 §3.5.1, §3.5.4): a centre's педагог sees the list of each объединение they teach,
// enrols a child by order («Зачислить»), withdraws the ticked by order («Отчислить») and keeps the child's
// card and the parents' contacts. The services refuse anything outside their own объединения.
import { useState } from 'react';
import type { GroupStudent, MyGroup } from '../../../electron/api/contract';
import { ruDate } from '../../../electron/domain/format-dates';
import { navigate, queryParam, usePath } from '../../app/router';
import { Button, ErrorBanner, Loading } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { useWords } from '../../components/words';
import { OrderDialog } from '../groups/OrderDialog';
import { StudentDialog } from '../groups/StudentDialog';
import { EnrolChildDialog } from './EnrolChildDialog';

export function MyGroupsScreen() {
  const w = useWords();
  usePath();
  const mine = useCall('groups.mine', {});
  const list = mine.data ?? [];
  const group = list.find((g) => g.id === Number(queryParam('group'))) ?? list[0] ?? null;
  return (
    <div className="page">
      <div className="page-head">
        <h1>Мои {w.term('group', 'nom', 'many')}</h1>
      </div>
      <ErrorBanner error={mine.error} />
      {!mine.data ? (
        mine.error ? null : (
          <Loading />
        )
      ) : list.length === 0 ? (
        <p className="muted">
          В открытом учебном году у вас нет {w.term('group', 'gen', 'many')}: их назначает администратор.
        </p>
      ) : (
        <div className="split">
          <nav className="side-list" aria-label={`Мои ${w.term('group', 'nom', 'many')}`}>
            {list.map((g) => (
              <button
                key={g.id}
                type="button"
                className={g.id === group?.id ? 'active' : ''}
                aria-current={g.id === group?.id ? 'true' : undefined}
                onClick={() => navigate(`/my-groups?group=${g.id}`)}
              >
                <span>{g.name}</span>
                <span className="muted small">{g.students}</span>
              </button>
            ))}
          </nav>
          {group && <Roster key={group.id} group={group} onChanged={() => void mine.reload()} />}
        </div>
      )}
    </div>
  );
}

function Roster({ group, onChanged }: { group: MyGroup; onChanged: () => void }) {
  const w = useWords();
  const [withLeft, setWithLeft] = useState(false);
  const { data, error, reload } = useCall('students.list', { groupId: group.id, includeLeft: withLeft });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [card, setCard] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const refresh = () => {
    void reload();
    onChanged();
    setSelected(new Set());
  };
  const students = data?.students ?? [];
  const chosen = students.filter((s) => selected.has(s.id) && s.present);
  const toggle = (s: GroupStudent) => {
    const next = new Set(selected);
    if (next.has(s.id)) next.delete(s.id);
    else next.add(s.id);
    setSelected(next);
  };
  return (
    <section className="card group-panel" aria-label={`${w.Term('group')} ${group.name}`}>
      <header className="card-head">
        <div>
          <h2>
            {w.Term('group')} {group.name}
          </h2>
          <div className="muted small">
            {group.yearTitle}
            {group.programmes.length > 0 ? ` · ${group.programmes.join('; ')}` : ''}
          </div>
        </div>
        <div className="row">
          <Button onClick={() => setAdding(true)}>Зачислить</Button>
          <Button kind="secondary" disabled={chosen.length === 0} onClick={() => setWithdrawing(true)}>
            Отчислить{chosen.length > 0 ? ` (${chosen.length})` : ''}
          </Button>
        </div>
      </header>
      <div className="card-body">
        <label className="check">
          <input type="checkbox" checked={withLeft} onChange={(e) => setWithLeft(e.target.checked)} />
          {` все, кто был в ${w.term('group', 'loc')} в этом году`}
        </label>
        <ErrorBanner error={error} />
        {!data ? (
          <Loading />
        ) : (
          <table className="table roster" aria-label={`Список ${w.term('group', 'gen')} ${group.name}`}>
            <thead>
              <tr>
                <th />
                <th>№</th>
                <th>{w.Term('student')}</th>
                <th>Дата рождения</th>
                <th>Телефон</th>
                <th>В {w.term('group', 'loc')}</th>
                <th>Представители</th>
              </tr>
            </thead>
            <tbody>
              {students.map((s, i) => (
                <tr key={s.id} className={s.present ? '' : 'row-inactive'}>
                  <td>
                    {s.present && (
                      <input
                        type="checkbox"
                        aria-label={`Отметить ${s.fullName}`}
                        checked={selected.has(s.id)}
                        onChange={() => toggle(s)}
                      />
                    )}
                  </td>
                  <td>{i + 1}</td>
                  <td>
                    <button type="button" className="btn btn-link" onClick={() => setCard(s.id)}>
                      {s.fullName}
                    </button>
                  </td>
                  <td>{ruDate(s.birthDate)}</td>
                  <td>{s.phone ?? ''}</td>
                  <td className="small nowrap">
                    с {ruDate(s.fromDate)}
                    {s.untilDate ? ` по ${ruDate(s.untilDate)}` : ''}
                  </td>
                  <td>{s.guardians || <span className="muted">—</span>}</td>
                </tr>
              ))}
              {students.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">
                    В {w.term('group', 'loc')} пока никого нет: нажмите «Зачислить»
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        )}
      </div>
      {card !== null && <StudentDialog id={card} admin={false} onClose={() => setCard(null)} onChanged={refresh} />}
      {withdrawing && (
        <OrderDialog
          kind="withdrawal"
          students={chosen}
          group={group}
          groups={[]}
          onClose={() => setWithdrawing(false)}
          onDone={refresh}
        />
      )}
      {adding && <EnrolChildDialog group={group} onClose={() => setAdding(false)} onDone={refresh} />}
    </section>
  );
}
