// The report on keeping the journals (000 §3.2.5, §4.1: after each half-year and the year): per
// journal — completion, lessons without a topic, late entries, attendance not marked, homework
// missing, timetable lessons never entered, remarks — summed per teacher and per department, with
// each group's attendance. A handful of grouped queries, whatever the size of the college.
import { institutionWords } from '../words.js';
import type { Expression, SqlBool } from 'kysely';
import type {
  CompletionRow,
  KeepingCounts,
  KeepingReport,
  KeepingRow,
  KeepingSummary,
  Parsed,
} from '../../api/contract.js';
import type { AuthedContext, Db } from '../context.js';
import type { Slot } from '../schedule.js';
import { groupAttendance } from './attendance.js';
import { lessonDays } from './attendance-data.js';
import { completionRows, publicRange, rangeSlots } from './completion.js';
import { loadRosters } from './rosters.js';
import { dayAfter, ratio, resolveRange, scopeJournals, type JournalMeta, type Range } from './scope.js';

export interface Progress {
  (step: string, done?: number, total?: number): void;
}

export async function keeping(ctx: AuthedContext, input: Parsed<'reports.keeping'>): Promise<KeepingReport> {
  const range = await resolveRange(ctx.db, ctx.clock.today(), input.yearId, input.periodId);
  const journals = await scopeJournals(ctx, 'keeping', range, { departmentId: input.departmentId });
  return keepingReport(ctx.db, range, journals, ctx.clock.today());
}

export async function keepingReport(
  db: Db,
  range: Range,
  journals: JournalMeta[],
  today: string,
  progress: Progress = () => undefined,
): Promise<KeepingReport> {
  const steps = 5;
  progress('Выполнение программы', 0, steps);
  const slots = await rangeSlots(
    db,
    range,
    journals.map((j) => j.journalId),
  );
  const completion = await completionRows(db, range, journals, today, slots);
  progress('Записи занятий', 1, steps);
  const counts = await lessonCounts(db, range);
  const days = await lessonDays(db, range);
  progress('Незаполненные занятия по расписанию', 2, steps);
  const unfilled = unfilledSlots(slots, today, days);
  progress('Замечания', 3, steps);
  const remarks = await remarkCounts(db, range, today);
  const w = await institutionWords(db);
  progress(`Посещаемость ${w.term('group', 'gen', 'many')}`, 4, steps);
  const rosters = await loadRosters(db, range.yearId, range.from, range.to);
  const groups = await groupAttendance(db, range, journals, rosters, days);
  progress('Сводка', 5, steps);

  const rows: KeepingRow[] = completion.map((c) => ({
    ...c,
    ...(counts.get(c.journalId) ?? zeroCounts()),
    unfilled: unfilled.get(c.journalId) ?? 0,
    ...(remarks.get(c.journalId) ?? { remarks: 0, remarksOpen: 0, remarksOverdue: 0 }),
  }));
  const teachers = summaries(
    rows,
    (r) => r.teacherId,
    (r) => r.teacherName,
  );
  const departments = summaries(
    rows,
    (r) => r.departmentId,
    (r) => r.departmentName ?? `Без ${w.term('department', 'gen')}`,
  );
  return { range: publicRange(range), rows, teachers, departments, totals: summary(null, 'Всего', rows), groups };
}

function zeroCounts(): KeepingCounts {
  return {
    lessons: 0,
    withoutTopic: 0,
    late: 0,
    attendanceNotTaken: 0,
    withoutHomework: 0,
    unfilled: 0,
    remarks: 0,
    remarksOpen: 0,
    remarksOverdue: 0,
  };
}

