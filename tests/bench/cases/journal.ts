// The journal's hot paths on the benchmark college (DESIGN §8): open one journal page < 10 ms in the
// service layer, save a mark < 5 ms; also a pasted column and the same page through dispatch.
import { openDatabase } from '../../../db/connect.js';
import type { AuthedContext } from '../../../electron/services/context.js';
import { saveCells } from '../../../electron/services/journal/cells.js';
import { open as openPage } from '../../../electron/services/journal/page.js';
import { loadSession } from '../../../electron/services/session.js';
import { makeDeps, TestClient } from '../../support/harness.js';
import { BENCH_TODAY, workingCopy, type College } from '../college.js';
import { timeRuns, type BenchResult } from '../harness.js';

export async function journalCases(college: College): Promise<BenchResult[]> {
  const handle = await openDatabase(`sqlite:${workingCopy(college, 'journal')}`);
  try {
    const deps = makeDeps(handle, { today: BENCH_TODAY });
    const db = handle.db;
    const teacher = await db.selectFrom('users').select('id').where('login', '=', 'teacher').executeTakeFirstOrThrow();
    // The demo teacher's fullest journal this semester.
    const journal = await db.selectFrom('journals as j').innerJoin('lessons as l', 'l.journal_id', 'j.id')
      .select(['j.id', (eb) => eb.fn.countAll<number>().as('n')]).where('j.teacher_user_id', '=', teacher.id)
      .where('l.date', '>=', '2026-09-01').groupBy('j.id').orderBy('n', 'desc').executeTakeFirstOrThrow();
    const ctx: AuthedContext = { ...deps, session: (await loadSession(db, teacher.id, false))!, host: new TestClient(deps).host };
    const page = await openPage(ctx, { journalId: journal.id });
    const size = `${page.students.length} × ${page.lessons.length} занятий, ${page.marks.length} отметок`;
    await timeRuns(30, () => openPage(ctx, { journalId: journal.id }));
    const open = await timeRuns(300, () => openPage(ctx, { journalId: journal.id }));
    const year = await timeRuns(100, () => openPage(ctx, { journalId: journal.id, from: '2026-09-01', to: '2027-08-31' }));
    const client = await new TestClient(deps).login('teacher');
    const dispatched = await timeRuns(100, () => client.call('journal.open', { journalId: journal.id }));

    // One cell, alternating values, each save naming the version it saw (transaction + audit, synchronous=FULL).
    const lesson = page.lessons.at(-1)!;
    const column = lesson.columns[0]!;
    const absent = new Set(page.attendance.filter((a) => a.lessonId === lesson.id && ['н', 'у', 'б'].includes(a.code)).map((a) => a.studentId));
    const present = page.students.filter((s) => !absent.has(s.id) && s.intervals.some((i) => i.from <= lesson.date && (i.until === null || lesson.date < i.until)));
    const versions = new Map(page.marks.filter((m) => m.columnId === column.id).map((m) => [m.studentId, m.version]));
    const first = present[0]!;
    const save = await timeRuns(300, async (i) => {
      const [saved] = await saveCells(ctx, { journalId: journal.id, cells: [{ kind: 'mark', columnId: column.id, studentId: first.id, value: i % 2 ? '4' : '5', version: versions.get(first.id) ?? null }] });
      if (saved?.kind === 'mark' && saved.cell) versions.set(first.id, saved.cell.version);
    });
    const paste = await timeRuns(30, async (i) => {
      const saved = await saveCells(ctx, { journalId: journal.id, cells: present.map((s) => ({ kind: 'mark' as const, columnId: column.id, studentId: s.id, value: i % 2 ? '3' : '4', version: versions.get(s.id) ?? null })) });
      for (const c of saved) if (c.kind === 'mark' && c.cell) versions.set(c.studentId, c.cell.version);
    });
    return [
      { name: 'journal.open, one semester (service)', value: open.p50, unit: 'ms', target: 10, floor_ratio: null, note: `min ${open.min.toFixed(1)}, p95 ${open.p95.toFixed(1)} ms; ${size}` },
      { name: 'journal.open, whole year (service)', value: year.p50, unit: 'ms', target: null, floor_ratio: null, note: `min ${year.min.toFixed(1)}, p95 ${year.p95.toFixed(1)} ms` },
      { name: 'journal.open through dispatch', value: dispatched.p50, unit: 'ms', target: null, floor_ratio: null, note: `min ${dispatched.min.toFixed(1)} ms; with session load and validation` },
      { name: 'save one mark (marks.set)', value: save.p50, unit: 'ms', target: 5, floor_ratio: null, note: `min ${save.min.toFixed(1)}, p95 ${save.p95.toFixed(1)} ms; transaction + audit, synchronous=FULL` },
      { name: `paste a column of ${present.length} marks`, value: paste.p50, unit: 'ms', target: null, floor_ratio: null, note: `min ${paste.min.toFixed(1)} ms; one transaction, all-or-nothing` },
    ];
  } finally {
    await handle.close();
  }
}
