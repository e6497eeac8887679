// The administrator's lists: users with search and filters, one user's card, the scopes a role can
// have, and the current year's journals with their teachers.
import type { Role } from '../../../db/schema.js';
import type { JournalChoice, Parsed, ScopeChoices, UserDetail, UserPage, UserRow } from '../../api/contract.js';
import { ALL_ROLES } from '../../api/define.js';
import { badInput, notFound } from '../../api/errors.js';
import type { AuthedContext, Db } from '../context.js';
import { currentYear } from '../schedule.js';
import { shortName } from '../session.js';
import { describeUser, describeUsers } from './rows.js';
import { withJournalNames } from '../journal-names.js';

/** Case-insensitive for Cyrillic on both databases (SQLite's LIKE and lower() know only ASCII): filtered here. */
export function matchesSearch(u: UserRow, search: string): boolean {
  const norm = (s: string) => s.toLowerCase().replaceAll('ё', 'е');
  const words = norm(search).split(/\s+/).filter(Boolean);
  const hay = norm(
    [
      u.login,
      u.lastName,
      u.firstName,
      u.middleName ?? '',
      u.position ?? '',
      u.email ?? '',
      u.phone ?? '',
      u.student?.fullName ?? '',
      ...u.children.map((c) => c.fullName),
    ].join(' '),
  );
  return words.every((w) => hay.includes(w));
}

export async function list(ctx: AuthedContext, input: Parsed<'users.list'>): Promise<UserPage> {
  const role = input.role || null;
  if (role && !(ALL_ROLES as readonly string[]).includes(role))
    throw badInput(`Неизвестная роль «${role}»`, { role: 'Неизвестная роль' });
  const all = await describeUsers(ctx.db, null, ctx.clock.now(), ctx.clock.today());
  const roleCounts: Partial<Record<Role, number>> = {};
  for (const u of all) for (const r of new Set(u.roles.map((g) => g.role))) roleCounts[r] = (roleCounts[r] ?? 0) + 1;
  const search = input.search?.trim() ?? '';
  const rows = all.filter(
    (u) =>
      (!role || u.roles.some((g) => g.role === role)) &&
      (input.status === 'all' ||
        (input.status === 'active' && u.active) ||
        (input.status === 'inactive' && !u.active) ||
        (input.status === 'locked' && u.lockedUntil !== null) ||
        (input.status === 'must_change' && u.mustChangePassword)) &&
      (!search || matchesSearch(u, search)),
  );
  const pages = Math.max(1, Math.ceil(rows.length / input.pageSize));
  const page = Math.min(input.page, pages);
  return {
    rows: rows.slice((page - 1) * input.pageSize, page * input.pageSize),
    total: rows.length,
    page,
    pageSize: input.pageSize,
    roleCounts,
  };
}

export async function get(ctx: AuthedContext, input: Parsed<'users.get'>): Promise<UserDetail> {
  const row = await describeUser(ctx.db, input.id, ctx.clock.now(), ctx.clock.today());
  if (!row) throw notFound('Пользователь');
  const journals = (await journalChoices(ctx.db, ctx.clock.today())).filter((j) => j.teacherId === row.id);
  return { ...row, journals };
}

export async function scopes(ctx: AuthedContext): Promise<ScopeChoices> {
  const departments = await ctx.db.selectFrom('departments').select(['id', 'name']).orderBy('name').execute();
  const groups = await ctx.db
    .selectFrom('groups as g')
    .innerJoin('academic_years as y', 'y.id', 'g.year_id')
    .leftJoin('users as u', 'u.id', 'g.curator_user_id')
    .select(['g.id', 'g.name', 'g.department_id', 'y.title', 'u.last_name', 'u.first_name', 'u.middle_name'])
    .where('y.status', '=', 'open')
    .execute();
  return {
    departments,
    groups: groups
      .map((g) => ({
        id: g.id,
        name: g.name,
        departmentId: g.department_id,
        yearTitle: g.title,
        curatorName: g.last_name
          ? shortName({ last_name: g.last_name, first_name: g.first_name ?? '', middle_name: g.middle_name })
          : null,
      }))
      .sort((a, b) => a.yearTitle.localeCompare(b.yearTitle) || a.name.localeCompare(b.name, 'ru', { numeric: true })),
  };
}

/** Journals of the current year, or one journal of any year. */
export async function journalChoices(db: Db, today: string, journalId?: number): Promise<JournalChoice[]> {
  const year = journalId === undefined ? await currentYear(db, today) : null;
  if (journalId === undefined && !year) return [];
  const rows = await db
    .selectFrom('journals as j')
    .$call(withJournalNames)
    .select([
      'j.id',
      'j.version',
      'g.name as group',
      's.name as subject',
      's.code',
      'sg.number as subgroup',
      'j.teacher_user_id',
      't.last_name',
      't.first_name',
      't.middle_name',
    ])
    .$if(year !== null, (q) => q.where('j.year_id', '=', year!.id))
    .$if(journalId !== undefined, (q) => q.where('j.id', '=', journalId!))
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      version: r.version,
      groupName: r.group,
      subjectName: r.code ? `${r.code} ${r.subject}` : r.subject,
      subgroup: r.subgroup ?? null,
      teacherId: r.teacher_user_id,
      teacherName: shortName(r),
    }))
    .sort(
      (a, b) =>
        a.groupName.localeCompare(b.groupName, 'ru', { numeric: true }) ||
        a.subjectName.localeCompare(b.subjectName, 'ru') ||
        (a.subgroup ?? 0) - (b.subgroup ?? 0),
    );
}

export async function journals(ctx: AuthedContext): Promise<JournalChoice[]> {
  return journalChoices(ctx.db, ctx.clock.today());
}

/** A teacher's own journals: 000 §3.5, 003 §3.6 — only the groups and subjects they teach. */
export async function myJournals(ctx: AuthedContext): Promise<JournalChoice[]> {
  return (await journalChoices(ctx.db, ctx.clock.today())).filter((j) => j.teacherId === ctx.session.userId);
}
