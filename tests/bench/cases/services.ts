// Service-layer figures on the benchmark college. Each feature adds its case here.
import type { College } from '../college.js';
import type { Floor } from './floor.js';
import type { BenchResult } from '../harness.js';
import { archiveCases } from './archive.js';
import { journalCases } from './journal.js';
import { reportCases } from './reports.js';

export async function serviceCases(college: College, floor: Floor): Promise<BenchResult[]> {
  return [
    ...await journalCases(college),
    ...await archiveCases(college, floor),
    ...await reportCases(college, floor),
  ];
}
