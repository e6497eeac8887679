// The archive's documents handed to the render pool in the order they are written, a window of them ahead.
import type { RenderPool } from './render-pool.js';
import type { RenderResult, RenderTask } from './render-tasks.js';

export interface Ahead {
  next(): Promise<RenderResult>;
}

/**
 * The tasks' results in order, each started some tasks before it is wanted: every worker stays busy, while
 * this thread copies the year's database too, and what waits to be written stays bounded (a group's files are
 * well under a megabyte). From an SQLite journal nothing is written until the year's database is built (4 s of
 * this thread on the bench college, a group ~0.25 s of a worker): 5 tasks a worker ran out before it was, and the
 * second core idled; 12 keep it busy.
 */
export function ahead(pool: RenderPool, tasks: readonly RenderTask[]): Ahead {
  const started = new Map<number, Promise<RenderResult>>();
  const depth = 12 * Math.max(1, pool.workers) + 1;
  let next = 0;
  let taken = 0;
  const fill = () => {
    for (; next < tasks.length && next - taken < depth; next++) {
      const promise = pool.run(tasks[next]!);
      promise.catch(() => undefined); // awaited in order by next(); a failure surfaces there
      started.set(next, promise);
    }
  };
  fill(); // started now: the first ones are made while the year's database is built (writer.ts)
  return {
    next() {
      const result = started.get(taken)!;
      started.delete(taken++);
      fill();
      return result;
    },
  };
}
