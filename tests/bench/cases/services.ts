// Service-layer figures on one database (the SQLite working copy or the PostgreSQL copy of the same
// college). Each feature adds its case here; `prefix` names the database («pg: »).
import type { JournalDb } from '../../../db/connect.js';
import type { BenchResult } from '../harness.js';
import { familyCases } from './family.js';
import { journalCases } from './journal.js';
import { reportCases } from './reports.js';

export async function serviceCases(
  handle: JournalDb,
  scanMs: number,
  options: { prefix?: string; files?: boolean } = {},
): Promise<BenchResult[]> {
  return [
    ...(await journalCases(handle, options.prefix)),
    ...(await reportCases(handle, scanMs, options)),
    ...(await familyCases(handle, options.prefix)),
  ];
}
