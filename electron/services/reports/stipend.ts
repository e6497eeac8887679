// The monthly attendance sheet for a college's stipend committee (issue 15, part 4): per group, each student on
// its roster during the month with the hours missed — excused (у, б, н under a confirmed excuse) and not — and the
// documents behind the excuses; the group's total. The same attendance rule as every report (attendance-data.ts).
import type { Parsed, StipendGroup, StipendHours, StipendSheet } from '../../api/contract.js';
import { badInput } from '../../api/errors.js';
import { ruDate } from '../../domain/format-dates.js';
import { EXCUSE_KIND_LABELS } from '../../domain/labels.js';
import type { AuthedContext, Db } from '../context.js';
import { rosterBetween } from '../rosters.js';
import { fullName, shortName } from '../session.js';
import { absencesByStudent } from './attendance-data.js';
import { publicRange } from './completion.js';
import { monthScope } from './hours.js';
import type { JournalMeta, Range } from './scope.js';

type Input = Parsed<'reports.stipendAttendance'>;

/** Stipends are a college's (СПО): a school or a centre is told so. */
export async function assertCollege(db: Db): Promise<void> {
  const inst = await db.selectFrom('institution').select('kind').executeTakeFirst();
  if (inst?.kind !== 'college') throw badInput('Ведомость для стипендиальной комиссии составляется только в колледже');
}

/** The month and the journals the sheet covers, for the caller (scope first, then the kind of institution). */
export async function stipendScope(ctx: AuthedContext, input: Omit<Input, 'report'>) {
  const scope = await monthScope(ctx, 'stipendAttendance', input, {
    departmentId: input.departmentId,
    groupId: input.groupId,
  });
  await assertCollege(ctx.db);
  return scope;
}

export async function stipendAttendance(ctx: AuthedContext, input: Input): Promise<StipendSheet> {
  const { range, journals } = await stipendScope(ctx, input);
  return stipendReport(ctx.db, range, journals, input.month);
}

export async function stipendReport(
  db: Db,
  range: Range,
  journals: JournalMeta[],
  month: string,
): Promise<StipendSheet> {
  const groupIds = [...new Set(journals.map((j) => j.groupId))];
  const groups =
    groupIds.length === 0
      ? []
      : await db
          .selectFrom('groups as g')
          .leftJoin('departments as d', 'd.id', 'g.department_id')
          .leftJoin('users as c', 'c.id', 'g.curator_user_id')
          .select([
            'g.id',
            'g.name',
            'g.course',
            'd.name as department',
            'c.last_name',
            'c.first_name',
            'c.middle_name',
          ])
          .where('g.id', 'in', groupIds)
          .orderBy('g.course')
          .orderBy('g.name')
          .execute();
  const absences = await absencesByStudent(
    db,
    range,
    journals.map((j) => j.journalId),
  );
  const groupOf = new Map(journals.map((j) => [j.journalId, j.groupId]));
  // Hours per group × student, summed over the group's journals (a student counts in the group they missed it in).
  const missed = new Map<string, StipendHours>();
  for (const [key, t] of absences) {
    const [journalId, studentId] = key.split('|').map(Number) as [number, number];
    const k = `${groupOf.get(journalId)}|${studentId}`;
    const h = missed.get(k) ?? { missed: 0, excused: 0, unexcused: 0 };
    h.missed += t.missed;
    h.excused += t.valid;
    h.unexcused += t.invalid;
    missed.set(k, h);
  }
  const out: StipendGroup[] = [];
  const students = new Set<number>();
  const rosters = new Map<number, Awaited<ReturnType<typeof rosterBetween>>>();
  for (const g of groups) {
    const roster = await rosterBetween(db, g.id, range.from, range.to);
    rosters.set(g.id, roster);
    for (const r of roster) students.add(r.studentId);
  }
  const documents = await excuseDocuments(db, [...students], range);
  for (const g of groups) {
    const seen = new Set<number>();
    const rows: StipendGroup['rows'] = [];
    const total = { missed: 0, excused: 0, unexcused: 0 };
    for (const r of rosters.get(g.id)!) {
      if (seen.has(r.studentId)) continue;
      seen.add(r.studentId);
      const h = missed.get(`${g.id}|${r.studentId}`) ?? { missed: 0, excused: 0, unexcused: 0 };
      total.missed += h.missed;
      total.excused += h.excused;
      total.unexcused += h.unexcused;
      rows.push({
        studentId: r.studentId,
        name: fullName({ last_name: r.lastName, first_name: r.firstName, middle_name: r.middleName }),
        ...h,
        documents: documents.get(r.studentId) ?? [],
      });
    }
    out.push({
      groupId: g.id,
      groupName: g.name,
      course: g.course,
      departmentName: g.department ?? null,
      curatorName: g.last_name
        ? shortName({ last_name: g.last_name, first_name: g.first_name ?? '', middle_name: g.middle_name })
        : null,
      rows,
      total,
    });
  }
  return { range: publicRange(range), month, groups: out };
}

/** The confirmed excuses overlapping the month, as the sheet notes them, per student. */
async function excuseDocuments(db: Db, studentIds: number[], range: Range): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (let i = 0; i < studentIds.length; i += 500) {
    const rows = await db
      .selectFrom('absence_excuses')
      .select(['student_id', 'kind', 'from_date', 'to_date', 'text'])
      .where('student_id', 'in', studentIds.slice(i, i + 500))
      .where('status', '=', 'confirmed')
      .where('from_date', '<=', range.to)
      .where('to_date', '>=', range.from)
      .orderBy('from_date')
      .execute();
    for (const r of rows) {
      const dates = r.from_date === r.to_date ? ruDate(r.from_date) : `${ruDate(r.from_date)}–${ruDate(r.to_date)}`;
      const text = r.text.trim();
      out.set(r.student_id, [
        ...(out.get(r.student_id) ?? []),
        `${EXCUSE_KIND_LABELS[r.kind]} ${dates}${text ? `: ${text}` : ''}`,
      ]);
    }
  }
  return out;
}
