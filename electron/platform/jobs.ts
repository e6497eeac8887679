// What long work (reports, archives, backups) sees of the job it runs in: progress, and the user's
// Cancel. Below services and export alike, so a writer can stop without knowing who runs it; the
// registry of jobs is services/jobs.ts.

export interface JobControl {
  progress(step: string, done?: number, total?: number): void;
  readonly signal: AbortSignal;
  /** Throws a cancellation error when the user pressed Cancel. */
  throwIfCancelled(): void;
}

export class CancelledError extends Error {
  constructor() {
    super('Операция отменена пользователем');
    this.name = 'CancelledError';
  }
}
