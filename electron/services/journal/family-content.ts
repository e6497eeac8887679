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
  db: Kysely<Database>, versions: Map<number, number>,
): Promise<Map<number, JournalContent>> {
  let kept = held.get(db);
  if (!kept) held.set(db, kept = new Map());
  const stale = [...versions].filter(([id, version]) => kept.get(id)?.version !== version).map(([id]) => id);
  if (stale.length > 0) {
    const loading = load(db, stale, versions);
    for (const id of stale) {
      kept.delete(id);
      const entry = { version: versions.get(id)!, content: loading.then((all) => all.get(id)!) };
      kept.set(id, entry);
      // A failed read is not kept: the next page reads again.
      entry.content.catch(() => { if (kept.get(id) === entry) kept.delete(id); });
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
  db: Kysely<Database>, journalIds: number[], versions: Map<number, number>,
): Promise<Map<number, JournalContent>> {
  const [lessons, columns] = await Promise.all([
    db.selectFrom('lessons').select(['id', 'journal_id', 'date', 'lesson_no', 'topic', 'homework'])
      .where('journal_id', 'in', journalIds).orderBy('journal_id').orderBy('date').orderBy('id').execute(),
    db.selectFrom('work_columns as c').innerJoin('lessons as l', 'l.id', 'c.lesson_id')
      .select(['c.id', 'c.lesson_id', 'c.title', 'c.weight', 'c.release_on', 'c.seq'])
      .where('l.journal_id', 'in', journalIds).execute(),
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
