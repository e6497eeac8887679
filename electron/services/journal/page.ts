// One journal page in a fixed handful of indexed queries — no query per lesson or per student —
// so that opening a page stays well under 10 ms on a college of 2,000 students.
import { wordsOf } from '../../domain/vocabulary.js';
import { institutionWords } from '../words.js';
import type {
  AttendanceCell,
  FinalCell,
  JournalListItem,
  JournalPage,
  LessonInfo,
  MarkCell,
  Parsed,
  PeriodState,
  RosterStudent,
} from '../../api/contract.js';
import { badInput, forbidden, notFound } from '../../api/errors.js';
import {
  canReadJournal,
  curatedGroupIds,
  headedDepartmentIds,
  loadJournal,
  READ_ALL,
  type JournalRow,
} from '../access.js';
import { hasRole, type AuthedContext, type Db } from '../context.js';
import { scheduledSlots } from '../schedule.js';
import { fullName, shortName } from '../session.js';
import { parseScale } from '../../domain/scale.js';

type RangeInput = { periodId?: number | null; from?: string | null; to?: string | null };

export async function open(ctx: AuthedContext, input: Parsed<'journal.open'>): Promise<JournalPage> {
  // The header, the year's periods (found through the journal's year) and what depends on the
  // journal alone are sent together; nothing of it leaves this function before the access check.
  const rest = byJournal(ctx.db, input.journalId);
  const [head, periods] = await Promise.all([headOf(ctx.db, input.journalId), periodsOf(ctx.db, input.journalId)]);
  if (!canReadJournal(ctx.session, head))
    throw forbidden(`Недостаточно прав: это журнал другого ${wordsOf(head.institution_kind).short('teacher', 'gen')}`);
  return loadPage(ctx, ctx.db, head, input, { head, periods, rest });
}

