// The role × method matrix of a supplementary-education centre for the lists a педагог keeps (000 §3.5.1,
// §3.5.4): enrol, withdraw, the child's card, the parents — allowed for the teacher of the объединение,
// refused («forbidden») for an объединение they do not teach and for roles that keep no lists. Inputs stop
// harmlessly after the access checks (a date outside the year, a stale version, an unknown id).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../../db/connect.js';
import { generateDemo } from '../../../db/demo/index.js';
import type { ErrorCode } from '../../../electron/api/errors.js';
import { describeEachDb, freshDb, type FreshDb } from '../../support/databases.js';
import { DEMO_LOGIN_NAMES, DEMO_TODAY, type DemoLogin } from '../../support/fixtures.js';
import { makeDeps, TestClient } from '../../support/harness.js';

const REFUSED: ErrorCode[] = ['forbidden', 'unauthenticated', 'password_change'];
const order = { orderNo: '1-д', orderDate: '2000-01-01', date: '2000-01-01' };
const person = {
  lastName: 'Проверкин',
  firstName: 'Доступ',
  middleName: null,
  birthDate: '2015-01-01',
  personalFileNo: null,
  phone: null,
  email: null,
  address: null,
  notes: null,
};

interface Scope {
  /** An объединение the demo teacher teaches, a child on its list; another объединение and its child. */
  group: number;
  child: number;
  otherGroup: number;
  otherChild: number;
  /** Logins that keep the first объединение's list besides the administrator and the teacher. */
  keepers: DemoLogin[];
  /** Logins with the teacher's role (the demo curator and department head teach too). */
  teachers: DemoLogin[];
}

