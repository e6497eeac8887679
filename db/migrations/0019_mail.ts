// E-mail to families (issue 16): the institution's SMTP server (one row, shared by every process on the
// journal, its password encrypted with the key in the user-data folder), who gets which letters about which
// child, and the outbox the one sending process works through — each letter's state, attempts and the
// server's last answer, with a key that makes queueing the same letter twice impossible.
import { sql, type Kysely } from 'kysely';
import { withId } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('security', 'text', (c) => c.notNull().check(sql`security IN ('starttls', 'tls', 'none')`))
    .addColumn('login', 'text', (c) => c.notNull())
    // `v1:<key id>:<iv>:<tag>:<ciphertext>` (AES-256-GCM), empty when the server needs no password.
    .addColumn('password', 'text', (c) => c.notNull())
    .addColumn('from_name', 'text', (c) => c.notNull())
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('site_url', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await withId(db, db.schema.createTable('mail_subscriptions'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('students.id').onDelete('cascade'))
    // The guardian the letters go to; null: the student themself.
    .addColumn('guardian_id', 'integer', (c) => c.references('guardians.id').onDelete('cascade'))
    // `g:<guardian id>` or `s:<student id>`: one subscription per recipient and child.
    .addColumn('recipient_key', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('absence', 'integer', (c) => c.notNull())
    .addColumn('daily', 'integer', (c) => c.notNull())
    .addColumn('weekly', 'integer', (c) => c.notNull())
    // Marks that became visible up to this moment were in a daily digest (ISO time).
    .addColumn('digest_through', 'text', (c) => c.notNull())
    // Periods whose final marks were in a weekly summary, `,3,4,` (they are mailed once the period is locked).
    .addColumn('finals_sent', 'text', (c) => c.notNull().defaultTo(','))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('mail_subscriptions_student').on('mail_subscriptions').column('student_id').execute();
  await withId(db, db.schema.createTable('mail_outbox'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('absence', 'daily', 'weekly', 'test')`))
    // `absence:<subscription>:<date>`, `daily:…`, `weekly:<subscription>:<monday>`: a letter is queued once.
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('subscription_id', 'integer', (c) => c.references('mail_subscriptions.id').onDelete('set null'))
    .addColumn('student_id', 'integer', (c) => c.references('students.id').onDelete('set null'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('unsubscribe_url', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('waiting', 'sending', 'sent', 'failed', 'interrupted')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('last_answer', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_outbox').execute();
  await db.schema.dropTable('mail_subscriptions').execute();
  await db.schema.dropTable('mail_settings').execute();
}
