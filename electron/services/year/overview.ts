// What a year holds and what is still missing before teachers can work: the wizard's checklist.
import { institutionWords } from '../words.js';
import type { Parsed, YearOverview } from '../../api/contract.js';
import type { AuthedContext } from '../context.js';
import { allClashes } from './clashes.js';
import { count, loadYear } from './common.js';
import { dayInYear, describeGroups } from './groups.js';
import { describeLoad } from './load.js';
import { describeYear } from './years.js';

const MAX_WARNINGS = 60;

export async function overview(ctx: AuthedContext, input: Parsed<'years.overview'>): Promise<YearOverview> {
  const db = ctx.db;
  const y = await loadYear(db, input.yearId);
  const year = await describeYear(db, y.id);
  const day = dayInYear(ctx.clock.today(), y);
  const groups = await describeGroups(db, y.id, day);
  const load = await describeLoad(db, { yearId: y.id });
  const n = async (q: Promise<{ n: number | string | bigint } | undefined>) => count(await q);
  const timetable = await n(
    db
      .selectFrom('timetable')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('year_id', '=', y.id)
      .executeTakeFirst(),
  );
  const students = await n(
    db
      .selectFrom('enrolments as e')
      .innerJoin('groups as g', 'g.id', 'e.group_id')
      .select((eb) => eb.fn.count<number>('e.student_id').distinct().as('n'))
      .where('g.year_id', '=', y.id)
      .where('e.from_date', '<=', day)
      .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', day)]))
      .executeTakeFirst(),
  );
  const holidays = await n(
    db
      .selectFrom('holidays')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('date', '>=', y.starts_on)
      .where('date', '<=', y.ends_on)
      .executeTakeFirst(),
  );
  const bells = await n(
    db
      .selectFrom('bells')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
  );
  const subjects = await n(
    db
      .selectFrom('subjects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
  );
  const departments = await n(
    db
      .selectFrom('departments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
  );
  const previous = await db
    .selectFrom('academic_years')
    .select(['id', 'title'])
    .where('starts_on', '<', y.starts_on)
    .orderBy('starts_on', 'desc')
    .executeTakeFirst();

  const warnings: string[] = [];
  const w = await institutionWords(db);
  if (year.periods.length === 0) warnings.push('Не заданы периоды учебного года');
  if (bells === 0) warnings.push('Не задано расписание звонков');
  if (groups.length === 0)
    warnings.push(`Нет ни ${{ f: 'одной', m: 'одного', n: 'одного' }[w.gender('group')]} ${w.term('group', 'gen')}`);
  for (const g of groups) {
    if (g.curatorUserId === null) warnings.push(`${w.Term('group')} ${g.name}: не назначен ${w.term('curator')}`);
    if (g.students === 0)
      warnings.push(`${w.Term('group')} ${g.name}: нет обучающихся на ${day.split('-').reverse().join('.')}`);
    if (g.journals === 0) warnings.push(`${w.Term('group')} ${g.name}: не назначена нагрузка (нет журналов)`);
  }
  for (const j of load) {
    const name =
      `${j.groupName}${j.subgroupNumber ? ` (подгр. ${j.subgroupNumber})` : ''}, «${j.subjectName}» ` +
      `(${j.teacherName})`;
    if (j.totalHours === 0) warnings.push(`${name}: не указаны часы по периодам`);
    if (j.planTopics === 0) warnings.push(`${name}: нет тематического плана`);
    else if (j.totalHours > 0 && j.planHours !== j.totalHours)
      warnings.push(`${name}: в тематическом плане ${j.planHours} ч, а по нагрузке ${j.totalHours} ч`);
    if (j.timetableSlots === 0) warnings.push(`${name}: нет в расписании`);
  }
  const clashes = await allClashes(db, y.id);
  for (const c of clashes) warnings.push(`Накладка: ${c}`);
  const shown = warnings.slice(0, MAX_WARNINGS);
  if (warnings.length > MAX_WARNINGS) shown.push(`…и ещё ${warnings.length - MAX_WARNINGS}`);
  return {
    year,
    counts: {
      departments,
      groups: groups.length,
      subgroups: groups.reduce((s, g) => s + g.subgroups.length, 0),
      subjects,
      journals: load.length,
      planTopics: load.reduce((s, j) => s + j.planTopics, 0),
      timetable,
      students,
      holidays,
      bells,
      teachers: new Set(load.map((j) => j.teacherUserId)).size,
    },
    warnings: shown,
    previousYear: previous ?? null,
  };
}
