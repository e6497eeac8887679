// Measuring: repetitions with p50/p95, peak memory sampling, and the results table.
import { performance } from 'node:perf_hooks';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target: number | null;
  /** value ÷ the floor it is compared with (null when there is no floor for it). */
  floor_ratio: number | null;
  note?: string;
}

export interface Timing {
  p50: number;
  p95: number;
  mean: number;
  runs: number;
  /** The fastest run: the cost without waiting for a busy core. */ min: number;
}

export async function timeRuns(runs: number, fn: (i: number) => Promise<unknown> | unknown): Promise<Timing> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return timingOf(times);
}

/** p50, p95, mean and min of measured times (ms). */
export function timingOf(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { p50: at(0.5), p95: at(0.95), mean, runs: sorted.length, min: sorted[0]! };
}

export interface TimedOptions {
  target?: number | null;
  /** The floor (ms) the figure is compared with: floor_ratio = value ÷ floor. */
  floorMs?: number | null;
  note?: string;
}

/**
 * One timed figure as two rows, «… p50» and «… p95», each held to the same target (a p95 over it
 * is a miss too: a teacher waits on the slow saves as well as the typical ones).
 */
export function timed(name: string, t: Timing, options: TimedOptions = {}): BenchResult[] {
  const ratio = (v: number) => (options.floorMs ? v / options.floorMs : null);
  return [
    {
      name: `${name} p50`,
      value: t.p50,
      unit: 'ms',
      target: options.target ?? null,
      floor_ratio: ratio(t.p50),
      note: options.note ?? '',
    },
    {
      name: `${name} p95`,
      value: t.p95,
      unit: 'ms',
      target: options.target ?? null,
      floor_ratio: ratio(t.p95),
      note: runsNote(t),
    },
  ];
}

/** A throughput: `units` per run; p50 is the rate at the median run, p95 the rate at the 95th-percentile (slow) run. */
export function rate(
  name: string,
  t: Timing,
  units: number,
  unit: string,
  options: Omit<TimedOptions, 'floorMs'> = {},
): BenchResult[] {
  const per = (ms: number) => units / (ms / 1000);
  return [
    {
      name: `${name} p50`,
      value: per(t.p50),
      unit,
      target: options.target ?? null,
      floor_ratio: null,
      note: options.note ?? '',
    },
    {
      name: `${name} p95`,
      value: per(t.p95),
      unit,
      target: options.target ?? null,
      floor_ratio: null,
      note: `rate of the 95th-percentile run; ${runsNote(t)}`,
    },
  ];
}

function runsNote(t: Timing): string {
  return t.runs < 20
    ? `${t.runs} runs: p95 is the slowest; min ${round(t.min)} ms`
    : `${t.runs} runs; min ${round(t.min)} ms`;
}

export async function timeOnce<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Samples resident memory every 50 ms while `fn` runs; returns the peak in MB. */
export async function peakMemory<T>(fn: () => Promise<T>): Promise<{ peakMb: number; value: T }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { peakMb: peak / 1024 / 1024, value };
  } finally {
    clearInterval(timer);
  }
}

export function printTable(results: BenchResult[]): void {
  const rows = results.map((r) => [
    r.name,
    `${round(r.value)} ${r.unit}`,
    r.target === null ? '—' : `${r.target} ${r.unit}`,
    r.target === null ? '' : withinTarget(r) ? 'ok' : 'MISSED',
    r.floor_ratio === null ? '—' : `${round(r.floor_ratio)}×`,
    r.note ?? '',
  ]);
  const head = ['measure', 'value', 'target', '', 'vs floor', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log('\n' + line(head));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** Rates (per second) meet a target from above; times and sizes from below. */
export function withinTarget(r: BenchResult): boolean {
  if (r.target === null) return true;
  return r.unit.includes('/s') ? r.value >= r.target : r.value <= r.target;
}

export function round(n: number): string {
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}
