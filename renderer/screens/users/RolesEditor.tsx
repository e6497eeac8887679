// Roles with their scope: a department for the head of department, a group for the curator.
import type { RoleView, ScopeChoices } from '../../../electron/api/contract';
import { STAFF_ROLES, type Role } from '../../../electron/domain/enums';
import { Button } from '../../components/ui';
import { ROLE_LABELS } from '../../../electron/domain/labels';

export interface GrantDraft {
  role: Role;
  departmentId: number | null;
  groupId: number | null;
}

export const ROLE_HINTS: Partial<Record<Role, string>> = {
  admin: 'пользователи, учебный год, настройки',
  director: 'просмотр всего, отчёты, заверенные копии',
  deputy: 'контроль журналов, замечания, отчёты',
  dept_head: 'журналы и реестры групп отделения, листки для родителей',
  secretary: 'архив закрытого года',
  curator: 'реестр своей группы, причины пропусков',
  teacher: 'свои журналы (нагрузка года)',
};

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
              {STAFF_ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
            {g.role === 'dept_head' && (
              <select
                aria-label={`Отделение роли ${i + 1}`}
                value={g.departmentId ?? ''}
                onChange={(e) => set(i, { departmentId: e.target.value ? Number(e.target.value) : null })}
              >
                <option value="">— отделение —</option>
                {scopes?.departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            )}
            {g.role === 'curator' && (
              <select
                aria-label={`Группа роли ${i + 1}`}
                value={g.groupId ?? ''}
                onChange={(e) => set(i, { groupId: e.target.value ? Number(e.target.value) : null })}
              >
                <option value="">— группа —</option>
                {scopes?.groups.map((gr) => (
                  <option key={gr.id} value={gr.id}>
                    {gr.name} ({gr.yearTitle}){gr.curatorName ? ` — куратор ${gr.curatorName}` : ''}
                  </option>
                ))}
              </select>
            )}
            {g.role !== 'dept_head' && g.role !== 'curator' && (
              <span className="muted small">{ROLE_HINTS[g.role]}</span>
            )}
            <Button
              kind="link"
              aria-label={`Убрать роль ${ROLE_LABELS[g.role]}`}
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
export function roleText(r: RoleView): string {
  const scope = r.departmentName ?? (r.groupName ? `гр. ${r.groupName}` : null);
  return scope ? `${ROLE_LABELS[r.role]} (${scope})` : ROLE_LABELS[r.role];
}
