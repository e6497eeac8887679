// Dated timetable changes (issue 14): the deputy or the administrator cancels a lesson on a date, moves
// it, gives it to a substitute, or adds an extra lesson; lists a week's changes; removes one while no
// lesson has been recorded for it. Every reader of dated slots applies them (schedule.ts).
import type { Parsed, TimetableChangeInfo } from '../api/contract.js';
import { badInput, forbidden, notFound } from '../api/errors.js';
import { CHANGE_KEEPERS } from '../api/methods/timetable-changes.js';
import { ruDate } from '../domain/format-dates.js';
import { TIMETABLE_CHANGE_LABELS } from '../domain/labels.js';
import { audit } from './audit.js';
import { hasRole, type AuthedContext, type Db } from './context.js';
import { scheduledSlots } from './schedule.js';
import { shortName } from './session.js';
import type { TimetableChange } from '../../db/schema.js';
import {
  journalFacts,
  placeWords,
  refuseClashes,
  refuseHeld,
  slotOf,
  type JournalFacts,
} from './timetable-change-checks.js';
import { loadOpenYear, loadYear, versionConflict, type YearRow } from './year/common.js';
import { lessonsPerDay } from './year/days.js';

function mayKeep(ctx: AuthedContext): void {
  if (!hasRole(ctx.session, ...CHANGE_KEEPERS)) {
    throw forbidden(
      'Недостаточно прав: изменения в расписании вносят заместитель директора, учебная часть и администратор',
    );
  }
}

export async function list(ctx: AuthedContext, input: Parsed<'timetableChanges.list'>): Promise<TimetableChangeInfo[]> {
  mayKeep(ctx);
  await loadYear(ctx.db, input.yearId);
  if (input.to < input.from) throw badInput('Конец периода раньше начала', { to: 'Раньше начала' });
  const ids = await ctx.db
    .selectFrom('timetable_changes')
    .select('id')
    .where('year_id', '=', input.yearId)
    .where((eb) =>
      eb.or([
        eb.and([eb('date', '>=', input.from), eb('date', '<=', input.to)]),
        eb.and([eb('new_date', '>=', input.from), eb('new_date', '<=', input.to)]),
      ]),
    )
    .execute();
  return infos(
    ctx,
    ids.map((r) => r.id),
  );
}

async function infos(ctx: AuthedContext, ids: number[]): Promise<TimetableChangeInfo[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('timetable_changes as c')
    .leftJoin('users as su', 'su.id', 'c.substitute_user_id')
    .leftJoin('users as cu', 'cu.id', 'c.created_by')
    .selectAll('c')
    .select(['su.last_name as s_last', 'su.first_name as s_first', 'su.middle_name as s_middle'])
    .select(['cu.last_name as c_last', 'cu.first_name as c_first', 'cu.middle_name as c_middle'])
    .where('c.id', 'in', ids)
    .execute();
  const journals = await journalFacts(
    ctx.db,
    rows.map((r) => r.journal_id),
  );
  const held = new Set(
    (
      await ctx.db
        .selectFrom('lessons')
        .select(['journal_id', 'date', 'lesson_no'])
        .where(
          'journal_id',
          'in',
          rows.map((r) => r.journal_id),
        )
        .where(
          'date',
          'in',
          rows.map((r) => r.new_date ?? r.date),
        )
        .execute()
    ).map((l) => `${l.journal_id}|${l.date}|${l.lesson_no}`),
  );
  const name = (last: string | null, first: string | null, middle: string | null) =>
    last !== null && first !== null ? shortName({ last_name: last, first_name: first, middle_name: middle }) : null;
  return rows
    .map((r) => {
      const j = journals.get(r.journal_id)!;
      const place = effectivePlace(r);
      return {
        id: r.id,
        kind: r.kind,
        journalId: r.journal_id,
        groupName: j.subgroupNumber ? `${j.groupName} (подгр. ${j.subgroupNumber})` : j.groupName,
        subjectName: j.subject,
        teacherName: j.teacherName,
        date: r.date,
        lessonNo: r.lesson_no,
        newDate: r.new_date,
        newLessonNo: r.new_lesson_no,
        room: r.room,
        substituteUserId: r.substitute_user_id,
        substituteName: name(r.s_last, r.s_first, r.s_middle),
        reason: r.reason,
        createdBy: name(r.c_last, r.c_first, r.c_middle),
        createdAt: r.created_at,
        version: r.version,
        held: r.kind !== 'cancel' && held.has(`${r.journal_id}|${place.date}|${place.lessonNo}`),
      };
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.lessonNo - b.lessonNo || a.id - b.id));
}

