// The demo's families on the mail: some guardians have an address (made from the name, so no random draw
// shifts the rest of the demo), and those are subscribed as a department head would subscribe them when
// handing out logins — the demo parent to everything, the rest to absences and the weekly summary, every
// other one to the daily digest too.
import type { Insertable } from 'kysely';
import { translit } from '../../electron/domain/translit.js';
import type { GuardianTable } from '../schema.js';
import type { MailSubscriptionTable } from '../schema-mail.js';

type GuardianRow = Insertable<GuardianTable> & { id: number };

/** Gives three guardians in five an address, the demo parent always; returns the subscriptions. */
export function demoMail(
  guardians: GuardianRow[],
  demoGuardianId: number,
  today: string,
): Array<Insertable<MailSubscriptionTable> & { id: number }> {
  const subs: Array<Insertable<MailSubscriptionTable> & { id: number }> = [];
  const stamp = `${today}T05:00:00.000Z`;
  for (const g of guardians) {
    if (g.id !== demoGuardianId && g.id % 5 >= 3) continue;
    const [last = '', first = ''] = g.full_name.split(' ');
    g.email =
      g.id === demoGuardianId
        ? 'parent@mail.example'
        : `${translit(last)}.${translit(first).slice(0, 1)}${g.id}@mail.example`.toLowerCase();
    subs.push({
      id: subs.length + 1,
      student_id: g.student_id,
      guardian_id: g.id,
      recipient_key: `g:${g.id}`,
      email: g.email,
      absence: 1,
      daily: g.id === demoGuardianId || g.id % 2 === 0 ? 1 : 0,
      weekly: 1,
      digest_through: stamp,
      finals_sent: ',',
      updated_at: stamp,
      version: 1,
    });
  }
  return subs;
}
