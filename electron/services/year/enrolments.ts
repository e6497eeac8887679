// Admission, transfer and withdrawal by order (000 §3.4.4). An enrolment is [from_date, until_date)
// in one group; a group's roster on a day is whoever's enrolment covers it. Withdrawal only closes
// the enrolment: the student's earlier marks and attendance stay where they were. A college's or a
// school's student is in one group at a time; a centre's child may attend several объединения at
// once (DESIGN §10), each by its own order, but never the same one twice over the same dates.
import type { EnrolmentEndReason, EnrolmentReason } from '../../../db/schema.js';
import type { EnrolmentInfo, Parsed } from '../../api/contract.js';
import { badInput, notFound } from '../../api/errors.js';
import { audit } from '../audit.js';
import { ruDate } from '../../domain/format-dates.js';
import { hasRole, type AuthedContext, type Db } from '../context.js';
import { assertKeepsGroup } from './keepers.js';
import { shortName } from '../session.js';
import { institutionWords } from '../words.js';
import { assertYearOpen, checkOrderDates, count, loadGroup, loadYear, versionConflict } from './common.js';

export interface Order {
  date: string;
  orderNo: string;
  orderDate: string;
}

export async function enrolmentsOf(
  db: Db,
  studentIds: number[],
): Promise<Array<EnrolmentInfo & { studentId: number }>> {
  if (studentIds.length === 0) return [];
  const rows = await db
    .selectFrom('enrolments as e')
    .innerJoin('groups as g', 'g.id', 'e.group_id')
    .innerJoin('academic_years as y', 'y.id', 'g.year_id')
    .select([
      'e.id',
      'e.student_id',
      'e.group_id',
      'g.name',
      'y.title',
      'e.from_date',
      'e.until_date',
      'e.reason',
      'e.order_no',
      'e.order_date',
      'e.end_reason',
      'e.end_order_no',
      'e.end_order_date',
      'e.version',
    ])
    .where('e.student_id', 'in', studentIds)
    .orderBy('e.from_date')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    studentId: r.student_id,
    groupId: r.group_id,
    groupName: r.name,
    yearTitle: r.title,
    fromDate: r.from_date,
    untilDate: r.until_date,
    reason: r.reason,
    orderNo: r.order_no,
    orderDate: r.order_date,
    endReason: r.end_reason,
    endOrderNo: r.end_order_no,
    endOrderDate: r.end_order_date,
    version: r.version,
  }));
}

async function studentName(db: Db, studentId: number): Promise<string> {
  const s = await db
    .selectFrom('students')
    .select(['last_name', 'first_name', 'middle_name'])
    .where('id', '=', studentId)
    .executeTakeFirst();
  if (!s) throw notFound('Обучающийся');
  return shortName(s);
}

const ORDER_WORD = (no: string, date: string) => `приказ № ${no} от ${ruDate(date)}`;

/** A supplementary-education centre: a child may be in several объединения at the same time. */
export async function allowsSeveralGroups(db: Db): Promise<boolean> {
  const row = await db.selectFrom('institution').select('kind').executeTakeFirst();
  return row?.kind === 'supplementary';
}

const overlaps = (e: { untilDate: string | null }, date: string) => e.untilDate === null || e.untilDate > date;

/**
 * Starts an enrolment; refuses one that would overlap another of the same student — in a centre,
 * another in the same объединение only.
 */
