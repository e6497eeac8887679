// Roles with their scope: a department for the head of department, a group for the curator.
import { useWords } from '../../components/words';
import type { RoleView, ScopeChoices } from '../../../electron/api/contract';
import { GRANTED_STAFF_ROLES, type Role } from '../../../electron/domain/enums';
import { Button } from '../../components/ui';
import type { Words } from '../../../electron/domain/vocabulary';

export interface GrantDraft {
  role: Role;
  departmentId: number | null;
  groupId: number | null;
}

/** What each role may do, in the institution's words. */
export function roleHints(w: Words): Partial<Record<Role, string>> {
  return {
    admin: 'пользователи, учебный год, настройки',
    director: 'просмотр всего, отчёты, заверенные копии',
    deputy: 'контроль журналов, замечания, отчёты',
    dept_head:
      `журналы и реестры ${w.term('group', 'gen', 'many')} ${w.short('department', 'gen')}, листки для ` + `родителей`,
    secretary: 'архив закрытого года',
    curator: `реестр ${w.gender('group') === 'f' ? 'своей' : 'своего'} ${w.term('group', 'gen')}, причины пропусков`,
    teacher: 'свои журналы (нагрузка года)',
  };
}

export function draftsOf(roles: RoleView[]): GrantDraft[] {
  return roles
    .filter((r) => r.role !== 'student' && r.role !== 'parent')
    .map((r) => ({ role: r.role, departmentId: r.departmentId, groupId: r.groupId }));
}

export function RolesEditor({
  value,
  onChange,
  scopes,
  errors,
}: {
  value: GrantDraft[];
  onChange: (next: GrantDraft[]) => void;
  scopes: ScopeChoices | undefined;
  errors: Record<string, string>;
}) {
  const w = useWords();
  const set = (i: number, patch: Partial<GrantDraft>) =>
    onChange(value.map((g, k) => (k === i ? { ...g, ...patch } : g)));
  return (
    <fieldset className="roles-editor">
      <legend>Роли</legend>
      {value.length === 0 && (
        <p className="muted small">Ролей нет: пользователь сможет только войти и сменить пароль.</p>
      )}
      {value.map((g, i) => {
        const error = errors[`roles.${i}.role`] ?? errors[`roles.${i}.departmentId`] ?? errors[`roles.${i}.groupId`];
        return (
          <div key={i} className={`role-row ${error ? 'field-invalid' : ''}`}>
            <select
              aria-label={`Роль ${i + 1}`}
              value={g.role}
              onChange={(e) => set(i, { role: e.target.value as Role, departmentId: null, groupId: null })}
            >
              {GRANTED_STAFF_ROLES.map((r) => (
                <option key={r} value={r}>
                  {w.role(r)}
                </option>
              ))}
            </select>
            {g.role === 'dept_head' && (
              <select
                aria-label={`${w.Short('department')} роли ${i + 1}`}
                value={g.departmentId ?? ''}
                onChange={(e) => set(i, { departmentId: e.target.value ? Number(e.target.value) : null })}
              >
                <option value="">— {w.short('department')} —</option>
                {scopes?.departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            )}
            {g.role === 'curator' && (
              <select
                aria-label={`${w.Term('group')} роли ${i + 1}`}
                value={g.groupId ?? ''}
                onChange={(e) => set(i, { groupId: e.target.value ? Number(e.target.value) : null })}
              >
                <option value="">— {w.term('group')} —</option>
                {scopes?.groups.map((gr) => (
                  <option key={gr.id} value={gr.id}>
                    {gr.name} ({gr.yearTitle}){gr.curatorName ? ` — ${w.term('curator')} ${gr.curatorName}` : ''}
                  </option>
                ))}
              </select>
            )}
            {g.role !== 'dept_head' && g.role !== 'curator' && (
              <span className="muted small">{roleHints(w)[g.role]}</span>
            )}
            <Button
              kind="link"
              aria-label={`Убрать роль ${w.role(g.role)}`}
              onClick={() => onChange(value.filter((_, k) => k !== i))}
            >
              убрать
            </Button>
            {error && <div className="field-error role-error">{error}</div>}
          </div>
        );
      })}
      <Button
        kind="secondary"
        onClick={() => onChange([...value, { role: 'teacher', departmentId: null, groupId: null }])}
      >
        + Добавить роль
      </Button>
    </fieldset>
  );
}

/** «Куратор группы (ЭС-21)» */
export function roleText(r: RoleView, w: Words): string {
  const scope = r.departmentName ?? (r.groupName ? `гр. ${r.groupName}` : null);
  return scope ? `${w.role(r.role)} (${scope})` : w.role(r.role);
}
