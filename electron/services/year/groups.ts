// Departments and groups of a year; the curator of a group holds the curator role scoped to it.
import { institutionWords } from '../words.js';
import type { DepartmentInfo, GroupInfo, Parsed, StaffOption } from '../../api/contract.js';
import { badInput, notFound } from '../../api/errors.js';
import { audit } from '../audit.js';
import { hasRole, type AuthedContext, type Db } from '../context.js';
import { curatedGroupIds, headedDepartmentIds, READ_ALL } from '../access.js';
import { fullName, shortName } from '../session.js';
import { cleanName, count, loadGroup, loadOpenYear, loadYear, versionConflict } from './common.js';
import { programmeBriefs } from './programmes.js';

export async function listDepartments(
  ctx: AuthedContext,
  input: Parsed<'departments.list'>,
): Promise<DepartmentInfo[]> {
  const depts = await ctx.db.selectFrom('departments').selectAll().orderBy('name').execute();
  const heads = await ctx.db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.department_id', 'u.last_name', 'u.first_name', 'u.middle_name'])
    .where('r.role', '=', 'dept_head')
    .execute();
  let groups = ctx.db
    .selectFrom('groups')
    .select(['department_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('department_id');
  if (input.yearId) groups = groups.where('year_id', '=', input.yearId);
  const counts = await groups.execute();
  return depts.map((d) => ({
    id: d.id,
    name: d.name,
    shortName: d.short_name,
    version: d.version,
    heads: heads.filter((h) => h.department_id === d.id).map(shortName),
    groups: Number(counts.find((c) => c.department_id === d.id)?.n ?? 0),
  }));
}

export async function saveDepartment(ctx: AuthedContext, input: Parsed<'departments.save'>): Promise<DepartmentInfo> {
  const same = await ctx.db.selectFrom('departments').select(['id', 'name']).execute();
  const clash = same.find((d) => d.id !== input.id && d.name.toLowerCase() === input.name.toLowerCase());
  if (clash)
    throw badInput(`${(await institutionWords(ctx.db)).Term('department')} «${input.name}» уже есть`, {
      name: 'Уже есть',
    });
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (input.id === undefined) {
      const row = await trx
        .insertInto('departments')
        .values({ name: input.name, short_name: input.shortName })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(trx, ctx.session, ctx.clock.now(), {
        action: 'departments.create',
        entity: 'department',
        entityId: row.id,
        after: input,
      });
      return row.id;
    }
    const before = await trx.selectFrom('departments').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!before) throw notFound((await institutionWords(trx)).Term('department'));
    const res = await trx
      .updateTable('departments')
      .set({ name: input.name, short_name: input.shortName, version: before.version + 1 })
      .where('id', '=', input.id)
      .where('version', '=', input.version ?? before.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw versionConflict('Отделение', before);
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'departments.update',
      entity: 'department',
      entityId: input.id,
      before,
      after: input,
    });
    return input.id;
  });
  return (await listDepartments(ctx, {})).find((d) => d.id === id)!;
}

export async function removeDepartment(ctx: AuthedContext, input: Parsed<'departments.remove'>): Promise<null> {
  const d = await ctx.db.selectFrom('departments').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!d) throw notFound((await institutionWords(ctx.db)).Term('department'));
  const groups = count(
    await ctx.db
      .selectFrom('groups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('department_id', '=', d.id)
      .executeTakeFirst(),
  );
  if (groups > 0) {
    const w = await institutionWords(ctx.db);
    const other = { f: 'другую', m: 'другой', n: 'другое' }[w.gender('department')];
    throw badInput(
      `В ${w.term('department', 'loc')} «${d.name}» есть ${w.term('group', 'nom', 'many')} (${groups}): сначала ` +
        `перенесите их в ${other} ${w.term('department', 'acc')}`,
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('departments').where('id', '=', d.id).execute();
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'departments.remove',
      entity: 'department',
      entityId: d.id,
      before: d,
    });
  });
  return null;
}

