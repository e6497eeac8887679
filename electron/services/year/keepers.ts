// Who keeps a group's list when it is not the administrator: in a supplementary-education centre the
// педагог of the объединение (000 §3.5.1, §3.5.4) — for the объединения they teach only; in a college
// or a school the curator and the department head (their own rules in students.ts, subgroups.ts).
import { badInput, forbidden } from '../../api/errors.js';
import { isCentre, keepsGroupList } from '../access.js';
import type { AuthedContext } from '../context.js';
import { institutionWords } from '../words.js';

/** Refuses, in Russian, a teacher who may not form this объединение's list (or names none). */
export async function assertKeepsGroup(ctx: AuthedContext, groupId: number | undefined): Promise<void> {
  if (groupId !== undefined && (await keepsGroupList(ctx.db, ctx.session, groupId))) return;
  const w = await institutionWords(ctx.db);
  if (!(await isCentre(ctx.db)))
    throw forbidden(
      `Недостаточно прав: списки ${w.term('group', 'gen', 'many')} ведут администратор и ` +
        `${w.roleName('curator')}, а не ${w.short('teacher')}`,
    );
  if (groupId === undefined)
    throw badInput(`Не указано ${w.term('group')}, из которого отчислить`, { fromGroupId: 'Не указано' });
  throw forbidden(
    `Недостаточно прав: ${w.short('teacher')} ведёт списки только своих ${w.term('group', 'gen', 'many')} ` +
      `(тех, где ведёт журнал, в открытом учебном году)`,
  );
}
