// Reasons of absence (003 §3.5): a parent sends a note, or the curator records a certificate; the
// curator confirms it and the absences («н») on the days it covers become excused — «у» for a note,
// «б» for a medical certificate — with the document linked, in every journal of the student.
import { ABSENCE_CODES } from '../../domain/enums.js';
import { institutionWords } from '../words.js';
import type { ExcuseInfo, Parsed } from '../../api/contract.js';
import { badInput, conflict, forbidden, notFound } from '../../api/errors.js';
import {
  assertFamilyRead,
  canManageGroup,
  curatedGroupIds,
  headedDepartmentIds,
  isOwnChild,
  READ_ALL,
} from '../access.js';
import { audit } from '../audit.js';
import { addDays, daysBetween } from '../../domain/calendar.js';
import { ruDate } from '../../domain/format-dates.js';
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { hasRole, type AuthedContext, type Db } from '../context.js';
import { fullName, shortName } from '../session.js';

const MAX_DAYS = 92;

async function studentGroups(db: Db, studentId: number) {
  return db
    .selectFrom('enrolments')
    .select(['group_id', 'from_date', 'until_date'])
    .where('student_id', '=', studentId)
    .orderBy('from_date', 'desc')
    .execute();
}

async function mayManageStudent(db: Db, ctx: AuthedContext, studentId: number): Promise<boolean> {
  for (const g of await studentGroups(db, studentId))
    if (await canManageGroup(db, ctx.session, g.group_id)) return true;
  return false;
}

export async function submit(ctx: AuthedContext, input: Parsed<'excuses.submit'>): Promise<ExcuseInfo> {
  return ctx.db.transaction().execute(async (trx) => {
    const student = await trx.selectFrom('students').select('id').where('id', '=', input.studentId).executeTakeFirst();
    if (!student) throw notFound('Обучающийся');
    const parent = hasRole(ctx.session, 'parent') && (await isOwnChild(trx, ctx.session, input.studentId));
    const staff = !parent && (await mayManageStudent(trx, ctx, input.studentId));
    if (!parent && !staff) throw forbidden('Недостаточно прав: это данные другого обучающегося');
    if (parent && !['parent_note', 'medical'].includes(input.kind))
      throw badInput('Родитель сообщает причину заявлением или медицинской справкой');
    const today = ctx.clock.today();
    if (input.fromDate > input.toDate) throw badInput('Дата начала позже даты окончания', { toDate: 'Раньше начала' });
    if (daysBetween(input.fromDate, input.toDate) >= MAX_DAYS)
      throw badInput(`Одна причина покрывает не больше ${MAX_DAYS} дней`, { toDate: 'Слишком долго' });
    if (input.fromDate > addDays(today, 30))
      throw badInput('О причине отсутствия сообщают не раньше чем за месяц', { fromDate: 'Слишком далеко' });
    if (input.toDate < addDays(today, -365))
      throw badInput('Причина относится к прошлому учебному году', { fromDate: 'Слишком давно' });
    const row = await trx
      .insertInto('absence_excuses')
      .values({
        student_id: input.studentId,
        from_date: input.fromDate,
        to_date: input.toDate,
        kind: input.kind,
        text: input.text,
        submitted_by: ctx.session.userId,
        status: 'submitted',
        decided_by: null,
        decided_at: null,
        decision_note: null,
        created_at: ctx.clock.now().toISOString(),
        version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'excuses.submit',
      entity: 'absence_excuses',
      entityId: row.id,
      studentId: input.studentId,
      after: { from: input.fromDate, to: input.toDate, kind: input.kind, text: input.text },
    });
    return (await describe(trx, [row.id]))[0]!;
  });
}

export async function list(ctx: AuthedContext, input: Parsed<'excuses.list'>): Promise<ExcuseInfo[]> {
  const { db, session } = ctx;
  // Asking for one student or one group outside one's scope is refused, not answered with an empty list.
  if (input.studentId) await assertFamilyRead(db, session, input.studentId);
  if (input.groupId && !hasRole(session, ...READ_ALL) && !(await canManageGroup(db, session, input.groupId))) {
    const w = await institutionWords(db);
    throw forbidden(
      `Недостаточно прав: это ${{ f: 'другая', m: 'другой', n: 'другое' }[w.gender('group')]} ${w.term('group')}`,
    );
  }
  let q = db.selectFrom('absence_excuses').select('id');
  if (!hasRole(session, ...READ_ALL)) {
    const curated = curatedGroupIds(session);
    const departments = headedDepartmentIds(session);
    q = q.where((eb) =>
      eb.or([
        eb('student_id', 'in', eb.selectFrom('guardians').select('student_id').where('user_id', '=', session.userId)),
        eb('student_id', '=', session.studentId ?? -1),
        ...(curated.length
          ? [eb('student_id', 'in', eb.selectFrom('enrolments').select('student_id').where('group_id', 'in', curated))]
          : []),
        ...(departments.length
          ? [
              eb(
                'student_id',
                'in',
                eb
                  .selectFrom('enrolments as e')
                  .innerJoin('groups as g', 'g.id', 'e.group_id')
                  .select('e.student_id')
                  .where('g.department_id', 'in', departments),
              ),
            ]
          : []),
      ]),
    );
  }
  if (input.status === 'submitted') q = q.where('status', '=', 'submitted');
  if (input.studentId) q = q.where('student_id', '=', input.studentId);
  if (input.groupId)
    q = q.where('student_id', 'in', (eb) =>
      eb.selectFrom('enrolments').select('student_id').where('group_id', '=', input.groupId!),
    );
  const ids = (await q.orderBy('created_at', 'desc').limit(500).execute()).map((r) => r.id);
  return describe(db, ids);
}

