// Performance per group and subject: the weighted average of the current marks, «качество знаний»
// (the share of students whose result is 4 or 5) and «успеваемость» (the share whose result is not a
// failing one). A student's result is the period mark when the teacher has given it, otherwise the
// rounded weighted average of the current marks — so the report works mid-period and after it.
import type {
  GroupPerformance,
  MarkDistribution,
  Parsed,
  PerformanceReport,
  PerformanceRow,
} from '../../api/contract.js';
import type { AuthedContext, Db } from '../context.js';
import { publicRange } from './completion.js';
import { FAILING, markCounts, MarkSums, NUMERIC, periodMarks, resultOf } from './marks-data.js';
import { loadRosters } from './rosters.js';
import { labelOf, ratio, resolveRange, scopeJournals, type JournalMeta, type Range } from './scope.js';

export async function performance(
  ctx: AuthedContext,
  input: Parsed<'reports.performance'>,
): Promise<PerformanceReport> {
  const range = await resolveRange(ctx.db, ctx.clock.today(), input.yearId, input.periodId);
  const journals = await scopeJournals(ctx, 'performance', range, input);
  return performanceReport(ctx.db, range, journals);
}

export const emptyDistribution = (): MarkDistribution => ({ '5': 0, '4': 0, '3': 0, '2': 0, '1': 0, зач: 0, незач: 0 });

export async function performanceReport(db: Db, range: Range, all: JournalMeta[]): Promise<PerformanceReport> {
  // Only journals that keep marks (a journal keeps the flag it was created with).
  const journals = all.filter((j) => j.marksEnabled);
  const byId = new Map(journals.map((j) => [j.journalId, j]));
  const ids = journals.length <= 400 ? journals.map((j) => j.journalId) : undefined;
  const counts = (await markCounts(db, range, ids)).filter((c) => byId.has(c.journalId));
  const finals = await periodMarks(db, range);
  const rosters = await loadRosters(db, range.yearId, range.from, range.to);

  const perStudent = new Map<string, MarkSums>();
  const perJournal = new Map<number, { sums: MarkSums; distribution: MarkDistribution }>();
  const distribution = emptyDistribution();
  for (const c of counts) {
    const key = `${c.journalId}|${c.studentId}`;
    const s = perStudent.get(key) ?? new MarkSums();
    s.add(c.value, c.weight, c.count);
    perStudent.set(key, s);
    const j = perJournal.get(c.journalId) ?? { sums: new MarkSums(), distribution: emptyDistribution() };
    j.sums.add(c.value, c.weight, c.count);
    if (c.value in j.distribution) {
      j.distribution[c.value as keyof MarkDistribution] += c.count;
      distribution[c.value as keyof MarkDistribution] += c.count;
    }
    perJournal.set(c.journalId, j);
  }

  // Per group: each student's results over the subjects, for the group's quality and success.
  const groupResults = new Map<number, { j: JournalMeta; students: Map<number, string[]>; sums: MarkSums }>();
  const rows: PerformanceRow[] = journals.map((j) => {
    const students = rosters.students(j.groupId, j.subgroupId);
    const g = groupResults.get(j.groupId) ?? { j, students: new Map<number, string[]>(), sums: new MarkSums() };
    groupResults.set(j.groupId, g);
    let attested = 0,
      numeric = 0,
      good = 0,
      passed = 0;
    for (const s of students) {
      const key = `${j.journalId}|${s.studentId}`;
      const result = resultOf(finals.get(key), perStudent.get(key));
      const list = g.students.get(s.studentId) ?? [];
      g.students.set(s.studentId, list);
      if (result === null) continue;
      list.push(result);
      attested++;
      if (!FAILING.has(result)) passed++;
      if (NUMERIC.has(result)) {
        numeric++;
        if (result === '4' || result === '5') good++;
      }
    }
    const data = perJournal.get(j.journalId);
    if (data) {
      g.sums.sum += data.sums.sum;
      g.sums.weight += data.sums.weight;
    }
    const label = labelOf(j);
    return {
      ...label,
      students: students.length,
      attested,
      marks: data?.sums.count ?? 0,
      average: data?.sums.average ?? null,
      quality: ratio(good, numeric),
      success: ratio(passed, attested),
      distribution: data?.distribution ?? emptyDistribution(),
    };
  });

  const groups: GroupPerformance[] = [...groupResults.values()]
    .map(({ j, students, sums }) => {
      let withNumeric = 0,
        good = 0,
        withAny = 0,
        passed = 0;
      for (const results of students.values()) {
        if (results.length === 0) continue;
        withAny++;
        if (!results.some((r) => FAILING.has(r))) passed++;
        const numeric = results.filter((r) => NUMERIC.has(r));
        if (numeric.length > 0) {
          withNumeric++;
          if (numeric.every((r) => r === '4' || r === '5')) good++;
        }
      }
      return {
        groupId: j.groupId,
        groupName: j.groupName,
        departmentName: j.departmentName,
        students: students.size,
        average: sums.average,
        quality: ratio(good, withNumeric),
        success: ratio(passed, withAny),
      };
    })
    .sort((a, b) => a.groupName.localeCompare(b.groupName, 'ru'));

  return { range: publicRange(range), rows, groups, distribution };
}
