// Whether the rows an archive's documents name are still as its year's database holds them. From an SQLite
// journal the documents are read from the journal's own file while the year's database is copied from it
// (writer.ts): the year's lessons, marks and attendance cannot change once it is closed, but a student's,
// a parent's or a teacher's details, or a group's or a subject's name, still can. Compared once the
// documents are made: a difference means one of them was edited meanwhile, and the archive is made again.
import SQLite from 'better-sqlite3';
import type { Words } from '../../domain/vocabulary.js';
import { columnsOf } from './year-db.js';
import { USERS_PLAN, YEAR_PLAN } from './year-plan.js';

/** The tables of the year's database whose rows stay editable after the year is closed. */
const EDITABLE: ReadonlySet<string> = new Set([
  'institution',
  'departments',
  'subjects',
  'groups',
  'subgroups',
  'students',
  'guardians',
  'enrolments',
  'journals',
  'users',
]);

/** Counters that the year's database's own triggers move while its rows are copied in (a cache's validity, not
 *  anything a document shows). */
const NOT_COMPARED: ReadonlySet<string> = new Set(['content_version']);

/** The editable tables (in the institution's words) whose rows in `yearFile` differ from `sourceFile`'s now. */
export function changedSince(yearFile: string, sourceFile: string, words: Words): string[] {
  const raw = new SQLite(yearFile, { readonly: true });
  try {
    raw.prepare('ATTACH DATABASE ? AS src').run(sourceFile);
    const changed: string[] = [];
    for (const plan of [...YEAR_PLAN, USERS_PLAN].filter((p) => EDITABLE.has(p.table))) {
      // The columns copied as they were (not those the archive blanks, such as passwords).
      const columns = columnsOf(raw, plan.table).filter((c) => !plan.override?.[c] && !NOT_COMPARED.has(c));
      const differs = columns.map((c) => `m."${c}" IS NOT s."${c}"`).join(' OR ');
      const found = raw
        .prepare(
          `SELECT 1 FROM main."${plan.table}" m LEFT JOIN src."${plan.table}" s ON s.id = m.id ` +
            `WHERE s.id IS NULL OR ${differs} LIMIT 1`,
        )
        .get();
      if (found) changed.push(typeof plan.label === 'string' ? plan.label : plan.label(words));
    }
    return changed;
  } finally {
    raw.close();
  }
}