export async function startEnrolment(
  trx: Db,
  studentId: number,
  groupId: number,
  order: Order,
  reason: EnrolmentReason,
): Promise<number> {
  const g = await loadGroup(trx, groupId);
  const y = await loadYear(trx, g.year_id);
  assertYearOpen(y);
  checkOrderDates(y, order.date, order.orderDate, reason === 'admission' ? 'Дата зачисления' : 'Дата перевода');
  const several = await allowsSeveralGroups(trx);
  const clash = (await enrolmentsOf(trx, [studentId])).find(
    (e) => overlaps(e, order.date) && (!several || e.groupId === groupId),
  );
  if (clash && several) {
    const name = await studentName(trx, studentId);
    throw badInput(
      `${name} уже занимается в объединении ${clash.groupName} с ` +
        `${ruDate(clash.fromDate)}${clash.untilDate ? ` по ${ruDate(clash.untilDate)}` : ''} ` +
        `(${ORDER_WORD(clash.orderNo, clash.orderDate)}): в одно объединение нельзя зачислить дважды на одни и те ` +
        `же даты`,
      { date: 'Уже в этом объединении' },
    );
  }
  if (clash) {
    const name = await studentName(trx, studentId);
    const w = await institutionWords(trx);
    throw badInput(
      `${name} уже числится в ${w.term('group', 'loc')} ${clash.groupName} с ` +
        `${ruDate(clash.fromDate)}${clash.untilDate ? ` по ${ruDate(clash.untilDate)}` : ''} ` +
        `(${ORDER_WORD(clash.orderNo, clash.orderDate)}): зачисления не могут пересекаться — сначала переведите или ` +
        `отчислите`,
      { date: 'Пересечение с другим зачислением' },
    );
  }
  const row = await trx
    .insertInto('enrolments')
    .values({
      student_id: studentId,
      group_id: groupId,
      from_date: order.date,
      until_date: null,
      reason,
      order_no: order.orderNo,
      order_date: order.orderDate,
      end_reason: null,
      end_order_no: null,
      end_order_date: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Ends the enrolment that covers the date: from that date the student is off the group's roster. */
const ENDED: Record<EnrolmentEndReason, { impossible: string; done: string }> = {
  transfer: { impossible: 'перевод невозможен', done: 'переведён(а)' },
  withdrawal: { impossible: 'отчисление невозможно', done: 'отчислен(а)' },
  graduation: { impossible: 'выпуск невозможен', done: 'выпущен(а)' },
};

/**
 * `fromGroupId` names the group whose enrolment ends; without it, the student's one current enrolment —
 * a centre's child in several объединения must have it named.
 */
export async function endEnrolment(
  trx: Db,
  studentId: number,
  order: Order,
  reason: EnrolmentEndReason,
  fromGroupId?: number,
): Promise<EnrolmentInfo> {
  const what = ENDED[reason];
  const everything = await enrolmentsOf(trx, [studentId]);
  const name = await studentName(trx, studentId);
  const all = fromGroupId === undefined ? everything : everything.filter((e) => e.groupId === fromGroupId);
  if (fromGroupId === undefined) {
    const open = everything.filter((e) => overlaps(e, order.date));
    const groups = [...new Set(open.map((e) => e.groupName))];
    if (groups.length > 1)
      throw badInput(
        `${name} занимается в нескольких объединениях (${groups.join('; ')}): укажите, из какого объединения — ` +
          `${what.impossible} без него`,
        { fromGroupId: 'Не указано объединение' },
      );
  }
  const current =
    all.find((e) => e.fromDate <= order.date && (e.untilDate === null || order.date < e.untilDate)) ??
    all.find((e) => e.untilDate === null);
  const w = await institutionWords(trx);
  if (!current)
    throw badInput(
      fromGroupId === undefined
        ? `${name} не числится ни в ${{ f: 'одной', m: 'одном', n: 'одном' }[w.gender('group')]} ` +
            `${w.term('group', 'loc')} на ${ruDate(order.date)}: ${what.impossible}`
        : `${name} не числится в ${w.term('group', 'loc')} ${(await loadGroup(trx, fromGroupId)).name} на ` +
            `${ruDate(order.date)}: ${what.impossible}`,
      { date: 'Не числится' },
    );
  if (order.date <= current.fromDate) {
    throw badInput(
      `${name} не может быть ${what.done} с ${ruDate(order.date)}: в ${w.term('group', 'acc')} ${current.groupName} ` +
        `зачислен(а) только ` +
        `с ${ruDate(current.fromDate)} ` +
        `(${ORDER_WORD(current.orderNo, current.orderDate)})`,
      { date: 'Не позже зачисления' },
    );
  }
  if (current.untilDate !== null && current.untilDate <= order.date) {
    throw badInput(
      `${name} уже выбыл(а) из ${w.term('group', 'gen')} ${current.groupName} с ${ruDate(current.untilDate)}`,
      {
        date: 'Уже выбыл',
      },
    );
  }
  const g = await loadGroup(trx, current.groupId);
  const y = await loadYear(trx, g.year_id);
  assertYearOpen(y);
  checkOrderDates(
    y,
    order.date,
    order.orderDate,
    reason === 'transfer' ? 'Дата перевода' : reason === 'graduation' ? 'Дата выпуска' : 'Дата отчисления',
  );
  const res = await trx
    .updateTable('enrolments')
    .set({
      until_date: order.date,
      end_reason: reason,
      end_order_no: order.orderNo,
      end_order_date: order.orderDate,
      version: current.version + 1,
    })
    .where('id', '=', current.id)
    .where('version', '=', current.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw versionConflict('Запись о зачислении', current);
  return current;
}

export async function admit(ctx: AuthedContext, input: Parsed<'enrolments.admit'>): Promise<EnrolmentInfo> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const eid = await startEnrolment(trx, input.studentId, input.groupId, input, 'admission');
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'enrolments.admit',
      entity: 'enrolment',
      entityId: eid,
      studentId: input.studentId,
      after: input,
    });
    return eid;
  });
  return (await enrolmentsOf(ctx.db, [input.studentId])).find((e) => e.id === id)!;
}

