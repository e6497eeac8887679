// The summary sheet of results (issue 15, part 3): a group's students × disciplines with the semester's results
// (the exam, the credit or the period's mark, after resits — the original beside), or the year's marks; each
// student's average and counts of 5/4/3/2 and «н/а», the group's absolute and quality performance, debts marked.
// The arithmetic is the domain's (electron/domain/results.ts).
import type { Parsed, SummaryCell, SummarySheet, SummarySubject } from '../../api/contract.js';
import { forbidden, notFound } from '../../api/errors.js';
import {
  averageOf,
  countResults,
  groupPerformance,
  isDebt,
  outcomeShort,
  type Outcome,
  type ResultCounts,
} from '../../domain/results.js';
import { curatedGroupIds, headedDepartmentIds, READ_ALL } from '../access.js';
import { hasRole, type AuthedContext } from '../context.js';
import { resolveRange, yearJournals } from '../reports/scope.js';
import { shortName } from '../session.js';
import { sheetStudents } from './data.js';
import { semesterResults } from './semester.js';

export async function summary(ctx: AuthedContext, input: Parsed<'assessments.summary'>): Promise<SummarySheet> {
  const { db, session } = ctx;
  const group = await db
    .selectFrom('groups as g')
    .leftJoin('departments as d', 'd.id', 'g.department_id')
    .leftJoin('users as c', 'c.id', 'g.curator_user_id')
    .select([
      'g.id',
      'g.name',
      'g.course',
      'g.year_id',
      'g.speciality',
      'g.department_id',
      'd.name as department',
      'c.last_name',
      'c.first_name',
      'c.middle_name',
    ])
    .where('g.id', '=', input.groupId)
    .executeTakeFirst();
  if (!group) throw notFound('Группа');
  const reads =
    hasRole(session, ...READ_ALL) ||
    curatedGroupIds(session).includes(group.id) ||
    (group.department_id !== null && headedDepartmentIds(session).includes(group.department_id));
  if (!reads)
    throw forbidden('Недостаточно прав: сводную ведомость группы видят её куратор, заведующий отделением и дирекция');
  const range = await resolveRange(db, ctx.clock.today(), group.year_id, input.periodId ?? null);
  const journals = (await yearJournals(db, group.year_id)).filter((j) => j.groupId === group.id && j.marksEnabled);
  const results = await semesterResults(
    db,
    journals.map((j) => j.journalId),
  );
  const students = await sheetStudents(db, { groupId: group.id, subgroupId: null }, range.asOf);
  // One column per discipline: a group split in subgroups keeps one journal per subgroup of the same subject.
  const bySubject = new Map<number, typeof journals>();
  for (const j of journals) bySubject.set(j.subjectId, [...(bySubject.get(j.subjectId) ?? []), j]);
  const periodId = range.periodId;
  const subjects: SummarySubject[] = [...bySubject.values()].map((js) => ({
    subjectId: js[0]!.subjectId,
    subjectName: js[0]!.subjectName,
    kind: periodId === null ? 'year' : results.kindOf(js[0]!.journalId, periodId),
  }));
  const rows = students.map((s) => {
    const outcomes: Outcome[] = [];
    const cells = [...bySubject.values()].map((js): SummaryCell => {
      for (const j of js) {
        if (periodId === null) {
          const y = results.year(j.journalId, s.studentId);
          if (!y) continue;
          outcomes.push(y);
          return { text: outcomeShort(y), debt: isDebt(y), resit: false, original: null };
        }
        const r = results.of(j.journalId, s.studentId, periodId);
        if (!r) continue;
        outcomes.push(r.result);
        const resat = r.result !== r.original;
        return {
          text: outcomeShort(r.result),
          debt: isDebt(r.result),
          resit: resat,
          original: resat ? outcomeShort(r.original) : null,
        };
      }
      return { text: '', debt: false, resit: false, original: null };
    });
    return {
      studentId: s.studentId,
      name: s.name,
      cells,
      average: averageOf(outcomes),
      counts: countResults(outcomes),
      debts: outcomes.filter(isDebt).length,
      outcomes,
    };
  });
  const totals: ResultCounts = { '5': 0, '4': 0, '3': 0, '2': 0, na: 0 };
  for (const r of rows) for (const k of Object.keys(totals) as Array<keyof ResultCounts>) totals[k] += r.counts[k];
  const performance = groupPerformance(rows.map((r) => r.outcomes));
  return {
    groupId: group.id,
    groupName: group.name,
    course: group.course,
    departmentName: group.department ?? null,
    speciality: group.speciality,
    curatorName: group.last_name
      ? shortName({ last_name: group.last_name, first_name: group.first_name ?? '', middle_name: group.middle_name })
      : null,
    title: range.title,
    periodId,
    subjects,
    rows: rows.map(({ outcomes: _o, ...r }) => r),
    totals,
    average: averageOf(rows.flatMap((r) => r.outcomes)),
    ...performance,
    debtors: rows.filter((r) => r.debts > 0).length,
  };
}
