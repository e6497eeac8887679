// The teaching load: a journal is group × subject × optional subgroup × teacher, with planned hours
// per period. Assigning a load grants the teacher role.
import { institutionWords } from '../words.js';
import type { LoadInfo, Parsed } from '../../api/contract.js';
import { badInput, notFound } from '../../api/errors.js';
import { curatedGroupIds, headedDepartmentIds, READ_ALL } from '../access.js';
import { audit } from '../audit.js';
import { fillPlansFromProgramme } from './programmes.js';
import { hasRole, type AuthedContext, type Db } from '../context.js';
import { shortName } from '../session.js';
import { count, loadGroup, loadOpenYear, loadYear, versionConflict } from './common.js';
import { assertStaffUser } from './groups.js';
import { withJournalNames } from '../journal-names.js';
import { journalMarks } from '../institution.js';

export interface LoadFilter {
  yearId: number;
  groupId?: number | undefined;
  teacherUserId?: number | undefined;
  ids?: number[];
}

export async function describeLoad(db: Db, f: LoadFilter): Promise<LoadInfo[]> {
  let q = db
    .selectFrom('journals as j')
    .$call(withJournalNames)
    .select([
      'j.id',
      'j.year_id',
      'j.group_id',
      'g.name as group_name',
      'g.course',
      'j.subject_id',
      's.code',
      's.name as subject_name',
      'j.subgroup_id',
      'sg.number as subgroup_number',
      'j.teacher_user_id',
      't.last_name',
      't.first_name',
      't.middle_name',
      'j.version',
    ])
    .where('j.year_id', '=', f.yearId);
  if (f.groupId !== undefined) q = q.where('j.group_id', '=', f.groupId);
  if (f.teacherUserId !== undefined) q = q.where('j.teacher_user_id', '=', f.teacherUserId);
  if (f.ids) {
    if (f.ids.length === 0) return [];
    q = q.where('j.id', 'in', f.ids);
  }
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const chunks = <T>(list: T[]) =>
    Array.from({ length: Math.ceil(list.length / 500) }, (_, i) => list.slice(i * 500, i * 500 + 500));
  const hours: Array<{ journal_id: number; period_id: number; hours: number }> = [];
  const plans: Array<{ journal_id: number; n: number | string; h: number | string | null }> = [];
  const slots: Array<{ journal_id: number; n: number | string }> = [];
  const lessons: Array<{ journal_id: number; n: number | string }> = [];
  for (const part of chunks(ids)) {
    hours.push(...(await db.selectFrom('journal_period_hours').selectAll().where('journal_id', 'in', part).execute()));
    plans.push(
      ...(await db
        .selectFrom('plan_topics')
        .select(['journal_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('hours').as('h')])
        .where('journal_id', 'in', part)
        .groupBy('journal_id')
        .execute()),
    );
    slots.push(
      ...(await db
        .selectFrom('timetable')
        .select(['journal_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('journal_id', 'in', part)
        .groupBy('journal_id')
        .execute()),
    );
    lessons.push(
      ...(await db
        .selectFrom('lessons')
        .select(['journal_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('journal_id', 'in', part)
        .groupBy('journal_id')
        .execute()),
    );
  }
  const periods = await db
    .selectFrom('periods')
    .select(['id', 'seq'])
    .where('year_id', '=', f.yearId)
    .orderBy('seq')
    .execute();
  const items = rows.map((r) => {
    const own = hours.filter((h) => h.journal_id === r.id);
    const plan = plans.find((p) => p.journal_id === r.id);
    const info: LoadInfo = {
      id: r.id,
      yearId: r.year_id,
      groupId: r.group_id,
      groupName: r.group_name,
      subjectId: r.subject_id,
      subjectCode: r.code,
      subjectName: r.subject_name,
      subgroupId: r.subgroup_id,
      subgroupNumber: r.subgroup_number,
      teacherUserId: r.teacher_user_id,
      teacherName: shortName({ last_name: r.last_name, first_name: r.first_name, middle_name: r.middle_name }),
      hours: periods.map((p) => ({ periodId: p.id, hours: own.find((h) => h.period_id === p.id)?.hours ?? 0 })),
      totalHours: own.reduce((sum, h) => sum + h.hours, 0),
      planTopics: Number(plan?.n ?? 0),
      planHours: Number(plan?.h ?? 0),
      timetableSlots: Number(slots.find((s) => s.journal_id === r.id)?.n ?? 0),
      lessons: Number(lessons.find((l) => l.journal_id === r.id)?.n ?? 0),
      version: r.version,
    };
    return { info, course: r.course };
  });
  return items
    .sort((x, y) => {
      const a = x.info,
        b = y.info;
      return (
        x.course - y.course ||
        a.groupName.localeCompare(b.groupName, 'ru') ||
        (a.subjectCode ?? '').localeCompare(b.subjectCode ?? '', 'ru', { numeric: true }) ||
        a.subjectName.localeCompare(b.subjectName, 'ru') ||
        (a.subgroupNumber ?? 0) - (b.subgroupNumber ?? 0)
      );
    })
    .map((x) => x.info);
}

export async function listLoad(ctx: AuthedContext, input: Parsed<'journals.list'>): Promise<LoadInfo[]> {
  await loadYear(ctx.db, input.yearId);
  const all = await describeLoad(ctx.db, input);
  const s = ctx.session;
  // The учебная часть places every journal in the timetable: the whole load (groups, subjects, teachers, hours).
  if (hasRole(s, ...READ_ALL, 'timetabler')) return all;
  const groups = curatedGroupIds(s);
  const depts = headedDepartmentIds(s);
  const deptGroups =
    depts.length === 0
      ? new Set<number>()
      : new Set(
          (
            await ctx.db
              .selectFrom('groups')
              .select('id')
              .where('year_id', '=', input.yearId)
              .where('department_id', 'in', depts)
              .execute()
          ).map((g) => g.id),
        );
  return all.filter(
    (j) =>
      (hasRole(s, 'teacher') && j.teacherUserId === s.userId) ||
      groups.includes(j.groupId) ||
      deptGroups.has(j.groupId),
  );
}

/** The teacher role, granted when a load is assigned (003 §3.2: the administrator enters the teachers). */
export async function ensureTeacherRole(trx: Db, userId: number): Promise<boolean> {
  const has = await trx
    .selectFrom('user_roles')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', 'teacher')
    .executeTakeFirst();
  if (has) return false;
  await trx
    .insertInto('user_roles')
    .values({ user_id: userId, role: 'teacher', department_id: null, group_id: null })
    .execute();
  return true;
}

async function checkLoad(
  db: Db,
  yearId: number,
  groupId: number,
  subjectId: number,
  subgroupId: number | null,
  hours: Array<{ periodId: number; hours: number }>,
  exceptId: number | null,
) {
  const subject = await db
    .selectFrom('subjects')
    .select(['id', 'kind', 'code', 'name'])
    .where('id', '=', subjectId)
    .executeTakeFirst();
  if (!subject) throw notFound((await institutionWords(db)).Term('subject'));
  if (subject.kind === 'pm')
    throw badInput(`Журнал ведётся по МДК и практикам модуля ${subject.code ?? ''}, а не по самому модулю`, {
      subjectId: 'Выберите МДК или практику',
    });
  if (subgroupId !== null) {
    const sg = await db.selectFrom('subgroups').select('group_id').where('id', '=', subgroupId).executeTakeFirst();
    if (!sg || sg.group_id !== groupId) {
      const w = await institutionWords(db);
      const other = { f: 'другой', m: 'другому', n: 'другому' }[w.gender('group')];
      throw badInput(`Подгруппа относится к ${other} ${w.term('group', 'dat')}`, { subgroupId: 'Не та подгруппа' });
    }
  }
  const periods = new Set(
    (await db.selectFrom('periods').select('id').where('year_id', '=', yearId).execute()).map((p) => p.id),
  );
  const seen = new Set<number>();
  for (const h of hours) {
    if (!periods.has(h.periodId))
      throw badInput('Часы указаны за период другого учебного года', { hours: 'Не тот период' });
    if (seen.has(h.periodId)) throw badInput('Часы за один период указаны дважды', { hours: 'Повтор' });
    seen.add(h.periodId);
  }
  const same = await db
    .selectFrom('journals as j')
    .innerJoin('users as u', 'u.id', 'j.teacher_user_id')
    .leftJoin('subgroups as sg', 'sg.id', 'j.subgroup_id')
    .select(['j.id', 'j.subgroup_id', 'sg.number', 'u.last_name', 'u.first_name', 'u.middle_name'])
    .where('j.group_id', '=', groupId)
    .where('j.subject_id', '=', subjectId)
    .execute();
  const group = await loadGroup(db, groupId);
  // The words are read only when there is something to refuse.
  const gw = same.some((x) => x.id !== exceptId) ? await institutionWords(db) : null;
  for (const o of same.filter((x) => x.id !== exceptId)) {
    const w = gw!;
    // «всей группы», «всего класса», «всего объединения».
    const whole = `${{ f: 'всей', m: 'всего', n: 'всего' }[w.gender('group')]} ${w.term('group', 'gen')}`;
    const who = shortName(o);
    if (o.subgroup_id === subgroupId) {
      throw badInput(
        `В ${w.term('group', 'loc')} «${group.name}» уже есть журнал «${subject.name}»` +
          `${o.number ? ` (подгруппа ${o.number})` : ''}: ` +
          `его ведёт ${who}`,
        { subjectId: 'Уже есть' },
      );
    }
    if (o.subgroup_id === null || subgroupId === null) {
      throw badInput(
        `«${subject.name}» в ${w.term('group', 'loc')} «${group.name}» уже ведётся ` +
          `${o.subgroup_id === null ? `для ${whole}` : 'по подгруппам'} (${who}): нельзя смешивать журнал ` +
          `${whole} и журналы подгрупп`,
        { subgroupId: 'Смешение' },
      );
    }
  }
  return { group, subject };
}

async function writeHours(trx: Db, journalId: number, hours: Array<{ periodId: number; hours: number }>) {
  await trx.deleteFrom('journal_period_hours').where('journal_id', '=', journalId).execute();
  const rows = hours
    .filter((h) => h.hours > 0)
    .map((h) => ({ journal_id: journalId, period_id: h.periodId, hours: h.hours }));
  if (rows.length > 0) await trx.insertInto('journal_period_hours').values(rows).execute();
}

export async function createLoad(ctx: AuthedContext, input: Parsed<'journals.create'>): Promise<LoadInfo> {
  const g = await loadGroup(ctx.db, input.groupId);
  await loadOpenYear(ctx.db, g.year_id);
  await checkLoad(ctx.db, g.year_id, g.id, input.subjectId, input.subgroupId, input.hours, null);
  await assertStaffUser(ctx.db, input.teacherUserId, 'teacher');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('journals')
      .values({
        year_id: g.year_id,
        group_id: g.id,
        subject_id: input.subjectId,
        subgroup_id: input.subgroupId,
        teacher_user_id: input.teacherUserId,
        ...(await journalMarks(trx)),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeHours(trx, row.id, input.hours);
    const granted = await ensureTeacherRole(trx, input.teacherUserId);
    // A centre's programme brings its thematic plan to the new journal.
    const planFromProgramme = (await fillPlansFromProgramme(trx, [row.id])) > 0;
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'journals.create',
      entity: 'journal',
      entityId: row.id,
      journalId: row.id,
      after: { ...input, teacherRoleGranted: granted, ...(planFromProgramme ? { planFromProgramme } : {}) },
    });
    return row.id;
  });
  return (await describeLoad(ctx.db, { yearId: g.year_id, ids: [id] }))[0]!;
}

export async function updateLoad(ctx: AuthedContext, input: Parsed<'journals.update'>): Promise<LoadInfo> {
  const j = await ctx.db.selectFrom('journals').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!j) throw notFound('Журнал');
  await loadOpenYear(ctx.db, j.year_id);
  await checkLoad(ctx.db, j.year_id, j.group_id, j.subject_id, input.subgroupId, input.hours, j.id);
  if (input.teacherUserId !== j.teacher_user_id) await assertStaffUser(ctx.db, input.teacherUserId, 'teacher');
  if (input.subgroupId !== j.subgroup_id) {
    const lessons = count(
      await ctx.db
        .selectFrom('lessons')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('journal_id', '=', j.id)
        .executeTakeFirst(),
    );
    if (lessons > 0)
      throw badInput(`В журнале уже есть занятия (${lessons}): подгруппу сменить нельзя`, {
        subgroupId: 'Есть занятия',
      });
  }
  const before = (await describeLoad(ctx.db, { yearId: j.year_id, ids: [j.id] }))[0];
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('journals')
      .set({ subgroup_id: input.subgroupId, teacher_user_id: input.teacherUserId, version: j.version + 1 })
      .where('id', '=', j.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw versionConflict('Журнал', before);
    await writeHours(trx, j.id, input.hours);
    const granted = await ensureTeacherRole(trx, input.teacherUserId);
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'journals.update',
      entity: 'journal',
      entityId: j.id,
      journalId: j.id,
      before,
      after: { ...input, teacherRoleGranted: granted },
    });
  });
  return (await describeLoad(ctx.db, { yearId: j.year_id, ids: [j.id] }))[0]!;
}

export async function removeLoad(ctx: AuthedContext, input: Parsed<'journals.remove'>): Promise<null> {
  const j = await ctx.db.selectFrom('journals').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!j) throw notFound('Журнал');
  await loadOpenYear(ctx.db, j.year_id);
  if (j.version !== input.version) throw versionConflict('Журнал', j);
  const lessons = count(
    await ctx.db
      .selectFrom('lessons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('journal_id', '=', j.id)
      .executeTakeFirst(),
  );
  if (lessons > 0)
    throw badInput(
      `В журнале уже есть занятия (${lessons}): снять нагрузку нельзя, можно только сменить ` +
        `${(await institutionWords(ctx.db)).short('teacher', 'acc')}`,
    );
  const before = (await describeLoad(ctx.db, { yearId: j.year_id, ids: [j.id] }))[0];
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('journals').where('id', '=', j.id).where('version', '=', input.version).execute();
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'journals.remove',
      entity: 'journal',
      entityId: j.id,
      journalId: j.id,
      before,
    });
  });
  return null;
}