/** Where the change puts a lesson (a move: its new place; otherwise the slot it names). */
function effectivePlace(r: { date: string; lesson_no: number; new_date: string | null; new_lesson_no: number | null }) {
  return r.new_date !== null && r.new_lesson_no !== null
    ? { date: r.new_date, lessonNo: r.new_lesson_no }
    : { date: r.date, lessonNo: r.lesson_no };
}

async function checkDay(db: Db, y: YearRow, date: string, lessonNo: number, perDay: number) {
  if (date < y.starts_on || date > y.ends_on) {
    throw badInput(`Дата ${ruDate(date)} вне учебного года ${y.title}`, { date: 'Вне года' });
  }
  if (lessonNo > perDay) {
    throw badInput(`Номер занятия ${lessonNo} вне диапазона: в день от 1 до ${perDay} занятий`, {
      lessonNo: `От 1 до ${perDay}`,
    });
  }
  const holiday = await db.selectFrom('holidays').select('title').where('date', '=', date).executeTakeFirst();
  if (holiday)
    throw badInput(`${ruDate(date)} — нерабочий день (${holiday.title}): занятий нет`, { date: 'Нерабочий день' });
}

export async function create(
  ctx: AuthedContext,
  input: Parsed<'timetableChanges.create'>,
): Promise<TimetableChangeInfo> {
  mayKeep(ctx);
  const j = (await journalFacts(ctx.db, [input.journalId])).get(input.journalId);
  if (!j) throw notFound('Журнал');
  const y = await loadOpenYear(ctx.db, j.yearId);
  const label = TIMETABLE_CHANGE_LABELS[input.kind];
  if ((input.kind === 'cancel' || input.kind === 'substitute') && !input.reason) {
    throw badInput(`Укажите причину (${label})`, { reason: 'Не заполнено' });
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    await queueKeepers(trx);
    const values = await checkedValues(ctx, trx, input, j, y);
    const row = await trx.insertInto('timetable_changes').values(values).returning('id').executeTakeFirstOrThrow();
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'timetableChange.create',
      entity: 'timetable_changes',
      entityId: row.id,
      journalId: j.id,
      after: values,
    });
    return row.id;
  });
  return (await infos(ctx, [id]))[0]!;
}

/** The row to insert once every check has passed (run in the writing transaction, after queueKeepers). */
async function checkedValues(
  ctx: AuthedContext,
  db: Db,
  input: Parsed<'timetableChanges.create'>,
  j: JournalFacts,
  y: YearRow,
) {
  const perDay = await lessonsPerDay(db);
  const refusal = `Изменение «${TIMETABLE_CHANGE_LABELS[input.kind]}» не вносится`;
  await checkDay(db, y, input.date, input.lessonNo, perDay);
  const values = {
    year_id: y.id,
    kind: input.kind,
    journal_id: j.id,
    date: input.date,
    lesson_no: input.lessonNo,
    new_date: null as string | null,
    new_lesson_no: null as number | null,
    room: input.room,
    substitute_user_id: null as number | null,
    reason: input.reason,
    created_by: ctx.session.userId,
    created_at: ctx.clock.now().toISOString(),
  };
  const base = { journal: j, teacherId: j.teacherId, teacherName: j.teacherName, group: true };
  if (input.kind === 'extra') {
    await refuseHeld(db, j, input.date, input.lessonNo, refusal);
    await refuseClashes(db, y, {
      ...base,
      date: input.date,
      lessonNo: input.lessonNo,
      room: input.room,
      self: null,
    });
  } else {
    const slot = await slotOf(db, y, j, input.date, input.lessonNo);
    await refuseHeld(db, j, input.date, input.lessonNo, refusal);
    if (input.kind === 'move') {
      if (!input.newDate || !input.newLessonNo) {
        throw badInput('Перенос: укажите новую дату и номер занятия', { newDate: 'Не заполнено' });
      }
      await checkDay(db, y, input.newDate, input.newLessonNo, perDay);
      const room = input.room ?? slot.room;
      if (input.newDate === input.date && input.newLessonNo === input.lessonNo && room === slot.room) {
        throw badInput('Перенос: новое место совпадает с прежним', { newDate: 'То же место' });
      }
      await refuseHeld(db, j, input.newDate, input.newLessonNo, refusal);
      await refuseClashes(db, y, {
        ...base,
        date: input.newDate,
        lessonNo: input.newLessonNo,
        room,
        self: { date: input.date, lessonNo: input.lessonNo },
      });
      Object.assign(values, { new_date: input.newDate, new_lesson_no: input.newLessonNo, room });
    } else if (input.kind === 'substitute') {
      values.substitute_user_id = await substitute(db, j, input.substituteUserId ?? null);
      if (slot.change?.kind === 'substitute') {
        throw badInput(
          `На ${placeWords(input.date, input.lessonNo)} замена уже назначена: ${slot.change.substituteName}`,
        );
      }
      await refuseClashes(db, y, {
        ...base,
        teacherId: values.substitute_user_id,
        teacherName: await userName(db, values.substitute_user_id),
        group: false,
        date: input.date,
        lessonNo: input.lessonNo,
        room: input.room,
        self: { date: input.date, lessonNo: input.lessonNo },
      });
    } else {
      values.room = null;
    }
  }
  return values;
}

