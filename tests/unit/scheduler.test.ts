// The scheduler with a fake clock and fake timers: checks at start and on every interval, runs only
// due tasks, one pass at a time, records failures, and waits for a running task when stopped.
import { expect, it } from 'vitest';
import type { ScheduledTask } from '../../electron/platform/scheduled-task.js';
import { Scheduler, type Timers } from '../../electron/scheduler.js';
import { manualClock } from '../../electron/services/clock.js';
import { memorySettings, type Settings } from '../../electron/services/settings.js';

function fakeTimers() {
  const intervals: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  const timers: Timers = {
    setInterval: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      intervals.push(t);
      return t;
    },
    clearInterval: (t) => {
      (t as { cleared: boolean }).cleared = true;
    },
  };
  return { timers, fire: () => intervals.filter((t) => !t.cleared).forEach((t) => t.fn()), intervals };
}

function setup(intervalMs = 60_000) {
  const clock = manualClock(new Date(2026, 10, 25, 8, 0));
  const t = fakeTimers();
  const errors: string[] = [];
  const scheduler = new Scheduler({
    clock,
    settings: memorySettings(),
    intervalMs,
    timers: t.timers,
    log: { error: (m) => errors.push(m) },
  });
  return { clock, scheduler, errors, ...t };
}

it('checks at start and then on every interval, running a task only when due', async () => {
  const { clock, scheduler, fire, intervals } = setup(5 * 60_000);
  const runs: string[] = [];
  scheduler.register({
    name: 'evening',
    due: (now) => now.getHours() >= 18 && !runs.includes(now.toDateString()),
    run: async (now) => {
      runs.push(now.toDateString());
    },
  });
  scheduler.start();
  await scheduler.check();
  expect(intervals[0]!.ms).toBe(5 * 60_000);
  expect(runs).toEqual([]);
  clock.set(new Date(2026, 10, 25, 18, 1));
  fire();
  await scheduler.check();
  expect(runs).toEqual([new Date(2026, 10, 25).toDateString()]);
  fire();
  await scheduler.check();
  expect(runs.length).toBe(1);
  expect(scheduler.statuses()[0]).toMatchObject({ name: 'evening', running: false, lastError: null });
});

it('records a failure with its message and clears it after the next success', async () => {
  const { scheduler, errors } = setup();
  let fail = true;
  scheduler.register({
    name: 'flaky',
    due: () => true,
    run: async () => {
      if (fail) throw new Error('Папка недоступна');
    },
  });
  await scheduler.check();
  expect(scheduler.statuses()[0]!.lastError).toBe('Папка недоступна');
  expect(errors).toEqual(['Задача «flaky» не выполнена']);
  fail = false;
  await scheduler.check();
  expect(scheduler.statuses()[0]!.lastError).toBeNull();
});

it('never runs two passes at once, and a failing task does not stop the next one', async () => {
  const { scheduler } = setup();
  let release!: () => void;
  let started = 0;
  const slow: ScheduledTask<Settings> = {
    name: 'slow',
    due: () => true,
    run: () => {
      started++;
      return new Promise<void>((r) => {
        release = r;
      });
    },
  };
  const after: string[] = [];
  scheduler.register(slow);
  scheduler.register({
    name: 'broken',
    due: () => {
      throw new Error('сломано');
    },
    run: async () => undefined,
  });
  scheduler.register({
    name: 'next',
    due: () => true,
    run: async () => {
      after.push('next');
    },
  });
  const first = scheduler.check();
  const second = scheduler.check();
  expect(second).toBe(first);
  await Promise.resolve();
  expect(started).toBe(1);
  expect(scheduler.statuses().find((s) => s.name === 'slow')!.running).toBe(true);
  release();
  await first;
  expect(after).toEqual(['next']);
  expect(scheduler.statuses().find((s) => s.name === 'broken')!.lastError).toBe('сломано');
});

it('stop() waits for the running task and then checks no more', async () => {
  const { scheduler, fire, intervals } = setup();
  let release!: () => void;
  let runs = 0;
  scheduler.register({
    name: 'copy',
    due: () => true,
    run: () => {
      runs++;
      return new Promise<void>((r) => {
        release = r;
      });
    },
  });
  scheduler.start();
  await Promise.resolve();
  let stopped = false;
  const stopping = scheduler.stop().then(() => {
    stopped = true;
  });
  await new Promise((r) => setTimeout(r, 10));
  expect(stopped).toBe(false);
  release();
  await stopping;
  expect(intervals[0]!.cleared).toBe(true);
  fire();
  expect(runs).toBe(1);
});

it('refuses two tasks with one name', () => {
  const { scheduler } = setup();
  scheduler.register({ name: 'a', due: () => false, run: async () => undefined });
  expect(() => scheduler.register({ name: 'a', due: () => false, run: async () => undefined })).toThrow(
    /уже зарегистрирована/,
  );
});