export async function describe(db: Db, ids: number[]): Promise<ExcuseInfo[]> {
  if (ids.length === 0) return [];
  const rows = await excuseRows(db)
    .where('x.id', 'in', ids)
    .orderBy('x.created_at', 'desc')
    .orderBy('x.id', 'desc')
    .execute();
  const studentIds = [...new Set(rows.map((r) => r.student_id))];
  const groups = await db
    .selectFrom('enrolments as e')
    .innerJoin('groups as g', 'g.id', 'e.group_id')
    .select(['e.student_id', 'g.name', 'e.from_date', 'e.until_date'])
    .where('e.student_id', 'in', studentIds)
    .orderBy('e.from_date')
    .execute();
  const from = rows.reduce((m, r) => (r.from_date < m ? r.from_date : m), rows[0]!.from_date);
  const to = rows.reduce((m, r) => (r.to_date > m ? r.to_date : m), rows[0]!.to_date);
  const absences = await db
    .selectFrom('attendance as a')
    .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
    .select(['a.student_id', 'l.date', 'a.code', 'a.excuse_id'])
    .where('a.student_id', 'in', studentIds)
    .where('l.date', '>=', from)
    .where('l.date', '<=', to)
    .where('a.code', 'in', COVERED)
    .execute();
  return rows.map((r) => {
    const covered = absences.filter(
      (a) => a.student_id === r.student_id && r.from_date <= a.date && a.date <= r.to_date,
    );
    const theirs = groups.filter((g) => g.student_id === r.student_id);
    return excuseInfo(r, theirs, covered.length, covered.filter((a) => a.excuse_id === r.id).length);
  });
}

/** The absences a reason covers: the student's «н», «у» and «б» on its days, in any journal. */
const COVERED = ABSENCE_CODES;

/** What an ExcuseInfo is made of: the reason, its student, who sent it and who decided. */
function excuseRows(db: Db) {
  return db
    .selectFrom('absence_excuses as x')
    .innerJoin('students as s', 's.id', 'x.student_id')
    .innerJoin('users as u', 'u.id', 'x.submitted_by')
    .leftJoin('users as d', 'd.id', 'x.decided_by')
    .select([
      'x.id',
      'x.student_id',
      'x.from_date',
      'x.to_date',
      'x.kind',
      'x.text',
      'x.status',
      'x.created_at',
      'x.decided_at',
      'x.decision_note',
      'x.version',
      's.last_name',
      's.first_name',
      's.middle_name',
      'u.last_name as u_last',
      'u.first_name as u_first',
      'u.middle_name as u_middle',
      'd.last_name as d_last',
      'd.first_name as d_first',
      'd.middle_name as d_middle',
    ]);
}

type ExcuseRow = Awaited<ReturnType<ReturnType<typeof excuseRows>['execute']>>[number];
type CountedExcuseRow = ExcuseRow & { absences: number; excused: number };

/**
 * One student's latest 50 reasons, newest first, each with the absences it covers and those it
 * excused counted in the same statement (the family page: one round trip instead of three).
 */
