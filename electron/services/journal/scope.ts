// What every write in a journal needs to know, loaded once per call: the journal (its own teacher,
// year open), the year's dates, the periods with their locks and this journal's active unlocks, the
// journal's own scale, and who is on the roster on which dates.
import type { InstitutionKind } from '../../domain/enums.js';
import { wordsOf } from '../../domain/vocabulary.js';
import { AppError, badInput, forbidden, notFound } from '../../api/errors.js';
import { assertJournalWriter, type JournalRow } from '../access.js';
import type { SubstituteSlot } from './substitutes.js';
import type { AuthedContext, Db } from '../context.js';
import { ruDate } from '../../domain/format-dates.js';
import { shortName } from '../session.js';
import { parseScale } from '../../domain/scale.js';
import { journalHeadColumns } from './head-columns.js';
import { lockDuePeriods } from './auto-lock.js';
import { sql, type Expression, type Kysely } from 'kysely';
import { param, prepare, runPreparedOn, type Call, type Rows } from '../../../db/prepared.js';
import type { Database } from '../../../db/schema.js';

export interface PeriodRow {
  id: number;
  seq: number;
  title: string;
  starts_on: string;
  ends_on: string;
  locked: number;
}

export interface WriteScope {
  journal: JournalRow;
  today: string;
  year: { title: string; starts_on: string; ends_on: string };
  groupName: string;
  subgroupNumber: number | null;
  periods: PeriodRow[];
  /** Approved, unexpired unlock per locked period of this journal. */
  unlocks: Map<number, number>;
  scale: string[];
  marksEnabled: boolean;
  lessonsPerDay: number;
  kind: InstitutionKind;
  /** The caller writes here as a substitute: in these lessons only (null: the journal's own teacher). */
  substitution: SubstituteSlot[] | null;
  /** Changing a value more than this many days after its lesson is a correction that asks for a reason. */
  correctionDays: number;
}

/** Which journal: by id, or the journal of a type-of-work column (marks.set) or of a lesson (attendance.set),
 *  looked up in the scope's read. */
export type JournalRef = number | { columnId: number } | { lessonId: number };

/** How a JournalRef names the journal; its number is the statements' param «ref». */
export type RefKind = 'journal' | 'column' | 'lesson';

function refOf(ref: JournalRef): { kind: RefKind; id: number } {
  if (typeof ref === 'number') return { kind: 'journal', id: ref };
  return 'lessonId' in ref ? { kind: 'lesson', id: ref.lessonId } : { kind: 'column', id: ref.columnId };
}

/** The journal's id as SQL, for a statement compiled once: param «ref», or the journal of that column or lesson. */
export function journalIdSql(db: Kysely<Database>, kind: RefKind): Expression<number> {
  const ref = param<number>('ref');
  if (kind === 'journal') return sql<number>`${ref}`;
  if (kind === 'lesson')
    return db.selectFrom('lessons as jl').select('jl.journal_id').where('jl.id', '=', ref).$asScalar();
  return db
    .selectFrom('work_columns as jc')
    .innerJoin('lessons as jl', 'jl.id', 'jc.lesson_id')
    .select('jl.journal_id')
    .where('jc.id', '=', ref)
    .$asScalar();
}

/** The journal's head (head-columns.ts) and the year's periods with this journal's approved unlocks. */
const scopeReads = (kind: RefKind) => ({
  head: prepare((db) =>
    db.selectFrom('journals as j').select(journalHeadColumns).where('j.id', '=', journalIdSql(db, kind)),
  ),
  periods: prepare((db) => {
    const journalId = journalIdSql(db, kind);
    return db
      .selectFrom('periods as p')
      .leftJoin('period_unlocks as u', (join) =>
        join.onRef('u.period_id', '=', 'p.id').on('u.journal_id', '=', journalId).on('u.status', '=', 'approved'),
      )
      .select([
        'p.id',
        'p.seq',
        'p.title',
        'p.starts_on',
        'p.ends_on',
        'p.locked',
        'u.id as unlock_id',
        'u.valid_until',
      ])
      .where('p.year_id', '=', (eb) => eb.selectFrom('journals').select('year_id').where('id', '=', journalId))
      .orderBy('p.seq')
      .orderBy('p.id')
      .orderBy('u.id');
  }),
});
const scopeByKind = { journal: scopeReads('journal'), column: scopeReads('column'), lesson: scopeReads('lesson') };

/** The scope of a write: writeScopeWith without other reads. */
export async function writeScope(ctx: AuthedContext, db: Db, ref: JournalRef): Promise<WriteScope> {
  return (await writeScopeWith(ctx, db, ref, () => [] as const)).scope;
}

