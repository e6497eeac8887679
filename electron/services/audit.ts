// Every write lands in the append-only audit log in the same transaction as the change itself.
import {
  sql,
  type DeleteQueryBuilder,
  type InsertQueryBuilder,
  type QueryCreator,
  type UpdateQueryBuilder,
} from 'kysely';
import type { Dialect } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import type { Db, Session } from './context.js';

export interface AuditRecord {
  action: string;
  entity: string;
  entityId?: number | string | null;
  journalId?: number | null;
  studentId?: number | null;
  before?: unknown;
  after?: unknown;
  /** Why (a late correction): the reason the user gave. */
  reason?: string | null;
}

export async function audit(
  db: Db,
  who: Pick<Session, 'userId' | 'login'> | null,
  at: Date,
  record: AuditRecord,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values(auditValues(who, at, record))
    .execute();
}

/** The audit row as stored (a service that inserts it together with its write uses the same values). */
export function auditValues(who: Pick<Session, 'userId' | 'login'> | null, at: Date, record: AuditRecord) {
  return {
    at: at.toISOString(),
    user_id: who?.userId ?? null,
    login: who?.login ?? null,
    action: record.action,
    entity: record.entity,
    entity_id: record.entityId == null ? null : String(record.entityId),
    journal_id: record.journalId ?? null,
    student_id: record.studentId ?? null,
    before: record.before === undefined ? null : JSON.stringify(record.before),
    after: record.after === undefined ? null : JSON.stringify(record.after),
    reason: record.reason ?? null,
  };
}

/**
 * 152-ФЗ: every export of personal data (lists, slips, the audit log itself) is logged under one
 * action, so that the administrator can find them all with one filter. Call it in the same
 * transaction as any write the export makes, before the file leaves the service.
 */
export async function auditExport(
  db: Db,
  who: Pick<Session, 'userId' | 'login'> | null,
  at: Date,
  entity: string,
  details: { what: string } & Record<string, unknown>,
  refs: { journalId?: number | null; studentId?: number | null } = {},
): Promise<void> {
  await audit(db, who, at, { action: 'export.personal_data', entity, after: details, ...refs });
}

/** An insert or update that returns the written row's id (and maybe more). */
export type IdReturningWrite = (
  q: QueryCreator<Database>,
) =>
  | InsertQueryBuilder<Database, any, { id: number }>
  | UpdateQueryBuilder<Database, any, any, { id: number }>
  | DeleteQueryBuilder<Database, any, { id: number }>;

/**
 * A write and its audit row; returns the written row's id, or undefined when the write touched no row
 * (a version that changed meanwhile) — then nothing is logged either. On PostgreSQL one statement: the
 * write as a CTE and the audit row inserted from what it returned (one round trip per cell of the grid).
 */
export async function auditedWrite(
  db: Db,
  dialect: Dialect,
  who: Pick<Session, 'userId' | 'login'> | null,
  at: Date,
  write: IdReturningWrite,
  record: (id: number | null) => AuditRecord,
): Promise<number | undefined> {
  if (dialect !== 'postgres') {
    const row = await write(db).executeTakeFirst();
    if (!row) return undefined;
    await audit(db, who, at, record(row.id));
    return row.id;
  }
  const a = auditValues(who, at, record(null));
  const text = (v: string | null) => sql<string | null>`cast(${v} as text)`;
  const int = (v: number | null) => sql<number | null>`cast(${v} as integer)`;
  const logged = await db
    .with('w', (q) => write(q))
    .insertInto('audit_log')
    .columns([
      'at',
      'user_id',
      'login',
      'action',
      'entity',
      'entity_id',
      'journal_id',
      'student_id',
      'before',
      'after',
      'reason',
    ])
    .expression((eb) =>
      eb
        .selectFrom('w')
        .select([
          text(a.at).as('at'),
          int(a.user_id).as('user_id'),
          text(a.login).as('login'),
          text(a.action).as('action'),
          text(a.entity).as('entity'),
          sql<string>`cast(w.id as text)`.as('entity_id'),
          int(a.journal_id).as('journal_id'),
          int(a.student_id).as('student_id'),
          text(a.before).as('before'),
          text(a.after).as('after'),
          text(a.reason).as('reason'),
        ]),
    )
    .returning('entity_id')
    .executeTakeFirst();
  return logged ? Number(logged.entity_id) : undefined;
}
