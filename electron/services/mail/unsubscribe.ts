// The link at the foot of every letter: no login, only the signed token. Opening it shows what it would
// stop (a mail scanner that follows links changes nothing); the button, or a mail program's one-click
// request (RFC 8058), stops that kind of letter — or all letters about the child.
import { MAIL_KIND_LABELS } from '../../domain/mail.js';
import { audit } from '../audit.js';
import type { Db } from '../context.js';
import { shortName } from '../session.js';
import type { MailDeps } from './queue.js';
import { tokenSecret, verifyUnsubscribe, type UnsubscribeClaim } from './secret.js';

export interface UnsubscribeView {
  /** «Иванов П. С.»: whom the letters are about (as the letter itself says). */
  child: string;
  /** The letters the link stops, e.g. «Новые отметки за день». */
  letters: string;
  /** A masked address, «iv***@mail.ru». */
  email: string;
  /** Still subscribed to these letters. */
  active: boolean;
}

async function find(db: Db, token: string): Promise<{ claim: UnsubscribeClaim; view: UnsubscribeView } | null> {
  const claim = verifyUnsubscribe(await tokenSecret(db), token);
  if (!claim) return null;
  const row = await db
    .selectFrom('mail_subscriptions as m')
    .innerJoin('students as s', 's.id', 'm.student_id')
    .select(['m.email', 'm.absence', 'm.daily', 'm.weekly', 's.last_name', 's.first_name', 's.middle_name'])
    .where('m.id', '=', claim.subscriptionId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    claim,
    view: {
      child: shortName(row),
      letters: MAIL_KIND_LABELS[claim.kind],
      email: maskEmail(row.email),
      active: row[claim.kind] === 1,
    },
  };
}

/** What the link would stop; null for a link that is not ours or a subscription that is gone. */
export async function unsubscribeInfo(deps: MailDeps, token: string): Promise<UnsubscribeView | null> {
  return (await find(deps.db, token))?.view ?? null;
}

/** Stop the letters of the link's kind, or all letters of the subscription; null for a bad link. */
export async function unsubscribe(deps: MailDeps, token: string, all: boolean): Promise<UnsubscribeView | null> {
  return deps.db.transaction().execute(async (tx) => {
    const found = await find(tx, token);
    if (!found) return null;
    const off = all ? { absence: 0, daily: 0, weekly: 0 } : { [found.claim.kind]: 0 };
    await tx
      .updateTable('mail_subscriptions')
      .set({ ...off, updated_at: deps.clock.now().toISOString() })
      .where('id', '=', found.claim.subscriptionId)
      .execute();
    await audit(tx, null, deps.clock.now(), {
      action: 'mail.unsubscribe',
      entity: 'mail_subscriptions',
      entityId: found.claim.subscriptionId,
      after: { ...off, by: 'ссылка из письма' },
    });
    return { ...found.view, active: false, letters: all ? 'все письма' : found.view.letters };
  });
}

function maskEmail(email: string): string {
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 2)}***@${domain}`;
}
