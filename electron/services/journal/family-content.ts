// A journal's lessons (date, number, topic, homework) and types of work (title, weight, release date,
// order): the same for every family of the group, so each server process keeps them and reads a
// journal again only when its content_version — bumped by triggers on every change of its lessons or
// types of work (db/migrations/0006_family_catalogue.ts) — differs from the one a page read.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';

export interface LessonInfo {
  id: number;
  journal_id: number;
  date: string;
  lesson_no: number;
  topic: string;
  homework: string | null;
}

export interface ColumnInfo {
  lesson: LessonInfo;
  title: string;
  weight: number;
  release_on: string | null;
  seq: number;
}

export interface JournalContent {
  version: number;
  /** By date, then id (the order of the lessons index). */
  lessons: LessonInfo[];
  columns: Map<number, ColumnInfo>;
}

/** Journals kept per database handle; beyond this many, the longest kept are dropped first. */
const LIMIT = 5000;
const held = new WeakMap<Kysely<Database>, Map<number, { version: number; content: Promise<JournalContent> }>>();

/** The journals' contents as of the versions a page read (or later), from memory when unchanged. */
export async function journalContents(
  db: Kysely<Database>,
  versions: Map<number, number>,
): Promise<Map<number, JournalContent>> {
  let kept = held.get(db);
  if (!kept) held.set(db, (kept = new Map()));
  const stale = [...versions].filter(([id, version]) => kept.get(id)?.version !== version).map(([id]) => id);
  if (stale.length > 0) {
    const loading = load(db, stale, versions);
    for (const id of stale) {
      kept.delete(id);
      const entry = { version: versions.get(id)!, content: loading.then((all) => all.get(id)!) };
      kept.set(id, entry);
      // A failed read is not kept: the next page reads again.
      entry.content.catch(() => {
        if (kept.get(id) === entry) kept.delete(id);
      });
    }
    for (const id of kept.keys()) {
      if (kept.size <= LIMIT) break;
      kept.delete(id);
    }
  }
  const out = new Map<number, JournalContent>();
  for (const id of versions.keys()) out.set(id, await kept.get(id)!.content);
  return out;
}

async function load(
  db: Kysely<Database>,
  journalIds: number[],
  versions: Map<number, number>,
): Promise<Map<number, JournalContent>> {
  const [lessons, columns] = await Promise.all([
    db
      .selectFrom('lessons')
      .select(['id', 'journal_id', 'date', 'lesson_no', 'topic', 'homework'])
      .where('journal_id', 'in', journalIds)
      .orderBy('journal_id')
      .orderBy('date')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('work_columns as c')
      .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
      .select(['c.id', 'c.lesson_id', 'c.title', 'c.weight', 'c.release_on', 'c.seq'])
      .where('l.journal_id', 'in', journalIds)
      .execute(),
  ]);
  const out = new Map<number, JournalContent>();
  for (const id of journalIds) out.set(id, { version: versions.get(id)!, lessons: [], columns: new Map() });
  const byId = new Map<number, LessonInfo>();
  for (const l of lessons) {
    byId.set(l.id, l);
    out.get(l.journal_id)!.lessons.push(l);
  }
  for (const c of columns) {
    const lesson = byId.get(c.lesson_id);
    // A lesson added between the two reads: the next page, seeing a newer version, reads both again.
    if (!lesson) continue;
    const column = { lesson, title: c.title, weight: Number(c.weight), release_on: c.release_on, seq: c.seq };
    out.get(lesson.journal_id)!.columns.set(c.id, column);
  }
  return out;
}

/** The lessons and types of work of a set of journals, looked up by id; journals by id, lessons by date. */
export interface ContentView {
  journals: Array<[number, LessonInfo[]]>;
  lessons: Map<number, LessonInfo>;
  columns: Map<number, ColumnInfo>;
}

/** Views kept per database handle (most families of a group share one); beyond this many, the oldest go. */
const VIEW_LIMIT = 2000;
const views = new WeakMap<Kysely<Database>, Map<string, ContentView>>();

/** The view of these contents, made once for each set of journals at their versions. */
export function contentView(db: Kysely<Database>, contents: Map<number, JournalContent>): ContentView {
  const ids = [...contents.keys()].sort((a, b) => a - b);
  const key = ids.map((id) => `${id}:${contents.get(id)!.version}`).join(',');
  let kept = views.get(db);
  if (!kept) views.set(db, (kept = new Map()));
  const hit = kept.get(key);
  // The same versions may have been read twice (two pages at once): the view must hold these very objects.
  if (hit && hit.journals.every(([id, lessons]) => contents.get(id)!.lessons === lessons)) return hit;
  const view: ContentView = { journals: [], lessons: new Map(), columns: new Map() };
  for (const id of ids) {
    const content = contents.get(id)!;
    view.journals.push([id, content.lessons]);
    for (const l of content.lessons) view.lessons.set(l.id, l);
    for (const [columnId, c] of content.columns) view.columns.set(columnId, c);
  }
  kept.delete(key);
  kept.set(key, view);
  for (const k of kept.keys()) {
    if (kept.size <= VIEW_LIMIT) break;
    kept.delete(k);
  }
  return view;
}

/** The index of the first lesson on or after `date` (lessons by date). */
export function firstFrom(lessons: LessonInfo[], date: string): number {
  let lo = 0,
    hi = lessons.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lessons[mid]!.date < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
