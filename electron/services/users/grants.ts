// Roles with their scope, checked before anything is written: a department head heads a department,
// a curator leads a group of an open year, every other staff role has no scope. Student and parent
// roles are not given here: they come with the account created for a student or a guardian.
import { institutionWords } from '../words.js';
import type { Role } from '../../../db/schema.js';
import { FAMILY_ROLES } from '../../api/methods/users.js';
import { GRANTED_STAFF_ROLES } from '../../domain/enums.js';
import { AppError, badInput } from '../../api/errors.js';
import type { Db } from '../context.js';
import { shortName } from '../session.js';

export interface GrantInput {
  role: string;
  departmentId?: number | null | undefined;
  groupId?: number | null | undefined;
}

export interface Grant {
  role: Role;
  departmentId: number | null;
  groupId: number | null;
}

export const grantKey = (g: Grant) => `${g.role}|${g.departmentId ?? ''}|${g.groupId ?? ''}`;

/** Validates the roles for a user; refuses with a Russian message per field, writing nothing. */
export async function validateGrants(db: Db, input: GrantInput[], userId: number | null): Promise<Grant[]> {
  const fields: Record<string, string> = {};
  const out = new Map<string, Grant>();
  const w = await institutionWords(db);
  const agreed = (forms: Record<'f' | 'm' | 'n', string>, term: 'group' | 'department') => forms[w.gender(term)];
  const fail = (key: string, message: string) => {
    fields[key] ??= message;
  };
  for (const [i, g] of input.entries()) {
    const at = `roles.${i}`;
    const role = g.role as Role;
    if ((FAMILY_ROLES as readonly string[]).includes(g.role)) {
      fail(
        `${at}.role`,
        `Роль «${w.role(role)}» выдаётся вместе с листком с паролем (раздел «Доступ обучающихся и родителей»)`,
      );
      continue;
    }
    if (!(GRANTED_STAFF_ROLES as readonly string[]).includes(g.role)) {
      fail(`${at}.role`, `Неизвестная роль «${g.role}»`);
      continue;
    }
    const departmentId = g.departmentId ?? null;
    const groupId = g.groupId ?? null;
    if (role === 'dept_head') {
      if (groupId !== null)
        fail(
          `${at}.groupId`,
          `У роли «${w.role('dept_head')}» область — ${w.term('department')}, не ${w.term('group')}`,
        );
      if (departmentId === null) {
        fail(`${at}.departmentId`, `Укажите ${w.term('department', 'acc')} для роли «${w.role('dept_head')}»`);
        continue;
      }
      const d = await db.selectFrom('departments').select('id').where('id', '=', departmentId).executeTakeFirst();
      if (!d) {
        fail(
          `${at}.departmentId`,
          `${w.Term('department')} №${departmentId} не ` +
            `${agreed({ f: 'найдена', m: 'найден', n: 'найдено' }, 'department')}`,
        );
        continue;
      }
    } else if (role === 'curator') {
      if (departmentId !== null)
        fail(
          `${at}.departmentId`,
          `У роли «${w.role('curator')}» область — ${w.term('group')}, не ${w.term('department')}`,
        );
      if (groupId === null) {
        fail(`${at}.groupId`, `Укажите ${w.term('group', 'acc')} для роли «${w.role('curator')}»`);
        continue;
      }
      const group = await db
        .selectFrom('groups as g')
        .innerJoin('academic_years as y', 'y.id', 'g.year_id')
        .select(['g.id', 'g.name', 'g.curator_user_id', 'y.status', 'y.title'])
        .where('g.id', '=', groupId)
        .executeTakeFirst();
      if (!group) {
        fail(
          `${at}.groupId`,
          `${w.Term('group')} №${groupId} не ${agreed({ f: 'найдена', m: 'найден', n: 'найдено' }, 'group')}`,
        );
        continue;
      }
      if (group.status !== 'open') {
        fail(`${at}.groupId`, `${w.Term('group')} ${group.name} относится к закрытому ${group.title} учебному году`);
        continue;
      }
      // The group's curator is whoever holds the curator role for it, or is named on the group's card.
      const other = await db
        .selectFrom('users as u')
        .select(['u.id', 'u.last_name', 'u.first_name', 'u.middle_name'])
        .where((eb) =>
          eb.or([
            eb(
              'u.id',
              'in',
              eb
                .selectFrom('user_roles')
                .select('user_id')
                .where('role', '=', 'curator')
                .where('group_id', '=', groupId),
            ),
            eb('u.id', '=', group.curator_user_id ?? 0),
          ]),
        )
        .where('u.active', '=', 1)
        .$if(userId !== null, (q) => q.where('u.id', '!=', userId!))
        .executeTakeFirst();
      if (other) {
        fail(
          `${at}.groupId`,
          `У ${w.term('group', 'gen')} ${group.name} уже есть ${w.term('curator')} — ${shortName(other)}. Сначала ` +
            `снимите эту роль у него`,
        );
        continue;
      }
    } else if (departmentId !== null || groupId !== null) {
      fail(
        `${at}.role`,
        `У роли «${w.role(role)}» нет области: ${w.term('department')} и ${w.term('group')} не указываются`,
      );
      continue;
    }
    const grant: Grant = {
      role,
      departmentId: role === 'dept_head' ? departmentId : null,
      groupId: role === 'curator' ? groupId : null,
    };
    out.set(grantKey(grant), grant);
  }
  const first = Object.values(fields)[0];
  if (first) throw new AppError('bad_request', first, fields);
  return [...out.values()];
}

/** Writes the user's staff roles, keeping the student and parent ones, and keeps groups' curator in step. */
export async function replaceStaffGrants(trx: Db, userId: number, grants: Grant[]): Promise<void> {
  await trx
    .deleteFrom('user_roles')
    .where('user_id', '=', userId)
    .where('role', 'in', [...GRANTED_STAFF_ROLES])
    .execute();
  if (grants.length > 0) {
    await trx
      .insertInto('user_roles')
      .values(
        grants.map((g) => ({ user_id: userId, role: g.role, department_id: g.departmentId, group_id: g.groupId })),
      )
      .execute();
  }
  const curated = grants.filter((g) => g.role === 'curator').map((g) => g.groupId!);
  // The group's card names its curator too (lists, reports): it must say the same as the roles do.
  let release = trx
    .updateTable('groups')
    .set((eb) => ({ curator_user_id: null, version: eb('version', '+', 1) }))
    .where('curator_user_id', '=', userId)
    // Groups of closed years keep the curator they had: history is not rewritten.
    .where('year_id', 'in', trx.selectFrom('academic_years').select('id').where('status', '=', 'open'));
  if (curated.length > 0) release = release.where('id', 'not in', curated);
  await release.execute();
  if (curated.length > 0) {
    await trx
      .updateTable('groups')
      .set((eb) => ({ curator_user_id: userId, version: eb('version', '+', 1) }))
      .where('id', 'in', curated)
      .where((eb) => eb.or([eb('curator_user_id', 'is', null), eb('curator_user_id', '!=', userId)]))
      .execute();
  }
}

/** Refuses to leave the institution without an active administrator. */
export async function assertAnotherAdmin(db: Db, userId: number, message: string): Promise<void> {
  const other = await db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('u.id')
    .where('r.role', '=', 'admin')
    .where('u.active', '=', 1)
    .where('u.id', '!=', userId)
    .executeTakeFirst();
  if (!other) throw badInput(message);
}
