// The demo institution generator: counts, determinism, a clash-free timetable, rosters respected,
// and every fixed demo login working through the real services — on SQLite and on PostgreSQL.
import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { DEMO_LOGINS, DEMO_PASSWORD, generateDemo, type DemoCounts, type DemoOptions } from '../../db/demo/index.js';
import type { Database } from '../../db/schema.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { makeDeps, TestClient } from '../support/harness.js';

const TODAY = '2026-11-25';
const SMALL: DemoOptions = { seed: 7, students: 60, groups: 3, teachers: 10, today: TODAY };

/** A digest of the generated rows (every column but the salted password hash). */
async function digest(handle: JournalDb): Promise<string> {
  const hash = crypto.createHash('sha256');
  const tables: Array<keyof Database> = [
    'users',
    'user_roles',
    'groups',
    'subgroups',
    'students',
    'guardians',
    'enrolments',
    'journals',
    'plan_topics',
    'timetable',
    'lessons',
    'work_columns',
    'marks',
    'attendance',
    'absence_excuses',
    'final_marks',
    'remarks',
  ];
  for (const table of tables) {
    const rows = await handle.db
      .selectFrom(table)
      .selectAll()
      .orderBy('id' as never)
      .execute();
    for (const row of rows as Array<Record<string, unknown>>) {
      delete row.password_hash;
      hash.update(`${table}:${JSON.stringify(row)}\n`);
    }
  }
  return hash.digest('hex');
}

