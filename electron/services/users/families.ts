// The groups a caller issues student and parent credentials for (all of the current year for the
// administrator, their department's for its head), and one group's roster with the accounts.
import { institutionWords } from '../words.js';
import type { FamilyAccount, FamilyList, Parsed } from '../../api/contract.js';
import { forbidden, notFound } from '../../api/errors.js';
import { headedDepartmentIds } from '../access.js';
import { hasRole, type AuthedContext, type Db } from '../context.js';
import { rosterOn } from '../rosters.js';
import { currentYear } from '../schedule.js';
import { fullName } from '../session.js';

export async function groupsInReach(ctx: AuthedContext) {
  const year = await currentYear(ctx.db, ctx.clock.today());
  if (!year) return [];
  const admin = hasRole(ctx.session, 'admin');
  const departments = headedDepartmentIds(ctx.session);
  if (!admin && departments.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('groups as g')
    .leftJoin('departments as d', 'd.id', 'g.department_id')
    .select(['g.id', 'g.name', 'd.name as department'])
    .where('g.year_id', '=', year.id)
    .$if(!admin, (q) => q.where('g.department_id', 'in', departments))
    .execute();
  return rows
    .map((r) => ({ id: r.id, name: r.name, departmentName: r.department ?? null }))
    .sort(
      (a, b) =>
        (a.departmentName ?? '').localeCompare(b.departmentName ?? '', 'ru') ||
        a.name.localeCompare(b.name, 'ru', { numeric: true }),
    );
}

async function accounts(db: Db, userIds: number[], now: Date): Promise<Map<number, FamilyAccount>> {
  const map = new Map<number, FamilyAccount>();
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom('users')
    .select(['id', 'login', 'active', 'must_change_password', 'last_login_at', 'locked_until'])
    .where('id', 'in', userIds)
    .execute();
  const nowIso = now.toISOString();
  for (const u of rows) {
    map.set(u.id, {
      userId: u.id,
      login: u.login,
      active: u.active === 1,
      mustChangePassword: u.must_change_password === 1,
      lastLoginAt: u.last_login_at,
      locked: Boolean(u.locked_until && u.locked_until > nowIso),
    });
  }
  return map;
}

export async function families(ctx: AuthedContext, input: Parsed<'users.families'>): Promise<FamilyList> {
  const groups = await groupsInReach(ctx);
  let groupId = input.groupId ?? groups[0]?.id ?? null;
  if (input.groupId !== undefined && !groups.some((g) => g.id === input.groupId)) {
    const exists = await ctx.db.selectFrom('groups').select('id').where('id', '=', input.groupId).executeTakeFirst();
    const w = await institutionWords(ctx.db);
    if (!exists) throw notFound(w.Term('group'));
    throw forbidden(
      `Недостаточно прав: листки выдаются только обучающимся и родителям своего ${w.term('department', 'gen')}`,
    );
  }
  if (groupId === null) return { groups, groupId: null, students: [] };
  groupId = Number(groupId);
  const roster = await rosterOn(ctx.db, groupId, ctx.clock.today());
  const studentIds = [...new Set(roster.map((r) => r.studentId))];
  if (studentIds.length === 0) return { groups, groupId, students: [] };
  const students = await ctx.db
    .selectFrom('students')
    .select(['id', 'user_id'])
    .where('id', 'in', studentIds)
    .execute();
  const guardians = await ctx.db
    .selectFrom('guardians')
    .select(['id', 'student_id', 'full_name', 'relation', 'user_id'])
    .where('student_id', 'in', studentIds)
    .orderBy('id')
    .execute();
  const userIds = [...students.map((s) => s.user_id), ...guardians.map((g) => g.user_id)].filter(
    (id): id is number => id !== null,
  );
  const byUser = await accounts(ctx.db, [...new Set(userIds)], ctx.clock.now());
  const userOf = new Map(students.map((s) => [s.id, s.user_id]));
  const seen = new Set<number>();
  return {
    groups,
    groupId,
    students: roster
      .filter((r) => !seen.has(r.studentId) && seen.add(r.studentId))
      .map((r) => {
        const userId = userOf.get(r.studentId) ?? null;
        return {
          studentId: r.studentId,
          fullName: fullName({ last_name: r.lastName, first_name: r.firstName, middle_name: r.middleName }),
          account: userId ? (byUser.get(userId) ?? null) : null,
          guardians: guardians
            .filter((g) => g.student_id === r.studentId)
            .map((g) => ({
              guardianId: g.id,
              fullName: g.full_name,
              relation: g.relation,
              account: g.user_id ? (byUser.get(g.user_id) ?? null) : null,
            })),
        };
      }),
  };
}