/** One grouped query over the range's lessons. */
async function lessonCounts(db: Db, range: Range): Promise<Map<number, KeepingCounts>> {
  const rows = await db
    .selectFrom('lessons as l')
    .innerJoin('journals as j', 'j.id', 'l.journal_id')
    .select((eb) => {
      const count = (condition: Expression<SqlBool>) =>
        eb.fn.sum<number>(eb.case().when(condition).then(1).else(0).end());
      return [
        'l.journal_id',
        eb.fn.countAll<number>().as('lessons'),
        count(eb(eb.fn<string>('trim', ['l.topic']), '=', '')).as('without_topic'),
        count(eb('l.entered_on', '>', eb.ref('l.date'))).as('late'),
        count(eb.or([eb('l.homework', 'is', null), eb(eb.fn<string>('trim', ['l.homework']), '=', '')])).as(
          'without_homework',
        ),
        count(
          eb.and([
            eb('l.attendance_taken', '=', 0),
            eb.not(eb.exists(eb.selectFrom('attendance as a').select('a.id').whereRef('a.lesson_id', '=', 'l.id'))),
          ]),
        ).as('not_taken'),
      ];
    })
    .where('j.year_id', '=', range.yearId)
    .where('l.date', '>=', range.from)
    .where('l.date', '<=', range.to)
    .groupBy('l.journal_id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.journal_id,
      {
        ...zeroCounts(),
        lessons: Number(r.lessons),
        withoutTopic: Number(r.without_topic),
        late: Number(r.late),
        withoutHomework: Number(r.without_homework),
        attendanceNotTaken: Number(r.not_taken),
      },
    ]),
  );
}

/**
 * Timetable lessons before today with no entry: per journal and day, the slots the timetable had
 * minus the lessons entered (a lesson moved to another pair of the same day still counts as held).
 */
function unfilledSlots(
  slots: Slot[],
  today: string,
  days: Array<{ journalId: number; date: string; lessons: number }>,
): Map<number, number> {
  const out = new Map<number, number>();
  const expected = new Map<string, number>();
  for (const s of slots) {
    if (s.date >= today) continue;
    const key = `${s.journalId}|${s.date}`;
    expected.set(key, (expected.get(key) ?? 0) + 1);
  }
  const held = new Map(days.map((d) => [`${d.journalId}|${d.date}`, d.lessons]));
  for (const [key, n] of expected) {
    const missing = n - (held.get(key) ?? 0);
    if (missing <= 0) continue;
    const journalId = Number(key.slice(0, key.indexOf('|')));
    out.set(journalId, (out.get(journalId) ?? 0) + missing);
  }
  return out;
}

/** Remarks sent in the range (drafts never count); waiting now (open, reopened); of those, past due. */
async function remarkCounts(db: Db, range: Range, today: string) {
  const rows = await db
    .selectFrom('remarks as r')
    .innerJoin('journals as j', 'j.id', 'r.journal_id')
    .select(['r.journal_id', 'r.status', 'r.due_on', 'r.created_at'])
    .where('j.year_id', '=', range.yearId)
    .where('r.status', '!=', 'draft')
    .execute();
  const end = dayAfter(range.to);
  const out = new Map<number, { remarks: number; remarksOpen: number; remarksOverdue: number }>();
  for (const r of rows) {
    const c = out.get(r.journal_id) ?? { remarks: 0, remarksOpen: 0, remarksOverdue: 0 };
    if (r.created_at >= range.from && r.created_at < end) c.remarks++;
    if (r.status === 'open' || r.status === 'reopened') {
      c.remarksOpen++;
      if (r.due_on < today) c.remarksOverdue++;
    }
    out.set(r.journal_id, c);
  }
  return out;
}

function summary(key: number | null, name: string, rows: KeepingRow[]): KeepingSummary {
  const sum = (f: (r: KeepingRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const plannedTotal = sum((r) => r.plannedTotal);
  const conductedHours = sum((r) => r.conductedHours);
  return {
    key,
    name,
    journals: rows.length,
    plannedTotal,
    conductedHours,
    done: ratio(conductedHours, plannedTotal),
    behind: rows.filter((r) => r.behind).length,
    lessons: sum((r) => r.lessons),
    withoutTopic: sum((r) => r.withoutTopic),
    late: sum((r) => r.late),
    attendanceNotTaken: sum((r) => r.attendanceNotTaken),
    withoutHomework: sum((r) => r.withoutHomework),
    unfilled: sum((r) => r.unfilled),
    remarks: sum((r) => r.remarks),
    remarksOpen: sum((r) => r.remarksOpen),
    remarksOverdue: sum((r) => r.remarksOverdue),
  };
}

function summaries(
  rows: KeepingRow[],
  key: (r: CompletionRow) => number | null,
  name: (r: CompletionRow) => string,
): KeepingSummary[] {
  const groups = new Map<number | null, KeepingRow[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups.entries()]
    .map(([k, list]) => summary(k, name(list[0]!), list))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}
