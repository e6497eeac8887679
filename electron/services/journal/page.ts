// One journal page in a fixed handful of indexed queries — no query per lesson or per student —
// so that opening a page stays well under 10 ms on a college of 2,000 students.
import { wordsOf } from '../../domain/vocabulary.js';
import { institutionWords } from '../words.js';
import type { AttendanceCell, FinalCell, JournalPage, MarkCell, Parsed } from '../../api/contract.js';
import { badInput, forbidden } from '../../api/errors.js';
import { canReadJournal, loadJournal, type JournalRow } from '../access.js';
import { hasRole, type AuthedContext, type Db } from '../context.js';
import { fullName } from '../session.js';
import { parseScale } from '../../domain/scale.js';
import { headOf, readJournalParts, type JournalParts } from './page-head.js';
import { planOf } from './page-plan.js';
import { readTogether } from '../read-together.js';
import { slotReads, slotsOf } from '../schedule.js';
import { lessonsOf, periodStates, rosterOf, withTaughtBy, type ColumnRow } from './page-rows.js';
import { substituteSlots } from './substitutes.js';
import { lockDuePeriods } from './auto-lock.js';

/** A read of the range whose rows are typed here: the range's filter is added to builders of any shape. */
type ReadOf<T> = { execute(): Promise<T[]> };

type RangeInput = { periodId?: number | null; from?: string | null; to?: string | null };

export async function open(ctx: AuthedContext, input: Parsed<'journal.open'>): Promise<JournalPage> {
  await lockDuePeriods(ctx.db, ctx.db, ctx.clock.today(), ctx.clock.now());
  // The header, the year's periods (found through the journal's year) and what depends on the
  // journal alone are read together; nothing of it leaves this function before the access check.
  const parts = await readJournalParts(ctx.db, input.journalId);
  const head = headOf(parts);
  // A substitute reads the journal they teach one of its lessons in (the roster, what was taught before).
  const substitution = canReadJournal(ctx.session, head) ? null : await substituteOf(ctx, head);
  if (!canReadJournal(ctx.session, head) && !substitution)
    throw forbidden(`Недостаточно прав: это журнал другого ${wordsOf(head.institution_kind).short('teacher', 'gen')}`);
  return loadPage(ctx, ctx.db, head, input, parts);
}

/** The caller's lessons as a substitute in a journal that is not theirs, or null. */
async function substituteOf(ctx: AuthedContext, j: JournalRow) {
  if (!hasRole(ctx.session, 'teacher') || j.teacher_user_id === ctx.session.userId) return null;
  const slots = await substituteSlots(ctx.db, j.id, ctx.session.userId);
  return slots.length > 0 ? slots : null;
}

/** Every journal of the group and subject (both subgroups), read-only: the group view (003 §3.7). */
export async function combined(ctx: AuthedContext, input: Parsed<'journal.combined'>): Promise<JournalPage[]> {
  const j = await loadJournal(ctx.db, input.journalId);
  const siblings = await ctx.db
    .selectFrom('journals as j')
    .innerJoin('groups as g', 'g.id', 'j.group_id')
    .select([
      'j.id',
      'j.year_id',
      'j.group_id',
      'j.subject_id',
      'j.subgroup_id',
      'j.teacher_user_id',
      'j.version',
      'g.department_id',
    ])
    .where('j.group_id', '=', j.group_id)
    .where('j.subject_id', '=', j.subject_id)
    .where('j.year_id', '=', j.year_id)
    .orderBy('j.subgroup_id')
    .orderBy('j.id')
    .execute();
  // A subgroup's teacher sees the other subgroup's journal here, read-only.
  const w = await institutionWords(ctx.db);
  if (!siblings.some((s) => canReadJournal(ctx.session, s)))
    throw forbidden(`Недостаточно прав: это журнал другого ${w.short('teacher', 'gen')}`);
  const pages: JournalPage[] = [];
  for (const s of siblings) {
    const page = await loadPage(ctx, ctx.db, { ...s, year_status: j.year_status }, input);
    pages.push({
      ...page,
      canWrite: false,
      readOnlyReason: `Общий вид ${w.term('group', 'gen')}: только для просмотра`,
      periods: page.periods.map((p) => ({ ...p, editable: false })),
    });
  }
  return pages;
}