/** The page's parts that depend on the journal's id only, not on its row or the range. */
function byJournal(db: Db, journalId: number) {
  const reads = Promise.all([
    db
      .selectFrom('period_unlocks')
      .select(['id', 'period_id', 'status', 'valid_until', 'reason', 'version'])
      .where('journal_id', '=', journalId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('final_marks')
      .select(['student_id', 'period_id', 'kind', 'value', 'version'])
      .where('journal_id', '=', journalId)
      .execute(),
    planState(db, journalId),
  ]);
  // Awaited later (or not at all when the header's read or the access check throws first).
  reads.catch(() => undefined);
  return reads;
}

/**
 * The journal with everything its page header needs and the institution's scale, in one query.
 * Each looked-up value is a scalar subquery by primary key rather than a join: PostgreSQL plans a
 * seven-table join afresh on every call (about 3 ms here), the subqueries in a fraction of that.
 */
async function headOf(db: Db, journalId: number) {
  const row = await db
    .selectFrom('journals as j')
    .select((eb) => {
      const year = eb.selectFrom('academic_years as y').whereRef('y.id', '=', 'j.year_id');
      const group = eb.selectFrom('groups as g').whereRef('g.id', '=', 'j.group_id');
      const subject = eb.selectFrom('subjects as s').whereRef('s.id', '=', 'j.subject_id');
      const teacher = eb.selectFrom('users as t').whereRef('t.id', '=', 'j.teacher_user_id');
      const subgroup = eb.selectFrom('subgroups as sg').whereRef('sg.id', '=', 'j.subgroup_id');
      const inst = eb.selectFrom('institution as i');
      // Rows that always exist (foreign keys, the institution's one row): typed as their columns.
      return [
        'j.id',
        'j.year_id',
        'j.group_id',
        'j.subject_id',
        'j.subgroup_id',
        'j.teacher_user_id',
        'j.version',
        group.select('g.department_id').$asScalar().as('department_id'),
        year.select('y.status').$asScalar().as('year_status'),
        year.select('y.title').$asScalar().as('year_title'),
        year.select('y.starts_on').$asScalar().as('starts_on'),
        year.select('y.ends_on').$asScalar().as('ends_on'),
        group.select('g.name').$asScalar().as('group_name'),
        subject.select('s.name').$asScalar().as('subject_name'),
        subject.select('s.code').$asScalar().as('subject_code'),
        subgroup.select('sg.number').as('sg_number'),
        subgroup.select('sg.title').as('sg_title'),
        teacher.select('t.last_name').$asScalar().as('last_name'),
        teacher.select('t.first_name').$asScalar().as('first_name'),
        teacher.select('t.middle_name').$asScalar().as('middle_name'),
        inst.select('i.mark_scale').$asScalar().as('mark_scale'),
        inst.select('i.marks_enabled').$asScalar().as('marks_enabled'),
        inst.select('i.lessons_per_day').$asScalar().as('lessons_per_day'),
        inst.select('i.kind').$asScalar().as('institution_kind'),
      ];
    })
    .where('j.id', '=', journalId)
    .executeTakeFirst();
  // No institution row (before setup) read as «not found», as the inner join did.
  if (!row || (row.mark_scale as string | null) === null) throw notFound('Журнал');
  return row;
}

/** The periods of the journal's year, in order. */
function periodsOf(db: Db, journalId: number) {
  return db
    .selectFrom('periods')
    .select(['id', 'seq', 'title', 'starts_on', 'ends_on', 'locked'])
    .where('year_id', '=', (eb) => eb.selectFrom('journals').select('year_id').where('id', '=', journalId))
    .orderBy('seq')
    .execute();
}

type Head = Awaited<ReturnType<typeof headOf>>;

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
  known?: { head: Head; periods: Awaited<ReturnType<typeof periodsOf>>; rest: ReturnType<typeof byJournal> },
): Promise<JournalPage> {
  const today = ctx.clock.today();
  const rest = known?.rest ?? byJournal(db, j.id);
  const [head, periodRows] = known
    ? [known.head, known.periods]
    : await Promise.all([headOf(db, j.id), periodsOf(db, j.id)]);
  const inst = head;
  const range = resolveRange(input, periodRows, head, today);
  const { from, to } = range;

  const own = hasRole(ctx.session, 'teacher') && j.teacher_user_id === ctx.session.userId;
  const canWrite = own && j.year_status === 'open';
  const readOnlyReason = canWrite
    ? null
    : own
      ? 'Учебный год закрыт: журнал доступен только для просмотра'
      : `Журнал доступен только для просмотра: записи в нём ведёт ${wordsOf(head.institution_kind).short('teacher')}`;

  // Everything below depends only on the journal and the range: sent together, so that on PostgreSQL
  // the page waits for one round of queries (the pool's connections) rather than a dozen in a row.
  // SQLite runs them one after another on its single connection, as before.
  const inRange = (q: any) => q.where('l.journal_id', '=', j.id).where('l.date', '>=', from).where('l.date', '<=', to);
  const [
    [unlockRows, finalRows, plan],
    enrolments,
    lessonRows,
    columns,
    markRows,
    attendanceRows,
    homework,
    siblings,
    slots,
  ] = await Promise.all([
    rest,
    // Everyone enrolled at any time in the range, in the subgroup when the journal is a subgroup's.
    db
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
      .orderBy('e.from_date')
      .execute(),
    db
      .selectFrom('lessons')
      .select([
        'id',
        'date',
        'lesson_no',
        'hours',
        'kind',
        'plan_topic_id',
        'topic',
        'homework',
        'entered_on',
        'attendance_taken',
        'version',
      ])
      .where('journal_id', '=', j.id)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .orderBy('date')
      .orderBy('lesson_no')
      .execute(),
    inRange(
      db
        .selectFrom('work_columns as c')
        .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
        .select(['c.id', 'c.lesson_id', 'c.seq', 'c.kind', 'c.title', 'c.weight', 'c.release_on', 'c.version']),
    )
      .orderBy('c.seq')
      .execute() as Promise<
      Array<{
        id: number;
        lesson_id: number;
        seq: number;
        kind: string;
        title: string;
        weight: number;
        release_on: string | null;
        version: number;
      }>
    >,
    // Selected under the output's own names: no second object per mark.
    inRange(
      db
        .selectFrom('marks as m')
        .innerJoin('work_columns as c', 'c.id', 'm.column_id')
        .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
        .select(['m.column_id as columnId', 'm.student_id as studentId', 'm.value', 'm.version']),
    ).execute() as Promise<MarkCell[]>,
    inRange(
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
          'a.version',
        ]),
    ).execute() as Promise<AttendanceCell[]>,
    inRange(
      db
        .selectFrom('homework_individual as h')
        .innerJoin('lessons as l', 'l.id', 'h.lesson_id')
        .select(['h.lesson_id', 'h.student_id', 'h.text']),
    ).execute() as Promise<Array<{ lesson_id: number; student_id: number; text: string }>>,
    db
      .selectFrom('journals')
      .select('id')
      .where('year_id', '=', j.year_id)
      .where('group_id', '=', j.group_id)
      .where('subject_id', '=', j.subject_id)
      .where('id', '!=', j.id)
      .orderBy('id')
      .execute(),
    scheduledSlotsUpTo(db, j, head.starts_on, from, to < today ? to : today),
  ]);

  const periods: PeriodState[] = periodRows.map((p) => {
    const last = unlockRows.filter((u) => u.period_id === p.id).at(-1);
    const expired = last?.status === 'approved' && last.valid_until !== null && last.valid_until < today;
    const unlock = last
      ? {
          id: last.id,
          status: expired ? ('expired' as const) : last.status,
          validUntil: last.valid_until,
          reason: last.reason,
          version: last.version,
        }
      : null;
    return {
      id: p.id,
      seq: p.seq,
      title: p.title,
      startsOn: p.starts_on,
      endsOn: p.ends_on,
      locked: p.locked === 1,
      unlock,
      editable: canWrite && (p.locked === 0 || unlock?.status === 'approved'),
    };
  });

  const students: RosterStudent[] = [];
  const byStudent = new Map<number, RosterStudent>();
  for (const e of enrolments) {
    let s = byStudent.get(e.id);
    if (!s) {
      s = { id: e.id, fullName: fullName(e), shortName: shortName(e), intervals: [] };
      byStudent.set(e.id, s);
      students.push(s);
    }
    s.intervals.push({ from: e.from_date, until: e.until_date });
  }

  const lessons: LessonInfo[] = lessonRows.map((l) => ({
    id: l.id,
    date: l.date,
    lessonNo: l.lesson_no,
    hours: l.hours,
    kind: l.kind,
    planTopicId: l.plan_topic_id,
    topic: l.topic,
    homework: l.homework,
    enteredOn: l.entered_on,
    late: l.entered_on > l.date,
    attendanceTaken: l.attendance_taken === 1,
    version: l.version,
    columns: [],
    individualHomework: [],
  }));
  const lessonById = new Map(lessons.map((l) => [l.id, l]));
  for (const c of columns) {
    lessonById.get(c.lesson_id)?.columns.push({
      id: c.id,
      seq: c.seq,
      kind: c.kind,
      title: c.title,
      weight: Number(c.weight),
      releaseOn: c.release_on,
      version: c.version,
    });
  }
  const marks: MarkCell[] = markRows;
  const attendance: AttendanceCell[] = attendanceRows;
  for (const h of homework)
    lessonById.get(h.lesson_id)?.individualHomework.push({ studentId: h.student_id, text: h.text });
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
    pending,
  };
}

