// Subgroups of a group and their students (a foreign language or a lab split between two teachers).
import type { Parsed, SubgroupInfo } from '../../api/contract.js';
import { badInput, forbidden, notFound } from '../../api/errors.js';
import { canManageGroup } from '../access.js';
import { audit } from '../audit.js';
import type { AuthedContext } from '../context.js';
import { count, loadGroup, loadOpenYear } from './common.js';
import type { Words } from '../../domain/vocabulary.js';
import { institutionWords } from '../words.js';

/** Who may keep a group's subgroups, in the institution's words. */
const managers = (w: Words) =>
  `Недостаточно прав: подгруппы ведут администратор, ${w.roleName('curator')} и ${w.roleName('dept_head')}`;

export async function saveSubgroup(ctx: AuthedContext, input: Parsed<'subgroups.save'>): Promise<SubgroupInfo> {
  const g = await loadGroup(ctx.db, input.groupId);
  const w = await institutionWords(ctx.db);
  if (!(await canManageGroup(ctx.db, ctx.session, g.id))) throw forbidden(managers(w));
  await loadOpenYear(ctx.db, g.year_id);
  const existing = await ctx.db.selectFrom('subgroups').selectAll().where('group_id', '=', g.id).execute();
  const own = input.id === undefined ? null : existing.find((s) => s.id === input.id);
  if (input.id !== undefined && !own) throw notFound('Подгруппа');
  if (existing.some((s) => s.number === input.number && s.id !== input.id)) {
    throw badInput(`В ${w.term('group', 'loc')} «${g.name}» уже есть подгруппа ${input.number}`, {
      number: 'Уже есть',
    });
  }
  const ids = [...new Set(input.studentIds)];
  if (ids.length > 0) {
    const enrolled = new Set(
      (
        await ctx.db
          .selectFrom('enrolments')
          .select('student_id')
          .where('group_id', '=', g.id)
          .where('student_id', 'in', ids)
          .execute()
      ).map((e) => e.student_id),
    );
    const stranger = ids.find((sid) => !enrolled.has(sid));
    if (stranger !== undefined)
      throw badInput(
        `Обучающийся #${stranger} не числится в ${w.term('group', 'loc')} «${g.name}»: в подгруппу можно включить ` +
          `только обучающихся ${w.term('group', 'gen')}`,
      );
  }
  const title = input.title ?? `${input.number} подгруппа`;
  const id = await ctx.db.transaction().execute(async (trx) => {
    let sid: number;
    let before: unknown = null;
    if (own) {
      before = {
        ...own,
        studentIds: (
          await trx.selectFrom('subgroup_students').select('student_id').where('subgroup_id', '=', own.id).execute()
        ).map((r) => r.student_id),
      };
      await trx.updateTable('subgroups').set({ number: input.number, title }).where('id', '=', own.id).execute();
      await trx.deleteFrom('subgroup_students').where('subgroup_id', '=', own.id).execute();
      sid = own.id;
    } else {
      sid = (
        await trx
          .insertInto('subgroups')
          .values({ group_id: g.id, number: input.number, title })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    if (ids.length > 0)
      await trx
        .insertInto('subgroup_students')
        .values(ids.map((student_id) => ({ subgroup_id: sid, student_id })))
        .execute();
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: own ? 'subgroups.update' : 'subgroups.create',
      entity: 'subgroup',
      entityId: sid,
      before,
      after: { groupId: g.id, number: input.number, title, studentIds: ids },
    });
    return sid;
  });
  return { id, number: input.number, title, studentIds: ids.sort((a, b) => a - b) };
}

export async function removeSubgroup(ctx: AuthedContext, input: Parsed<'subgroups.remove'>): Promise<null> {
  const sg = await ctx.db.selectFrom('subgroups').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!sg) throw notFound('Подгруппа');
  const g = await loadGroup(ctx.db, sg.group_id);
  const w = await institutionWords(ctx.db);
  if (!(await canManageGroup(ctx.db, ctx.session, g.id))) throw forbidden(managers(w));
  await loadOpenYear(ctx.db, g.year_id);
  const journals = count(
    await ctx.db
      .selectFrom('journals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('subgroup_id', '=', sg.id)
      .executeTakeFirst(),
  );
  if (journals > 0)
    throw badInput(
      `У подгруппы ${sg.number} ${w.term('group', 'gen')} «${g.name}» есть журналы (${journals}): сначала снимите ` +
        `нагрузку`,
    );
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('subgroups').where('id', '=', sg.id).execute();
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'subgroups.remove',
      entity: 'subgroup',
      entityId: sg.id,
      before: sg,
    });
  });
  return null;
}
