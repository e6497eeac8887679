// The e-mail tables (migration 0019): the institution's SMTP server, subscriptions, the outbox.
import type { ColumnType, Generated } from 'kysely';
import type { MailKind, MailSecurity, MailStatus } from '../electron/domain/enums.js';

type Version = ColumnType<number, number | undefined, number>;

/** One row (id 1), shared by every process on the journal. */
export interface MailSettingsTable {
  id: number;
  enabled: number;
  host: string;
  port: number;
  security: MailSecurity;
  login: string;
  /** Encrypted with the key in the user-data folder (services/mail/secret.ts); empty: no password. */
  password: string;
  from_name: string;
  from_address: string;
  /** The family site's public address, for links in letters. */
  site_url: string;
  updated_at: string;
  version: Version;
}

/** Who gets which letters about which child: a guardian (guardian_id) or the student (null). */
export interface MailSubscriptionTable {
  id: Generated<number>;
  student_id: number;
  guardian_id: number | null;
  /** `g:<guardian id>` or `s:<student id>`. */
  recipient_key: string;
  email: string;
  absence: number;
  daily: number;
  weekly: number;
  /** Marks that became visible up to this moment (ISO) were in a daily digest already. */
  digest_through: string;
  /** Periods whose final marks were in a weekly summary, `,3,4,`: mailed once, after the period is locked. */
  finals_sent: ColumnType<string, string | undefined, string>;
  updated_at: string;
  version: Version;
}

export interface MailOutboxTable {
  id: Generated<number>;
  kind: MailKind;
  /** Unique: the same letter (kind, subscription, day or week) is queued once. */
  dedupe_key: string;
  subscription_id: number | null;
  student_id: number | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  unsubscribe_url: string | null;
  status: MailStatus;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  /** The sender pass that took it to send (`sending`). */
  claimed_by: string | null;
  /** The server's last answer, or why it could not be reached. */
  last_answer: string | null;
  created_at: string;
  sent_at: string | null;
}
