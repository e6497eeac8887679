// Steps 4 and 6: staff and students, loaded from Excel lists (or entered one by one elsewhere:
// staff in «Пользователи и роли», students in «Группы и обучающиеся»).
import { useWords } from '../../components/words';
import { useEffect, useState } from 'react';
import type { StaffOption } from '../../../electron/api/contract';
import { call } from '../../api';
import { Button, Card, ErrorBanner, Loading } from '../../components/ui';
import { useCall } from '../../components/useCall';
import type { Role } from '../../../electron/domain/enums';
import { ImportDialog } from './ImportDialog';
import { download } from './StepSubjects';
import type { StepProps } from './YearScreen';

export function StepPeople({ kind, year, me }: StepProps & { kind: 'staff' | 'students' }) {
  return kind === 'staff' ? <Staff me={me} /> : <Students year={year} me={me} />;
}

function Staff({ me }: { me: StepProps['me'] }) {
  const w = useWords();
  const admin = me.roles.some((r) => r.role === 'admin');
  const [staff, setStaff] = useState<StaffOption[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [importing, setImporting] = useState(false);
  const reload = () => call('groups.staffOptions', {}).then(setStaff, setError);
  useEffect(() => {
    if (admin) void reload();
  }, [admin]);
  if (!admin)
    return (
      <Card title="Сотрудники">
        <p className="muted">Сотрудников заводит администратор.</p>
      </Card>
    );
  return (
    <Card
      title={`Сотрудники (${staff?.length ?? '…'})`}
      actions={
        <div className="row">
          <Button kind="secondary" onClick={() => setImporting(true)}>
            Загрузить сотрудников из Excel
          </Button>
          <a className="btn btn-secondary" href="#/users">
            Пользователи и роли
          </a>
        </div>
      }
    >
      <ErrorBanner error={error} />
      <p className="muted small">
        Роль «{w.role('teacher')}» выдаётся сама, когда сотруднику назначается нагрузка; роль «{w.role('curator')}» —
        когда он назначен {w.term('curator', 'ins')}
        {w.kind === 'college' ? ` ${w.term('group', 'gen')}` : ''}.
      </p>
      {!staff ? (
        <Loading />
      ) : (
        <table className="table" aria-label="Сотрудники">
          <thead>
            <tr>
              <th>ФИО</th>
              <th>Логин</th>
              <th>Должность</th>
              <th>Роли</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.id} className={s.active ? '' : 'row-inactive'}>
                <td>{s.fullName}</td>
                <td>
                  <code>{s.login}</code>
                </td>
                <td>{s.position ?? ''}</td>
                <td className="small">{s.roles.map((r) => w.role(r as Role) ?? r).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {importing && <ImportDialog list="users" onClose={() => setImporting(false)} onImported={() => void reload()} />}
    </Card>
  );
}

function Students({ year, me }: Pick<StepProps, 'year' | 'me'>) {
  const w = useWords();
  const admin = me.roles.some((r) => r.role === 'admin');
  const { data, error, reload } = useCall('groups.list', { yearId: year.id });
  const [importing, setImporting] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  return (
    <Card
      title={`Обучающиеся по ${w.term('group', 'dat', 'many')}`}
      actions={
        <div className="row">
          {admin && year.status === 'open' && (
            <Button kind="secondary" onClick={() => setImporting(true)}>
              Загрузить обучающихся из Excel
            </Button>
          )}
          <Button kind="secondary" onClick={() => download({ list: 'students', yearId: year.id }).catch(setProblem)}>
            Выгрузить в Excel
          </Button>
        </div>
      }
    >
      <ErrorBanner error={error ?? problem} />
      <p className="muted small">
        Каждый обучающийся попадает в список {w.term('group', 'gen')} приказом о зачислении (номер и дата). Перевод и
        отчисление — тоже приказами, в разделе «{w.Term('group', 'nom', 'many')} и обучающиеся».
      </p>
      {!data ? (
        <Loading />
      ) : (
        <table className="table" aria-label={`${w.Term('group', 'nom', 'many')} и число обучающихся`}>
          <thead>
            <tr>
              <th>{w.Term('group')}</th>
              <th>Курс</th>
              <th>{w.Short('curator')}</th>
              <th>Обучающихся</th>
            </tr>
          </thead>
          <tbody>
            {data.map((g) => (
              <tr key={g.id}>
                <td>
                  <a href={`#/groups?group=${g.id}`}>{g.name}</a>
                </td>
                <td>{g.course}</td>
                <td>{g.curatorName ?? <span className="muted">—</span>}</td>
                <td>{g.students === 0 ? <span className="tag tag-warn">нет</span> : g.students}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {importing && (
        <ImportDialog
          list="students"
          yearId={year.id}
          onClose={() => setImporting(false)}
          onImported={() => void reload()}
        />
      )}
    </Card>
  );
}
