// The weekly timetable of a year: list (by group, teacher or room), place, move and remove entries.
import type { Parsed, TimetableEntryInfo, TimetableView } from '../../api/contract.js';
import { badInput, forbidden, notFound } from '../../api/errors.js';
import { audit } from '../audit.js';
import { ruDate } from '../../domain/format-dates.js';
import { hasRole, type AuthedContext, type Db } from '../context.js';
import { STAFF } from '../../api/define.js';
import { weekChanges } from './timetable-week.js';
import { shortName } from '../session.js';
import { loadOpenYear, loadYear, versionConflict } from './common.js';
import { institutionWords } from '../words.js';
import { allClashes, roomKey, slotEntries, SlotIndex, type SlotEntry } from './clashes.js';
import { lessonsPerDay, listBells } from './days.js';
import { withJournalNames } from '../journal-names.js';

function info(e: SlotEntry & { version: number; subjectCode: string | null }): TimetableEntryInfo {
  return {
    id: e.id!,
    groupId: e.groupId,
    groupName: e.groupName,
    weekday: e.weekday,
    lessonNo: e.lessonNo,
    parity: e.parity,
    journalId: e.journalId,
    subjectName: e.subjectName,
    subjectCode: e.subjectCode,
    subgroupNumber: e.subgroupNumber,
    teacherUserId: e.teacherUserId,
    teacherName: e.teacherName,
    room: e.room,
    validFrom: e.validFrom,
    validTo: e.validTo,
    version: e.version,
  };
}

async function enrich(db: Db, entries: SlotEntry[]): Promise<TimetableEntryInfo[]> {
  if (entries.length === 0) return [];
  const extra = await db
    .selectFrom('timetable as t')
    .innerJoin('journals as j', 'j.id', 't.journal_id')
    .innerJoin('subjects as s', 's.id', 'j.subject_id')
    .select(['t.id', 't.version', 's.code'])
    .where(
      't.id',
      'in',
      entries.map((e) => e.id!),
    )
    .execute();
  const byId = new Map(extra.map((x) => [x.id, x]));
  return entries
    .map((e) => info({ ...e, version: byId.get(e.id!)!.version, subjectCode: byId.get(e.id!)!.code }))
    .sort(
      (a, b) =>
        a.weekday - b.weekday ||
        a.lessonNo - b.lessonNo ||
        a.groupName.localeCompare(b.groupName, 'ru') ||
        a.parity.localeCompare(b.parity),
    );
}

/** Groups (and subgroups) whose timetable a student or parent may see: their own, their children's, that year. */
async function familyScope(
  ctx: AuthedContext,
  yearId: number,
): Promise<{ groups: Set<number>; subgroups: Set<number> }> {
  const ids = new Set<number>();
  if (ctx.session.studentId) ids.add(ctx.session.studentId);
  for (const g of await ctx.db
    .selectFrom('guardians')
    .select('student_id')
    .where('user_id', '=', ctx.session.userId)
    .execute())
    ids.add(g.student_id);
  if (ids.size === 0) return { groups: new Set(), subgroups: new Set() };
  const rows = await ctx.db
    .selectFrom('enrolments as e')
    .innerJoin('groups as g', 'g.id', 'e.group_id')
    .select('g.id')
    .where('g.year_id', '=', yearId)
    .where('e.student_id', 'in', [...ids])
    .execute();
  const subs = await ctx.db
    .selectFrom('subgroup_students')
    .select('subgroup_id')
    .where('student_id', 'in', [...ids])
    .execute();
  return { groups: new Set(rows.map((r) => r.id)), subgroups: new Set(subs.map((r) => r.subgroup_id)) };
}

export async function listTimetable(ctx: AuthedContext, input: Parsed<'timetable.list'>): Promise<TimetableView> {
  const y = await loadYear(ctx.db, input.yearId);
  let entries = await slotEntries(ctx.db, y.id);
  let family: { groups: Set<number>; subgroups: Set<number> } | undefined;
  if (!hasRole(ctx.session, ...STAFF, 'timetabler')) {
    const own = await familyScope(ctx, y.id);
    family = own;
    if (
      input.teacherUserId !== undefined ||
      input.room !== undefined ||
      (input.groupId !== undefined && !own.groups.has(input.groupId))
    ) {
      throw forbidden('Недостаточно прав: доступно только своё расписание');
    }
    // A subgroup's lessons only for the students of that subgroup.
    entries = entries.filter(
      (e) => own.groups.has(e.groupId) && (e.subgroupId === null || own.subgroups.has(e.subgroupId)),
    );
  }
  if (input.groupId !== undefined) entries = entries.filter((e) => e.groupId === input.groupId);
  if (input.teacherUserId !== undefined) entries = entries.filter((e) => e.teacherUserId === input.teacherUserId);
  if (input.room !== undefined && input.room !== '')
    entries = entries.filter((e) => roomKey(e.room) === roomKey(input.room!));
  return {
    yearId: y.id,
    lessonsPerDay: await lessonsPerDay(ctx.db),
    bells: await listBells(ctx),
    entries: await enrich(ctx.db, entries),
    ...(input.weekOf
      ? {
          week: await weekChanges(
            ctx.db,
            {
              yearId: y.id,
              yearStart: y.starts_on,
              weekOf: input.weekOf,
              groupId: input.groupId,
              teacherUserId: input.teacherUserId,
              room: input.room,
              family,
            },
            roomKey,
          ),
        }
      : {}),
  };
}

