/** Why a database could not be opened; the message is Russian and shown to the user as it is. */
export type DatabaseOpenReason =
  | 'bad_url'
  | 'missing'
  | 'cannot_open'
  | 'not_journal'
  | 'newer_schema'
  | 'migration_failed'
  | 'cannot_connect'
  | 'damaged'
  | 'backup_failed';

export class DatabaseOpenError extends Error {
  constructor(
    readonly reason: DatabaseOpenReason,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}