/** The day a year's rosters are counted on: today, kept inside the year. */
export function dayInYear(today: string, y: { starts_on: string; ends_on: string }): string {
  return today < y.starts_on ? y.starts_on : today > y.ends_on ? y.ends_on : today;
}

export async function describeGroups(db: Db, yearId: number, date: string, only?: number): Promise<GroupInfo[]> {
  let q = db
    .selectFrom('groups as g')
    .leftJoin('departments as d', 'd.id', 'g.department_id')
    .leftJoin('users as u', 'u.id', 'g.curator_user_id')
    .leftJoin('groups as p', 'p.id', 'g.previous_group_id')
    .select([
      'g.id',
      'g.year_id',
      'g.name',
      'g.course',
      'g.department_id',
      'd.name as dept',
      'g.curator_user_id',
      'u.last_name',
      'u.first_name',
      'u.middle_name',
      'g.speciality',
      'g.programme_subject_id',
      'g.previous_group_id',
      'p.name as prev',
      'g.version',
    ])
    .where('g.year_id', '=', yearId)
    .orderBy('g.course')
    .orderBy('g.name');
  if (only !== undefined) q = q.where('g.id', '=', only);
  const groups = await q.execute();
  if (groups.length === 0) return [];
  const ids = groups.map((g) => g.id);
  const students = await db
    .selectFrom('enrolments')
    .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('group_id', 'in', ids)
    .where('from_date', '<=', date)
    .where((eb) => eb.or([eb('until_date', 'is', null), eb('until_date', '>', date)]))
    .groupBy('group_id')
    .execute();
  const journals = await db
    .selectFrom('journals')
    .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('group_id', 'in', ids)
    .groupBy('group_id')
    .execute();
  const subgroups = await db
    .selectFrom('subgroups')
    .selectAll()
    .where('group_id', 'in', ids)
    .orderBy('number')
    .execute();
  const members =
    subgroups.length === 0
      ? []
      : await db
          .selectFrom('subgroup_students')
          .selectAll()
          .where(
            'subgroup_id',
            'in',
            subgroups.map((s) => s.id),
          )
          .execute();
  const programmes = await programmeBriefs(
    db,
    groups.map((g) => g.programme_subject_id).filter((x): x is number => x !== null),
  );
  return groups.map((g) => ({
    id: g.id,
    yearId: g.year_id,
    name: g.name,
    course: g.course,
    departmentId: g.department_id,
    departmentName: g.dept,
    curatorUserId: g.curator_user_id,
    curatorName: g.last_name
      ? shortName({ last_name: g.last_name, first_name: g.first_name!, middle_name: g.middle_name })
      : null,
    speciality: g.speciality,
    programmeSubjectId: g.programme_subject_id,
    programme: g.programme_subject_id === null ? null : (programmes.get(g.programme_subject_id) ?? null),
    previousGroupId: g.previous_group_id,
    previousGroupName: g.prev,
    version: g.version,
    students: Number(students.find((s) => s.group_id === g.id)?.n ?? 0),
    journals: Number(journals.find((j) => j.group_id === g.id)?.n ?? 0),
    subgroups: subgroups
      .filter((s) => s.group_id === g.id)
      .map((s) => ({
        id: s.id,
        number: s.number,
        title: s.title,
        studentIds: members
          .filter((m) => m.subgroup_id === s.id)
          .map((m) => m.student_id)
          .sort((a, b) => a - b),
      })),
    readable: true,
  }));
}

/** Marks the groups whose roster the caller may open (the same rule as access.ts canReadGroup, for a whole list). */
async function markReadable(ctx: AuthedContext, groups: GroupInfo[]): Promise<GroupInfo[]> {
  const s = ctx.session;
  if (hasRole(s, ...READ_ALL) || groups.length === 0) return groups;
  const curated = new Set(curatedGroupIds(s));
  const depts = new Set(headedDepartmentIds(s));
  const taught = hasRole(s, 'teacher')
    ? new Set(
        (
          await ctx.db
            .selectFrom('journals')
            .select('group_id')
            .where('teacher_user_id', '=', s.userId)
            .where(
              'group_id',
              'in',
              groups.map((g) => g.id),
            )
            .execute()
        ).map((j) => j.group_id),
      )
    : new Set<number>();
  return groups.map((g) => ({
    ...g,
    readable: curated.has(g.id) || (g.departmentId !== null && depts.has(g.departmentId)) || taught.has(g.id),
  }));
}

