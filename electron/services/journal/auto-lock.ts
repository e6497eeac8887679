// Periods lock by themselves (issue 14, part 5): a period of an open year locks the institution's auto_lock_days
// (default 10) after it ends, with an audit entry; changes then go through the unlock flow as before. A period the
// program locked once and someone reopened by hand stays open. Swept at most once a day per database handle, before
// a journal is read or written — no scheduler needed, and every process (several `serve`s) sees the same result.
import { addDays } from '../../domain/calendar.js';
import { audit } from '../audit.js';
import type { Db } from '../context.js';

const sweptOn = new WeakMap<object, string>();

/** Lock the periods due today (once a day per `owner`, the process's database handle); `db` may be a transaction. */
export async function lockDuePeriods(owner: object, db: Db, today: string, now: Date): Promise<number> {
  if (sweptOn.get(owner) === today) return 0;
  const inst = await db.selectFrom('institution').select('auto_lock_days').executeTakeFirst();
  if (!inst) return 0;
  const due = await db
    .selectFrom('periods as p')
    .innerJoin('academic_years as y', 'y.id', 'p.year_id')
    .select(['p.id', 'p.title', 'p.ends_on', 'y.title as year'])
    .where('y.status', '=', 'open')
    .where('p.locked', '=', 0)
    .where('p.auto_locked', '=', 0)
    .where('p.ends_on', '<', addDays(today, -inst.auto_lock_days))
    .execute();
  let locked = 0;
  for (const p of due) {
    // The lock and its audit row together: in the caller's transaction, or in one of their own.
    const lockOne = async (q: Db) => {
      const res = await q
        .updateTable('periods')
        .set((eb) => ({ locked: 1, auto_locked: 1, version: eb('version', '+', 1) }))
        .where('id', '=', p.id)
        .where('locked', '=', 0)
        .where('auto_locked', '=', 0)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) return; // another process locked it a moment ago
      locked++;
      await audit(q, null, now, {
        action: 'periods.autoLock',
        entity: 'periods',
        entityId: p.id,
        after: { title: p.title, year: p.year, endsOn: p.ends_on, days: inst.auto_lock_days, locked: true },
      });
    };
    if (db.isTransaction) await lockOne(db);
    else await db.transaction().execute(lockOne);
  }
  sweptOn.set(owner, today);
  return locked;
}