/** The thematic plan with what has been taught, the hours held and the plan's hours with corrections. */
export async function planState(db: Db, journalId: number): Promise<JournalPage['plan']> {
  const [topics, taught, corrections] = await Promise.all([
    db
      .selectFrom('plan_topics')
      .select(['id', 'seq', 'section', 'title', 'hours', 'lesson_kind', 'homework'])
      .where('journal_id', '=', journalId)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('lessons')
      .select([
        'plan_topic_id',
        (eb) => eb.fn.min<string>('date').as('first'),
        (eb) => eb.fn.sum<number>('hours').as('hours'),
      ])
      .where('journal_id', '=', journalId)
      .groupBy('plan_topic_id')
      .execute(),
    // The approved corrections and the hours by period (used when there is no plan) in one row.
    db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('plan_corrections')
          .select((e) => e.fn.sum<number>('hours_delta').as('h'))
          .where('journal_id', '=', journalId)
          .where('status', '=', 'approved')
          .as('h'),
        eb
          .selectFrom('journal_period_hours')
          .select((e) => e.fn.sum<number>('hours').as('h'))
          .where('journal_id', '=', journalId)
          .as('period_h'),
      ])
      .executeTakeFirst(),
  ]);
  const firstBy = new Map(taught.filter((t) => t.plan_topic_id !== null).map((t) => [t.plan_topic_id!, t.first]));
  const hoursHeld = taught.reduce((sum, t) => sum + Number(t.hours), 0);
  let hoursPlanned: number | null = topics.length > 0 ? topics.reduce((sum, t) => sum + t.hours, 0) : null;
  if (hoursPlanned === null) hoursPlanned = corrections?.period_h != null ? Number(corrections.period_h) : null;
  if (hoursPlanned !== null) hoursPlanned += Number(corrections?.h ?? 0);
  const list = topics.map((t) => ({
    id: t.id,
    seq: t.seq,
    section: t.section,
    title: t.title,
    hours: t.hours,
    kind: t.lesson_kind,
    homework: t.homework,
    taughtOn: firstBy.get(t.id) ?? null,
  }));
  return { topics: list, hoursPlanned, hoursHeld, nextTopicId: list.find((t) => t.taughtOn === null)?.id ?? null };
}