export async function listGroups(ctx: AuthedContext, input: Parsed<'groups.list'>): Promise<GroupInfo[]> {
  const y = await loadYear(ctx.db, input.yearId);
  return markReadable(ctx, await describeGroups(ctx.db, y.id, input.date ?? dayInYear(ctx.clock.today(), y)));
}

/** An active member of staff who may be made a curator or given a teaching load. */
export async function assertStaffUser(
  db: Db,
  userId: number,
  as: 'curator' | 'teacher',
): Promise<{ id: number; name: string }> {
  const what = async () => (await institutionWords(db)).Short(as);
  const u = await db
    .selectFrom('users')
    .select(['id', 'last_name', 'first_name', 'middle_name', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!u) throw notFound('Пользователь');
  if (!u.active)
    throw badInput(`${await what()}: учётная запись ${shortName(u)} отключена`, {
      [as === 'curator' ? 'curatorUserId' : 'teacherUserId']: 'Отключён',
    });
  const roles = (await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute()).map(
    (r) => r.role,
  );
  if (roles.length > 0 && roles.every((r) => r === 'student' || r === 'parent')) {
    throw badInput(`${await what()}: ${shortName(u)} — не сотрудник (обучающийся или родитель)`);
  }
  return { id: u.id, name: shortName(u) };
}

/** Makes the user the group's only curator: the column and the scoped role agree. */
export async function setCurator(trx: Db, groupId: number, userId: number | null): Promise<void> {
  await trx
    .deleteFrom('user_roles')
    .where('role', '=', 'curator')
    .where('group_id', '=', groupId)
    .$if(userId !== null, (q) => q.where('user_id', '!=', userId!))
    .execute();
  if (userId === null) return;
  const has = await trx
    .selectFrom('user_roles')
    .select('id')
    .where('role', '=', 'curator')
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!has)
    await trx
      .insertInto('user_roles')
      .values({ user_id: userId, role: 'curator', department_id: null, group_id: groupId })
      .execute();
}

async function checkGroup(
  db: Db,
  yearId: number,
  input: Parsed<'groups.create'> | Parsed<'groups.update'>,
  exceptId: number | null,
) {
  const name = cleanName(input.name);
  const same = await db.selectFrom('groups').select(['id', 'name']).where('year_id', '=', yearId).execute();
  if (same.some((g) => g.id !== exceptId && g.name.toLowerCase() === name.toLowerCase())) {
    const y = await loadYear(db, yearId);
    const w = await institutionWords(db);
    const such = { f: 'Такая', m: 'Такой', n: 'Такое' }[w.gender('group')];
    throw badInput(`${w.Term('group')} «${name}» уже есть в учебном году ${y.title}`, {
      name: `${such} ${w.term('group')} уже есть`,
    });
  }
  if (
    input.departmentId !== null &&
    !(await db.selectFrom('departments').select('id').where('id', '=', input.departmentId).executeTakeFirst())
  ) {
    throw notFound((await institutionWords(db)).Term('department'));
  }
  if (input.curatorUserId !== null) await assertStaffUser(db, input.curatorUserId, 'curator');
  if (input.programmeSubjectId) {
    const s = await db
      .selectFrom('subjects')
      .select('kind')
      .where('id', '=', input.programmeSubjectId)
      .executeTakeFirst();
    if (!s) throw notFound('Программа');
    if (s.kind !== 'programme')
      throw badInput('Выберите программу дополнительного образования', { programmeSubjectId: 'Не программа' });
  }
  return name;
}

