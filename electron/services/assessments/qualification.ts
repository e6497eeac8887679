// The qualification exam of a professional module (issue 15, part 5): a ПМ has no journal of its own — its МДК and
// practices do. Per group, the exam's date and commission, and per student «вид деятельности освоен / не освоен»
// with the mark, the final marks of the module's parts beside.
import type { ModuleBrief, Parsed, QualificationSheet } from '../../api/contract.js';
import { AppError, badInput, forbidden, notFound } from '../../api/errors.js';
import { canReadGroup, headedDepartmentIds } from '../access.js';
import { audit } from '../audit.js';
import { hasRole, type AuthedContext } from '../context.js';
import { sheetStudents } from './data.js';
import { lastFinals } from './practice.js';

const MARKS = ['5', '4', '3', '2'];

async function groupOf(ctx: AuthedContext, groupId: number) {
  const g = await ctx.db
    .selectFrom('groups as g')
    .innerJoin('academic_years as y', 'y.id', 'g.year_id')
    .leftJoin('departments as d', 'd.id', 'g.department_id')
    .select([
      'g.id',
      'g.name',
      'g.course',
      'g.speciality',
      'g.year_id',
      'g.department_id',
      'd.name as department',
      'y.title as year_title',
      'y.status as year_status',
      'y.ends_on as year_end',
    ])
    .where('g.id', '=', groupId)
    .executeTakeFirst();
  if (!g) throw notFound('Группа');
  if (!(await canReadGroup(ctx.db, ctx.session, g.id)))
    throw forbidden('Недостаточно прав: это группа другого отделения');
  return g;
}

export async function modules(ctx: AuthedContext, input: Parsed<'qualification.modules'>): Promise<ModuleBrief[]> {
  const g = await groupOf(ctx, input.groupId);
  const parts = await ctx.db
    .selectFrom('journals as j')
    .innerJoin('subjects as s', 's.id', 'j.subject_id')
    .innerJoin('subjects as pm', 'pm.id', 's.parent_id')
    .select(['j.id', 's.code', 's.name', 's.kind', 'pm.id as pm_id', 'pm.code as pm_code', 'pm.name as pm_name'])
    .where('j.group_id', '=', g.id)
    .where('pm.kind', '=', 'pm')
    .where('s.kind', 'in', ['mdk', 'practice'])
    .orderBy('pm.code')
    .orderBy('s.kind')
    .orderBy('s.code')
    .orderBy('j.id')
    .execute();
  const out = new Map<number, ModuleBrief>();
  for (const p of parts) {
    const m = out.get(p.pm_id) ?? {
      subjectId: p.pm_id,
      subjectName: p.pm_code ? `${p.pm_code} ${p.pm_name}` : p.pm_name,
      parts: [],
    };
    // A group split into subgroups keeps a journal per subgroup: one part per subject.
    if (!m.parts.some((x) => x.subjectName.startsWith(p.code ?? p.name)))
      m.parts.push({
        journalId: p.id,
        subjectName: p.code ? `${p.code} ${p.name}` : p.name,
        kind: p.kind as 'mdk' | 'practice',
      });
    out.set(p.pm_id, m);
  }
  return [...out.values()];
}

export async function get(ctx: AuthedContext, input: Parsed<'qualification.get'>): Promise<QualificationSheet> {
  const g = await groupOf(ctx, input.groupId);
  const module = (await modules(ctx, input)).find((m) => m.subjectId === input.subjectId);
  if (!module) throw badInput('У группы нет такого профессионального модуля: его МДК и практики не ведутся в журналах');
  const exam = await ctx.db
    .selectFrom('qualification_exams')
    .selectAll()
    .where('group_id', '=', g.id)
    .where('subject_id', '=', module.subjectId)
    .executeTakeFirst();
  const results = exam
    ? await ctx.db.selectFrom('qualification_results').selectAll().where('exam_id', '=', exam.id).execute()
    : [];
  const today = ctx.clock.today();
  const students = await sheetStudents(
    ctx.db,
    { groupId: g.id, subgroupId: null },
    today < g.year_end ? today : g.year_end,
  );
  // A subgroup's student has their marks in their subgroup's journal of the same subject.
  const journals = await ctx.db
    .selectFrom('journals')
    .select(['id', 'subject_id'])
    .where('group_id', '=', g.id)
    .execute();
  const partSubject = new Map(journals.map((j) => [j.id, j.subject_id]));
  const bySubject = (journalId: number) => journals.filter((j) => j.subject_id === partSubject.get(journalId));
  const mark = await lastFinals(
    ctx.db,
    journals.map((j) => j.id),
  );
  const rows = students.map((s) => {
    const r = results.find((x) => x.student_id === s.studentId);
    return {
      studentId: s.studentId,
      name: s.name,
      partMarks: module.parts.map(
        (p) =>
          bySubject(p.journalId)
            .map((j) => mark(j.id, s.studentId))
            .find(Boolean) ?? null,
      ),
      mastered: r ? r.mastered === 1 : null,
      mark: r?.mark ?? null,
    };
  });
  const keeps =
    hasRole(ctx.session, 'deputy') ||
    (g.department_id !== null && headedDepartmentIds(ctx.session).includes(g.department_id));
  return {
    groupId: g.id,
    groupName: g.name,
    course: g.course,
    departmentName: g.department ?? null,
    speciality: g.speciality,
    yearTitle: g.year_title,
    module,
    heldOn: exam?.held_on ?? null,
    commission: exam?.commission ?? '',
    version: exam?.version ?? null,
    rows,
    mastered: rows.filter((r) => r.mastered === true).length,
    notMastered: rows.filter((r) => r.mastered === false).length,
    canEdit: keeps && g.year_status === 'open',
  };
}