export function studentExcusesQuery(db: Db, studentId: number) {
  const covered = (eb: ExpressionBuilder<Database & { x: Database['absence_excuses'] }, 'x'>) =>
    eb
      .selectFrom('attendance as a')
      .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
      .whereRef('a.student_id', '=', 'x.student_id')
      .whereRef('l.date', '>=', 'x.from_date')
      .whereRef('l.date', '<=', 'x.to_date')
      .where('a.code', 'in', COVERED);
  return excuseRows(db)
    .select((eb) => [
      covered(eb)
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('absences'),
      covered(eb)
        .whereRef('a.excuse_id', '=', 'x.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('excused'),
    ])
    .where('x.student_id', '=', studentId)
    .orderBy('x.created_at', 'desc')
    .orderBy('x.id', 'desc')
    .limit(50)
    .$castTo<CountedExcuseRow>();
}

/** `groups`: the student's enrolments with their group's name, by start date. */
export function excuseInfo(
  r: ExcuseRow,
  groups: ReadonlyArray<{ name: string; from_date: string; until_date: string | null }>,
  absences: number,
  excused: number,
): ExcuseInfo {
  const on = groups.filter((g) => g.from_date <= r.to_date && (g.until_date === null || g.until_date > r.from_date));
  return {
    id: r.id,
    studentId: r.student_id,
    studentName: fullName(r),
    // A centre's child in several объединения over the excuse's days: all of them.
    groupName: on.length > 0 ? [...new Set(on.map((g) => g.name))].join(', ') : (groups.at(-1)?.name ?? null),
    fromDate: r.from_date,
    toDate: r.to_date,
    kind: r.kind,
    text: r.text,
    status: r.status,
    submittedBy: shortName({ last_name: r.u_last, first_name: r.u_first, middle_name: r.u_middle }),
    createdAt: r.created_at,
    decidedBy: r.d_last ? shortName({ last_name: r.d_last, first_name: r.d_first!, middle_name: r.d_middle }) : null,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    absences,
    excused,
    version: r.version,
  };
}

export async function decide(ctx: AuthedContext, input: Parsed<'excuses.decide'>): Promise<ExcuseInfo> {
  return ctx.db.transaction().execute(async (trx) => {
    const x = await trx.selectFrom('absence_excuses').selectAll().where('id', '=', input.excuseId).executeTakeFirst();
    if (!x) throw notFound('Причина отсутствия');
    if (!(await mayManageStudent(trx, ctx, x.student_id)))
      throw forbidden(
        `Недостаточно прав: подтверждает ${(await institutionWords(trx)).roleName('curator')} обучающегося`,
      );
    if (x.status !== 'submitted' || x.version !== input.version) {
      throw conflict(
        'По этой причине отсутствия решение уже принято. Обновите список',
        (await describe(trx, [x.id]))[0],
      );
    }
    if (!input.confirm && !input.note)
      throw badInput('Укажите, почему причина не принята: это увидит родитель', { note: 'Обязательно при отказе' });
    const now = ctx.clock.now().toISOString();
    const res = await trx
      .updateTable('absence_excuses')
      .set({
        status: input.confirm ? 'confirmed' : 'rejected',
        decided_by: ctx.session.userId,
        decided_at: now,
        decision_note: input.note,
        version: x.version + 1,
      })
      .where('id', '=', x.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0)
      throw conflict('По этой причине отсутствия решение уже принято. Обновите список');
    let excused = 0;
    if (input.confirm) {
      const rows = await trx
        .selectFrom('attendance as a')
        .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
        .select(['a.id', 'a.code', 'a.version', 'a.excuse_id', 'l.journal_id', 'l.date'])
        .where('a.student_id', '=', x.student_id)
        .where('l.date', '>=', x.from_date)
        .where('l.date', '<=', x.to_date)
        .where('a.code', 'in', ABSENCE_CODES)
        .execute();
      const code = x.kind === 'medical' ? ('б' as const) : ('у' as const);
      for (const a of rows) {
        if (a.excuse_id !== null && a.code !== 'н') continue;
        const next = a.code === 'н' ? code : a.code;
        await trx
          .updateTable('attendance')
          .set({
            code: next,
            excuse_id: x.id,
            reason: x.text.slice(0, 200),
            reason_by: x.submitted_by,
            updated_at: now,
            updated_by: ctx.session.userId,
            version: a.version + 1,
          })
          .where('id', '=', a.id)
          .execute();
        await audit(trx, ctx.session, ctx.clock.now(), {
          action: 'attendance.excuse',
          entity: 'attendance',
          entityId: a.id,
          journalId: a.journal_id,
          studentId: x.student_id,
          before: { code: a.code, version: a.version },
          after: { code: next, excuseId: x.id, date: a.date, version: a.version + 1 },
        });
        excused++;
      }
    }
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: input.confirm ? 'excuses.confirm' : 'excuses.reject',
      entity: 'absence_excuses',
      entityId: x.id,
      studentId: x.student_id,
      before: { status: x.status },
      after: {
        status: input.confirm ? 'confirmed' : 'rejected',
        note: input.note,
        excused,
        from: ruDate(x.from_date),
        to: ruDate(x.to_date),
      },
    });
    return (await describe(trx, [x.id]))[0]!;
  });
}

/** Students on today's rosters of the groups the caller manages: the curator's, the department's, or all. */
export async function students(
  ctx: AuthedContext,
): Promise<Array<{ id: number; fullName: string; groupName: string }>> {
  const { db, session } = ctx;
  const today = ctx.clock.today();
  let q = db
    .selectFrom('enrolments as e')
    .innerJoin('students as s', 's.id', 'e.student_id')
    .innerJoin('groups as g', 'g.id', 'e.group_id')
    .select(['s.id', 's.last_name', 's.first_name', 's.middle_name', 'g.name as group_name'])
    .where('e.from_date', '<=', today)
    .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', today)]));
  if (!hasRole(session, 'admin')) {
    const curated = curatedGroupIds(session);
    const departments = headedDepartmentIds(session);
    if (curated.length + departments.length === 0) return [];
    q = q.where((eb) =>
      eb.or([
        ...(curated.length ? [eb('g.id', 'in', curated)] : []),
        ...(departments.length ? [eb('g.department_id', 'in', departments)] : []),
      ]),
    );
  }
  const rows = await q.orderBy('g.name').orderBy('s.last_name').orderBy('s.first_name').execute();
  return rows.map((r) => ({ id: r.id, fullName: fullName(r), groupName: r.group_name }));
}
