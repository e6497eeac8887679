// Opening, changing, closing and reopening an academic year and its periods.
import type { PeriodKind } from '../../../db/schema.js';
import type { Parsed, PeriodInfo, YearClosed, YearInfo } from '../../api/contract.js';
import { AppError, badInput, notFound } from '../../api/errors.js';
import { audit } from '../audit.js';
import { daysBetween } from '../../domain/calendar.js';
import { ruDate } from '../../domain/format-dates.js';
import { YEAR_STATUS_LABELS } from '../../domain/labels.js';
import type { AuthedContext, Db } from '../context.js';
import { assertYearOpen, count, loadYear, safetyBackup, versionConflict } from './common.js';

const PERIOD_WORD: Record<PeriodKind, string> = { half_year: 'полугодие', semester: 'семестр', quarter: 'четверть' };

/** The usual periods of a kind for a year that starts on 1 September. */
export function defaultPeriods(
  kind: PeriodKind,
  startsOn: string,
): Array<{ title: string; startsOn: string; endsOn: string }> {
  const y = Number(startsOn.slice(0, 4));
  const n = y + 1;
  const t = (i: number) => `${i} ${PERIOD_WORD[kind]}`;
  if (kind === 'quarter') {
    return [
      { title: t(1), startsOn, endsOn: `${y}-10-25` },
      { title: t(2), startsOn: `${y}-11-05`, endsOn: `${y}-12-28` },
      { title: t(3), startsOn: `${n}-01-09`, endsOn: `${n}-03-21` },
      { title: t(4), startsOn: `${n}-03-30`, endsOn: `${n}-05-26` },
    ];
  }
  return [
    { title: t(1), startsOn, endsOn: `${y}-12-31` },
    { title: t(2), startsOn: `${n}-01-09`, endsOn: kind === 'semester' ? `${n}-06-30` : `${n}-05-31` },
  ];
}

export async function describeYear(db: Db, yearId: number): Promise<YearInfo> {
  const [info] = await describeYears(db, [yearId]);
  if (!info) throw notFound('Учебный год');
  return info;
}

async function describeYears(db: Db, ids: number[] | null): Promise<YearInfo[]> {
  let q = db.selectFrom('academic_years').selectAll().orderBy('starts_on', 'desc');
  if (ids) q = q.where('id', 'in', ids);
  const years = await q.execute();
  if (years.length === 0) return [];
  const periods = await db
    .selectFrom('periods')
    .selectAll()
    .where(
      'year_id',
      'in',
      years.map((y) => y.id),
    )
    .orderBy('seq')
    .execute();
  return years.map((y) => {
    const own = periods.filter((p) => p.year_id === y.id);
    return {
      id: y.id,
      title: y.title,
      startsOn: y.starts_on,
      endsOn: y.ends_on,
      status: y.status,
      closedAt: y.closed_at,
      version: y.version,
      periodKind: own[0]?.kind ?? null,
      periods: own.map((p): PeriodInfo => ({
        id: p.id,
        seq: p.seq,
        title: p.title,
        startsOn: p.starts_on,
        endsOn: p.ends_on,
        locked: p.locked === 1,
        version: p.version,
      })),
    };
  });
}

export async function list(ctx: AuthedContext): Promise<YearInfo[]> {
  return describeYears(ctx.db, null);
}

interface PeriodDraft {
  id?: number | undefined;
  title: string;
  startsOn: string;
  endsOn: string;
}

