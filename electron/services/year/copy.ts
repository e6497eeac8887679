// Copying the previous year forward: each group moves up a course (remembering its previous group),
// its curator and teaching load carry over for the administrator to review, and its students
// continue by one transfer order. The graduating course does not carry over.
import type { CopyProposal, CopyResult, Parsed } from '../../api/contract.js';
import { badInput } from '../../api/errors.js';
import { audit } from '../audit.js';
import { fillPlansFromProgramme } from './programmes.js';
import type { AuthedContext } from '../context.js';
import { shortName } from '../session.js';
import { institutionWords } from '../words.js';
import { checkOrderDates, loadOpenYear, loadYear, safetyBackup } from './common.js';
import { setCurator } from './groups.js';
import { ensureTeacherRole } from './load.js';
import { journalMarks } from '../institution.js';

/** «ЭС-21» (2nd course) → «ЭС-31»; «1-А» → «2-А». Other names stay as they are, for the admin to edit. */
export function nextCourseName(name: string, course: number): string {
  const m = /\d+/.exec(name);
  if (!m || !m[0].startsWith(String(course))) return name;
  return (
    name.slice(0, m.index) + String(course + 1) + m[0].slice(String(course).length) + name.slice(m.index + m[0].length)
  );
}

/** The track a group belongs to: its speciality, else the letters of its name, else its department. */
function trackOf(g: { speciality: string | null; name: string; department_id: number | null }): string {
  if (g.speciality) return `s:${g.speciality}`;
  const letters = g.name.replace(/[\d\s\-.,]+/g, '').toLowerCase();
  return letters ? `n:${letters}` : `d:${g.department_id ?? 0}`;
}

export async function copyPreview(ctx: AuthedContext, input: Parsed<'years.copyPreview'>): Promise<CopyProposal[]> {
  const from = await loadYear(ctx.db, input.fromYearId);
  const to = await loadYear(ctx.db, input.toYearId);
  if (from.starts_on >= to.starts_on)
    throw badInput(`Переносить можно только из более раннего года в более поздний (${from.title} → ${to.title})`);
  const groups = await ctx.db
    .selectFrom('groups as g')
    .leftJoin('users as u', 'u.id', 'g.curator_user_id')
    .select([
      'g.id',
      'g.name',
      'g.course',
      'g.speciality',
      'g.department_id',
      'u.last_name',
      'u.first_name',
      'u.middle_name',
    ])
    .where('g.year_id', '=', from.id)
    .orderBy('g.course')
    .orderBy('g.name')
    .execute();
  const copied = await ctx.db
    .selectFrom('groups')
    .select(['previous_group_id', 'name'])
    .where('year_id', '=', to.id)
    .where('previous_group_id', 'is not', null)
    .execute();
  const maxCourse = new Map<string, number>();
  for (const g of groups) maxCourse.set(trackOf(g), Math.max(maxCourse.get(trackOf(g)) ?? 0, g.course));
  const ids = groups.map((g) => g.id);
  const open =
    ids.length === 0
      ? []
      : await ctx.db
          .selectFrom('enrolments')
          .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('group_id', 'in', ids)
          .where('until_date', 'is', null)
          .groupBy('group_id')
          .execute();
  const journals =
    ids.length === 0
      ? []
      : await ctx.db
          .selectFrom('journals')
          .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('group_id', 'in', ids)
          .groupBy('group_id')
          .execute();
  return groups.map((g) => {
    const graduating = g.course >= 2 && g.course === maxCourse.get(trackOf(g));
    const copiedAs = copied.find((c) => c.previous_group_id === g.id)?.name ?? null;
    return {
      fromGroupId: g.id,
      fromName: g.name,
      fromCourse: g.course,
      name: nextCourseName(g.name, g.course),
      course: g.course + 1,
      include: !graduating && copiedAs === null,
      graduating,
      copiedAs,
      curatorName: g.last_name
        ? shortName({ last_name: g.last_name, first_name: g.first_name!, middle_name: g.middle_name })
        : null,
      students: Number(open.find((o) => o.group_id === g.id)?.n ?? 0),
      journals: Number(journals.find((j) => j.group_id === g.id)?.n ?? 0),
    };
  });
}

