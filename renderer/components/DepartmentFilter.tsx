// The department filter of the lists a department head and the deputy share (registers, movements): everyone's
// departments for the deputy, the director and the administrator; a head's own ones for a head of several. A head of
// one department sees no choice to make.
import type { Me } from '../../electron/api/contract';
import { useCall } from './useCall';
import { useWords } from './words';

interface Props {
  me: Me;
  value: string;
  onChange: (value: string) => void;
}

export function DepartmentFilter({ me, value, onChange }: Props) {
  const w = useWords();
  const depts = useCall('departments.list', {});
  const all = me.roles.some((r) => ['admin', 'director', 'deputy'].includes(r.role));
  const headed = new Set(me.roles.filter((r) => r.role === 'dept_head').map((r) => r.departmentId));
  if (!all && headed.size < 2) return null;
  return (
    <label className="filter">
      {w.Term('department')}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all ? 'все' : `мои ${w.term('department', 'nom', 'many')}`}</option>
        {(depts.data ?? [])
          .filter((d) => all || headed.has(d.id))
          .map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
      </select>
    </label>
  );
}