/** Dates of the year and its periods: in order, inside the year, not overlapping, titles unique. */
async function checkDates(
  db: Db,
  title: string,
  startsOn: string,
  endsOn: string,
  periods: PeriodDraft[],
  exceptYearId: number | null,
) {
  const first = Number(title.slice(0, 4));
  if (Number(startsOn.slice(0, 4)) !== first) {
    throw badInput(`Учебный год ${title} должен начинаться в ${first} году, а не ${ruDate(startsOn)}`, {
      startsOn: 'Не тот год',
    });
  }
  if (endsOn <= startsOn)
    throw badInput('Конец учебного года должен быть позже его начала', { endsOn: 'Раньше начала' });
  if (daysBetween(startsOn, endsOn) > 365)
    throw badInput('Учебный год не может быть длиннее года', { endsOn: 'Больше года' });
  const others = await db.selectFrom('academic_years').select(['id', 'title', 'starts_on', 'ends_on']).execute();
  for (const o of others) {
    if (o.id === exceptYearId) continue;
    if (o.title === title) throw badInput(`Учебный год ${title} уже есть`, { title: 'Уже есть' });
    if (o.starts_on <= endsOn && startsOn <= o.ends_on) {
      throw badInput(`Даты пересекаются с учебным годом ${o.title} (${ruDate(o.starts_on)}–${ruDate(o.ends_on)})`, {
        startsOn: 'Пересечение',
      });
    }
  }
  const sorted = [...periods].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const titles = new Set<string>();
  sorted.forEach((p, i) => {
    const field = `periods.${periods.indexOf(p)}`;
    if (p.endsOn < p.startsOn)
      throw badInput(`Период «${p.title}»: конец ${ruDate(p.endsOn)} раньше начала ${ruDate(p.startsOn)}`, {
        [field]: 'Конец раньше начала',
      });
    if (p.startsOn < startsOn || p.endsOn > endsOn) {
      throw badInput(
        `Период «${p.title}» (${ruDate(p.startsOn)}–${ruDate(p.endsOn)}) выходит за границы учебного года ` +
          `${ruDate(startsOn)}–${ruDate(endsOn)}`,
        { [field]: 'Вне года' },
      );
    }
    const prev = sorted[i - 1];
    if (prev && p.startsOn <= prev.endsOn)
      throw badInput(`Периоды «${prev.title}» и «${p.title}» пересекаются`, { [field]: 'Пересечение' });
    const key = p.title.toLowerCase();
    if (titles.has(key)) throw badInput(`Два периода с названием «${p.title}»`, { [field]: 'Повтор' });
    titles.add(key);
  });
  return sorted;
}

export async function create(ctx: AuthedContext, input: Parsed<'years.create'>): Promise<YearInfo> {
  const periods =
    input.periods && input.periods.length > 0 ? input.periods : defaultPeriods(input.periodKind, input.startsOn);
  const sorted = await checkDates(ctx.db, input.title, input.startsOn, input.endsOn, periods, null);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const year = await trx
      .insertInto('academic_years')
      .values({
        title: input.title,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        status: 'open',
        closed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let seq = 0;
    for (const p of sorted) {
      await trx
        .insertInto('periods')
        .values({
          year_id: year.id,
          kind: input.periodKind,
          seq: ++seq,
          title: p.title,
          starts_on: p.startsOn,
          ends_on: p.endsOn,
        })
        .execute();
    }
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'years.create',
      entity: 'academic_year',
      entityId: year.id,
      after: { ...input, periods: sorted },
    });
    return year.id;
  });
  return describeYear(ctx.db, id);
}

export async function update(ctx: AuthedContext, input: Parsed<'years.update'>): Promise<YearInfo> {
  const year = await loadYear(ctx.db, input.id);
  assertYearOpen(year);
  const sorted = await checkDates(ctx.db, year.title, input.startsOn, input.endsOn, input.periods, year.id);
  const before = await describeYear(ctx.db, year.id);
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('academic_years')
      .set({ starts_on: input.startsOn, ends_on: input.endsOn, version: year.version + 1 })
      .where('id', '=', year.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw versionConflict('Учебный год', before);
    const outside = await trx
      .selectFrom('lessons as l')
      .innerJoin('journals as j', 'j.id', 'l.journal_id')
      .select(['l.date'])
      .where('j.year_id', '=', year.id)
      .where((eb) => eb.or([eb('l.date', '<', input.startsOn), eb('l.date', '>', input.endsOn)]))
      .orderBy('l.date')
      .executeTakeFirst();
    if (outside)
      throw badInput(`Занятие ${ruDate(outside.date)} уже проведено вне новых дат учебного года`, {
        startsOn: 'Есть занятия вне дат',
      });
    const existing = before.periods;
    for (const p of input.periods) {
      if (p.id !== undefined && !existing.some((e) => e.id === p.id)) throw notFound('Период');
    }
    for (const gone of existing.filter((e) => !input.periods.some((p) => p.id === e.id))) {
      const marks = count(
        await trx
          .selectFrom('final_marks')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('period_id', '=', gone.id)
          .executeTakeFirst(),
      );
      if (marks > 0)
        throw badInput(`Период «${gone.title}» нельзя удалить: по нему выставлены итоговые отметки (${marks})`);
      const hours = count(
        await trx
          .selectFrom('journal_period_hours')
          .select((eb) => eb.fn.sum<number>('hours').as('n'))
          .where('period_id', '=', gone.id)
          .executeTakeFirst(),
      );
      if (hours > 0)
        throw badInput(`Период «${gone.title}» нельзя удалить: в нагрузке на него запланировано ${hours} ч`);
      await trx.deleteFrom('periods').where('id', '=', gone.id).execute();
    }
    // Two passes so that the unique (year, seq) never sees two rows with one number.
    for (const e of existing) await trx.updateTable('periods').set({ seq: -e.seq }).where('id', '=', e.id).execute();
    let seq = 0;
    for (const p of sorted) {
      seq++;
      if (p.id !== undefined) {
        await trx
          .updateTable('periods')
          .set((eb) => ({
            seq,
            title: p.title,
            starts_on: p.startsOn,
            ends_on: p.endsOn,
            kind: input.periodKind,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', p.id)
          .execute();
      } else {
        await trx
          .insertInto('periods')
          .values({
            year_id: year.id,
            kind: input.periodKind,
            seq,
            title: p.title,
            starts_on: p.startsOn,
            ends_on: p.endsOn,
          })
          .execute();
      }
    }
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'years.update',
      entity: 'academic_year',
      entityId: year.id,
      before,
      after: input,
    });
  });
  return describeYear(ctx.db, year.id);
}

