// The small set of typed errors a service may raise. Messages are Russian and shown as they are.
export type ErrorCode =
  | 'bad_request' // malformed payload or invalid input
  | 'unauthenticated' // no session or it expired
  | 'forbidden' // the role or scope does not allow it
  | 'not_found'
  | 'conflict' // the row changed since it was read, or a duplicate
  | 'locked' // account locked, session idle-locked or period closed
  | 'reason_required' // a late correction: say why (details: the reasons to choose from)
  | 'password_change' // the password must be changed before anything else
  | 'too_many' // too many failed logins from this address: wait (details.retryAfterSeconds)
  | 'unavailable' // database, disk or drive not available
  | 'internal';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  password_change: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  reason_required: 428,
  too_many: 429,
  unavailable: 503,
  internal: 500,
};

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Per-field problems, e.g. `{ login: 'Логин уже занят' }`. */
  fields?: Record<string, string>;
  /** Whatever the client needs to recover, e.g. the fresh value after a conflict. */
  details?: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.fields) body.fields = this.fields;
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}

export const forbidden = (message = 'Недостаточно прав') => new AppError('forbidden', message);
export const notFound = (what: string) => new AppError('not_found', `${what} не найден(а)`);
export const badInput = (message: string, fields?: Record<string, string>) =>
  new AppError('bad_request', message, fields);
export const conflict = (message: string, details?: unknown) => new AppError('conflict', message, undefined, details);

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