/** The journal's timetable slots from `from` to `to` (the page's range up to today): those without a lesson are pending. */
async function scheduledSlotsUpTo(db: Db, j: JournalRow, yearStart: string, from: string, to: string) {
  if (from > to) return [];
  return scheduledSlots(db, { yearId: j.year_id, yearStart, from, to, journalIds: [j.id] });
}

export async function list(ctx: AuthedContext, input: Parsed<'journal.list'>): Promise<JournalListItem[]> {
  const { db, session } = ctx;
  const today = ctx.clock.today();
  let yearId = input.yearId ?? null;
  if (yearId === null) {
    const years = await db
      .selectFrom('academic_years')
      .select(['id', 'starts_on', 'ends_on'])
      .orderBy('starts_on', 'desc')
      .execute();
    yearId = (years.find((y) => y.starts_on <= today && today <= y.ends_on) ?? years[0])?.id ?? null;
  }
  if (yearId === null) return [];
  let q = db
    .selectFrom('journals as j')
    .innerJoin('academic_years as y', 'y.id', 'j.year_id')
    .innerJoin('groups as g', 'g.id', 'j.group_id')
    .innerJoin('subjects as s', 's.id', 'j.subject_id')
    .innerJoin('users as t', 't.id', 'j.teacher_user_id')
    .leftJoin('subgroups as sg', 'sg.id', 'j.subgroup_id')
    .select([
      'j.id',
      'j.group_id',
      'j.teacher_user_id',
      'y.title as year_title',
      'g.name as group_name',
      'g.department_id',
      's.name as subject_name',
      's.code as subject_code',
      'sg.number as sg_number',
      't.last_name',
      't.first_name',
      't.middle_name',
    ])
    .where('j.year_id', '=', yearId);
  if (input.groupId) q = q.where('j.group_id', '=', input.groupId);
  if (!hasRole(session, ...READ_ALL)) {
    const curated = curatedGroupIds(session);
    const departments = headedDepartmentIds(session);
    q = q.where((eb) =>
      eb.or([
        eb('j.teacher_user_id', '=', hasRole(session, 'teacher') ? session.userId : -1),
        ...(curated.length ? [eb('j.group_id', 'in', curated)] : []),
        ...(departments.length ? [eb('g.department_id', 'in', departments)] : []),
      ]),
    );
  }
  const rows = await q.orderBy('g.name').orderBy('s.name').orderBy('sg.number').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const held = await db
    .selectFrom('lessons')
    .select([
      'journal_id',
      (eb) => eb.fn.sum<number>('hours').as('hours'),
      (eb) => eb.fn.max<string>('date').as('last'),
    ])
    .where('journal_id', 'in', ids)
    .groupBy('journal_id')
    .execute();
  const planned = await db
    .selectFrom('plan_topics')
    .select(['journal_id', (eb) => eb.fn.sum<number>('hours').as('hours')])
    .where('journal_id', 'in', ids)
    .groupBy('journal_id')
    .execute();
  const heldBy = new Map(held.map((h) => [h.journal_id, h]));
  const plannedBy = new Map(planned.map((p) => [p.journal_id, Number(p.hours)]));
  return rows.map((r) => ({
    id: r.id,
    yearTitle: r.year_title,
    groupId: r.group_id,
    groupName: r.group_name,
    subjectName: r.subject_name,
    subjectCode: r.subject_code,
    subgroupNumber: r.sg_number ?? null,
    teacherName: shortName(r),
    mine: r.teacher_user_id === session.userId,
    hoursHeld: Number(heldBy.get(r.id)?.hours ?? 0),
    hoursPlanned: plannedBy.get(r.id) ?? null,
    lastLessonOn: heldBy.get(r.id)?.last ?? null,
  }));
}
