// The journals a user may open: a teacher's own, a curator's and a department head's groups, all for
// the administration — by group, with hours held against the plan and the last lesson entered.
import { useMemo, useState } from 'react';
import type { JournalListItem, Me } from '../../../electron/api/contract';
import { Card, ErrorBanner, Loading } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { useWords } from '../../components/words';
import { ruDate } from '../../../electron/domain/format-dates';

export function JournalListScreen({ me }: { me: Me }) {
  const { data, error, loading } = useCall('journal.list', {});
  const w = useWords();
  const [filter, setFilter] = useState('');
  const groups = useMemo(() => {
    const byGroup = new Map<string, JournalListItem[]>();
    const f = filter.trim().toLowerCase();
    for (const j of data ?? []) {
      if (f && !`${j.groupName} ${j.subjectName} ${j.teacherName}`.toLowerCase().includes(f)) continue;
      byGroup.set(j.groupName, [...(byGroup.get(j.groupName) ?? []), j]);
    }
    return [...byGroup.entries()];
  }, [data, filter]);
  const teacherOnly = me.roles.every((r) => r.role === 'teacher');
  if (loading && !data) return <Loading />;
  if (error) return <ErrorBanner error={error} />;
  return (
    <div className="page">
      <h1>{teacherOnly ? 'Мои журналы' : 'Журналы'}</h1>
      <div className="row">
        <input
          type="search"
          aria-label="Поиск журнала"
          placeholder={`${w.Term('group')}, ${w.term('subject')} или ${w.short('teacher')}`}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="search"
        />
        <span className="muted small">
          {data?.length ?? 0} журналов{data?.[0] ? ` · ${data[0].yearTitle} учебный год` : ''}
        </span>
      </div>
      {groups.length === 0 && (
        <p className="muted">
          Журналов нет. Учебную нагрузку ({w.term('group')} × {w.term('subject')} × {w.term('teacher')}) задаёт
          администратор.
        </p>
      )}
      <div className="cards">
        {groups.map(([group, list]) => (
          <Card key={group} title={`${w.Term('group')} ${group}`}>
            <table className="table">
              <thead>
                <tr>
                  <th>{w.Term('subject')}</th>
                  <th>{w.Short('teacher')}</th>
                  <th>Часы</th>
                  <th>Последнее занятие</th>
                </tr>
              </thead>
              <tbody>
                {list.map((j) => (
                  <tr key={j.id}>
                    <td>
                      <a href={`#/journal/${j.id}`}>
                        {j.subjectCode ? `${j.subjectCode} ` : ''}
                        {j.subjectName}
                        {j.subgroupNumber ? `, подгруппа ${j.subgroupNumber}` : ''}
                      </a>
                    </td>
                    <td>
                      {j.teacherName}
                      {j.mine && <span className="tag tag-ok">мой</span>}
                      {j.substitute && <span className="tag tag-info">замена</span>}
                    </td>
                    <td>
                      <Progress held={j.hoursHeld} planned={j.hoursPlanned} />
                    </td>
                    <td>{ruDate(j.lastLessonOn) || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        ))}
      </div>
    </div>
  );
}

function Progress({ held, planned }: { held: number; planned: number | null }) {
  if (!planned) return <span>{held} ч</span>;
  const share = Math.min(1, held / planned);
  return (
    <span className="progress" title={`Проведено ${held} ч из ${planned} ч по тематическому плану`}>
      <span className="progress-bar">
        <span style={{ width: `${Math.round(share * 100)}%` }} />
      </span>
      <span className="small">
        {held}/{planned}
      </span>
    </span>
  );
}
