// One journal page in two reads whatever its size — the journal's parts (page-head.ts), then the range's
// rows (page-reads.ts) — so that opening a page stays well under 10 ms on a college of 2,000 students.
import { wordsOf } from '../../domain/vocabulary.js';
import { institutionWords } from '../words.js';
import type { AttendanceCell, FinalCell, JournalPage, MarkCell, Parsed } from '../../api/contract.js';
import { badInput, forbidden } from '../../api/errors.js';
import { canReadJournal, loadJournal, type JournalRow } from '../access.js';
import { hasRole, type AuthedContext } from '../context.js';
import { fullName } from '../session.js';
import { parseScale } from '../../domain/scale.js';
import { headOf, readJournalParts, type JournalParts } from './page-head.js';
import { planOf } from './page-plan.js';
import type { JournalDb } from '../../../db/connect.js';
import { runPrepared } from '../../../db/prepared.js';
import { pageReads } from './page-reads.js';
import { slotsOf } from '../schedule.js';
import { lessonsOf, periodStates, rosterOf, withTaughtBy } from './page-rows.js';
import { substituteSlots } from './substitutes.js';
import { lockDuePeriods } from './auto-lock.js';

type RangeInput = { periodId?: number | null; from?: string | null; to?: string | null };

export async function open(ctx: AuthedContext, input: Parsed<'journal.open'>): Promise<JournalPage> {
  await lockDuePeriods(ctx.db, ctx.db, ctx.clock.today(), ctx.clock.now());
  // The header, the year's periods (found through the journal's year) and what depends on the
  // journal alone are read together; nothing of it leaves this function before the access check.
  const parts = await readJournalParts(ctx.database.current, input.journalId);
  const head = headOf(parts);
  // A substitute reads the journal they teach one of its lessons in (the roster, what was taught before).
  const substitution = canReadJournal(ctx.session, head) ? null : await substituteOf(ctx, head);
  if (!canReadJournal(ctx.session, head) && !substitution)
    throw forbidden(`Недостаточно прав: это журнал другого ${wordsOf(head.institution_kind).short('teacher', 'gen')}`);
  return loadPage(ctx, ctx.database.current, head, input, parts);
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
    const page = await loadPage(ctx, ctx.database.current, { ...s, year_status: j.year_status }, input);
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
  handle: JournalDb,
  j: JournalRow,
  input: RangeInput,
  known?: JournalParts,
): Promise<JournalPage> {
  const today = ctx.clock.today();
  const parts = known ?? (await readJournalParts(handle, j.id));
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
  const slotsTo = to < today ? to : today;
  const slotFilter = { yearId: j.year_id, yearStart: head.starts_on, from, to: slotsTo, journalIds: [j.id] };
  const v = {
    journalId: j.id,
    groupId: j.group_id,
    subgroupId: j.subgroup_id,
    yearId: j.year_id,
    subjectId: j.subject_id,
    from,
    to,
    slotsTo,
  };
  const [enrolments, lessonRows, columns, markRows, attendanceRows, homework, siblings, entries, holidays, changes] =
    await runPrepared(handle, [
      [j.subgroup_id === null ? pageReads.enrolments : pageReads.subgroupEnrolments, v],
      [pageReads.lessons, v],
      [pageReads.columns, v],
      [pageReads.marks, v],
      [pageReads.attendance, v],
      [pageReads.homework, v],
      [pageReads.siblings, v],
      [pageReads.entries, v],
      [pageReads.holidays, v],
      [pageReads.changes, v],
    ] as const);
  const rows = { entries, holidays, changes };
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
