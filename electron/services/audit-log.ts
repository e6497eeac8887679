// Browsing the audit log (admin and director): filters, pages, the values before and after shown as a
// person reads them (audit-changes.ts); the Excel export is in audit-export.ts.
import type { AuditOptions, AuditPage, AuditRow, LookupItem, Parsed } from '../api/contract.js';
import { actionLabel, entityLabel } from './audit-labels.js';
import { changesOf, namesFor } from './audit-changes.js';
import { institutionWords } from './words.js';
import type { AuthedContext, Db } from './context.js';
import { currentYear } from './schedule.js';
import { fullName, shortName } from './session.js';
import { chunks } from './users/rows.js';

export type Filter = Parsed<'audit.export'>;
/** A local calendar day's first moment as the ISO instant the log stores. */
function dayStart(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y!, m! - 1, d!).toISOString();
}

export function filtered(db: Db, f: Filter) {
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

export async function describeRows(
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
    reason?: string | null;
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
    reason: r.reason ?? null,
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
