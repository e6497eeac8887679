import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/db/**/*.test.ts', 'tests/drills/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Test files share their worker's loaded modules instead of importing the services afresh each: a third less
    // CPU for the whole run. Every file still makes its own databases and folders; the few that change a process-wide
    // setting put it back in afterEach.
    isolate: false,
    // Two cores: two files at a time keeps SQLite fsyncs and PostgreSQL from starving each other.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