/**
 * The scope of a write — the journal's head and the year's periods with its unlocks — and the caller's other
 * reads of the same write, statements compiled once (db/prepared.ts) that name the journal only through
 * journalIdSql with the kind given here, their values joined with «ref»: on PostgreSQL all in one round trip.
 * Access is checked on the head before any row is used; a caller that may not write here gets its refusal
 * and none of the rows.
 */
export async function writeScopeWith<const M extends ReadonlyArray<Call>>(
  ctx: AuthedContext,
  db: Db,
  ref: JournalRef,
  more: (kind: RefKind) => M,
): Promise<{ scope: WriteScope; rows: { -readonly [K in keyof M]: Rows<M[K][0]> } }> {
  await lockDuePeriods(ctx.db, db, ctx.clock.today(), ctx.clock.now());
  const { kind, id } = refOf(ref);
  const reads = scopeByKind[kind];
  const v = { ref: id };
  const calls = more(kind).map(([q, values]) => [q, { ...values, ref: id }] as const);
  const [heads, rows, ...extra] = await runPreparedOn(db as Kysely<Database>, ctx.dialect, [
    [reads.head, v],
    [reads.periods, v],
    ...calls,
  ]);
  const head = heads[0];
  if (!head) {
    if (typeof ref === 'number') throw notFound('Журнал');
    throw new AppError(
      'not_found',
      'lessonId' in ref
        ? 'Занятие не найдено: возможно, его удалили. Обновите страницу'
        : 'Вид работы не найден: возможно, его удалили. Обновите страницу',
    );
  }
  const journal: JournalRow = {
    id: head.id,
    year_id: head.year_id,
    group_id: head.group_id,
    subject_id: head.subject_id,
    subgroup_id: head.subgroup_id,
    teacher_user_id: head.teacher_user_id,
    version: head.version,
    department_id: head.department_id,
    year_status: head.year_status,
  };
  const substitution = await assertJournalWriter(db, ctx.session, journal);
  const today = ctx.clock.today();
  const periods: PeriodRow[] = [];
  for (const r of rows) {
    if (periods.at(-1)?.id !== r.id)
      periods.push({
        id: r.id,
        seq: r.seq,
        title: r.title,
        starts_on: r.starts_on,
        ends_on: r.ends_on,
        locked: r.locked,
      });
  }
  // Approved, unexpired unlocks — kept only when some period is locked, as the map has always been.
  const unlocks = new Map<number, number>();
  if (periods.some((p) => p.locked)) {
    for (const u of rows)
      if (u.unlock_id !== null && (u.valid_until === null || u.valid_until >= today)) unlocks.set(u.id, u.unlock_id);
  }
  const inst = head;
  const scope: WriteScope = {
    journal,
    today,
    periods,
    unlocks,
    year: { title: head.year_title, starts_on: head.starts_on, ends_on: head.ends_on },
    groupName: head.group_name,
    subgroupNumber: head.sg_number ?? null,
    scale: parseScale(head.mark_scale),
    marksEnabled: head.marks_enabled === 1,
    lessonsPerDay: inst.lessons_per_day,
    kind: inst.institution_kind,
    substitution,
    correctionDays: inst.correction_days,
  };
  return { scope, rows: extra as never };
}

export function periodOf(periods: PeriodRow[], date: string): PeriodRow | null {
  return periods.find((p) => p.starts_on <= date && date <= p.ends_on) ?? null;
}

/**
 * Refuses a change dated in a closed period without an active unlock; returns the unlock in use. `lessonNo`
 * names the lesson changed (null: not one lesson — a final mark), which a substitute may change only when it is
 * theirs.
 */
export function assertEditable(scope: WriteScope, date: string, lessonNo: number | null): number | null {
  if (scope.substitution) assertSubstituteLesson(scope, scope.substitution, date, lessonNo);
  const p = periodOf(scope.periods, date);
  if (!p || !p.locked) return null;
  const unlock = scope.unlocks.get(p.id);
  if (unlock) return unlock;
  throw new AppError(
    'locked',
    `Период «${p.title}» закрыт: изменения за ${ruDate(date)} возможны только после разблокировки. ` +
      'Запросите разблокировку у заместителя директора, указав причину',
  );
}

function assertSubstituteLesson(scope: WriteScope, slots: SubstituteSlot[], date: string, lessonNo: number | null) {
  if (lessonNo === null) assertNotSubstitute(scope);
  if (slots.some((s) => s.date === date && s.lessonNo === lessonNo)) return;
  throw forbidden(
    `Вы ведёте в этом журнале только замену — ${slotsText(slots)}. Занятие ${ruDate(date)} (${lessonNo}-е) ` +
      `записывает ${wordsOf(scope.kind).short('teacher')} журнала`,
  );
}

