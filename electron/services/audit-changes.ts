// The audit log's values before and after as a person reads them: field by field, with the names of the
// users, departments and groups they mention.
import type { Words } from '../domain/vocabulary.js';
import { institutionWords } from './words.js';
import type { AuditChange } from '../api/contract.js';
import { ruDate, ruDateTime } from '../domain/format-dates.js';
import { BLOCK_SCOPE_LABELS, fieldLabel, REASON_LABELS } from './audit-labels.js';
import type { Db } from './context.js';
import { shortName } from './session.js';
import { chunks } from './users/rows.js';
import type { Role } from '../../db/schema.js';

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Names {
  users: Map<number, string>;
  departments: Map<number, string>;
  groups: Map<number, string>;
  /** The institution's words for roles and scopes. */
  words: Words;
}

/** A value as a person reads it. */
export function formatValue(field: string, value: unknown, names: Names): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (field === 'reason' && typeof value === 'string') return REASON_LABELS[value] ?? value;
  if (field === 'scope' && typeof value === 'string') return BLOCK_SCOPE_LABELS[value] ?? value;
  if (field === 'teacherId' && typeof value === 'number') return names.users.get(value) ?? `№${value}`;
  if (field === 'roles' && Array.isArray(value)) {
    if (value.length === 0) return 'нет ролей';
    return value
      .map((g) => {
        if (!isRecord(g)) return String(g);
        const name = names.words.role(g.role as Role) ?? String(g.role);
        const scope =
          typeof g.departmentId === 'number'
            ? (names.departments.get(g.departmentId) ?? `${names.words.term('department')} №${g.departmentId}`)
            : typeof g.groupId === 'number'
              ? `${names.words.term('group')} ${names.groups.get(g.groupId) ?? `№${g.groupId}`}`
              : null;
        return scope ? `${name} (${scope})` : name;
      })
      .join(', ');
  }
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) {
      return ruDateTime(value);
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return ruDate(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => formatValue('', v, names)).join(', ');
  if (isRecord(value))
    return Object.entries(value)
      .map(([k, v]) => `${fieldLabel(k, names.words)}: ${formatValue(k, v, names)}`)
      .join('; ');
  return String(value);
}

/** Field by field what changed; a creation lists what was set, a deletion what was there. */
export function changesOf(before: unknown, after: unknown, names: Names): AuditChange[] {
  if (before === null && after === null) return [];
  if ((before === null || isRecord(before)) && (after === null || isRecord(after))) {
    const b = (before ?? {}) as Record<string, unknown>;
    const a = (after ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys
      .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
      .map((k) => ({
        field: k,
        label: fieldLabel(k, names.words),
        before: k in b ? formatValue(k, b[k], names) : '',
        after: k in a ? formatValue(k, a[k], names) : '',
      }));
  }
  return [
    { field: '', label: 'Значение', before: formatValue('', before, names), after: formatValue('', after, names) },
  ];
}

/** Names of users, departments and groups mentioned in the values (roles, a journal's teacher). */
export async function namesFor(db: Db, values: unknown[]): Promise<Names> {
  const userIds = new Set<number>();
  const departmentIds = new Set<number>();
  const groupIds = new Set<number>();
  const visit = (v: unknown, key: string) => {
    if (Array.isArray(v)) v.forEach((x) => visit(x, key));
    else if (isRecord(v)) for (const [k, x] of Object.entries(v)) visit(x, k);
    else if (typeof v === 'number') {
      if (key === 'teacherId') userIds.add(v);
      if (key === 'departmentId') departmentIds.add(v);
      if (key === 'groupId') groupIds.add(v);
    }
  };
  values.forEach((v) => visit(v, ''));
  const names: Names = {
    users: new Map(),
    departments: new Map(),
    groups: new Map(),
    words: await institutionWords(db),
  };
  for (const chunk of chunks([...userIds])) {
    for (const u of await db
      .selectFrom('users')
      .select(['id', 'last_name', 'first_name', 'middle_name'])
      .where('id', 'in', chunk)
      .execute()) {
      names.users.set(u.id, shortName(u));
    }
  }
  for (const chunk of chunks([...departmentIds])) {
    for (const d of await db.selectFrom('departments').select(['id', 'name']).where('id', 'in', chunk).execute())
      names.departments.set(d.id, d.name);
  }
  for (const chunk of chunks([...groupIds])) {
    for (const g of await db.selectFrom('groups').select(['id', 'name']).where('id', 'in', chunk).execute())
      names.groups.set(g.id, g.name);
  }
  return names;
}