export async function createGroup(ctx: AuthedContext, input: Parsed<'groups.create'>): Promise<GroupInfo> {
  const y = await loadOpenYear(ctx.db, input.yearId);
  const name = await checkGroup(ctx.db, y.id, input, null);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('groups')
      .values({
        year_id: y.id,
        name,
        course: input.course,
        department_id: input.departmentId,
        curator_user_id: input.curatorUserId,
        programme_subject_id: input.programmeSubjectId ?? null,
        previous_group_id: null,
        speciality: input.speciality,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setCurator(trx, row.id, input.curatorUserId);
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'groups.create',
      entity: 'group',
      entityId: row.id,
      after: { ...input, name },
    });
    return row.id;
  });
  return (await describeGroups(ctx.db, y.id, dayInYear(ctx.clock.today(), y), id))[0]!;
}

export async function updateGroup(ctx: AuthedContext, input: Parsed<'groups.update'>): Promise<GroupInfo> {
  const g = await loadGroup(ctx.db, input.id);
  const y = await loadOpenYear(ctx.db, g.year_id);
  const name = await checkGroup(ctx.db, y.id, input, g.id);
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('groups')
      .set({
        name,
        course: input.course,
        department_id: input.departmentId,
        curator_user_id: input.curatorUserId,
        // Left out: kept as it was; null: detached.
        programme_subject_id:
          input.programmeSubjectId === undefined ? g.programme_subject_id : input.programmeSubjectId,
        speciality: input.speciality,
        version: g.version + 1,
      })
      .where('id', '=', g.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0)
      throw versionConflict(
        (await institutionWords(trx)).Term('group', 'acc'),
        (await describeGroups(trx, y.id, ctx.clock.today(), g.id))[0],
      );
    await setCurator(trx, g.id, input.curatorUserId);
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'groups.update',
      entity: 'group',
      entityId: g.id,
      before: g,
      after: { ...input, name },
    });
  });
  return (await describeGroups(ctx.db, y.id, dayInYear(ctx.clock.today(), y), g.id))[0]!;
}

export async function removeGroup(ctx: AuthedContext, input: Parsed<'groups.remove'>): Promise<null> {
  const g = await loadGroup(ctx.db, input.id);
  await loadOpenYear(ctx.db, g.year_id);
  const gw = await institutionWords(ctx.db);
  if (g.version !== input.version) throw versionConflict(gw.Term('group', 'acc'), g);
  const enrolled = count(
    await ctx.db
      .selectFrom('enrolments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('group_id', '=', g.id)
      .executeTakeFirst(),
  );
  if (enrolled > 0)
    throw badInput(
      `В ${gw.term('group', 'loc')} «${g.name}» есть приказы о зачислении (${enrolled}): ${gw.term('group', 'acc')} ` +
        `с обучающимися удалить нельзя`,
    );
  const lessons = count(
    await ctx.db
      .selectFrom('lessons as l')
      .innerJoin('journals as j', 'j.id', 'l.journal_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('j.group_id', '=', g.id)
      .executeTakeFirst(),
  );
  if (lessons > 0)
    throw badInput(
      `В журналах ${gw.term('group', 'gen')} «${g.name}» уже есть занятия (${lessons}): ${gw.term('group', 'acc')} ` +
        `удалить нельзя`,
    );
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('groups').where('id', '=', g.id).where('version', '=', input.version).execute();
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'groups.remove',
      entity: 'group',
      entityId: g.id,
      before: g,
    });
  });
  return null;
}

export async function staffOptions(ctx: AuthedContext): Promise<StaffOption[]> {
  const users = await ctx.db
    .selectFrom('users')
    .select(['id', 'login', 'last_name', 'first_name', 'middle_name', 'position', 'active'])
    .orderBy('last_name')
    .orderBy('first_name')
    .execute();
  const roles = await ctx.db.selectFrom('user_roles').select(['user_id', 'role']).execute();
  return users
    .map((u) => ({ u, r: [...new Set(roles.filter((r) => r.user_id === u.id).map((r) => r.role))] }))
    .filter(({ r }) => !(r.length > 0 && r.every((x) => x === 'student' || x === 'parent')))
    .map(({ u, r }) => ({
      id: u.id,
      fullName: fullName(u),
      shortName: shortName(u),
      login: u.login,
      position: u.position,
      roles: r,
      active: u.active === 1,
    }));
}
