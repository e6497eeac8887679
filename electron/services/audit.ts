// Every write lands in the append-only audit log in the same transaction as the change itself.
import type { Db, Session } from './context.js';

export interface AuditRecord {
  action: string;
  entity: string;
  entityId?: number | string | null;
  journalId?: number | null;
  studentId?: number | null;
  before?: unknown;
  after?: unknown;
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
