// What every family page of the institution shares — bells, years and periods, holidays, each year's
// journals with their subject and teacher, its timetable and dated changes — read once per server process and kept
// while the database's catalogue version stays the same. Triggers bump that version on any change of
// those tables (db/migrations/0006_family_catalogue.ts), whoever writes: a page that reads the version
// in its first statement therefore sees every change committed before it, made by this process,
// another server process on the same PostgreSQL, the CLI or an import.
import type { Kysely } from 'kysely';
import type { AcademicYear, Database } from '../../../db/schema.js';
import { changeRow, yearChanges, type ChangeRow, type TimetableEntry } from '../schedule.js';
import { shortName } from '../session.js';

/** The catalogue version as a page read it: a counter and a random stamp (a restored copy may repeat a count). */
export interface CatalogueTag {
  version: number;
  stamp: string;
}

export interface PeriodInfo {
  id: number;
  title: string;
  startsOn: string;
  endsOn: string;
}

export interface JournalLabel {
  id: number;
  groupId: number;
  subgroupId: number | null;
  subject: string;
  teacher: string;
}

export interface Catalogue {
  readonly tag: CatalogueTag;
  /** Lesson number → «08:30–10:05». */
  bells: Map<number, string>;
  years: Map<number, AcademicYear>;
  /** Year → its periods in order. */
  periods: Map<number, PeriodInfo[]>;
  periodTitles: Map<number, string>;
  holidays: Set<string>;
  /** The year's journals by subject name (in the database's collation), then group and id. */
  journals(yearId: number): Promise<JournalLabel[]>;
  /** The year's timetable, each journal's entries together: journal id, then entry id. */
  timetable(yearId: number): Promise<Map<number, TimetableEntry[]>>;
  /** The year's dated timetable changes, in the order they were made. */
  changes(yearId: number): Promise<ChangeRow[]>;
}

/** One per database handle: a restore opens a new handle, and with it a new catalogue. */
const held = new WeakMap<Kysely<Database>, { tag: CatalogueTag; catalogue: Promise<Catalogue> }>();

/** The catalogue as of `tag` (or later): the one kept when it was read at the same version, else read now. */
export function catalogue(db: Kysely<Database>, tag: CatalogueTag): Promise<Catalogue> {
  const kept = held.get(db);
  if (kept && kept.tag.version === tag.version && kept.tag.stamp === tag.stamp) return kept.catalogue;
  const entry = { tag, catalogue: load(db, tag) };
  held.set(db, entry);
  // A failed read is not kept: the next page reads again.
  entry.catalogue.catch(() => {
    if (held.get(db) === entry) held.delete(db);
  });
  return entry.catalogue;
}

async function load(db: Kysely<Database>, tag: CatalogueTag): Promise<Catalogue> {
  const journals = new Map<number, Promise<JournalLabel[]>>();
  const timetable = new Map<number, Promise<Map<number, TimetableEntry[]>>>();
  const changes = new Map<number, Promise<ChangeRow[]>>();
  const c: Catalogue = {
    tag,
    bells: new Map(),
    years: new Map(),
    periods: new Map(),
    periodTitles: new Map(),
    holidays: new Set(),
    journals: (yearId) => once(journals, yearId, () => yearJournals(db, yearId)),
    timetable: (yearId) => once(timetable, yearId, () => yearTimetable(db, yearId)),
    changes: (yearId) => once(changes, yearId, async () => (await yearChanges(db, yearId).execute()).map(changeRow)),
  };
  await fill(db, c);
  return c;
}

/** The value kept under `key`, read on first use; a failed read is forgotten and tried again next time. */
function once<T>(cache: Map<number, Promise<T>>, key: number, read: () => Promise<T>): Promise<T> {
  let p = cache.get(key);
  if (!p) {
    p = read();
    cache.set(key, p);
    p.catch(() => {
      if (cache.get(key) === p) cache.delete(key);
    });
  }
  return p;
}

async function fill(db: Kysely<Database>, c: Catalogue): Promise<void> {
  const [bells, years, periods, holidays] = await Promise.all([
    db.selectFrom('bells').selectAll().execute(),
    db.selectFrom('academic_years').selectAll().execute(),
    db
      .selectFrom('periods')
      .select(['id', 'year_id', 'title', 'starts_on', 'ends_on'])
      .orderBy('year_id')
      .orderBy('seq')
      .execute(),
    db.selectFrom('holidays').select('date').execute(),
  ]);
  for (const b of bells) c.bells.set(b.lesson_no, `${b.starts_at}–${b.ends_at}`);
  for (const y of years) c.years.set(y.id, y);
  for (const p of periods) {
    const list = c.periods.get(p.year_id) ?? [];
    list.push({ id: p.id, title: p.title, startsOn: p.starts_on, endsOn: p.ends_on });
    c.periods.set(p.year_id, list);
    c.periodTitles.set(p.id, p.title);
  }
  for (const h of holidays) c.holidays.add(h.date);
}

async function yearJournals(db: Kysely<Database>, yearId: number): Promise<JournalLabel[]> {
  const rows = await db
    .selectFrom('journals as j')
    .innerJoin('subjects as s', 's.id', 'j.subject_id')
    .innerJoin('users as t', 't.id', 'j.teacher_user_id')
    .select(['j.id', 'j.group_id', 'j.subgroup_id', 's.name as subject'])
    .select(['t.last_name', 't.first_name', 't.middle_name'])
    .where('j.year_id', '=', yearId)
    .orderBy('s.name')
    .orderBy('j.group_id')
    .orderBy('j.id')
    .execute();
  return rows.map((j) => ({
    id: j.id,
    groupId: j.group_id,
    subgroupId: j.subgroup_id,
    subject: j.subject,
    teacher: shortName(j),
  }));
}

async function yearTimetable(db: Kysely<Database>, yearId: number): Promise<Map<number, TimetableEntry[]>> {
  const rows = await db
    .selectFrom('timetable')
    .select(['journal_id', 'group_id', 'weekday', 'lesson_no', 'room', 'week_parity', 'valid_from', 'valid_to'])
    .where('year_id', '=', yearId)
    .orderBy('journal_id')
    .orderBy('id')
    .execute();
  const byJournal = new Map<number, TimetableEntry[]>();
  for (const r of rows) {
    const list = byJournal.get(r.journal_id);
    if (list) list.push(r);
    else byJournal.set(r.journal_id, [r]);
  }
  return byJournal;
}
