// The shape of work the program does by itself (the daily backup, the year-end archive, the weekly
// remark drafts): the tasks are services, electron/scheduler.ts runs them. `S` is what the scheduler
// hands to `due` — the program's settings, which are a service this layer does not know.

export interface ScheduledTask<S> {
  /** Unique, e.g. `backup.daily`. */
  name: string;
  /** Should the task run now? Called on every check; keep it cheap. */
  due(now: Date, settings: S): boolean | Promise<boolean>;
  run(now: Date): Promise<void>;
}
