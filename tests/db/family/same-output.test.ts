// The family page gives, byte for byte, what it gave before it was made cheaper (./reference.ts, the
// old code frozen): for every student of the demo college, by their parent, for many weeks and every
// period, on two different days; for staff and refused callers the same outcome, errors included.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FamilyPage, Parsed } from '../../../electron/api/contract.js';
import type { AuthedContext } from '../../../electron/services/context.js';
import { page } from '../../../electron/services/journal/family.js';
import { describeEachDb } from '../../support/databases.js';
import { referencePage } from './reference.js';
import { familyWorld, type FamilyWorld } from './world.js';

const WEEKS = ['2026-09-01', '2026-10-14', '2026-11-02', '2026-11-29', '2026-03-11', '2025-08-25', '2027-07-01'];

/** The page or the error, as text: what a client would receive. */
async function outcome(run: () => Promise<unknown>, canonical: boolean): Promise<string> {
  try {
    const page = (await run()) as FamilyPage;
    return JSON.stringify(canonical ? tiesByJournal(page) : page);
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return `error ${e.code ?? '?'}: ${e.message}`;
  }
}

/**
 * Subjects of the same name (a subgroup's journal beside the group's, or two groups' after a move) in
 * journal order. The old statement ordered by name only; SQLite's sort kept the index order (group,
 * then journal), which the service now asks for; PostgreSQL's sort is not stable, so there the old
 * order of such ties was whatever its plan gave — the one difference allowed, and only there.
 */
function tiesByJournal(page: FamilyPage): FamilyPage {
  const subjects = [...page.subjects];
  for (let i = 0; i < subjects.length;) {
    let k = i + 1;
    while (k < subjects.length && subjects[k]!.subject === subjects[i]!.subject) k++;
    subjects.splice(i, k - i, ...subjects.slice(i, k).sort((a, b) => a.journalId - b.journalId));
    i = k;
  }
  return { ...page, subjects };
}

/** Where two texts first differ, with some context (the pages are long). */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const around = (s: string) => s.slice(Math.max(0, i - 150), i + 150);
  return `at ${i}:\n  expected …${around(a)}…\n  got      …${around(b)}…`;
}

describeEachDb('family page: same output as before', (kind) => {
  let w: FamilyWorld;
  beforeAll(async () => {
    w = await familyWorld(kind);
  });
  afterAll(async () => {
    await w.close();
  });

  async function same(ctx: AuthedContext, input: Parsed<'family.page'>, label: string): Promise<string> {
    const canonical = kind === 'postgres';
    const expected = await outcome(() => referencePage(ctx, input), canonical);
    const got = await outcome(() => page(ctx, input), canonical);
    if (got !== expected) expect.fail(`${label} ${JSON.stringify(input)} differs ${firstDifference(expected, got)}`);
    return got;
  }

  it('for every student by their parent: this week, many weeks, every period', async () => {
    let pages = 0;
    for (const [n, studentId] of w.studentIds.entries()) {
      const parent = w.parentOf.get(studentId)!;
      await same(parent, { studentId }, 'parent');
      const full = n % 3 === 0 || Object.values(w.moved).includes(studentId);
      for (const weekOf of full ? WEEKS : WEEKS.slice(1, 3)) await same(parent, { studentId, weekOf }, 'parent');
      for (const periodId of full ? w.periodIds : []) await same(parent, { studentId, periodId }, 'parent');
      pages += full ? 1 + WEEKS.length + w.periodIds.length : 3;
    }
    expect(pages).toBeGreaterThan(300);
  });

  it('with marks held back or released on another day, between periods', async () => {
    w.clock.set(new Date('2026-12-31T10:00:00'));
    try {
      for (const studentId of w.studentIds.filter((_, i) => i % 4 === 1)) {
        const parent = w.parentOf.get(studentId)!;
        await same(parent, { studentId }, 'parent, 31 Dec');
        await same(parent, { studentId, weekOf: '2026-11-25' }, 'parent, 31 Dec');
      }
    } finally {
      w.clock.set(new Date('2026-11-25T10:00:00'));
    }
  });

  it('for the demo student, staff by scope, and callers who are refused', async () => {
    const student = await w.ctx('student');
    await same(student, { studentId: w.fx.studentId }, 'student');
    await same(student, { studentId: w.fx.otherStudentId }, 'student, another');
    for (const login of ['admin', 'deputy', 'curator', 'depthead', 'teacher', 'parent']) {
      const ctx = await w.ctx(login);
      for (const studentId of w.studentIds.filter((_, i) => i % 5 === 0)) {
        await same(ctx, { studentId }, login);
        await same(ctx, { studentId, weekOf: '2026-10-14', periodId: w.periodIds.at(-1)! }, login);
      }
    }
    const parent = w.parentOf.get(w.studentIds[0]!)!;
    await same(parent, { studentId: 999_999 }, 'no such student');
    const first = w.studentIds[0]!;
    const page = JSON.parse(await same(w.parentOf.get(first)!, { studentId: first }, 'two children'));
    expect(page.children).toHaveLength(2);
  });

  it('covers what it claims: hidden marks, moved students, excuses in every state', async () => {
    const pages = await Promise.all(w.studentIds.map((studentId) => page(w.parentOf.get(studentId)!, { studentId })));
    expect(pages.some((p) => p.subjects.some((s) => s.hidden > 0))).toBe(true);
    const statuses = new Set(pages.flatMap((p) => p.excuses.map((x) => x.status)));
    expect(statuses).toEqual(new Set(['submitted', 'confirmed', 'rejected']));
    const shown = new Set(pages.flatMap((p) => p.absences.map((a) => a.excuseStatus)));
    expect(shown).toEqual(new Set([null, 'submitted', 'confirmed']));
    const midWeek = pages.find((p) => p.student.id === w.moved.midWeek)!;
    expect(new Set(midWeek.week.days.flatMap((d) => d.lessons.map((l) => l.journalId))).size).toBeGreaterThan(3);
    expect(pages.some((p) => p.week.days.some((d) => d.lessons.some((l) => l.individualHomework !== null)))).toBe(true);
  });
});
