import { defineConfig } from 'vitest/config';

// vitest 5's reporter calls Map.groupBy (Node 21+); on Node 20 it would crash while printing a failure.
if (!('groupBy' in Map)) {
  Object.defineProperty(Map, 'groupBy', {
    value<K, V>(items: Iterable<V>, key: (item: V, index: number) => K): Map<K, V[]> {
      const map = new Map<K, V[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        const list = map.get(k);
        if (list) list.push(item); else map.set(k, [item]);
      }
      return map;
    },
  });
}

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/db/**/*.test.ts', 'tests/drills/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: two files at a time keeps SQLite fsyncs and PostgreSQL from starving each other.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
