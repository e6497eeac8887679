// Browsing the audit log (admin and director): filters, pages, the values before and after shown as a
// person reads them, and the Excel export — itself written to the log as an export of personal data.
import type { Words } from '../domain/vocabulary.js';
import { institutionWords } from './words.js';
import type {
  AuditChange,
  AuditOptions,
  AuditPage,
  AuditRow,
  FileOutput,
  LookupItem,
  Parsed,
} from '../api/contract.js';
import { XLSX_MIME } from '../api/contract.js';
import { badInput } from '../api/errors.js';
import { ruDate, ruDateTime } from '../domain/format-dates.js';
import { addTableSheet, createWorkbook, toBuffer } from '../export/xlsx.js';
import { auditExport } from './audit.js';
import { actionLabel, BLOCK_SCOPE_LABELS, entityLabel, fieldLabel, REASON_LABELS } from './audit-labels.js';
import type { AuthedContext, Db } from './context.js';
import { fileOutput } from './files.js';
import { currentYear } from './schedule.js';
import { fullName, shortName } from './session.js';
import { chunks } from './users/rows.js';
import type { Role } from '../../db/schema.js';

type Filter = Parsed<'audit.export'>;

/** The most rows one Excel export carries; narrow the filter for more. */
export const EXPORT_LIMIT = 100_000;

/** A local calendar day's first moment as the ISO instant the log stores. */
function dayStart(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y!, m! - 1, d!).toISOString();
}

function filtered(db: Db, f: Filter) {
  let q = db.selectFrom('audit_log as a');
  if (f.userId !== undefined) q = q.where('a.user_id', '=', f.userId);
  if (f.journalId !== undefined) q = q.where('a.journal_id', '=', f.journalId);
  if (f.studentId !== undefined) q = q.where('a.student_id', '=', f.studentId);
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.entity) q = q.where('a.entity', '=', f.entity);
  if (f.from) q = q.where('a.at', '>=', dayStart(f.from));
  if (f.to) {
    const [y, m, d] = f.to.split('-').map(Number);
    q = q.where('a.at', '<', new Date(y!, m! - 1, d! + 1).toISOString());
  }
  return q;
}

