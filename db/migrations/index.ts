// Static migration list: FileMigrationProvider's dynamic imports do not survive bundling the main process.
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_holidays.js';
import * as m0003 from './0003_reports_control.js';
import * as m0004 from './0004_journal_excuse_note.js';
import * as m0005 from './0005_perf_unlock_index.js';
import * as m0006 from './0006_web_sessions.js';
import * as m0007 from './0007_family_catalogue.js';
import * as m0008 from './0008_import_mappings.js';
import * as m0009 from './0009_programmes.js';
import * as m0010 from './0010_journal_marks.js';
import * as m0011 from './0011_timetable_changes.js';
import * as m0012 from './0012_lessons_taught_by.js';
import * as m0013 from './0013_corrections.js';
import * as m0016 from './0016_issued_copies.js';
import * as m0017 from './0017_assessments.js';
import * as m0018 from './0018_practice_qualification.js';
import * as m0019 from './0019_mail.js';

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_holidays': m0002,
  '0003_reports_control': m0003,
  '0004_journal_excuse_note': m0004,
  '0005_perf_unlock_index': m0005,
  '0006_web_sessions': m0006,
  '0007_family_catalogue': m0007,
  '0008_import_mappings': m0008,
  '0009_programmes': m0009,
  '0010_journal_marks': m0010,
  '0011_timetable_changes': m0011,
  '0012_lessons_taught_by': m0012,
  '0013_corrections': m0013,
  '0016_issued_copies': m0016,
  '0017_assessments': m0017,
  '0018_practice_qualification': m0018,
  '0019_mail': m0019,
};

export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1)!;

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