describeEachDb('access matrix of a centre: the lists an объединение’s педагог keeps', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let sc: Scope;
  const clients = new Map<DemoLogin, TestClient>();

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await generateDemo(handle.db, { kind: 'supplementary', seed: 11, students: 40, groups: 5, today: DEMO_TODAY });
    const deps = makeDeps(handle, { today: DEMO_TODAY });
    for (const login of DEMO_LOGIN_NAMES) clients.set(login, await new TestClient(deps).login(login));
    const mine = (await clients.get('teacher')!.call('groups.mine', {})).map((g) => g.id);
    const open = await handle.db
      .selectFrom('enrolments as e')
      .innerJoin('groups as g', 'g.id', 'e.group_id')
      .innerJoin('academic_years as y', 'y.id', 'g.year_id')
      .select(['e.student_id', 'e.group_id', 'e.until_date', 'g.department_id', 'y.status'])
      .orderBy('e.id')
      .execute();
    const grants = await handle.db
      .selectFrom('user_roles as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['u.login', 'r.role', 'r.group_id', 'r.department_id'])
      .where('u.login', 'in', ['curator', 'depthead'])
      .execute();
    const teaching = await handle.db
      .selectFrom('journals as j')
      .innerJoin('users as u', 'u.id', 'j.teacher_user_id')
      .select(['u.login', 'j.group_id'])
      .where('u.login', 'in', ['curator', 'depthead'])
      .execute();
    // Does the login reach the child through any of the child's groups: curates it, heads its department, teaches it?
    const keeps = (login: string, studentId: number) =>
      open
        .filter((e) => e.student_id === studentId)
        .some((e) =>
          grants.some(
            (r) =>
              r.login === login &&
              ((r.role === 'curator' && r.group_id === e.group_id) ||
                (r.role === 'dept_head' && r.department_id !== null && r.department_id === e.department_id) ||
                (r.role === 'teacher' &&
                  e.status === 'open' &&
                  teaching.some((t) => t.login === login && t.group_id === e.group_id))),
          ),
        );
    const current = open.filter((e) => e.status === 'open' && e.until_date === null);
    const own = current.find((e) => mine.includes(e.group_id))!;
    const taught = new Set(open.filter((e) => mine.includes(e.group_id)).map((e) => e.student_id));
    // The other child must be beyond every non-admin login, so that «forbidden» is the only right answer.
    const other = current.find(
      (e) => !taught.has(e.student_id) && !keeps('curator', e.student_id) && !keeps('depthead', e.student_id),
    )!;
    expect(own).toBeDefined();
    expect(other).toBeDefined();
    sc = {
      group: own.group_id,
      child: own.student_id,
      otherGroup: other.group_id,
      otherChild: other.student_id,
      keepers: (['curator', 'depthead'] as const).filter((l) => keeps(l, own.student_id)),
      teachers: (
        await handle.db
          .selectFrom('user_roles as r')
          .innerJoin('users as u', 'u.id', 'r.user_id')
          .select('u.login')
          .where('r.role', '=', 'teacher')
          .execute()
      )
        .map((r) => r.login as DemoLogin)
        .filter((l) => DEMO_LOGIN_NAMES.includes(l)),
    };
  });
  afterAll(async () => {
    await handle.close();
    await fresh.drop();
  });

  async function codeOf(login: DemoLogin, method: string, input: unknown): Promise<ErrorCode | null> {
    const result = await clients.get(login)!.raw(method, input);
    return result.ok ? null : result.error.code;
  }

  const rules: Record<
    string,
    { allowed: (s: Scope) => DemoLogin[]; input: (s: Scope) => unknown; outOfScope: (s: Scope) => unknown }
  > = {
    'groups.mine': { allowed: (s) => s.teachers, input: () => ({}), outOfScope: () => null },
    'enrolments.enrolChild': {
      allowed: () => ['admin', 'teacher'],
      input: (s) => ({ groupId: s.group, child: person, ...order }),
      outOfScope: (s) => ({ groupId: s.otherGroup, child: person, ...order }),
    },
    'enrolments.withdraw': {
      allowed: () => ['admin', 'teacher'],
      input: (s) => ({ studentIds: [s.child], fromGroupId: s.group, reason: 'withdrawal', ...order }),
      outOfScope: (s) => ({ studentIds: [s.otherChild], fromGroupId: s.otherGroup, reason: 'withdrawal', ...order }),
    },
    'students.update': {
      allowed: (s) => ['admin', 'teacher', ...s.keepers],
      input: (s) => ({ id: s.child, version: 999, ...person }),
      outOfScope: (s) => ({ id: s.otherChild, version: 999, ...person }),
    },
    'guardians.save': {
      allowed: (s) => ['admin', 'teacher', ...s.keepers],
      input: (s) => ({ studentId: s.child, id: 999999, fullName: 'Проверкина Мать', relation: 'мать' }),
      outOfScope: (s) => ({ studentId: s.otherChild, fullName: 'Проверкина Мать', relation: 'мать' }),
    },
  };

  for (const [method, rule] of Object.entries(rules)) {
    it(method, async () => {
      for (const login of DEMO_LOGIN_NAMES) {
        const code = await codeOf(login, method, rule.input(sc));
        if (rule.allowed(sc).includes(login))
          expect(code !== null && [...REFUSED, 'internal'].includes(code), `${login}: ${method} — ${code}`).toBe(false);
        else expect(code, `${login} не должен иметь доступа к ${method}`).toBe('forbidden');
      }
      const out = rule.outOfScope(sc);
      if (out !== null)
        expect(await codeOf('teacher', method, out), `teacher: ${method} вне своих объединений`).toBe('forbidden');
    });
  }

  it('shows the teacher the personal data of their объединение only', async () => {
    const teacher = clients.get('teacher')!;
    expect((await teacher.call('students.list', { groupId: sc.group })).personalData).toBe(true);
    expect((await teacher.call('students.get', { id: sc.child })).canEdit).toBe(true);
    expect(await codeOf('teacher', 'students.get', { id: sc.otherChild })).toBe('forbidden');
  });
});