function parse(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Names {
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
async function namesFor(db: Db, values: unknown[]): Promise<Names> {
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

async function journalTitles(db: Db, ids: number[]): Promise<Map<number, string>> {
  const titles = new Map<number, string>();
  for (const chunk of chunks(ids)) {
    const rows = await db
      .selectFrom('journals as j')
      .innerJoin('groups as g', 'g.id', 'j.group_id')
      .innerJoin('subjects as s', 's.id', 'j.subject_id')
      .innerJoin('academic_years as y', 'y.id', 'j.year_id')
      .leftJoin('subgroups as sg', 'sg.id', 'j.subgroup_id')
      .select(['j.id', 'g.name as group', 's.name as subject', 'sg.number as subgroup', 'y.title as year'])
      .where('j.id', 'in', chunk)
      .execute();
    for (const r of rows)
      titles.set(r.id, `${r.group}${r.subgroup ? ` (подгр. ${r.subgroup})` : ''} · ${r.subject} · ${r.year}`);
  }
  return titles;
}

async function describeRows(
  db: Db,
  raw: Array<{
    id: number;
    at: string;
    user_id: number | null;
    login: string | null;
    action: string;
    entity: string;
    entity_id: string | null;
    journal_id: number | null;
    student_id: number | null;
    before: string | null;
    after: string | null;
  }>,
): Promise<AuditRow[]> {
  const uniq = (xs: Array<number | null>) => [...new Set(xs.filter((x): x is number => x !== null))];
  const users = new Map<number, string>();
  for (const chunk of chunks(uniq(raw.map((r) => r.user_id)))) {
    for (const u of await db
      .selectFrom('users')
      .select(['id', 'last_name', 'first_name', 'middle_name'])
      .where('id', 'in', chunk)
      .execute()) {
      users.set(u.id, fullName(u));
    }
  }
  const students = new Map<number, string>();
  for (const chunk of chunks(uniq(raw.map((r) => r.student_id)))) {
    for (const s of await db
      .selectFrom('students')
      .select(['id', 'last_name', 'first_name', 'middle_name'])
      .where('id', 'in', chunk)
      .execute()) {
      students.set(s.id, fullName(s));
    }
  }
  const entityUsers = new Map<number, string>();
  const userEntityIds = uniq(
    raw.filter((r) => r.entity === 'user' && /^\d+$/.test(r.entity_id ?? '')).map((r) => Number(r.entity_id)),
  );
  for (const chunk of chunks(userEntityIds)) {
    for (const u of await db
      .selectFrom('users')
      .select(['id', 'login', 'last_name', 'first_name', 'middle_name'])
      .where('id', 'in', chunk)
      .execute()) {
      entityUsers.set(u.id, `${shortName(u)} (${u.login})`);
    }
  }
  const journals = await journalTitles(
    db,
    uniq([
      ...raw.map((r) => r.journal_id),
      ...raw.filter((r) => r.entity === 'journal' && /^\d+$/.test(r.entity_id ?? '')).map((r) => Number(r.entity_id)),
    ]),
  );
  const titleOf = (entity: string, id: string | null): string | null => {
    if (id === null || !/^\d+$/.test(id)) return null;
    if (entity === 'user') return entityUsers.get(Number(id)) ?? null;
    if (entity === 'journal') return journals.get(Number(id)) ?? null;
    return null;
  };
  const parsed = raw.map((r) => ({ r, before: parse(r.before), after: parse(r.after) }));
  const names = await namesFor(
    db,
    parsed.flatMap((p) => [p.before, p.after]),
  );
  return parsed.map(({ r, before, after }) => ({
    id: r.id,
    at: r.at,
    userId: r.user_id,
    login: r.login,
    userName: r.user_id !== null ? (users.get(r.user_id) ?? null) : null,
    action: r.action,
    actionLabel: actionLabel(r.action, names.words),
    entity: r.entity,
    entityLabel: entityLabel(r.entity, names.words),
    entityId: r.entity_id,
    entityTitle: titleOf(r.entity, r.entity_id),
    journalId: r.journal_id,
    journalTitle: r.journal_id !== null ? (journals.get(r.journal_id) ?? null) : null,
    studentId: r.student_id,
    studentName: r.student_id !== null ? (students.get(r.student_id) ?? null) : null,
    before,
    after,
    changes: changesOf(before, after, names),
  }));
}

export async function list(ctx: AuthedContext, input: Parsed<'audit.list'>): Promise<AuditPage> {
  const total = Number(
    (
      await filtered(ctx.db, input)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );
  const pages = Math.max(1, Math.ceil(total / input.pageSize));
  const page = Math.min(input.page, pages);
  const raw = await filtered(ctx.db, input)
    .selectAll('a')
    .orderBy('a.id', 'desc')
    .limit(input.pageSize)
    .offset((page - 1) * input.pageSize)
    .execute();
  return { rows: await describeRows(ctx.db, raw), total, page, pageSize: input.pageSize };
}

export async function options(ctx: AuthedContext): Promise<AuditOptions> {
  const actions = await ctx.db.selectFrom('audit_log').select('action').distinct().execute();
  const entities = await ctx.db.selectFrom('audit_log').select('entity').distinct().execute();
  const users = await ctx.db
    .selectFrom('users')
    .select(['id', 'login', 'last_name', 'first_name', 'middle_name'])
    .where('id', 'in', ctx.db.selectFrom('audit_log').select('user_id').where('user_id', 'is not', null))
    .execute();
  const ru = (a: string, b: string) => a.localeCompare(b, 'ru');
  const w = await institutionWords(ctx.db);
  return {
    actions: actions
      .map((a) => ({ code: a.action, label: actionLabel(a.action, w) }))
      .sort((a, b) => ru(a.label, b.label)),
    entities: entities
      .map((e) => ({ code: e.entity, label: entityLabel(e.entity, w) }))
      .sort((a, b) => ru(a.label, b.label)),
    users: users
      .map((u) => ({ id: u.id, login: u.login, fullName: fullName(u) }))
      .sort((a, b) => ru(a.fullName, b.fullName)),
  };
}

/** Journals (current year first) or students whose title or name holds every word typed. */
export async function lookup(ctx: AuthedContext, input: Parsed<'audit.lookup'>): Promise<LookupItem[]> {
  const words = input.query.toLowerCase().replaceAll('ё', 'е').split(/\s+/).filter(Boolean);
  const hit = (label: string) => {
    const l = label.toLowerCase().replaceAll('ё', 'е');
    return words.every((w) => l.includes(w));
  };
  if (input.kind === 'student') {
    const rows = await ctx.db.selectFrom('students').select(['id', 'last_name', 'first_name', 'middle_name']).execute();
    return rows
      .map((s) => ({ id: s.id, label: fullName(s) }))
      .filter((s) => hit(s.label))
      .sort((a, b) => a.label.localeCompare(b.label, 'ru'))
      .slice(0, 20);
  }
  const year = await currentYear(ctx.db, ctx.clock.today());
  const ids = (await ctx.db.selectFrom('journals').select(['id', 'year_id']).execute())
    .sort((a, b) => Number(b.year_id === year?.id) - Number(a.year_id === year?.id) || a.id - b.id)
    .map((j) => j.id);
  const titles = await journalTitles(ctx.db, ids);
  return ids
    .map((id) => ({ id, label: titles.get(id)! }))
    .filter((j) => hit(j.label))
    .slice(0, 20);
}

export async function exportXlsx(
  ctx: AuthedContext,
  input: Parsed<'audit.export'>,
): Promise<FileOutput & { rows: number }> {
  const total = Number(
    (
      await filtered(ctx.db, input)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );
  if (total > EXPORT_LIMIT) {
    throw badInput(
      `Отобрано ${total} записей — больше ${EXPORT_LIMIT} за одну выгрузку. Сузьте отбор по датам или пользователю`,
    );
  }
  const rows: AuditRow[] = [];
  for (let offset = 0; offset < total; offset += 5000) {
    const raw = await filtered(ctx.db, input)
      .selectAll('a')
      .orderBy('a.id', 'desc')
      .limit(5000)
      .offset(offset)
      .execute();
    rows.push(...(await describeRows(ctx.db, raw)));
  }
  const now = ctx.clock.now();
  const wb = createWorkbook({ createdAt: now });
  addTableSheet(wb, {
    name: 'Журнал аудита',
    title: `Журнал аудита — выгружено ${ruDateTime(now)}`,
    columns: [
      { header: '№', key: 'id', type: 'integer' },
      { header: 'Когда', key: 'at', type: 'datetime' },
      { header: 'Логин', key: 'login', type: 'text', width: 14 },
      { header: 'Пользователь', key: 'userName', type: 'text', width: 30 },
      { header: 'Действие', key: 'actionLabel', type: 'text', width: 36 },
      { header: 'Объект', key: 'entityLabel', type: 'text', width: 16 },
      { header: 'Код объекта', key: 'entityId', type: 'text', width: 10 },
      { header: 'Какой', key: 'entityTitle', type: 'text', width: 30 },
      { header: 'Журнал', key: 'journalTitle', type: 'text', width: 36 },
      { header: 'Обучающийся', key: 'studentName', type: 'text', width: 30 },
      { header: 'Было', key: 'beforeText', type: 'text', width: 50 },
      { header: 'Стало', key: 'afterText', type: 'text', width: 50 },
    ],
    rows: rows.map((r) => ({
      ...r,
      beforeText: r.changes
        .filter((c) => c.before !== '')
        .map((c) => `${c.label}: ${c.before}`)
        .join('\n'),
      afterText: r.changes
        .filter((c) => c.after !== '')
        .map((c) => `${c.label}: ${c.after}`)
        .join('\n'),
    })),
  });
  const bytes = await toBuffer(wb);
  // Writing the export to the log comes before the file leaves: an export that cannot be logged does not happen.
  await ctx.db.transaction().execute(async (trx) => {
    await auditExport(trx, ctx.session, now, 'audit_log', {
      what: 'Журнал аудита (Excel)',
      rows: rows.length,
      filter: describeFilter(input),
    });
  });
  const stamp = ctx.clock.today().split('-').reverse().join('.');
  return { ...fileOutput(`Журнал аудита ${stamp}.xlsx`, XLSX_MIME, new Uint8Array(bytes)), rows: rows.length };
}

function describeFilter(f: Filter): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