export async function transfer(ctx: AuthedContext, input: Parsed<'enrolments.transfer'>): Promise<EnrolmentInfo[]> {
  const target = await loadGroup(ctx.db, input.toGroupId);
  const ids = await ctx.db.transaction().execute(async (trx) => {
    const out: number[] = [];
    for (const studentId of [...new Set(input.studentIds)]) {
      const before = await endEnrolment(trx, studentId, input, 'transfer', input.fromGroupId);
      if (before.groupId === target.id)
        throw badInput(
          `${await studentName(trx, studentId)} уже в ${(await institutionWords(trx)).term('group', 'loc')} ` +
            `${target.name}: переводить некуда`,
          { toGroupId: 'Уже там' },
        );
      const eid = await startEnrolment(trx, studentId, target.id, input, 'transfer');
      await audit(trx, ctx.session, ctx.clock.now(), {
        action: 'enrolments.transfer',
        entity: 'enrolment',
        entityId: eid,
        studentId,
        before: { groupId: before.groupId, enrolmentId: before.id },
        after: { groupId: target.id, ...input, studentIds: undefined },
      });
      out.push(eid);
    }
    return out;
  });
  return (await enrolmentsOf(ctx.db, input.studentIds)).filter((e) => ids.includes(e.id));
}

export async function withdraw(ctx: AuthedContext, input: Parsed<'enrolments.withdraw'>): Promise<EnrolmentInfo[]> {
  // A centre's педагог withdraws from their own объединение only, and must name it (000 §3.5.1).
  if (!hasRole(ctx.session, 'admin')) await assertKeepsGroup(ctx, input.fromGroupId);
  const ids = await ctx.db.transaction().execute(async (trx) => {
    const out: number[] = [];
    for (const studentId of [...new Set(input.studentIds)]) {
      const ended = await endEnrolment(trx, studentId, input, input.reason, input.fromGroupId);
      await audit(trx, ctx.session, ctx.clock.now(), {
        action: input.reason === 'graduation' ? 'enrolments.graduate' : 'enrolments.withdraw',
        entity: 'enrolment',
        entityId: ended.id,
        studentId,
        before: { untilDate: ended.untilDate },
        after: { untilDate: input.date, reason: input.reason, orderNo: input.orderNo, orderDate: input.orderDate },
      });
      out.push(ended.id);
    }
    return out;
  });
  return (await enrolmentsOf(ctx.db, input.studentIds)).filter((e) => ids.includes(e.id));
}

