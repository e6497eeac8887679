// Set-up of the mail tests: the small demo college (its guardians with addresses are subscribed, the demo
// parent to everything), a real SMTP server on loopback, the administrator's mail settings pointing at it.
import type { MailDeps } from '../../electron/services/mail/queue.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import type { TestClient } from '../support/harness.js';
import { journalWorld, type JournalWorld } from './journal-support.js';
import type { DbKind } from '../support/databases.js';

export const SITE = 'https://journal.example.ru';
export const SMTP_USER = 'journal@college.example';
export const SMTP_PASSWORD = 'Пароль-почты-7';

export interface MailWorld extends JournalWorld {
  smtp: TestSmtp;
  admin: TestClient;
  mail: MailDeps;
  /** The demo parent's subscription (guardian of the demo student). */
  parentSubscriptionId: number;
}

export async function mailWorld(kind: DbKind): Promise<MailWorld> {
  const w = await journalWorld(kind);
  const smtp = await startSmtp();
  smtp.users.set(SMTP_USER, SMTP_PASSWORD);
  const admin = await w.as('admin');
  await admin.call('mail.saveSettings', {
    version: 0,
    enabled: true,
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    login: SMTP_USER,
    password: SMTP_PASSWORD,
    fromName: 'Колледж',
    fromAddress: 'journal@college.example',
    siteUrl: SITE,
  });
  const sub = await w.handle.db
    .selectFrom('mail_subscriptions')
    .select('id')
    .where('email', '=', 'parent@mail.example')
    .executeTakeFirstOrThrow();
  const close = w.close;
  return {
    ...w,
    smtp,
    admin,
    mail: w.deps,
    parentSubscriptionId: sub.id,
    close: async () => {
      await smtp.stop();
      await close();
    },
  };
}

/** The outbox's rows of one subscription and kind. */
export async function outboxOf(w: MailWorld, subscriptionId: number, kind?: string) {
  let q = w.handle.db.selectFrom('mail_outbox').selectAll().where('subscription_id', '=', subscriptionId);
  if (kind) q = q.where('kind', '=', kind as 'daily');
  return q.orderBy('id').execute();
}