export async function save(ctx: AuthedContext, input: Parsed<'qualification.save'>): Promise<QualificationSheet> {
  const before = await get(ctx, input);
  if (!before.canEdit) {
    if (!hasRole(ctx.session, 'deputy') && !hasRole(ctx.session, 'dept_head')) throw forbidden('Недостаточно прав');
    const closed = await ctx.db
      .selectFrom('academic_years')
      .select('status')
      .innerJoin('groups', 'groups.year_id', 'academic_years.id')
      .where('groups.id', '=', input.groupId)
      .executeTakeFirst();
    if (closed?.status !== 'open') throw new AppError('locked', 'Учебный год закрыт: экзамен только для просмотра');
    throw forbidden('Недостаточно прав: квалификационный экзамен оформляет заведующий отделением этой группы');
  }
  if (before.version !== input.version)
    throw new AppError('conflict', 'Ведомость экзамена уже изменил другой пользователь. Обновите её');
  const listed = new Map(before.rows.map((r) => [r.studentId, r]));
  for (const r of input.results) {
    const row = listed.get(r.studentId);
    if (!row) throw badInput('Обучающийся не в списке группы');
    if (r.mark !== null && !MARKS.includes(r.mark.trim()))
      throw badInput(`${row.name}: отметка «${r.mark}» — допустимы ${MARKS.join(', ')}`);
    if (r.mark !== null && r.mastered === null) throw badInput(`${row.name}: укажите, освоен ли вид деятельности`);
    if (r.mastered === true && r.mark?.trim() === '2')
      throw badInput(`${row.name}: при отметке «2» вид деятельности не освоен`);
  }
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const values = {
      held_on: input.heldOn,
      commission: input.commission,
      updated_at: now,
      updated_by: ctx.session.userId,
    };
    const written =
      input.version === null
        ? await trx
            .insertInto('qualification_exams')
            .values({ group_id: input.groupId, subject_id: input.subjectId, ...values, version: 1 })
            .onConflict((oc) => oc.doNothing())
            .returning('id')
            .executeTakeFirst()
        : await trx
            .updateTable('qualification_exams')
            .set({ ...values, version: input.version + 1 })
            .where('group_id', '=', input.groupId)
            .where('subject_id', '=', input.subjectId)
            .where('version', '=', input.version)
            .returning('id')
            .executeTakeFirst();
    if (!written) throw new AppError('conflict', 'Ведомость экзамена только что изменил другой пользователь');
    for (const r of input.results) {
      await trx
        .deleteFrom('qualification_results')
        .where('exam_id', '=', written.id)
        .where('student_id', '=', r.studentId)
        .execute();
      if (r.mastered !== null)
        await trx
          .insertInto('qualification_results')
          .values({
            exam_id: written.id,
            student_id: r.studentId,
            mastered: r.mastered ? 1 : 0,
            mark: r.mark?.trim() || null,
          })
          .execute();
    }
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'qualification.save',
      entity: 'qualification_exams',
      entityId: written.id,
      after: {
        groupId: input.groupId,
        subjectId: input.subjectId,
        ...values,
        results: input.results.map((r) => [r.studentId, r.mastered, r.mark]),
      },
    });
  });
  return get(ctx, input);
}