async function count(handle: JournalDb, table: keyof Database): Promise<number> {
  const row = await handle.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function loginAs(handle: JournalDb, login: string) {
  const client = new TestClient(makeDeps(handle, { today: TODAY }));
  const me = await client.call('auth.login', { login, password: DEMO_PASSWORD });
  return { client, me };
}

describeEachDb('demo institution generator', (kind) => {
  const opened: Array<{ fresh: FreshDb; handle: JournalDb }> = [];
  const open = async (k = kind) => {
    const fresh = await freshDb(k);
    const handle = await fresh.open();
    opened.push({ fresh, handle });
    return handle;
  };
  let handle: JournalDb;
  let counts: DemoCounts;

  beforeAll(async () => {
    handle = await open();
    counts = await generateDemo(handle.db, SMALL);
  });
  afterAll(async () => {
    for (const { fresh, handle: h } of opened) {
      await h.close();
      await fresh.drop();
    }
  });

  it('returns counts that match the tables', async () => {
    const teachers = await handle.db
      .selectFrom('user_roles')
      .select((eb) => eb.fn.count<number>('user_id').distinct().as('n'))
      .where('role', '=', 'teacher')
      .executeTakeFirstOrThrow();
    expect(counts).toEqual({
      departments: await count(handle, 'departments'),
      groups: await count(handle, 'groups'),
      teachers: Number(teachers.n),
      students: await count(handle, 'students'),
      parents: await count(handle, 'guardians'),
      users: await count(handle, 'users'),
      subjects: await count(handle, 'subjects'),
      journals: await count(handle, 'journals'),
      planTopics: await count(handle, 'plan_topics'),
      timetableEntries: await count(handle, 'timetable'),
      lessons: await count(handle, 'lessons'),
      marks: await count(handle, 'marks'),
      attendance: await count(handle, 'attendance'),
      finalMarks: await count(handle, 'final_marks'),
      remarks: await count(handle, 'remarks'),
      enrolmentOrders: await count(handle, 'enrolments'),
    });
    expect(counts.teachers).toBe(10);
    expect(counts.marks).toBeGreaterThan(1000);
    expect(counts.attendance).toBeGreaterThan(100);
    const audit = await handle.db.selectFrom('audit_log').selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'demo.generate', entity: 'institution', login: 'admin' });
    expect(JSON.parse(audit[0]!.after!)).toMatchObject(counts);
  });

  it('refuses a database that already has an institution', async () => {
    await expect(generateDemo(handle.db, SMALL)).rejects.toThrow(/уже есть учреждение/);
  });

  it('makes the same rows from the same seed, and new rows get fresh ids', async () => {
    const again = await open();
    expect(await generateDemo(again.db, SMALL)).toEqual(counts);
    expect(await digest(again)).toBe(await digest(handle));
    if (kind === 'postgres') {
      // Byte for byte the same institution as on SQLite.
      const lite = await open('sqlite');
      await generateDemo(lite.db, SMALL);
      expect(await digest(lite)).toBe(await digest(handle));
    }
    const other = await open();
    await generateDemo(other.db, { ...SMALL, seed: 8 });
    expect(await digest(other)).not.toBe(await digest(handle));
    // Explicit ids must not leave the PostgreSQL sequences behind.
    const row = await again.db
      .insertInto('departments')
      .values({ name: 'Заочное отделение', short_name: 'ЗО' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(row.id).toBe(counts.departments + 1);
  });

  it('has no clashes in the timetable: teacher, room or group', async () => {
    const rows = await handle.db
      .selectFrom('timetable as t')
      .innerJoin('journals as j', 'j.id', 't.journal_id')
      .select([
        't.year_id',
        't.group_id',
        't.weekday',
        't.lesson_no',
        't.week_parity',
        't.room',
        'j.teacher_user_id',
        'j.subject_id',
        'j.subgroup_id',
      ])
      .execute();
    expect(rows.length).toBe(counts.timetableEntries);
    const overlap = (a: string, b: string) => a === 'all' || b === 'all' || a === b;
    const clashes: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      for (let k = i + 1; k < rows.length; k++) {
        const a = rows[i]!,
          b = rows[k]!;
        if (
          a.year_id !== b.year_id ||
          a.weekday !== b.weekday ||
          a.lesson_no !== b.lesson_no ||
          !overlap(a.week_parity, b.week_parity)
        )
          continue;
        if (a.teacher_user_id === b.teacher_user_id) clashes.push(`teacher ${a.teacher_user_id}`);
        if (a.room === b.room) clashes.push(`room ${a.room}`);
        const subgroups =
          a.subject_id === b.subject_id &&
          a.subgroup_id !== null &&
          b.subgroup_id !== null &&
          a.subgroup_id !== b.subgroup_id;
        if (a.group_id === b.group_id && !subgroups) clashes.push(`group ${a.group_id}`);
      }
    }
    expect(clashes).toEqual([]);
    const lessonNos = new Set(rows.map((r) => r.lesson_no));
    expect(Math.max(...lessonNos)).toBeLessThanOrEqual(6);
  });

  it('gives marks and attendance only to students on the roster that day (and in the subgroup)', async () => {
    const offRoster = (table: 'marks' | 'attendance') => {
      let q =
        table === 'marks'
          ? handle.db
              .selectFrom('marks as x')
              .innerJoin('work_columns as c', 'c.id', 'x.column_id')
              .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
          : handle.db.selectFrom('attendance as x').innerJoin('lessons as l', 'l.id', 'x.lesson_id');
      q = q.innerJoin('journals as j', 'j.id', 'l.journal_id') as typeof q;
      return (q as any)
        .select((eb: any) => eb.fn.countAll().as('n'))
        .where((eb: any) =>
          eb.or([
            eb.not(
              eb.exists(
                eb
                  .selectFrom('enrolments as e')
                  .select('e.id')
                  .whereRef('e.student_id', '=', 'x.student_id')
                  .whereRef('e.group_id', '=', 'j.group_id')
                  .whereRef('e.from_date', '<=', 'l.date')
                  .where((w: any) => w.or([w('e.until_date', 'is', null), w('e.until_date', '>', w.ref('l.date'))])),
              ),
            ),
            eb.and([
              eb('j.subgroup_id', 'is not', null),
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('subgroup_students as ss')
                    .select('ss.student_id')
                    .whereRef('ss.subgroup_id', '=', 'j.subgroup_id')
                    .whereRef('ss.student_id', '=', 'x.student_id'),
                ),
              ),
            ]),
          ]),
        )
        .executeTakeFirstOrThrow();
    };
    expect(Number((await offRoster('marks')).n)).toBe(0);
    expect(Number((await offRoster('attendance')).n)).toBe(0);
    // Enrolments of one student never overlap.
    const enrolments = await handle.db
      .selectFrom('enrolments')
      .selectAll()
      .orderBy('student_id')
      .orderBy('from_date')
      .execute();
    for (let i = 1; i < enrolments.length; i++) {
      const [a, b] = [enrolments[i - 1]!, enrolments[i]!];
      if (a.student_id === b.student_id) expect(a.until_date !== null && a.until_date <= b.from_date).toBe(true);
    }
  });

  it('lets every fixed demo login in with the demo password, with its role', async () => {
    for (const { login, role } of DEMO_LOGINS) {
      const { me } = await loginAs(handle, login);
      expect(me.mustChangePassword).toBe(false);
      expect(me.roles.map((r) => r.role)).toContain(role);
    }
    const teachers = await handle.db.selectFrom('users').select('login').where('login', 'like', 't.%').execute();
    expect(teachers.length).toBeGreaterThan(3);
    await loginAs(handle, teachers[0]!.login);
  });

  it('links the student, the parent, the curator and the department head to the demo student', async () => {
    const student = await handle.db
      .selectFrom('students as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.id', 's.last_name'])
      .where('u.login', '=', 'student')
      .executeTakeFirstOrThrow();
    const guardian = await handle.db
      .selectFrom('guardians as g')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select(['g.student_id', 'g.relation'])
      .where('u.login', '=', 'parent')
      .executeTakeFirstOrThrow();
    expect(guardian.student_id).toBe(student.id);
    const group = await handle.db
      .selectFrom('enrolments as e')
      .innerJoin('groups as g', 'g.id', 'e.group_id')
      .select(['g.id', 'g.department_id', 'g.curator_user_id', 'g.previous_group_id'])
      .where('e.student_id', '=', student.id)
      .where('e.from_date', '<=', TODAY)
      .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', TODAY)]))
      .executeTakeFirstOrThrow();
    expect(group.previous_group_id).not.toBeNull();
    const { me: curator } = await loginAs(handle, 'curator');
    expect(curator.roles).toContainEqual({ role: 'curator', departmentId: null, groupId: group.id });
    expect(group.curator_user_id).toBe(curator.userId);
    const { me: head } = await loginAs(handle, 'depthead');
    expect(head.roles).toContainEqual({ role: 'dept_head', departmentId: group.department_id, groupId: null });
    const { client } = await loginAs(handle, 'parent');
    const home = await client.call('home.summary', {});
    expect(home.children.map((c) => c.studentId)).toEqual([student.id]);
    const taught = await handle.db
      .selectFrom('journals as j')
      .innerJoin('users as u', 'u.id', 'j.teacher_user_id')
      .select('j.id')
      .where('u.login', '=', 'teacher')
      .where('j.group_id', '=', group.id)
      .execute();
    expect(taught.length).toBeGreaterThan(0);
  });

  it("shows the demo teacher today's lessons, none entered yet, and lessons on every weekday", async () => {
    const { client } = await loginAs(handle, 'teacher');
    const home = await client.call('home.summary', {});
    expect(home.year?.status).toBe('open');
    expect(home.todayLessons.length).toBeGreaterThan(0);
    expect(home.todayLessons.every((l) => l.lessonId === null)).toBe(true);
    expect(await handle.db.selectFrom('lessons').select('id').where('date', '>=', TODAY).execute()).toEqual([]);
    expect(await handle.db.selectFrom('lessons').select('id').where('entered_on', '>=', TODAY).execute()).toEqual([]);
    const days = await handle.db
      .selectFrom('timetable as t')
      .innerJoin('journals as j', 'j.id', 't.journal_id')
      .innerJoin('users as u', 'u.id', 'j.teacher_user_id')
      .innerJoin('academic_years as y', 'y.id', 't.year_id')
      .select('t.weekday')
      .distinct()
      .where('u.login', '=', 'teacher')
      .where('y.status', '=', 'open')
      .execute();
    expect(days.map((d) => d.weekday).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const groups = await handle.db
      .selectFrom('journals as j')
      .innerJoin('users as u', 'u.id', 'j.teacher_user_id')
      .select('j.group_id')
      .distinct()
      .where('u.login', '=', 'teacher')
      .execute();
    expect(groups.length).toBeGreaterThan(1);
  });

  it('closes the previous year with final marks for each semester and the year', async () => {
    const years = await handle.db.selectFrom('academic_years').selectAll().orderBy('starts_on').execute();
    expect(years.map((y) => [y.title, y.status])).toEqual([
      ['2025/2026', 'closed'],
      ['2026/2027', 'open'],
    ]);
    expect(years[0]!.closed_at).not.toBeNull();
    const periods = await handle.db.selectFrom('periods').select(['year_id', 'locked']).execute();
    expect(periods.filter((p) => p.year_id === years[0]!.id).every((p) => p.locked === 1)).toBe(true);
    const finals = await handle.db
      .selectFrom('final_marks as f')
      .innerJoin('journals as j', 'j.id', 'f.journal_id')
      .select(['j.year_id', 'f.kind', 'f.period_id', 'f.journal_id', 'f.value'])
      .execute();
    expect(finals.every((f) => f.year_id === years[0]!.id)).toBe(true);
    const journals = await handle.db.selectFrom('journals').select('id').where('year_id', '=', years[0]!.id).execute();
    for (const j of journals) {
      const mine = finals.filter((f) => f.journal_id === j.id);
      expect(new Set(mine.filter((f) => f.kind === 'period').map((f) => f.period_id)).size).toBe(2);
      expect(mine.some((f) => f.kind === 'year' && f.period_id === null)).toBe(true);
    }
    expect(finals.every((f) => ['5', '4', '3', '2', 'зач', 'незач'].includes(f.value))).toBe(true);
    // The thematic plan of every journal adds up to its planned hours.
    const planned = await handle.db
      .selectFrom('journal_period_hours')
      .select(['journal_id', (eb) => eb.fn.sum<number>('hours').as('h')])
      .groupBy('journal_id')
      .execute();
    const plans = await handle.db
      .selectFrom('plan_topics')
      .select(['journal_id', (eb) => eb.fn.sum<number>('hours').as('h')])
      .groupBy('journal_id')
      .execute();
    const byJournal = new Map(plans.map((p) => [p.journal_id, Number(p.h)]));
    expect(planned.length).toBe(counts.journals);
    for (const p of planned) expect(byJournal.get(p.journal_id)).toBe(Number(p.h));
  });

  it('makes an attendance-only supplementary-education centre', async () => {
    const centre = await open();
    const c = await generateDemo(centre.db, {
      seed: 0,
      students: 50,
      groups: 4,
      teachers: 6,
      today: TODAY,
      kind: 'supplementary',
    });
    expect(c.marks).toBe(0);
    expect(c.attendance).toBeGreaterThan(0);
    expect(c.finalMarks).toBe(0);
    const inst = await centre.db.selectFrom('institution').selectAll().executeTakeFirstOrThrow();
    expect(inst).toMatchObject({ kind: 'supplementary', marks_enabled: 0, period_kind: 'half_year' });
    expect(await count(centre, 'work_columns')).toBe(0);
    const groups = await centre.db
      .selectFrom('groups as g')
      .innerJoin('subjects as s', 's.id', 'g.programme_subject_id')
      .select(['g.name', 's.kind'])
      .execute();
    expect(groups.length).toBe(c.groups);
    expect(groups.every((g) => g.kind === 'programme' && /, гр\. \d+$/.test(g.name))).toBe(true);
    const births = await centre.db.selectFrom('students').select('birth_date').execute();
    for (const b of births) {
      const age = 2026 - Number(b.birth_date!.slice(0, 4));
      expect(age).toBeGreaterThanOrEqual(7);
      expect(age).toBeLessThanOrEqual(18);
    }
    for (const { login } of DEMO_LOGINS) await loginAs(centre, login);
    const { client } = await loginAs(centre, 'teacher');
    expect((await client.call('home.summary', {})).todayLessons.length).toBeGreaterThan(0);
  });
});
