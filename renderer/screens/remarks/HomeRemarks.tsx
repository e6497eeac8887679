// The home page's list of remarks waiting for the teacher (000 §3.5.3), overdue ones first and marked.
import type { Me } from '../../../electron/api/contract';
import { Card, ErrorBanner } from '../../components/ui';
import { useCall } from '../../components/useCall';
import { plural } from '../../../electron/domain/format-numbers';
import { ruDate } from '../../../electron/domain/format-dates';

export function HomeRemarks({ me }: { me: Me }) {
  const teacher = me.roles.some((g) => g.role === 'teacher');
  const { data, error } = useCall('remarks.list', { filter: 'active' });
  if (!teacher) return null;
  const mine = (data ?? []).filter((r) => r.teacherId === me.userId);
  return (
    <Card title="Замечания заместителя директора" actions={<a href="#/remarks">Все замечания</a>}>
      <ErrorBanner error={error} />
      {data && mine.length === 0 && <p className="muted">Замечаний, ждущих ответа, нет.</p>}
      <ul className="plain home-remarks">
        {mine.slice(0, 6).map((r) => (
          <li key={r.id} className={r.overdue ? 'remark-overdue' : ''}>
            <a href="#/remarks">
              {r.groupName} · {r.subjectName}
            </a>
            <div className="small">{r.text.length > 140 ? `${r.text.slice(0, 140)}…` : r.text}</div>
            <div className={`small ${r.overdue ? 'due-overdue' : 'muted'}`}>
              срок {ruDate(r.dueOn)}
              {r.overdue ? ` — просрочено на ${r.daysOverdue} ${plural(r.daysOverdue, 'день', 'дня', 'дней')}` : ''}
            </div>
          </li>
        ))}
      </ul>
      {mine.length > 6 && <p className="muted small">и ещё {mine.length - 6}</p>}
    </Card>
  );
}
