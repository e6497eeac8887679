// The weighted average of a student's marks and the period mark the program offers from it.
import { decimal } from './format-numbers.js';
import { numericValue } from './scale.js';

/** Weighted average of the numeric marks, two decimals; null without any. */
export function weightedAverage(marks: Iterable<{ value: string; weight: number }>): number | null {
  let sum = 0,
    weights = 0;
  for (const m of marks) {
    const n = numericValue(m.value);
    if (n === null) continue;
    sum += n * m.weight;
    weights += m.weight;
  }
  return weights > 0 ? Math.round((sum / weights) * 100) / 100 : null;
}

/**
 * The mark the program offers for a period: the weighted average rounded half up (3.5 → 4), or for
 * credit-only work «зач» when credits outnumber fails. The teacher confirms or changes it.
 */
export function suggestFinal(
  marks: ReadonlyArray<{ value: string; weight: number }>,
  scale: readonly string[],
): string | null {
  const avg = weightedAverage(marks);
  if (avg !== null) {
    const numeric = scale.map(Number).filter((n) => Number.isInteger(n));
    const lowest = Math.min(...numeric, 5);
    const value = String(Math.max(lowest, Math.min(5, Math.floor(avg + 0.5))));
    return scale.includes(value) ? value : null;
  }
  const passed = marks.filter((m) => m.value === 'зач').length;
  const failed = marks.filter((m) => m.value === 'незач').length;
  if (passed + failed === 0) return null;
  return passed >= failed ? 'зач' : 'незач';
}

/** An average as the journal shows it: «3,67»; nothing without one. */
export function formatAverage(avg: number | null): string {
  return avg === null ? '' : decimal(avg, 2);
}
