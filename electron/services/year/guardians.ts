// A student's legal representatives: relation and contacts, linked to a parent account when one exists.
import type { GuardianInfo, Parsed } from '../../api/contract.js';
import { badInput, forbidden, notFound } from '../../api/errors.js';
import { audit } from '../audit.js';
import { hasRole, type AuthedContext, type Db } from '../context.js';
import { cleanName } from './common.js';
import { assertCanEditStudent, assertMayKeepData } from './students.js';

/** The parent account with this login, or a Russian error naming what is wrong with it. */
export async function parentUser(db: Db, login: string): Promise<{ id: number; login: string }> {
  const u = await db
    .selectFrom('users')
    .select(['id', 'login', 'active'])
    .where('login_key', '=', login.toLowerCase())
    .executeTakeFirst();
  if (!u)
    throw badInput(`Учётной записи «${login}» нет: её выдаёт заведующий отделением (родителям и обучающимся)`, {
      parentLogin: 'Нет такого логина',
    });
  const roles = (await db.selectFrom('user_roles').select('role').where('user_id', '=', u.id).execute()).map(
    (r) => r.role,
  );
  if (!roles.includes('parent'))
    throw badInput(`Учётная запись «${u.login}» — не родительская`, { parentLogin: 'Не родитель' });
  return u;
}

export async function saveGuardian(ctx: AuthedContext, input: Parsed<'guardians.save'>): Promise<GuardianInfo> {
  await assertCanEditStudent(ctx, input.studentId);
  const before =
    input.id === undefined
      ? null
      : await ctx.db.selectFrom('guardians').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (input.id !== undefined && (!before || before.student_id !== input.studentId)) throw notFound('Представитель');
  if (input.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email))
    throw badInput(`E-mail «${input.email}» записан неверно`, { email: 'Неверный адрес' });
  const user = input.parentLogin ? await parentUser(ctx.db, input.parentLogin) : null;
  // A centre's педагог keeps the parents' contacts, not their accounts: those are issued and linked by the staff.
  if (!hasRole(ctx.session, 'admin', 'curator', 'dept_head') && (user?.id ?? null) !== (before?.user_id ?? null))
    throw forbidden('Недостаточно прав: учётную запись родителя привязывает администратор');
  const values = {
    student_id: input.studentId,
    full_name: cleanName(input.fullName),
    relation: input.relation.toLowerCase(),
    phone: input.phone,
    email: input.email,
    address: input.address,
    user_id: user?.id ?? null,
  };
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (!before) {
      const row = await trx.insertInto('guardians').values(values).returning('id').executeTakeFirstOrThrow();
      await audit(trx, ctx.session, ctx.clock.now(), {
        action: 'guardians.create',
        entity: 'guardian',
        entityId: row.id,
        studentId: input.studentId,
        after: values,
      });
      return row.id;
    }
    await trx.updateTable('guardians').set(values).where('id', '=', before.id).execute();
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'guardians.update',
      entity: 'guardian',
      entityId: before.id,
      studentId: input.studentId,
      before,
      after: values,
    });
    return before.id;
  });
  return {
    id,
    fullName: values.full_name,
    relation: values.relation,
    phone: values.phone,
    email: values.email,
    address: values.address,
    userId: values.user_id,
    userLogin: user?.login ?? null,
  };
}

export async function removeGuardian(ctx: AuthedContext, input: Parsed<'guardians.remove'>): Promise<null> {
  await assertMayKeepData(ctx, 'представителей вносят');
  const g = await ctx.db.selectFrom('guardians').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!g) throw notFound('Представитель');
  await assertCanEditStudent(ctx, g.student_id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('guardians').where('id', '=', g.id).execute();
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'guardians.remove',
      entity: 'guardian',
      entityId: g.id,
      studentId: g.student_id,
      before: g,
    });
  });
  return null;
}
