// The monthly substitutions report for payroll (issue 14, part 3): the month's dated «замена» changes in the
// journals the caller sees, each with the lesson's hours once held (lessons.taught_by says who held it), and the
// hours per substitute. A lesson not yet held is listed with no hours, so nothing is paid before it is recorded.
import type { Parsed, SubstitutionsReport } from '../../api/contract.js';
import type { AuthedContext, Db } from '../context.js';
import { shortName } from '../session.js';
import { publicRange } from './completion.js';
import { monthScope } from './hours.js';
import type { JournalMeta, Range } from './scope.js';

type Input = Omit<Parsed<'reports.substitutions'>, 'report'>;

export function substitutionsScope(ctx: AuthedContext, input: Input) {
  return monthScope(ctx, 'substitutions', input, { departmentId: input.departmentId });
}

export async function substitutions(ctx: AuthedContext, input: Input): Promise<SubstitutionsReport> {
  const { range, journals } = await substitutionsScope(ctx, input);
  return substitutionsReport(ctx.db, range, journals, input.month);
}

export async function substitutionsReport(
  db: Db,
  range: Range,
  journals: JournalMeta[],
  month: string,
): Promise<SubstitutionsReport> {
  const byId = new Map(journals.map((j) => [j.journalId, j]));
  const rows =
    journals.length === 0
      ? []
      : await db
          .selectFrom('timetable_changes as c')
          .innerJoin('users as s', 's.id', 'c.substitute_user_id')
          .leftJoin('lessons as l', (join) =>
            join
              .onRef('l.journal_id', '=', 'c.journal_id')
              .onRef('l.date', '=', 'c.date')
              .onRef('l.lesson_no', '=', 'c.lesson_no'),
          )
          .select([
            'c.journal_id',
            'c.date',
            'c.lesson_no',
            'c.reason',
            'c.substitute_user_id',
            's.last_name',
            's.first_name',
            's.middle_name',
            'l.hours',
            'l.taught_by',
          ])
          .where('c.kind', '=', 'substitute')
          .where('c.year_id', '=', range.yearId)
          .where('c.date', '>=', range.from)
          .where('c.date', '<=', range.to)
          .where(
            'c.journal_id',
            'in',
            journals.map((j) => j.journalId),
          )
          .orderBy('c.date')
          .orderBy('c.lesson_no')
          .execute();
  const out: SubstitutionsReport['rows'] = [];
  const totals = new Map<number, { substituteId: number; name: string; lessons: number; hours: number }>();
  for (const r of rows) {
    const j = byId.get(r.journal_id)!;
    const substituteId = r.substitute_user_id!;
    const name = shortName(r);
    const held = r.hours !== null;
    const hours = held ? Number(r.hours) : 0;
    out.push({
      date: r.date,
      lessonNo: r.lesson_no,
      groupName: j.subgroup ? `${j.groupName} (подгр. ${j.subgroup})` : j.groupName,
      subjectName: j.subjectName,
      absentName: j.teacherName,
      substituteId,
      substituteName: name,
      hours,
      held,
      reason: r.reason,
    });
    const t = totals.get(substituteId) ?? { substituteId, name, lessons: 0, hours: 0 };
    if (held) {
      t.lessons += 1;
      t.hours += hours;
    }
    totals.set(substituteId, t);
  }
  const bySubstitute = [...totals.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  return {
    range: publicRange(range),
    month,
    rows: out,
    bySubstitute,
    totalHours: bySubstitute.reduce((s, t) => s + t.hours, 0),
  };
}
