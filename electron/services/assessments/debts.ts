// Academic debts (issue 15, part 2): every student whose semester result in a discipline — the exam, the credit,
// or the period's mark — is a failing one, «н/а», or missing because they did not come or were not admitted; with
// the resits so far. A debt a resit closed stays listed as closed: the original mark is history, not erased.
import type { DebtList, DebtRow, Parsed } from '../../api/contract.js';
import { forbidden } from '../../api/errors.js';
import { isDebt, outcomeText } from '../../domain/results.js';
import { canReadJournal } from '../access.js';
import type { AuthedContext } from '../context.js';
import { fullName } from '../session.js';
import { resolveRange, yearJournals } from '../reports/scope.js';
import { canResit } from './resits.js';
import { semesterResults } from './semester.js';

export async function debts(ctx: AuthedContext, input: Parsed<'assessments.debts'>): Promise<DebtList> {
  const { db, session } = ctx;
  const range = await resolveRange(db, ctx.clock.today(), input.yearId, input.periodId ?? null);
  const all = (await yearJournals(db, range.yearId)).filter((j) => j.marksEnabled);
  const named = all.filter(
    (j) =>
      (input.departmentId === undefined || j.departmentId === input.departmentId) &&
      (input.groupId === undefined || j.groupId === input.groupId),
  );
  const journals = named.filter((j) =>
    canReadJournal(session, { teacher_user_id: j.teacherId, group_id: j.groupId, department_id: j.departmentId }),
  );
  if (named.length > 0 && journals.length === 0)
    throw forbidden('Недостаточно прав: задолженности этой группы или отделения вам недоступны');
  const byId = new Map(journals.map((j) => [j.journalId, j]));
  const year = await db
    .selectFrom('academic_years')
    .select('status')
    .where('id', '=', range.yearId)
    .executeTakeFirstOrThrow();
  const results = await semesterResults(db, [...byId.keys()]);
  const periods = await db
    .selectFrom('periods')
    .select(['id', 'title', 'seq'])
    .where('year_id', '=', range.yearId)
    .execute();
  const periodOf = new Map(periods.map((p) => [p.id, p]));
  const entries = results
    .entries()
    .filter((e) => isDebt(e.original) && (!range.periodId || e.periodId === range.periodId));
  const studentIds = [...new Set(entries.map((e) => e.studentId))];
  const names = new Map(
    (studentIds.length === 0
      ? []
      : await db
          .selectFrom('students')
          .select(['id', 'last_name', 'first_name', 'middle_name'])
          .where('id', 'in', studentIds)
          .execute()
    ).map((s) => [s.id, fullName(s)]),
  );
  const rows: DebtRow[] = entries.map((e) => {
    const j = byId.get(e.journalId)!;
    return {
      journalId: e.journalId,
      studentId: e.studentId,
      studentName: names.get(e.studentId) ?? '',
      groupId: j.groupId,
      groupName: j.groupName,
      departmentName: j.departmentName,
      subjectName: j.subjectName,
      periodId: e.periodId,
      periodTitle: periodOf.get(e.periodId)?.title ?? '',
      kind: e.kind,
      originalText: outcomeText(e.original),
      resits: e.resits,
      open: isDebt(e.result),
      canResit: year.status === 'open' && canResit(session, { departmentId: j.departmentId }),
    };
  });
  rows.sort(
    (a, b) =>
      a.groupName.localeCompare(b.groupName, 'ru') ||
      a.studentName.localeCompare(b.studentName, 'ru') ||
      (periodOf.get(a.periodId)?.seq ?? 0) - (periodOf.get(b.periodId)?.seq ?? 0) ||
      a.subjectName.localeCompare(b.subjectName, 'ru'),
  );
  return { yearTitle: range.yearTitle, periodTitle: range.periodTitle, rows };
}
