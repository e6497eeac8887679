// The small demo college made harder for the family page: marks held back until a release date (before,
// on and after today), students who moved group mid-year or mid-week or left, a student in two
// subgroups and one in none, reasons of absence in every state, a holiday, a lesson held off the
// timetable; a parent account for every student (one parent with two children).
import { sql } from 'kysely';
import type { AuthedContext } from '../../../electron/services/context.js';
import { loadSession } from '../../../electron/services/session.js';
import { MemorySessionHost } from '../../support/harness.js';
import { journalWorld, type JournalWorld } from '../journal-support.js';
import type { DbKind } from '../../support/databases.js';

export interface FamilyWorld extends JournalWorld {
  /** Every student who was ever enrolled, in id order. */
  studentIds: number[];
  /** A parent's context per student (their own child). */
  parentOf: Map<number, AuthedContext>;
  /** Contexts of the demo logins. */
  ctx(login: string): Promise<AuthedContext>;
  /** The current and previous year's period ids. */
  periodIds: number[];
  moved: { earlier: number; midWeek: number; left: number };
}

const NOW = '2026-11-25T08:00:00.000Z';

export async function familyWorld(kind: DbKind): Promise<FamilyWorld> {
  const w = await journalWorld(kind);
  const db = w.handle.db;
  const current = w.fx.currentYearId;

  // Release dates: after today (hidden from the family), today (shown), before today (shown).
  await db
    .updateTable('work_columns')
    .set({ release_on: '2026-11-28' })
    .where(sql<number>`id % 7`, '=', 0)
    .execute();
  await db
    .updateTable('work_columns')
    .set({ release_on: '2026-11-25' })
    .where(sql<number>`id % 13`, '=', 0)
    .execute();
  await db
    .updateTable('work_columns')
    .set({ release_on: '2026-11-20' })
    .where(sql<number>`id % 11`, '=', 0)
    .execute();

  // Moves within the current year: on 15 October, on the Wednesday of this week, and a withdrawal.
  const roster = await db
    .selectFrom('enrolments')
    .select(['id', 'student_id'])
    .where('group_id', '=', w.fx.groupId)
    .where('until_date', 'is', null)
    .orderBy('student_id')
    .execute();
  const [earlier, midWeek, left] = [roster[1]!, roster[2]!, roster[3]!];
  const move = async (e: { id: number; student_id: number }, on: string, to: number | null) => {
    await db
      .updateTable('enrolments')
      .set({
        until_date: on,
        end_reason: to ? 'transfer' : 'withdrawal',
        end_order_no: `${e.id}-к`,
        end_order_date: on,
      })
      .where('id', '=', e.id)
      .execute();
    if (to) {
      await db
        .insertInto('enrolments')
        .values({
          student_id: e.student_id,
          group_id: to,
          from_date: on,
          until_date: null,
          reason: 'transfer',
          order_no: `${e.id}-п`,
          order_date: on,
          end_reason: null,
          end_order_no: null,
          end_order_date: null,
        })
        .execute();
    }
  };
  const otherGroup = await db
    .selectFrom('groups')
    .select('id')
    .where('year_id', '=', current)
    .where('id', '!=', w.fx.groupId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await move(earlier, '2026-10-15', otherGroup.id);
  await move(midWeek, '2026-11-25', otherGroup.id);
  await move(left, '2026-11-10', null);

  // Subgroups: a student in every subgroup of their group, another in none.
  const subgroups = await db.selectFrom('subgroups').select(['id', 'group_id']).orderBy('id').execute();
  const member = await db
    .selectFrom('subgroup_students as ss')
    .innerJoin('subgroups as s', 's.id', 'ss.subgroup_id')
    .select(['ss.student_id', 's.group_id'])
    .where('s.group_id', '=', w.fx.groupId)
    .orderBy('ss.student_id')
    .executeTakeFirst();
  if (member) {
    for (const s of subgroups.filter((x) => x.group_id === member.group_id)) {
      await db
        .insertInto('subgroup_students')
        .values({ subgroup_id: s.id, student_id: member.student_id })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    const loner = await db
      .selectFrom('subgroup_students')
      .select('student_id')
      .where('student_id', '!=', member.student_id)
      .where(
        'subgroup_id',
        'in',
        subgroups.map((s) => s.id),
      )
      .orderBy('student_id', 'desc')
      .executeTakeFirst();
    if (loner) await db.deleteFrom('subgroup_students').where('student_id', '=', loner.student_id).execute();
  }

  await db
    .insertInto('holidays')
    .values({ date: '2026-11-04', title: 'День народного единства' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  // A lesson held on a Saturday outside the timetable, in the demo teacher's journal.
  await db
    .insertInto('lessons')
    .values({
      journal_id: w.fx.teacherGroupJournalId,
      date: '2026-11-21',
      lesson_no: 6,
      hours: 1,
      plan_topic_id: null,
      topic: 'Дополнительное занятие',
      kind: 'practical',
      homework: 'Повторить',
      entered_on: '2026-11-21',
      created_at: NOW,
      created_by: w.fx.userIds.teacher,
      taught_by: w.fx.userIds.teacher,
      updated_at: NOW,
      version: 1,
      attendance_taken: 1,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();

  await addExcuses(w);
  const parentOf = await parents(w);
  const periods = await db.selectFrom('periods').select('id').orderBy('id').execute();
  const students = await db.selectFrom('enrolments').select('student_id').distinct().orderBy('student_id').execute();
  return {
    ...w,
    studentIds: students.map((s) => s.student_id),
    parentOf,
    periodIds: periods.map((p) => p.id),
    moved: { earlier: earlier.student_id, midWeek: midWeek.student_id, left: left.student_id },
    ctx: async (login) => contextOf(w, w.fx.userIds[login as keyof typeof w.fx.userIds]),
  };
}

async function contextOf(w: JournalWorld, userId: number): Promise<AuthedContext> {
  return { ...w.deps, session: (await loadSession(w.handle.db, userId, false))!, host: new MemorySessionHost() };
}

/** Reasons of absence in each state, some confirmed with the absences they cover excused. */
async function addExcuses(w: JournalWorld): Promise<void> {
  const db = w.handle.db;
  const absences = await db
    .selectFrom('attendance as a')
    .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
    .select(['a.id', 'a.student_id', 'l.date'])
    .where('a.code', '=', 'н')
    .where('l.date', '>=', '2026-09-01')
    .orderBy('a.student_id')
    .orderBy('l.date')
    .execute();
  const seen = new Set<number>();
  let i = 0;
  for (const a of absences) {
    if (seen.has(a.student_id) || a.student_id % 3 !== 0) continue;
    seen.add(a.student_id);
    const status = (['submitted', 'confirmed', 'rejected'] as const)[i++ % 3]!;
    const row = await db
      .insertInto('absence_excuses')
      .values({
        student_id: a.student_id,
        from_date: a.date,
        to_date: a.date,
        kind: i % 2 ? 'parent_note' : 'medical',
        text: 'Был у врача',
        submitted_by: w.fx.userIds.curator,
        status,
        decided_by: status === 'submitted' ? null : w.fx.userIds.curator,
        decided_at: status === 'submitted' ? null : NOW,
        decision_note: status === 'rejected' ? 'Нужна справка' : null,
        created_at: `2026-11-${String(10 + (i % 9)).padStart(2, '0')}T09:00:00.000Z`,
        version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (status === 'confirmed') {
      await db
        .updateTable('attendance')
        .set({ code: 'у', excuse_id: row.id, reason: 'Был у врача' })
        .where('id', '=', a.id)
        .execute();
    }
  }
}

/** A parent account for every student; the first student's parent is also the second one's. */
async function parents(w: JournalWorld): Promise<Map<number, AuthedContext>> {
  const db = w.handle.db;
  const students = await db.selectFrom('students').select('id').orderBy('id').execute();
  const out = new Map<number, AuthedContext>();
  let first: number | null = null;
  for (const s of students) {
    const login = `parent-of-${s.id}`;
    const user = await db
      .insertInto('users')
      .values({
        login,
        login_key: login,
        password_hash: 'x',
        last_name: 'Родитель',
        first_name: String(s.id),
        middle_name: null,
        position: null,
        phone: null,
        email: null,
        active: 1,
        must_change_password: 0,
        created_at: NOW,
        updated_at: NOW,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('user_roles')
      .values({ user_id: user.id, role: 'parent', department_id: null, group_id: null })
      .execute();
    const guardian = { full_name: `Родитель ${s.id}`, relation: 'отец', phone: null, email: null, address: null };
    await db
      .insertInto('guardians')
      .values({ student_id: s.id, user_id: user.id, ...guardian })
      .execute();
    if (first === null) first = user.id;
    else if (out.size === 1) {
      await db
        .insertInto('guardians')
        .values({ student_id: s.id, user_id: first, ...guardian })
        .execute();
    }
    out.set(s.id, await contextOf(w, user.id));
  }
  return out;
}
