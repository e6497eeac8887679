// Non-working days (holidays and vacations) and the bells — the institution's working regime.
import type { BellInfo, HolidayInfo, Parsed } from '../../api/contract.js';
import { badInput } from '../../api/errors.js';
import { audit } from '../audit.js';
import { daysBetween, eachDay } from '../../domain/calendar.js';
import { ruDate } from '../../domain/format-dates.js';
import type { AuthedContext, Db } from '../context.js';
import { loadOpenYear, loadYear } from './common.js';

async function holidaysOf(db: Db, from: string, to: string): Promise<HolidayInfo[]> {
  return db
    .selectFrom('holidays')
    .select(['date', 'title'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute();
}

export async function listHolidays(ctx: AuthedContext, input: Parsed<'holidays.list'>): Promise<HolidayInfo[]> {
  const y = await loadYear(ctx.db, input.yearId);
  return holidaysOf(ctx.db, y.starts_on, y.ends_on);
}

export async function addHolidays(ctx: AuthedContext, input: Parsed<'holidays.add'>): Promise<HolidayInfo[]> {
  const y = await loadOpenYear(ctx.db, input.yearId);
  if (input.to < input.from)
    throw badInput(`Последний день ${ruDate(input.to)} раньше первого ${ruDate(input.from)}`, {
      to: 'Раньше первого дня',
    });
  if (input.from < y.starts_on || input.to > y.ends_on) {
    throw badInput(
      `Дни ${ruDate(input.from)}–${ruDate(input.to)} выходят за учебный год ${y.title} ` +
        `(${ruDate(y.starts_on)}–${ruDate(y.ends_on)})`,
      { from: 'Вне года' },
    );
  }
  if (daysBetween(input.from, input.to) > 120)
    throw badInput('Не больше 120 дней за один раз', { to: 'Слишком длинный промежуток' });
  const dates = [...eachDay(input.from, input.to)];
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('holidays').select(['date', 'title']).where('date', 'in', dates).execute();
    await trx.deleteFrom('holidays').where('date', 'in', dates).execute();
    await trx
      .insertInto('holidays')
      .values(dates.map((date) => ({ date, title: input.title })))
      .execute();
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'holidays.add',
      entity: 'holiday',
      entityId: `${input.from}..${input.to}`,
      before,
      after: { from: input.from, to: input.to, title: input.title },
    });
  });
  return holidaysOf(ctx.db, y.starts_on, y.ends_on);
}

export async function removeHolidays(ctx: AuthedContext, input: Parsed<'holidays.remove'>): Promise<HolidayInfo[]> {
  const y = await loadOpenYear(ctx.db, input.yearId);
  const outside = input.dates.find((d) => d < y.starts_on || d > y.ends_on);
  if (outside) throw badInput(`День ${ruDate(outside)} не относится к учебному году ${y.title}`);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('holidays')
      .select(['date', 'title'])
      .where('date', 'in', input.dates)
      .execute();
    await trx.deleteFrom('holidays').where('date', 'in', input.dates).execute();
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'holidays.remove',
      entity: 'holiday',
      entityId: input.dates[0],
      before,
    });
  });
  return holidaysOf(ctx.db, y.starts_on, y.ends_on);
}

export async function listBells(ctx: AuthedContext): Promise<BellInfo[]> {
  const rows = await ctx.db.selectFrom('bells').selectAll().orderBy('lesson_no').execute();
  return rows.map((b) => ({ lessonNo: b.lesson_no, startsAt: b.starts_at, endsAt: b.ends_at }));
}

export async function lessonsPerDay(db: Db): Promise<number> {
  const inst = await db.selectFrom('institution').select('lessons_per_day').executeTakeFirst();
  return inst?.lessons_per_day ?? 8;
}

export async function saveBells(ctx: AuthedContext, input: Parsed<'bells.save'>): Promise<BellInfo[]> {
  const perDay = input.lessonsPerDay ?? (await lessonsPerDay(ctx.db));
  const sorted = [...input.bells].sort((a, b) => a.lessonNo - b.lessonNo);
  sorted.forEach((b, i) => {
    const field = `bells.${input.bells.indexOf(b)}`;
    if (b.lessonNo < 1 || b.lessonNo > perDay)
      throw badInput(`Номер занятия ${b.lessonNo} вне диапазона: в день от 1 до ${perDay} занятий`, {
        [field]: `От 1 до ${perDay}`,
      });
    if (b.endsAt <= b.startsAt)
      throw badInput(`Занятие ${b.lessonNo}: конец ${b.endsAt} не позже начала ${b.startsAt}`, {
        [field]: 'Конец раньше начала',
      });
    const prev = sorted[i - 1];
    if (prev && prev.lessonNo === b.lessonNo)
      throw badInput(`Занятие ${b.lessonNo} указано дважды`, { [field]: 'Повтор' });
    if (prev && b.startsAt < prev.endsAt)
      throw badInput(
        `Занятие ${b.lessonNo} начинается в ${b.startsAt}, раньше конца занятия ${prev.lessonNo} (${prev.endsAt})`,
        { [field]: 'Пересечение' },
      );
  });
  if (input.lessonsPerDay !== undefined) {
    const beyond = await ctx.db
      .selectFrom('timetable as t')
      .innerJoin('academic_years as y', 'y.id', 't.year_id')
      .select(['t.lesson_no'])
      .where('y.status', '=', 'open')
      .where('t.lesson_no', '>', input.lessonsPerDay)
      .executeTakeFirst();
    if (beyond)
      throw badInput(
        `В расписании открытого года есть занятие №${beyond.lesson_no}: сначала уберите его, потом уменьшайте число ` +
          `занятий в день`,
        { lessonsPerDay: 'Есть занятия позже' },
      );
  }
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('bells').selectAll().orderBy('lesson_no').execute();
    await trx.deleteFrom('bells').execute();
    if (sorted.length > 0) {
      await trx
        .insertInto('bells')
        .values(sorted.map((b) => ({ lesson_no: b.lessonNo, starts_at: b.startsAt, ends_at: b.endsAt })))
        .execute();
    }
    if (input.lessonsPerDay !== undefined) {
      await trx
        .updateTable('institution')
        .set((eb) => ({
          lessons_per_day: perDay,
          updated_at: ctx.clock.now().toISOString(),
          version: eb('version', '+', 1),
        }))
        .execute();
    }
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'bells.save',
      entity: 'bells',
      before,
      after: { bells: sorted, lessonsPerDay: perDay },
    });
  });
  return listBells(ctx);
}
