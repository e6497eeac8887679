// Service-layer figures on the benchmark college. Each feature adds its case here.
import type { College } from '../college.js';
import type { Floor } from './floor.js';
import type { BenchResult } from '../harness.js';

export async function serviceCases(_college: College, _floor: Floor): Promise<BenchResult[]> {
  return [];
}