export async function copyApply(ctx: AuthedContext, input: Parsed<'years.copyApply'>): Promise<CopyResult> {
  const from = await loadYear(ctx.db, input.fromYearId);
  const to = await loadOpenYear(ctx.db, input.toYearId);
  if (from.starts_on >= to.starts_on)
    throw badInput(`Переносить можно только из более раннего года в более поздний (${from.title} → ${to.title})`);
  const w = await institutionWords(ctx.db);
  const G = w.Term('group');
  const chosen = input.groups.filter((g) => g.include);
  if (chosen.length === 0)
    throw badInput(
      `Не выбрано ни ${{ f: 'одной', m: 'одного', n: 'одного' }[w.gender('group')]} ${w.term('group', 'gen')} для ` +
        `переноса`,
    );
  if (input.transferOrder) checkOrderDates(to, to.starts_on, input.transferOrder.orderDate, 'Дата перевода');
  const names = new Map<string, string>();
  for (const g of chosen) {
    const key = g.name.toLowerCase();
    if (names.has(key))
      throw badInput(
        `${{ f: 'Две', m: 'Два', n: 'Два' }[w.gender('group')]} ${w.count('group', 2).slice(2)} получат одно ` +
          `название «${g.name}»: исправьте одно из них`,
        {
          groups: g.name,
        },
      );
    names.set(key, g.name);
  }
  const existing = await ctx.db
    .selectFrom('groups')
    .select(['name', 'previous_group_id'])
    .where('year_id', '=', to.id)
    .execute();
  const taken = existing.find((e) => names.has(e.name.toLowerCase()));
  if (taken) throw badInput(`${G} «${taken.name}» уже есть в учебном году ${to.title}`, { groups: taken.name });
  const again = chosen.find((g) => existing.some((e) => e.previous_group_id === g.fromGroupId));
  if (again)
    throw badInput(`${G} «${again.name}» уже перенесен${{ f: 'а', m: '', n: 'о' }[w.gender('group')]} в ${to.title}`);

  const backup = await safetyBackup(
    ctx,
    'year-copy',
    `перенос ${w.term('group', 'gen', 'many')} в новый учебный год`,
    `Перенос ${w.term('group', 'gen', 'many')} из ${from.title} в ${to.title}`,
  );
  const fromPeriods = await ctx.db.selectFrom('periods').select(['id', 'seq']).where('year_id', '=', from.id).execute();
  const toPeriods = await ctx.db.selectFrom('periods').select(['id', 'seq']).where('year_id', '=', to.id).execute();
  const periodMap = new Map(fromPeriods.map((p) => [p.id, toPeriods.find((t) => t.seq === p.seq)?.id]));
  const result: CopyResult = { groups: 0, journals: 0, students: 0, curators: 0, skipped: [], backup };

  await ctx.db.transaction().execute(async (trx) => {
    for (const choice of chosen) {
      const old = await trx.selectFrom('groups').selectAll().where('id', '=', choice.fromGroupId).executeTakeFirst();
      if (!old || old.year_id !== from.id)
        throw badInput(`${G} #${choice.fromGroupId} не относится к учебному году ${from.title}`);
      const curator =
        old.curator_user_id === null
          ? null
          : await trx
              .selectFrom('users')
              .select(['id', 'active'])
              .where('id', '=', old.curator_user_id)
              .executeTakeFirst();
      const curatorId = curator?.active ? curator.id : null;
      if (old.curator_user_id !== null && curatorId === null)
        result.skipped.push(`${choice.name}: ${w.short('curator')} отключён — назначьте нового`);
      const g = await trx
        .insertInto('groups')
        .values({
          year_id: to.id,
          name: choice.name,
          course: choice.course,
          department_id: old.department_id,
          curator_user_id: curatorId,
          programme_subject_id: old.programme_subject_id,
          previous_group_id: old.id,
          speciality: old.speciality,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      result.groups++;
      if (curatorId !== null) {
        await setCurator(trx, g.id, curatorId);
        result.curators++;
      }

      const continuing = input.transferOrder
        ? await trx
            .selectFrom('enrolments')
            .selectAll()
            .where('group_id', '=', old.id)
            .where('until_date', 'is', null)
            .execute()
        : [];
      const continuingIds = new Set(continuing.map((e) => e.student_id));
      const subgroupMap = new Map<number, number>();
      for (const sg of await trx
        .selectFrom('subgroups')
        .selectAll()
        .where('group_id', '=', old.id)
        .orderBy('number')
        .execute()) {
        const row = await trx
          .insertInto('subgroups')
          .values({ group_id: g.id, number: sg.number, title: sg.title })
          .returning('id')
          .executeTakeFirstOrThrow();
        subgroupMap.set(sg.id, row.id);
        const members = (
          await trx.selectFrom('subgroup_students').select('student_id').where('subgroup_id', '=', sg.id).execute()
        ).filter((m) => continuingIds.has(m.student_id));
        if (members.length > 0)
          await trx
            .insertInto('subgroup_students')
            .values(members.map((m) => ({ subgroup_id: row.id, student_id: m.student_id })))
            .execute();
      }

      if (input.carryLoads) {
        const marks = await journalMarks(trx);
        for (const j of await trx
          .selectFrom('journals')
          .selectAll()
          .where('group_id', '=', old.id)
          .orderBy('id')
          .execute()) {
          const teacher = await trx
            .selectFrom('users')
            .select('active')
            .where('id', '=', j.teacher_user_id)
            .executeTakeFirst();
          if (!teacher?.active) {
            result.skipped.push(
              `${choice.name}: нагрузка журнала #${j.id} не перенесена — ${w.short('teacher')} отключён`,
            );
            continue;
          }
          const nj = await trx
            .insertInto('journals')
            .values({
              year_id: to.id,
              group_id: g.id,
              subject_id: j.subject_id,
              subgroup_id: j.subgroup_id === null ? null : (subgroupMap.get(j.subgroup_id) ?? null),
              teacher_user_id: j.teacher_user_id,
              // The new year's journal takes today's flag and scale; the old one keeps its own.
              ...marks,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const hours = (
            await trx.selectFrom('journal_period_hours').selectAll().where('journal_id', '=', j.id).execute()
          )
            .filter((h) => periodMap.get(h.period_id) !== undefined)
            .map((h) => ({ journal_id: nj.id, period_id: periodMap.get(h.period_id)!, hours: h.hours }));
          if (hours.length > 0) await trx.insertInto('journal_period_hours').values(hours).execute();
          // The объединение keeps its programme (a subject, not a year's row); the new journal gets its plan.
          await fillPlansFromProgramme(trx, [nj.id]);
          await ensureTeacherRole(trx, j.teacher_user_id);
          result.journals++;
        }
      }

      if (input.transferOrder) {
        const order = input.transferOrder;
        for (const e of continuing) {
          await trx
            .updateTable('enrolments')
            .set({
              until_date: to.starts_on,
              end_reason: 'transfer',
              end_order_no: order.orderNo,
              end_order_date: order.orderDate,
              version: e.version + 1,
            })
            .where('id', '=', e.id)
            .execute();
          await trx
            .insertInto('enrolments')
            .values({
              student_id: e.student_id,
              group_id: g.id,
              from_date: to.starts_on,
              until_date: null,
              reason: 'transfer',
              order_no: order.orderNo,
              order_date: order.orderDate,
              end_reason: null,
              end_order_no: null,
              end_order_date: null,
            })
            .execute();
          result.students++;
        }
      }
    }
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'years.copy',
      entity: 'academic_year',
      entityId: to.id,
      after: {
        fromYearId: from.id,
        chosen,
        carryLoads: input.carryLoads,
        transferOrder: input.transferOrder,
        ...result,
      },
    });
  });
  return result;
}