export interface PlacedEntry {
  journalId: number;
  weekday: number;
  lessonNo: number;
  parity: 'all' | 'odd' | 'even';
  room: string | null;
  validFrom: string;
  validTo: string | null;
}

/** The entry as the clash check sees it, after the range checks; throws a Russian error for bad input. */
export async function draftEntry(
  db: Db,
  yearId: number,
  e: PlacedEntry,
  id: number | null,
  perDay: number,
): Promise<SlotEntry> {
  if (e.lessonNo < 1 || e.lessonNo > perDay)
    throw badInput(`Номер занятия ${e.lessonNo} вне диапазона: в день от 1 до ${perDay} занятий`, {
      lessonNo: `От 1 до ${perDay}`,
    });
  const j = await db
    .selectFrom('journals as j')
    .$call(withJournalNames)
    .select([
      'j.id',
      'j.year_id',
      'j.group_id',
      'g.name',
      's.name as subject',
      'j.subgroup_id',
      'sg.number',
      'j.teacher_user_id',
      't.last_name',
      't.first_name',
      't.middle_name',
    ])
    .where('j.id', '=', e.journalId)
    .executeTakeFirst();
  if (!j) throw notFound('Журнал');
  if (j.year_id !== yearId) throw badInput('Журнал относится к другому учебному году', { journalId: 'Другой год' });
  return {
    id,
    groupId: j.group_id,
    groupName: j.name,
    journalId: j.id,
    subjectName: j.subject,
    subgroupId: j.subgroup_id,
    subgroupNumber: j.number,
    teacherUserId: j.teacher_user_id,
    teacherName: shortName({ last_name: j.last_name, first_name: j.first_name, middle_name: j.middle_name }),
    room: e.room,
    weekday: e.weekday,
    lessonNo: e.lessonNo,
    parity: e.parity,
    validFrom: e.validFrom,
    validTo: e.validTo,
  };
}

export async function saveEntry(ctx: AuthedContext, input: Parsed<'timetable.save'>): Promise<TimetableEntryInfo> {
  const journal = await ctx.db
    .selectFrom('journals')
    .select(['year_id'])
    .where('id', '=', input.journalId)
    .executeTakeFirst();
  if (!journal) throw notFound('Журнал');
  const y = await loadOpenYear(ctx.db, journal.year_id);
  const existing =
    input.id === undefined
      ? null
      : await ctx.db.selectFrom('timetable').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (input.id !== undefined && !existing) throw notFound('Занятие расписания');
  if (existing && existing.year_id !== y.id) throw badInput('Занятие расписания относится к другому учебному году');
  const validFrom = input.validFrom ?? existing?.valid_from ?? y.starts_on;
  const validTo = input.validTo === undefined ? (existing?.valid_to ?? null) : input.validTo;
  if (
    validFrom < y.starts_on ||
    validFrom > y.ends_on ||
    (validTo !== null && (validTo > y.ends_on || validTo < validFrom))
  ) {
    throw badInput(
      `Срок действия ${ruDate(validFrom)}–${validTo ? ruDate(validTo) : 'конец года'} должен быть внутри учебного ` +
        `года ${y.title}`,
      { validFrom: 'Вне года' },
    );
  }
  const draft = await draftEntry(
    ctx.db,
    y.id,
    { ...input, validFrom, validTo },
    existing?.id ?? null,
    await lessonsPerDay(ctx.db),
  );
  const clashes = new SlotIndex(await slotEntries(ctx.db, y.id), await institutionWords(ctx.db)).clashes(draft);
  if (clashes.length > 0) throw badInput(`Накладка в расписании. ${clashes.join('. ')}`, { lessonNo: clashes[0]! });
  const id = await ctx.db.transaction().execute(async (trx) => {
    const values = {
      year_id: y.id,
      group_id: draft.groupId,
      weekday: input.weekday,
      lesson_no: input.lessonNo,
      journal_id: input.journalId,
      room: input.room,
      week_parity: input.parity,
      valid_from: validFrom,
      valid_to: validTo,
    };
    if (!existing) {
      const row = await trx.insertInto('timetable').values(values).returning('id').executeTakeFirstOrThrow();
      await audit(trx, ctx.session, ctx.clock.now(), {
        action: 'timetable.create',
        entity: 'timetable',
        entityId: row.id,
        journalId: input.journalId,
        after: values,
      });
      return row.id;
    }
    const res = await trx
      .updateTable('timetable')
      .set({ ...values, version: existing.version + 1 })
      .where('id', '=', existing.id)
      .where('version', '=', input.version ?? existing.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw versionConflict('Занятие расписания', existing);
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'timetable.update',
      entity: 'timetable',
      entityId: existing.id,
      journalId: input.journalId,
      before: existing,
      after: values,
    });
    return existing.id;
  });
  return (await enrich(ctx.db, await slotEntries(ctx.db, y.id, [id])))[0]!;
}

export async function removeEntry(ctx: AuthedContext, input: Parsed<'timetable.remove'>): Promise<null> {
  const e = await ctx.db.selectFrom('timetable').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!e) throw notFound('Занятие расписания');
  await loadOpenYear(ctx.db, e.year_id);
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .deleteFrom('timetable')
      .where('id', '=', e.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw versionConflict('Занятие расписания', e);
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'timetable.remove',
      entity: 'timetable',
      entityId: e.id,
      journalId: e.journal_id,
      before: e,
    });
  });
  return null;
}

export async function listClashes(ctx: AuthedContext, input: Parsed<'timetable.clashes'>): Promise<string[]> {
  await loadYear(ctx.db, input.yearId);
  return allClashes(ctx.db, input.yearId);
}