function resolveRange(
  input: RangeInput,
  periods: Array<{ id: number; starts_on: string; ends_on: string }>,
  year: { starts_on: string; ends_on: string },
  today: string,
): { from: string; to: string; periodId: number | null } {
  if (input.periodId) {
    const p = periods.find((x) => x.id === input.periodId);
    if (!p) throw badInput('Период не относится к учебному году этого журнала', { periodId: 'Не тот год' });
    return { from: p.starts_on, to: p.ends_on, periodId: p.id };
  }
  if (input.from || input.to) {
    const from = input.from ?? year.starts_on;
    const to = input.to ?? year.ends_on;
    if (from > to) throw badInput('Начало диапазона позже конца', { from: 'Позже конца' });
    return { from, to, periodId: periods.find((p) => p.starts_on <= from && to <= p.ends_on)?.id ?? null };
  }
  const current =
    periods.find((p) => p.starts_on <= today && today <= p.ends_on) ??
    [...periods].reverse().find((p) => p.starts_on <= today) ??
    periods[0];
  return current
    ? { from: current.starts_on, to: current.ends_on, periodId: current.id }
    : { from: year.starts_on, to: year.ends_on, periodId: null };
}

export async function loadPage(
  ctx: AuthedContext,
  db: Db,
  j: JournalRow,
  input: RangeInput,
  known?: JournalParts,
): Promise<JournalPage> {
  const today = ctx.clock.today();
  const parts = known ?? (await readJournalParts(db, j.id));
  const head = headOf(parts);
  const periodRows = parts.periods;
  const inst = head;
  const range = resolveRange(input, periodRows, head, today);
  const { from, to } = range;

  const own = hasRole(ctx.session, 'teacher') && j.teacher_user_id === ctx.session.userId;
  const substitution = own ? null : await substituteOf(ctx, j);
  const canWrite = (own || substitution !== null) && j.year_status === 'open';
  const readOnlyReason = canWrite
    ? null
    : own || substitution
      ? 'Учебный год закрыт: журнал доступен только для просмотра'
      : `Журнал доступен только для просмотра: записи в нём ведёт ${wordsOf(head.institution_kind).short('teacher')}`;

  // Everything below depends only on the journal and the range: read together, so that on PostgreSQL
  // the page takes two round trips in all (this and the journal's parts) rather than a dozen.
  const inRange = (q: any) => q.where('l.journal_id', '=', j.id).where('l.date', '>=', from).where('l.date', '<=', to);
  const slotsTo = to < today ? to : today;
  const slotFilter = { yearId: j.year_id, yearStart: head.starts_on, from, to: slotsTo, journalIds: [j.id] };
  const rows = await readTogether(db, {
    // Everyone enrolled at any time in the range, in the subgroup when the journal is a subgroup's.
    enrolments: db
      .selectFrom('enrolments as e')
      .innerJoin('students as s', 's.id', 'e.student_id')
      .select(['s.id', 's.last_name', 's.first_name', 's.middle_name', 'e.from_date', 'e.until_date'])
      .where('e.group_id', '=', j.group_id)
      .where('e.from_date', '<=', to)
      .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', from)]))
      .$if(j.subgroup_id !== null, (q) =>
        q.where('e.student_id', 'in', (eb) =>
          eb.selectFrom('subgroup_students').select('student_id').where('subgroup_id', '=', j.subgroup_id!),
        ),
      )
      .orderBy('s.last_name')
      .orderBy('s.first_name')
      .orderBy('s.middle_name')
      .orderBy('e.from_date'),
    lessons: db
      .selectFrom('lessons as l')
      .leftJoin('users as tb', 'tb.id', 'l.taught_by')
      .select([
        'l.id',
        'l.date',
        'l.lesson_no',
        'l.hours',
        'l.kind',
        'l.plan_topic_id',
        'l.topic',
        'l.homework',
        'l.entered_on',
        'l.attendance_taken',
        'l.version',
        'l.taught_by',
        'tb.last_name as tb_last',
        'tb.first_name as tb_first',
        'tb.middle_name as tb_middle',
      ])
      .where('l.journal_id', '=', j.id)
      .where('l.date', '>=', from)
      .where('l.date', '<=', to)
      .orderBy('l.date')
      .orderBy('l.lesson_no'),
    columns: inRange(
      db
        .selectFrom('work_columns as c')
        .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
        .select(['c.id', 'c.lesson_id', 'c.seq', 'c.kind', 'c.title', 'c.weight', 'c.release_on', 'c.version']),
    ).orderBy('c.seq') as ReadOf<ColumnRow>,
    // Selected under the output's own names: no second object per mark.
    marks: inRange(
      db
        .selectFrom('marks as m')
        .innerJoin('work_columns as c', 'c.id', 'm.column_id')
        .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
        .select([
          'm.column_id as columnId',
          'm.student_id as studentId',
          'm.value',
          'm.corrected_on as correctedOn',
          'm.version',
        ]),
    ) as ReadOf<MarkCell>,
    attendance: inRange(
      db
        .selectFrom('attendance as a')
        .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
        .select([
          'a.lesson_id as lessonId',
          'a.student_id as studentId',
          'a.code',
          'a.late_minutes as lateMinutes',
          'a.reason',
          'a.excuse_id as excuseId',
          'a.corrected_on as correctedOn',
          'a.version',
        ]),
    ) as ReadOf<AttendanceCell>,
    homework: inRange(
      db
        .selectFrom('homework_individual as h')
        .innerJoin('lessons as l', 'l.id', 'h.lesson_id')
        .select(['h.lesson_id', 'h.student_id', 'h.text']),
    ) as ReadOf<{ lesson_id: number; student_id: number; text: string }>,
    siblings: db
      .selectFrom('journals')
      .select('id')
      .where('year_id', '=', j.year_id)
      .where('group_id', '=', j.group_id)
      .where('subject_id', '=', j.subject_id)
      .where('id', '!=', j.id)
      .orderBy('id'),
    ...slotReads(db, slotFilter),
  });
  const { enrolments, lessons: lessonRows, columns, marks: markRows, attendance: attendanceRows, homework } = rows;
  const { siblings } = rows;
  const { unlocks: unlockRows, finals: finalRows } = parts;
  const plan = planOf(parts);
  const slots = from <= slotsTo ? slotsOf(rows, slotFilter) : [];

  const periods = periodStates(periodRows, unlockRows, today, canWrite);
  const students = rosterOf(enrolments);
  const lessons = lessonsOf(withTaughtBy(lessonRows, j.teacher_user_id), columns, homework);
  const marks: MarkCell[] = markRows;
  const attendance: AttendanceCell[] = attendanceRows;
  const finals: FinalCell[] = finalRows.map((f) => ({
    studentId: f.student_id,
    periodId: f.period_id,
    kind: f.kind,
    value: f.value,
    version: f.version,
  }));
  const held = new Set(lessons.map((l) => `${l.date}|${l.lessonNo}`));
  const pending = slots
    .filter((s) => !held.has(`${s.date}|${s.lessonNo}`))
    .map((s) => ({ date: s.date, lessonNo: s.lessonNo, room: s.room }));

  return {
    journal: {
      id: j.id,
      yearId: j.year_id,
      yearTitle: head.year_title,
      yearStartsOn: head.starts_on,
      yearEndsOn: head.ends_on,
      groupId: j.group_id,
      groupName: head.group_name,
      subjectId: j.subject_id,
      subjectName: head.subject_name,
      subjectCode: head.subject_code,
      subgroup:
        j.subgroup_id !== null && head.sg_number !== null
          ? { id: j.subgroup_id, number: head.sg_number, title: head.sg_title ?? '' }
          : null,
      teacherName: fullName(head),
      siblingIds: siblings.map((x) => x.id),
    },
    canWrite,
    readOnlyReason,
    scale: parseScale(inst.mark_scale),
    marksEnabled: inst.marks_enabled === 1,
    lessonsPerDay: inst.lessons_per_day,
    today,
    range,
    periods,
    students,
    lessons,
    marks,
    attendance,
    finals,
    plan,
    substituteSlots: substitution,
    pending,
  };
}