export async function close(ctx: AuthedContext, input: Parsed<'years.close'>): Promise<YearClosed> {
  const year = await loadYear(ctx.db, input.id);
  if (year.status !== 'open') {
    throw new AppError('conflict', `Учебный год ${year.title} уже ${YEAR_STATUS_LABELS[year.status]}`);
  }
  if (year.version !== input.version) throw versionConflict('Учебный год', await describeYear(ctx.db, year.id));
  const backup = await safetyBackup(
    ctx,
    'year-close',
    `закрытие учебного года ${year.title}`,
    `Закрытие учебного года ${year.title}`,
  );
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('academic_years')
      .set({ status: 'closed', closed_at: now.toISOString(), version: year.version + 1 })
      .where('id', '=', year.id)
      .where('version', '=', input.version)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw versionConflict('Учебный год', null);
    await trx
      .updateTable('periods')
      .set((eb) => ({ locked: 1, version: eb('version', '+', 1) }))
      .where('year_id', '=', year.id)
      .where('locked', '=', 0)
      .execute();
    await audit(trx, ctx.session, now, {
      action: 'years.close',
      entity: 'academic_year',
      entityId: year.id,
      before: { status: 'open' },
      after: { status: 'closed', backup },
    });
  });
  return { ...(await describeYear(ctx.db, year.id)), backup };
}

export async function reopen(ctx: AuthedContext, input: Parsed<'years.reopen'>): Promise<YearInfo> {
  const year = await loadYear(ctx.db, input.id);
  if (year.status === 'archived')
    throw new AppError('locked', `Учебный год ${year.title} в архиве: его нельзя открыть снова`);
  if (year.status === 'open') throw new AppError('conflict', `Учебный год ${year.title} и так открыт`);
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('academic_years')
      .set({ status: 'open', closed_at: null, version: year.version + 1 })
      .where('id', '=', year.id)
      .where('version', '=', input.version)
      .where('status', '=', 'closed')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw versionConflict('Учебный год', null);
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'years.reopen',
      entity: 'academic_year',
      entityId: year.id,
      before: { status: 'closed' },
      after: { status: 'open', reason: input.reason },
    });
  });
  return describeYear(ctx.db, year.id);
}

export async function setPeriodLocked(ctx: AuthedContext, input: Parsed<'periods.setLocked'>): Promise<PeriodInfo> {
  const p = await ctx.db.selectFrom('periods').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!p) throw notFound('Период');
  const year = await loadYear(ctx.db, p.year_id);
  assertYearOpen(year);
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('periods')
      .set({ locked: input.locked ? 1 : 0, version: p.version + 1 })
      .where('id', '=', p.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw versionConflict('Период', null);
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: input.locked ? 'periods.lock' : 'periods.unlock',
      entity: 'period',
      entityId: p.id,
      before: { locked: p.locked },
      after: { locked: input.locked ? 1 : 0 },
    });
  });
  const info = (await describeYear(ctx.db, year.id)).periods.find((x) => x.id === p.id);
  return info!;
}
