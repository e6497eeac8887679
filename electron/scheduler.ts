// A small scheduler for work the program does by itself: the daily backup now, the year-end archive
// reminder and weekly remark drafts later. Each task (platform/scheduled-task.ts) says when it is due
// (from the clock and the settings, both injectable); the scheduler checks at start and every few
// minutes, runs due tasks one after another, never runs a task twice at once, and keeps the last
// outcome of each for the screens. Both hosts (the Electron main process and the browser host) start one.
import type { ScheduledTask } from './platform/scheduled-task.js';
import type { Clock } from './services/clock.js';
import type { Settings, SettingsStore } from './services/settings.js';

export interface TaskStatus {
  name: string;
  running: boolean;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  /** Russian message of the last failure, cleared by the next success. */
  lastError: string | null;
}

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** Lets one process of several run the tasks (a lease in the database). */
export interface SchedulerGate {
  start(onAcquire: () => void): Promise<void>;
  held(): boolean;
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  clock: Clock;
  settings: SettingsStore;
  /** How often to check; default 5 minutes. */
  intervalMs?: number;
  timers?: Timers;
  log?: { error(message: string, error: unknown): void };
  /** Run tasks only while the gate is held; checked before every task. */
  gate?: SchedulerGate;
}

const realTimers: Timers = {
  setInterval: (fn, ms) => {
    const handle = setInterval(fn, ms);
    handle.unref?.(); // a pending check never keeps a CLI or test process alive
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export class Scheduler {
  private readonly tasks = new Map<string, ScheduledTask<Settings>>();
  private readonly status = new Map<string, TaskStatus>();
  private timer: unknown = null;
  private checking: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {}

  register(task: ScheduledTask<Settings>): void {
    if (this.tasks.has(task.name)) throw new Error(`Задача «${task.name}» уже зарегистрирована`);
    this.tasks.set(task.name, task);
    this.status.set(task.name, {
      name: task.name,
      running: false,
      lastStartedAt: null,
      lastFinishedAt: null,
      lastError: null,
    });
  }

  /** Check once now, then every `intervalMs`. */
  start(): void {
    if (this.timer !== null) return;
    this.stopped = false;
    const timers = this.options.timers ?? realTimers;
    this.timer = timers.setInterval(
      () => {
        void this.check();
      },
      this.options.intervalMs ?? 5 * 60 * 1000,
    );
    // With a gate, the first check comes when it is taken (at once, or when its holder dies).
    if (this.options.gate)
      void this.options.gate.start(() => {
        if (!this.stopped) void this.check();
      });
    else void this.check();
  }

  /** Does this process run the tasks (always, without a gate)? */
  active(): boolean {
    return this.options.gate ? this.options.gate.held() : true;
  }

  /** Stop checking and wait for a running task to end (call before closing the database). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) (this.options.timers ?? realTimers).clearInterval(this.timer);
    this.timer = null;
    await this.checking;
    await this.options.gate?.stop();
  }

  /** Run every due task once, in registration order. Overlapping calls share one pass. */
  check(): Promise<void> {
    if (this.checking) return this.checking;
    this.checking = this.pass().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  statuses(): TaskStatus[] {
    return [...this.status.values()].map((s) => ({ ...s }));
  }

  private async pass(): Promise<void> {
    for (const task of this.tasks.values()) {
      if (this.stopped || !this.active()) return;
      const status = this.status.get(task.name)!;
      const now = this.options.clock.now();
      try {
        if (!(await task.due(now, this.options.settings.get()))) continue;
        status.running = true;
        status.lastStartedAt = now.toISOString();
        await task.run(now);
        status.lastError = null;
      } catch (error) {
        status.lastError = error instanceof Error ? error.message : String(error);
        (this.options.log ?? console).error(`Задача «${task.name}» не выполнена`, error);
      } finally {
        if (status.running) {
          status.running = false;
          status.lastFinishedAt = this.options.clock.now().toISOString();
        }
      }
    }
  }
}
