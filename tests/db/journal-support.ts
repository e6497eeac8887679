// Shared set-up of the journal tests: the small demo college on a fresh database, clients per login,
// and a few look-ups of what the journal page shows.
import type { JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import type { JournalPage, SavedCell } from '../../electron/api/contract.js';
import { freshDb, type DbKind, type FreshDb } from '../support/databases.js';
import { DEMO_TODAY, loadFixtures, SMALL_DEMO, type Fixtures } from '../support/fixtures.js';
import { makeDeps, TestClient } from '../support/harness.js';
import type { ServiceDeps } from '../../electron/services/context.js';
import { manualClock } from '../../electron/services/clock.js';

export interface JournalWorld {
  fresh: FreshDb;
  handle: JournalDb;
  deps: ServiceDeps;
  fx: Fixtures;
  clock: ReturnType<typeof manualClock>;
  as(login: string): Promise<TestClient>;
  close(): Promise<void>;
}

export async function journalWorld(kind: DbKind): Promise<JournalWorld> {
  const fresh = await freshDb(kind);
  const handle = await fresh.open();
  await generateDemo(handle.db, SMALL_DEMO);
  const fx = await loadFixtures(handle.db);
  const clock = manualClock(new Date(`${DEMO_TODAY}T10:00:00`));
  const deps = makeDeps(handle, { clock });
  return {
    fresh,
    handle,
    deps,
    fx,
    clock,
    as: (login: string) => new TestClient(deps).login(login),
    close: async () => {
      await handle.close();
      await fresh.drop();
    },
  };
}

/** Count rows of a table (to prove that a refused call changed nothing). */
export async function count(
  handle: JournalDb,
  table: 'marks' | 'attendance' | 'lessons' | 'audit_log' | 'final_marks' | 'work_columns' | 'absence_excuses',
): Promise<number> {
  const row = await handle.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function enrolledOn(page: JournalPage, studentId: number, date: string): boolean {
  const s = page.students.find((x) => x.id === studentId);
  return Boolean(s?.intervals.some((i) => i.from <= date && (i.until === null || date < i.until)));
}

/** A lesson of the page with a column, and a student present on it with no mark in that column. */
export function freeCell(page: JournalPage, lessonIndex = -1) {
  const lesson = page.lessons.at(lessonIndex)!;
  const column = lesson.columns[0]!;
  const busy = new Set([
    ...page.attendance.filter((a) => a.lessonId === lesson.id).map((a) => a.studentId),
    ...page.marks.filter((m) => lesson.columns.some((c) => c.id === m.columnId)).map((m) => m.studentId),
  ]);
  const student = page.students.find((s) => !busy.has(s.id) && enrolledOn(page, s.id, lesson.date))!;
  return { lesson, column, student };
}

export function markOf(saved: SavedCell): string | null {
  return saved.kind === 'mark' ? (saved.cell?.value ?? null) : null;
}