/** Final marks are the journal's own teacher's, never a substitute's. */
export function assertNotSubstitute(scope: WriteScope): void {
  if (!scope.substitution) return;
  throw forbidden(
    `Итоговые отметки выставляет ${wordsOf(scope.kind).short('teacher')} журнала: вы ведёте здесь только замену — ` +
      slotsText(scope.substitution),
  );
}

function slotsText(slots: SubstituteSlot[]): string {
  return slots.map((s) => `${ruDate(s.date)} (${s.lessonNo}-е)`).join(', ');
}

/** A lesson date must be inside the academic year and not in the future (000 §3.5.2). */
export function assertLessonDate(scope: WriteScope, date: string): void {
  if (date < scope.year.starts_on || date > scope.year.ends_on) {
    throw badInput(
      `Дата занятия ${ruDate(date)} вне учебного года ${scope.year.title} (${ruDate(scope.year.starts_on)} – ` +
        `${ruDate(scope.year.ends_on)})`,
      { date: 'Вне учебного года' },
    );
  }
  if (date > scope.today) {
    throw badInput(`Нельзя записать занятие на будущую дату ${ruDate(date)}: журнал заполняется в день занятия`, {
      date: 'Дата в будущем',
    });
  }
}

export interface Membership {
  name: string;
  intervals: Array<{ from: string; until: string | null }>;
  inSubgroup: boolean;
}

/** Enrolment intervals in the journal's group (and subgroup membership) of the given students. */
export async function memberships(db: Db, scope: WriteScope, studentIds: number[]): Promise<Map<number, Membership>> {
  if (studentIds.length === 0) return new Map();
  const ids = [...new Set(studentIds)];
  return membershipsOf(await membershipRead(db, sql<number>`${scope.journal.id}`, ids).execute(), scope);
}

/**
 * Each student with their enrolments in the journal's group (none: a row with null dates), and whether
 * they are in the journal's subgroup — one query, for memberships() or to be sent with others.
 */
export function membershipRead(db: Db, journalId: Expression<number>, studentIds: readonly number[]) {
  const ofJournal = (column: 'group_id' | 'subgroup_id') =>
    db.selectFrom('journals').select(column).where('id', '=', journalId);
  return db
    .selectFrom('students as s')
    .leftJoin('enrolments as e', (join) =>
      join.onRef('e.student_id', '=', 's.id').on('e.group_id', '=', ofJournal('group_id')),
    )
    .select(['s.id', 's.last_name', 's.first_name', 's.middle_name', 'e.from_date', 'e.until_date'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('subgroup_students as ss')
            .select('ss.student_id')
            .where('ss.subgroup_id', '=', ofJournal('subgroup_id'))
            .whereRef('ss.student_id', '=', 's.id'),
        )
        .as('in_subgroup'),
    )
    .where((eb) => eb.or(studentIds.length > 0 ? [eb('s.id', 'in', studentIds)] : []));
}

type MembershipRow = Awaited<ReturnType<ReturnType<typeof membershipRead>['execute']>>[number];

export function membershipsOf(rows: readonly MembershipRow[], scope: WriteScope): Map<number, Membership> {
  const result = new Map<number, Membership>();
  const whole = scope.journal.subgroup_id === null;
  for (const r of rows) {
    let m = result.get(r.id);
    if (!m) {
      m = { name: shortName(r), intervals: [], inSubgroup: whole || Boolean(r.in_subgroup) };
      result.set(r.id, m);
    }
    if (r.from_date !== null) m.intervals.push({ from: r.from_date, until: r.until_date });
  }
  return result;
}

/** Why a student gets no cell on this date, or null when they are on the journal's roster. */
export function notOnRoster(scope: WriteScope, m: Membership | undefined, date: string): string | null {
  if (!m) return 'Обучающийся не найден';
  const enrolled = m.intervals.some((i) => i.from <= date && (i.until === null || date < i.until));
  if (!enrolled) {
    const later = m.intervals.some((i) => i.from > date);
    const why = later
      ? 'ещё не зачислен(а)'
      : m.intervals.length > 0
        ? 'уже отчислен(а) или переведён(а)'
        : 'не числится';
    return (
      `${m.name} не в списке ${wordsOf(scope.kind).term('group', 'gen')} ${scope.groupName} на ${ruDate(date)} ` +
      `(${why}): отметка не ставится`
    );
  }
  if (!m.inSubgroup) return `${m.name} не в подгруппе ${scope.subgroupNumber ?? ''} этого журнала`;
  return null;
}