/**
 * Two keepers checking at once would each miss the other's change: the transaction's first statement
 * takes the catalogue counter's row (which the insert bumps anyway), so they queue there and each
 * checks what the other has committed.
 */
async function queueKeepers(trx: Db): Promise<void> {
  await trx
    .updateTable('catalogue_version')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}

/** The substitute named for a substitution: an active teacher other than the journal's own. */
async function substitute(db: Db, j: JournalFacts, userId: number | null): Promise<number> {
  if (userId === null) throw badInput('Замена: укажите заменяющего преподавателя', { substituteUserId: 'Не выбран' });
  if (userId === j.teacherId) {
    throw badInput(`Замена: ${j.teacherName} и так ведёт этот журнал`, { substituteUserId: 'Тот же преподаватель' });
  }
  const teacher = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select('u.id')
    .where('u.id', '=', userId)
    .where('u.active', '=', 1)
    .where('r.role', '=', 'teacher')
    .executeTakeFirst();
  if (!teacher) {
    throw badInput('Замена: заменяющий должен быть действующим преподавателем', {
      substituteUserId: 'Не преподаватель',
    });
  }
  return userId;
}

async function userName(db: Db, id: number): Promise<string> {
  const u = await db
    .selectFrom('users')
    .select(['last_name', 'first_name', 'middle_name'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return shortName(u);
}

export async function remove(ctx: AuthedContext, input: Parsed<'timetableChanges.remove'>): Promise<null> {
  mayKeep(ctx);
  const c = await ctx.db.selectFrom('timetable_changes').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!c) throw notFound('Изменение в расписании');
  const y = await loadOpenYear(ctx.db, c.year_id);
  await ctx.db.transaction().execute(async (trx) => {
    await queueKeepers(trx);
    const j = (await journalFacts(trx, [c.journal_id])).get(c.journal_id)!;
    const place = effectivePlace(c);
    if (c.kind !== 'cancel') await refuseHeld(trx, j, place.date, place.lessonNo, 'Изменение не убирается');
    // A later change made on the place this one made (a substitution of a moved lesson) goes first.
    const later = await trx
      .selectFrom('timetable_changes')
      .select(['kind'])
      .where('journal_id', '=', c.journal_id)
      .where('id', '>', c.id)
      .where('date', '=', place.date)
      .where('lesson_no', '=', place.lessonNo)
      .executeTakeFirst();
    if (later && (c.kind === 'move' || c.kind === 'extra')) {
      throw badInput(
        `Изменение не убирается: на ${placeWords(place.date, place.lessonNo)} после него внесено ещё одно ` +
          `(«${TIMETABLE_CHANGE_LABELS[later.kind]}») — сначала уберите его`,
      );
    }
    const res = await trx
      .deleteFrom('timetable_changes')
      .where('id', '=', c.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw versionConflict('Изменение в расписании', c);
    if (c.kind !== 'extra') await refuseRestoredClash(trx, y, j, c);
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'timetableChange.remove',
      entity: 'timetable_changes',
      entityId: c.id,
      journalId: c.journal_id,
      before: c,
    });
  });
  return null;
}

/**
 * Without a cancel, a move or a substitution the lesson is back at its place with its own teacher: refused
 * (and the removal rolled back) when that place has been given to somebody else meanwhile.
 */
async function refuseRestoredClash(db: Db, y: YearRow, j: JournalFacts, c: TimetableChange): Promise<void> {
  const back = await scheduledSlots(db, {
    yearId: y.id,
    yearStart: y.starts_on,
    from: c.date,
    to: c.date,
    journalIds: [j.id],
  });
  const slot = back.find((s) => s.lessonNo === c.lesson_no);
  if (!slot) return;
  await refuseClashes(
    db,
    y,
    {
      journal: j,
      teacherId: j.teacherId,
      teacherName: j.teacherName,
      group: c.kind !== 'substitute',
      date: c.date,
      lessonNo: c.lesson_no,
      room: c.kind === 'substitute' ? null : slot.room,
      self: { date: c.date, lessonNo: c.lesson_no },
    },
    'Изменение не убирается: занятие вернулось бы на место, которое уже занято',
  );
}