/** Marks or attendance of the student in the group's journals on or after the date. */
async function recordsSince(db: Db, studentId: number, groupId: number, from: string): Promise<number> {
  const marks = count(
    await db
      .selectFrom('marks as m')
      .innerJoin('work_columns as c', 'c.id', 'm.column_id')
      .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
      .innerJoin('journals as j', 'j.id', 'l.journal_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('m.student_id', '=', studentId)
      .where('j.group_id', '=', groupId)
      .where('l.date', '>=', from)
      .executeTakeFirst(),
  );
  const att = count(
    await db
      .selectFrom('attendance as a')
      .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
      .innerJoin('journals as j', 'j.id', 'l.journal_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('a.student_id', '=', studentId)
      .where('j.group_id', '=', groupId)
      .where('l.date', '>=', from)
      .executeTakeFirst(),
  );
  return marks + att;
}

/** Undo the student's latest order entered by mistake: a withdrawal, a transfer or an admission. */
export async function undo(ctx: AuthedContext, input: Parsed<'enrolments.undo'>): Promise<null> {
  const e = await ctx.db.selectFrom('enrolments').selectAll().where('id', '=', input.enrolmentId).executeTakeFirst();
  if (!e) throw notFound('Запись о зачислении');
  if (e.version !== input.version) throw versionConflict('Запись о зачислении', e);
  const all = await enrolmentsOf(ctx.db, [e.student_id]);
  // In a centre, the child's other объединения have orders of their own: only this one's later orders count.
  const several = await allowsSeveralGroups(ctx.db);
  const later = all.filter((x) => x.id !== e.id && x.fromDate >= e.from_date && (!several || x.groupId === e.group_id));
  const name = await studentName(ctx.db, e.student_id);
  const y = await loadYear(ctx.db, (await loadGroup(ctx.db, e.group_id)).year_id);
  assertYearOpen(y);
  await ctx.db.transaction().execute(async (trx) => {
    if (e.until_date !== null) {
      if (later.length > 0)
        throw badInput(
          `Отменить можно только последний приказ по ${name}: после него есть зачисление в ` +
            `${(await institutionWords(trx)).term('group', 'acc')} ` +
            `${later[0]!.groupName}`,
        );
      await trx
        .updateTable('enrolments')
        .set({ until_date: null, end_reason: null, end_order_no: null, end_order_date: null, version: e.version + 1 })
        .where('id', '=', e.id)
        .execute();
      await audit(trx, ctx.session, ctx.clock.now(), {
        action: 'enrolments.undo_end',
        entity: 'enrolment',
        entityId: e.id,
        studentId: e.student_id,
        before: e,
      });
      return;
    }
    const records = await recordsSince(trx, e.student_id, e.group_id, e.from_date);
    if (records > 0)
      throw badInput(
        `У ${name} уже есть отметки и пропуски в журналах ` +
          `${(await institutionWords(trx)).term('group', 'gen')} после ${ruDate(e.from_date)} (${records}): приказ ` +
          `отменить нельзя, оформите перевод или отчисление`,
      );
    await trx.deleteFrom('enrolments').where('id', '=', e.id).execute();
    // The transfer's other half: ended that day by the same order (a centre's child may have ended another too).
    const previous = all.find(
      (x) =>
        x.untilDate === e.from_date &&
        x.endReason === 'transfer' &&
        x.endOrderNo === e.order_no &&
        x.endOrderDate === e.order_date,
    );
    if (previous && e.reason === 'transfer') {
      await trx
        .updateTable('enrolments')
        .set({
          until_date: null,
          end_reason: null,
          end_order_no: null,
          end_order_date: null,
          version: previous.version + 1,
        })
        .where('id', '=', previous.id)
        .execute();
    }
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'enrolments.undo_start',
      entity: 'enrolment',
      entityId: e.id,
      studentId: e.student_id,
      before: e,
      after: previous ? { reopened: previous.id } : null,
    });
  });
  return null;
}
