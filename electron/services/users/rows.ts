// Reading accounts as the users screen shows them: the person, the state of the account, the roles
// with the names of their scopes, and the student or children an account of the family is linked to.
import type { Role } from '../../../db/schema.js';
import type { LinkedStudent, RoleView, UserRow } from '../../api/contract.js';
import type { Db } from '../context.js';
import { currentYear } from '../schedule.js';
import { fullName } from '../session.js';

const USER_COLUMNS = [
  'id',
  'login',
  'last_name',
  'first_name',
  'middle_name',
  'position',
  'phone',
  'email',
  'active',
  'must_change_password',
  'failed_attempts',
  'locked_until',
  'last_login_at',
  'created_at',
  'version',
] as const;

/** The group each student is in on the day (the latest enrolment if several). */
export async function groupNamesOn(db: Db, studentIds: number[], today: string): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  if (studentIds.length === 0) return names;
  for (const chunk of chunks(studentIds)) {
    const rows = await db
      .selectFrom('enrolments as e')
      .innerJoin('groups as g', 'g.id', 'e.group_id')
      .select(['e.student_id', 'g.name', 'e.from_date'])
      .where('e.student_id', 'in', chunk)
      .where('e.from_date', '<=', today)
      .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', today)]))
      .orderBy('e.from_date')
      .execute();
    for (const r of rows) names.set(r.student_id, r.name);
  }
  return names;
}

/** Splits a long id list so that no query carries thousands of parameters. */
export function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows for the given users (all users when `ids` is null), in the order of the ids or by name. */
export async function describeUsers(db: Db, ids: number[] | null, now: Date, today: string): Promise<UserRow[]> {
  if (ids && ids.length === 0) return [];
  const users = [];
  for (const chunk of ids ? chunks(ids) : [null]) {
    let q = db.selectFrom('users').select(USER_COLUMNS);
    if (chunk) q = q.where('id', 'in', chunk);
    users.push(...(await q.execute()));
  }
  const userIds = users.map((u) => u.id);
  const roles = [];
  const students = [];
  const guardians = [];
  for (const chunk of ids ? chunks(userIds) : [null]) {
    roles.push(
      ...(await db
        .selectFrom('user_roles as r')
        .leftJoin('departments as d', 'd.id', 'r.department_id')
        .leftJoin('groups as g', 'g.id', 'r.group_id')
        .select([
          'r.id',
          'r.user_id',
          'r.role',
          'r.department_id',
          'd.name as department',
          'r.group_id',
          'g.name as group',
        ])
        .$if(chunk !== null, (q) => q.where('r.user_id', 'in', chunk!))
        .orderBy('r.id')
        .execute()),
    );
    students.push(
      ...(await db
        .selectFrom('students')
        .select(['id', 'user_id', 'last_name', 'first_name', 'middle_name'])
        .where('user_id', 'is not', null)
        .$if(chunk !== null, (q) => q.where('user_id', 'in', chunk!))
        .execute()),
    );
    guardians.push(
      ...(await db
        .selectFrom('guardians as gu')
        .innerJoin('students as s', 's.id', 'gu.student_id')
        .select(['gu.user_id', 's.id', 's.last_name', 's.first_name', 's.middle_name'])
        .where('gu.user_id', 'is not', null)
        .$if(chunk !== null, (q) => q.where('gu.user_id', 'in', chunk!))
        .execute()),
    );
  }
  const groupNames = await groupNamesOn(db, [...new Set([...students, ...guardians].map((s) => s.id))], today);
  const linked = (s: {
    id: number;
    last_name: string;
    first_name: string;
    middle_name: string | null;
  }): LinkedStudent => ({ studentId: s.id, fullName: fullName(s), groupName: groupNames.get(s.id) ?? null });

  const year = await currentYear(db, today);
  const journalCounts = new Map<number, number>();
  if (year) {
    const counts = await db
      .selectFrom('journals')
      .select(['teacher_user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('year_id', '=', year.id)
      .groupBy('teacher_user_id')
      .execute();
    for (const c of counts) journalCounts.set(c.teacher_user_id, Number(c.n));
  }

  const rolesBy = group(roles, (r) => r.user_id);
  const studentBy = new Map(students.map((s) => [s.user_id!, s]));
  const childrenBy = group(guardians, (g) => g.user_id!);
  const nowIso = now.toISOString();
  const rows = users.map((u): UserRow => {
    const student = studentBy.get(u.id);
    const children = new Map((childrenBy.get(u.id) ?? []).map((c) => [c.id, linked(c)]));
    return {
      id: u.id,
      login: u.login,
      lastName: u.last_name,
      firstName: u.first_name,
      middleName: u.middle_name,
      fullName: fullName(u),
      position: u.position,
      phone: u.phone,
      email: u.email,
      active: u.active === 1,
      mustChangePassword: u.must_change_password === 1,
      lockedUntil: u.locked_until && u.locked_until > nowIso ? u.locked_until : null,
      failedAttempts: u.failed_attempts,
      lastLoginAt: u.last_login_at,
      createdAt: u.created_at,
      version: u.version,
      roles: (rolesBy.get(u.id) ?? []).map((r): RoleView => ({
        role: r.role as Role,
        departmentId: r.department_id,
        departmentName: r.department ?? null,
        groupId: r.group_id,
        groupName: r.group ?? null,
      })),
      student: student ? linked(student) : null,
      children: [...children.values()],
      journalCount: journalCounts.get(u.id) ?? 0,
    };
  });
  if (ids) {
    const order = new Map(ids.map((id, i) => [id, i]));
    return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }
  return rows.sort(byPerson);
}

export async function describeUser(db: Db, id: number, now: Date, today: string): Promise<UserRow | null> {
  return (await describeUsers(db, [id], now, today))[0] ?? null;
}

/** Russian alphabetical order by surname, name and login («ё» as «е»), the same on both databases. */
export function byPerson(a: UserRow, b: UserRow): number {
  const key = (u: UserRow) => `${u.lastName} ${u.firstName} ${u.middleName ?? ''}`.toLowerCase().replaceAll('ё', 'е');
  return key(a).localeCompare(key(b), 'ru') || a.login.localeCompare(b.login);
}

function group<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
