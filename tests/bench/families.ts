// Families for the benchmarks: random students of the current year, each with a parent account made
// for the bench (the generated college's parents have none), as AuthedContexts the services take.
import type { JournalDb } from '../../db/connect.js';
import { mulberry32 } from '../../db/demo/random.js';
import type { AuthedContext } from '../../electron/services/context.js';
import { loadSession } from '../../electron/services/session.js';
import { MemorySessionHost, makeDeps } from '../support/harness.js';
import { BENCH_TODAY } from './college.js';

export interface Family {
  studentId: number;
  ctx: AuthedContext;
}

const GUARDIAN = { full_name: 'Родитель для замеров', relation: 'мать', phone: null, email: null, address: null };

/**
 * `count` random students on a roster of the current year today (a fixed seed: the same ones every
 * run), each given a parent account linked as their guardian — the bench college's parents have none.
 */
export async function parentsOf(handle: JournalDb, count: number): Promise<Family[]> {
  const db = handle.db;
  const deps = makeDeps(handle, { today: BENCH_TODAY });
  const rows = await db
    .selectFrom('enrolments as e')
    .innerJoin('groups as g', 'g.id', 'e.group_id')
    .innerJoin('academic_years as y', 'y.id', 'g.year_id')
    .select('e.student_id')
    .where('y.starts_on', '<=', BENCH_TODAY)
    .where('y.ends_on', '>=', BENCH_TODAY)
    .where('e.from_date', '<=', BENCH_TODAY)
    .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', BENCH_TODAY)]))
    .orderBy('e.student_id')
    .execute();
  const ids = [...new Set(rows.map((r) => r.student_id))];
  const random = mulberry32(20261207);
  for (let i = ids.length - 1; i > 0; i--) {
    const k = Math.floor(random() * (i + 1));
    [ids[i], ids[k]] = [ids[k]!, ids[i]!];
  }
  const sample = ids.slice(0, Math.min(count, ids.length));
  const now = new Date(`${BENCH_TODAY}T08:00:00Z`).toISOString();
  const userIds = await db.transaction().execute(async (trx) => {
    const made: number[] = [];
    for (const studentId of sample) {
      const login = `bench-parent-${studentId}`;
      const existing = await trx.selectFrom('users').select('id').where('login_key', '=', login).executeTakeFirst();
      const user =
        existing ??
        (await trx
          .insertInto('users')
          .values({
            login,
            login_key: login,
            password_hash: 'bench',
            last_name: 'Родитель',
            first_name: 'Замер',
            middle_name: null,
            position: null,
            phone: null,
            email: null,
            active: 1,
            must_change_password: 0,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow());
      if (!existing) {
        await trx
          .insertInto('user_roles')
          .values({ user_id: user.id, role: 'parent', department_id: null, group_id: null })
          .execute();
        await trx
          .insertInto('guardians')
          .values({ student_id: studentId, user_id: user.id, ...GUARDIAN })
          .execute();
      }
      made.push(user.id);
    }
    return made;
  });
  return Promise.all(
    sample.map(async (studentId, i) => ({
      studentId,
      ctx: { ...deps, session: (await loadSession(db, userIds[i]!, false))!, host: new MemorySessionHost() },
    })),
  );
}
