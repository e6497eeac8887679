// Groups and students: the roster of a group on any day (computed from the orders), the student's
// card, admission, transfer and withdrawal by order, subgroups, Excel in and out.
import { useWords } from '../../components/words';
import { useEffect, useState } from 'react';
import type { GroupInfo, Me, GroupStudent } from '../../../electron/api/contract';
import { navigate, queryParam, usePath } from '../../app/router';
import { Button, ErrorBanner, Loading } from '../../components/ui';
import { useCall, useOptionalCall } from '../../components/useCall';
import { programmeSummary, YEAR_STATUS_LABELS } from '../../../electron/domain/labels';
import { ruDate } from '../../../electron/domain/format-dates';
import { ImportDialog } from '../year/ImportDialog';
import { download } from '../year/StepSubjects';
import { useYears } from '../year/useYears';
import { kindWords } from '../year/words';
import { NewStudentDialog } from './NewStudentDialog';
import { OrderDialog, type OrderKind } from './OrderDialog';
import { StudentDialog } from './StudentDialog';
import { SubgroupsDialog } from './SubgroupsDialog';
import { DateInput } from '../../components/DateInput';

export function GroupsScreen({ me }: { me: Me }) {
  const w = useWords();
  usePath();
  const { years, year, setYearId } = useYears();
  const groups = useOptionalCall(Boolean(year), 'groups.list', { yearId: year?.id ?? 0 });
  const wanted = Number(queryParam('group')) || null;
  // Only the groups the caller may open: a teacher's, a curator's, a department head's (all for the administration).
  const list = year && groups.data ? groups.data.filter((g) => g.readable) : [];
  const group = list.find((g) => g.id === wanted) ?? list[0] ?? null;
  if (!years) return <Loading />;
  if (!year) return <div className="banner banner-warn">Учебный год ещё не открыт.</div>;
  return (
    <div className="page">
      <div className="page-head">
        <h1>{kindWords(me.institution?.kind).groups} и обучающиеся</h1>
        {years.length > 1 && (
          <label className="filter">
            Учебный год
            <select
              aria-label="Учебный год"
              value={year.id}
              onChange={(e) => {
                setYearId(Number(e.target.value));
                navigate('/groups');
              }}
            >
              {years.map((y) => (
                <option key={y.id} value={y.id}>
                  {y.title} ({YEAR_STATUS_LABELS[y.status]})
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <ErrorBanner error={groups.error} />
      <div className="split">
        <nav className="side-list" aria-label={w.Term('group', 'nom', 'many')}>
          {list.map((g) => (
            <button
              key={g.id}
              type="button"
              className={g.id === group?.id ? 'active' : ''}
              aria-current={g.id === group?.id ? 'true' : undefined}
              onClick={() => navigate(`/groups?group=${g.id}`)}
            >
              <span>{g.name}</span>
              <span className="muted small">{g.students}</span>
            </button>
          ))}
          {groups.data && list.length === 0 && (
            <p className="muted">В этом году {w.term('group', 'gen', 'many')} нет</p>
          )}
        </nav>
        {group ? (
          <GroupPanel
            key={group.id}
            group={group}
            me={me}
            yearOpen={year.status === 'open'}
            yearId={year.id}
            groups={list}
            onChanged={() => void groups.reload()}
          />
        ) : (
          <Loading />
        )}
      </div>
    </div>
  );
}

function GroupPanel({
  group,
  me,
  yearOpen,
  yearId,
  groups,
  onChanged,
}: {
  group: GroupInfo;
  me: Me;
  yearOpen: boolean;
  yearId: number;
  groups: GroupInfo[];
  onChanged: () => void;
}) {
  const w = useWords();
  const admin = me.roles.some((r) => r.role === 'admin');
  const [date, setDate] = useState('');
  const [withLeft, setWithLeft] = useState(false);
  const { data, error, reload } = useCall('students.list', {
    groupId: group.id,
    date: date || undefined,
    includeLeft: withLeft,
  });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [card, setCard] = useState<number | null>(null);
  const [order, setOrder] = useState<OrderKind | null>(null);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [subgroups, setSubgroups] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  useEffect(() => {
    if (data && !date) setDate(data.date);
  }, [data, date]);
  const refresh = () => {
    void reload();
    onChanged();
    setSelected(new Set());
  };
  const students = data?.students ?? [];
  const chosen = students.filter((s) => selected.has(s.id));
  const toggle = (s: GroupStudent) => {
    const next = new Set(selected);
    if (next.has(s.id)) next.delete(s.id);
    else next.add(s.id);
    setSelected(next);
  };
  const canOrder = admin && yearOpen;

  return (
    <section className="card group-panel" aria-label={`${w.Term('group')} ${group.name}`}>
      <header className="card-head">
        <div>
          <h2>
            {w.Term('group')} {group.name} · {w.course(group.course)}
          </h2>
          <div className="muted small">
            {group.departmentName ?? ''}
            {group.speciality ? ` · ${group.speciality}` : ''} · {w.term('curator')}:{' '}
            {group.curatorName ?? 'не назначен'}
          </div>
          {group.programme && (
            <div className="muted small" aria-label="Программа">
              Программа «{group.programme.name}»: {programmeSummary(group.programme)}
            </div>
          )}
        </div>
        <div className="row">
          {canOrder && <Button onClick={() => setAdding(true)}>Зачислить</Button>}
          {canOrder && (
            <Button kind="secondary" onClick={() => setImporting(true)}>
              Загрузить из Excel
            </Button>
          )}
          <Button kind="secondary" onClick={() => download({ list: 'students', groupId: group.id }).catch(setProblem)}>
            Выгрузить в Excel
          </Button>
          {data?.canManage && yearOpen && (
            <Button kind="secondary" onClick={() => setSubgroups(true)}>
              Подгруппы ({group.subgroups.length})
            </Button>
          )}
        </div>
      </header>
      <div className="card-body">
        <div className="filters">
          <label className="filter">
            Список на дату
            <DateInput aria-label="Список на дату" value={date} onChange={(v) => setDate(v)} />
          </label>
          <label className="check">
            <input type="checkbox" checked={withLeft} onChange={(e) => setWithLeft(e.target.checked)} />
            <span>все, кто был в {w.term('group', 'loc')} в этом году</span>
          </label>
          {canOrder && chosen.length > 0 && (
            <div className="row">
              <span>Отмечено: {chosen.length}</span>
              <Button kind="secondary" onClick={() => setOrder('transfer')}>
                Перевести…
              </Button>
              <Button kind="secondary" onClick={() => setOrder('withdrawal')}>
                Отчислить…
              </Button>
              <Button kind="secondary" onClick={() => setOrder('graduation')}>
                Выпуск…
              </Button>
            </div>
          )}
        </div>
        <ErrorBanner error={error ?? problem} />
        {!data ? (
          <Loading />
        ) : (
          <table className="table roster" aria-label={`Список ${w.term('group', 'gen')} ${group.name}`}>
            <thead>
              <tr>
                {canOrder && (
                  <th>
                    <input
                      type="checkbox"
                      aria-label="Отметить всех"
                      checked={students.length > 0 && chosen.length === students.length}
                      onChange={() =>
                        setSelected(chosen.length === students.length ? new Set() : new Set(students.map((s) => s.id)))
                      }
                    />
                  </th>
                )}
                <th>№</th>
                <th>Обучающийся</th>
                {data.personalData && <th>Дата рождения</th>}
                <th>Подгруппа</th>
                <th>В {w.term('group', 'loc')}</th>
                <th>Представители</th>
              </tr>
            </thead>
            <tbody>
              {students.map((s, i) => (
                <tr key={s.id} className={s.present ? '' : 'row-inactive'}>
                  {canOrder && (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Отметить ${s.fullName}`}
                        checked={selected.has(s.id)}
                        onChange={() => toggle(s)}
                      />
                    </td>
                  )}
                  <td>{i + 1}</td>
                  <td>
                    <button type="button" className="btn btn-link" onClick={() => setCard(s.id)}>
                      {s.fullName}
                    </button>
                  </td>
                  {data.personalData && <td>{ruDate(s.birthDate)}</td>}
                  <td>{s.subgroups.join(', ')}</td>
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
                    На {ruDate(data.date)} в {w.term('group', 'loc')} никого нет
                    {canOrder ? ': зачислите обучающихся или загрузите список из Excel' : ''}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        )}
        {data && !data.personalData && (
          <p className="muted small">
            Даты рождения, телефоны и адреса видят администратор, директор, {w.roleName('curator')} и{' '}
            {w.roleName('dept_head')} (152-ФЗ).
          </p>
        )}
      </div>
      {card !== null && (
        <StudentDialog id={card} admin={admin && yearOpen} onClose={() => setCard(null)} onChanged={refresh} />
      )}
      {order && (
        <OrderDialog
          kind={order}
          students={chosen}
          group={group}
          groups={groups}
          onClose={() => setOrder(null)}
          onDone={refresh}
        />
      )}
      {adding && <NewStudentDialog group={group} onClose={() => setAdding(false)} onDone={refresh} />}
      {importing && (
        <ImportDialog list="students" yearId={yearId} onClose={() => setImporting(false)} onImported={refresh} />
      )}
      {subgroups && data && (
        <SubgroupsDialog group={group} roster={students} onClose={() => setSubgroups(false)} onDone={refresh} />
      )}
    </section>
  );
}
