// The administrator's account management on a real demo college, on both databases: create with a
// one-time password that must be changed, edit, roles with scope, deactivate, reset, unlock, journals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import type { ServiceDeps } from '../../electron/services/context.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { DEMO_TODAY, loadFixtures, SMALL_DEMO, type Fixtures } from '../support/fixtures.js';
import { clientAs, makeDeps, refused, TestClient } from '../support/harness.js';

describeEachDb('users and roles', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let deps: ServiceDeps;
  let fx: Fixtures;
  let admin: TestClient;

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await generateDemo(handle.db, SMALL_DEMO);
    fx = await loadFixtures(handle.db);
    deps = makeDeps(handle, { today: DEMO_TODAY });
    admin = await clientAs(deps, 'admin');
  });
  afterAll(async () => {
    await handle.close();
    await fresh.drop();
  });

  const counts = async () => ({
    users: Number(
      (
        await handle.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    roles: Number(
      (
        await handle.db
          .selectFrom('user_roles')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    audit: Number(
      (
        await handle.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });
  const lastAudit = async () =>
    handle.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();

  it('creates a teacher with a one-time password that must be changed at first login', async () => {
    const made = await admin.call('users.create', {
      login: 'Novikova.ES',
      lastName: ' Новикова ',
      firstName: 'Елена',
      middleName: 'Сергеевна',
      position: 'преподаватель',
      phone: '+7 912 345-67-89',
      email: 'novikova@yuet.example',
      roles: [{ role: 'teacher' }],
    });
    expect(made.oneTimePassword).toMatch(/^[a-z][2-9][a-z2-9]{8}$/);
    expect(made.user).toMatchObject({
      login: 'Novikova.ES',
      fullName: 'Новикова Елена Сергеевна',
      mustChangePassword: true,
      active: true,
    });
    expect(made.user.roles.map((r) => r.role)).toEqual(['teacher']);
    const row = await lastAudit();
    expect(row).toMatchObject({
      action: 'users.create',
      entity: 'user',
      entity_id: String(made.userId),
      user_id: fx.userIds.admin,
    });
    expect(JSON.parse(row.after!)).toMatchObject({
      login: 'Novikova.ES',
      lastName: 'Новикова',
      roles: [{ role: 'teacher' }],
    });
    const log = JSON.stringify(await handle.db.selectFrom('audit_log').selectAll().execute());
    expect(log).not.toContain(made.oneTimePassword);
    expect(log).not.toContain('scrypt$');

    const teacher = new TestClient(deps);
    const me = await teacher.call('auth.login', { login: 'novikova.es', password: made.oneTimePassword });
    expect(me.mustChangePassword).toBe(true);
    expect((await refused(teacher.call('home.summary', {}), 'password_change')).message).toMatch(/Смените пароль/);
    for (const [weak, message] of [
      ['abc12', /не короче 8/],
      ['onlyletterss', /буквы и цифры/],
      ['novikova.es1', /не должен содержать логин/],
    ] as const) {
      expect(
        (
          await refused(
            teacher.call('auth.changePassword', { current: made.oneTimePassword, next: weak }),
            'bad_request',
          )
        ).message,
      ).toMatch(message);
    }
    await teacher.call('auth.changePassword', { current: made.oneTimePassword, next: 'Свой2026пароль' });
    await teacher.call('home.summary', {});
    await refused(
      new TestClient(deps).call('auth.login', { login: 'novikova.es', password: made.oneTimePassword }),
      'unauthenticated',
    );
  });

  it('refuses bad input in Russian and writes nothing, not even to the audit log', async () => {
    const before = await counts();
    const base = { login: 'ok.login', lastName: 'Петров', firstName: 'Пётр', roles: [{ role: 'teacher' }] };
    const cases: Array<[Record<string, unknown>, RegExp, string]> = [
      [{ lastName: '   ' }, /Фамилия: не заполнено/, 'bad_request'],
      [{ firstName: 'Я'.repeat(61) }, /Имя: не длиннее 60 символов/, 'bad_request'],
      [{ lastName: 'Петров2' }, /Фамилия: только буквы/, 'bad_request'],
      [{ login: 'пётр' }, /Логин: от 3 до 50 латинских букв/, 'bad_request'],
      [{ login: 'ab' }, /Логин: от 3 до 50/, 'bad_request'],
      [{ login: 'x'.repeat(51) }, /Логин: не длиннее 50/, 'bad_request'],
      [{ login: 'TEACHER' }, /Логин «TEACHER» уже занят/, 'conflict'],
      [{ email: 'not-an-email' }, /Эл\. почта: ожидается адрес/, 'bad_request'],
      [{ roles: [{ role: 'boss' }] }, /Неизвестная роль «boss»/, 'bad_request'],
      [{ roles: [{ role: 'student' }] }, /выдаётся вместе с листком/, 'bad_request'],
      [{ roles: [{ role: 'dept_head' }] }, /Укажите отделение/, 'bad_request'],
      [{ roles: [{ role: 'dept_head', departmentId: 99999 }] }, /Отделение №99999 не найдено/, 'bad_request'],
      [{ roles: [{ role: 'curator', groupId: 99999 }] }, /Группа №99999 не найдена/, 'bad_request'],
      [{ roles: [{ role: 'curator', groupId: fx.groupId }] }, /уже есть куратор/, 'bad_request'],
      [{ roles: [{ role: 'director', groupId: fx.groupId }] }, /нет области/, 'bad_request'],
    ];
    for (const [patch, message, code] of cases) {
      const e = await refused(admin.call('users.create', { ...base, ...patch } as never), code);
      expect(e.message, JSON.stringify(patch)).toMatch(message);
    }
    const previousGroup = await handle.db
      .selectFrom('groups')
      .select('id')
      .where('year_id', '=', fx.previousYearId)
      .executeTakeFirstOrThrow();
    expect(
      (
        await refused(
          admin.call('users.create', { ...base, roles: [{ role: 'curator', groupId: previousGroup.id }] }),
          'bad_request',
        )
      ).message,
    ).toMatch(/закрытому .* учебному году/);
    expect(await counts()).toEqual(before);
  });

  it('edits a user naming the version seen; a stale version or a taken login changes nothing', async () => {
    const made = await admin.call('users.create', {
      login: 'edit.me',
      lastName: 'Смирнова',
      firstName: 'Ольга',
      roles: [],
    });
    const edited = await admin.call('users.update', {
      id: made.userId,
      version: made.user.version,
      login: 'edit.me',
      lastName: 'Смирнова-Ким',
      firstName: 'Ольга',
      middleName: 'Игоревна',
      position: 'методист',
      phone: null,
      email: null,
    });
    expect(edited).toMatchObject({
      fullName: 'Смирнова-Ким Ольга Игоревна',
      position: 'методист',
      version: made.user.version + 1,
    });
    const row = await lastAudit();
    expect(JSON.parse(row.before!)).toEqual({ lastName: 'Смирнова', middleName: null, position: null });
    expect(JSON.parse(row.after!)).toEqual({ lastName: 'Смирнова-Ким', middleName: 'Игоревна', position: 'методист' });

    const before = await counts();
    const stale = await refused(
      admin.call('users.update', {
        id: made.userId,
        version: made.user.version,
        login: 'edit.me',
        lastName: 'Другая',
        firstName: 'Ольга',
      }),
      'conflict',
    );
    expect(stale.message).toMatch(/изменились/);
    expect((stale.details as { lastName: string }).lastName).toBe('Смирнова-Ким');
    await refused(
      admin.call('users.update', {
        id: made.userId,
        version: edited.version,
        login: 'Admin',
        lastName: 'Смирнова',
        firstName: 'Ольга',
      }),
      'conflict',
    );
    await refused(
      admin.call('users.update', { id: 999999, version: 1, login: 'nobody1', lastName: 'Х', firstName: 'Х' }),
      'not_found',
    );
    expect(await counts()).toEqual(before);
    expect((await admin.call('users.get', { id: made.userId })).login).toBe('edit.me');
  });

  it("gives roles with scope and keeps the group card in step; the curator's reach follows at once", async () => {
    const made = await admin.call('users.create', {
      login: 'new.curator',
      lastName: 'Орлова',
      firstName: 'Вера',
      roles: [{ role: 'teacher' }],
    });
    const group = await handle.db
      .selectFrom('groups')
      .select(['id', 'curator_user_id'])
      .where('id', '=', fx.otherGroupId)
      .executeTakeFirstOrThrow();
    // Free the other group: its curator gives up the role first.
    const oldCurator = group.curator_user_id!;
    const old = await admin.call('users.get', { id: oldCurator });
    await admin.call('users.setRoles', {
      id: oldCurator,
      version: old.version,
      roles: old.roles
        .filter((r) => r.role !== 'curator')
        .map((r) => ({ role: r.role, departmentId: r.departmentId, groupId: r.groupId })),
    });
    expect(
      (
        await handle.db
          .selectFrom('groups')
          .select('curator_user_id')
          .where('id', '=', fx.otherGroupId)
          .executeTakeFirstOrThrow()
      ).curator_user_id,
    ).toBeNull();
    const previous = await handle.db
      .selectFrom('groups')
      .select(['id', 'curator_user_id'])
      .where('year_id', '=', fx.previousYearId)
      .where('curator_user_id', '=', oldCurator)
      .execute();

    const withRoles = await admin.call('users.setRoles', {
      id: made.userId,
      version: made.user.version,
      roles: [
        { role: 'teacher' },
        { role: 'curator', groupId: fx.otherGroupId },
        { role: 'dept_head', departmentId: fx.otherDepartmentId },
        { role: 'teacher' },
      ],
    });
    expect(withRoles.roles.map((r) => [r.role, r.groupName ?? r.departmentName ?? null])).toEqual([
      ['teacher', null],
      ['curator', expect.any(String)],
      ['dept_head', expect.any(String)],
    ]);
    expect(
      (
        await handle.db
          .selectFrom('groups')
          .select('curator_user_id')
          .where('id', '=', fx.otherGroupId)
          .executeTakeFirstOrThrow()
      ).curator_user_id,
    ).toBe(made.userId);
    // Closed years keep their history.
    for (const p of previous) {
      expect(
        (
          await handle.db
            .selectFrom('groups')
            .select('curator_user_id')
            .where('id', '=', p.id)
            .executeTakeFirstOrThrow()
        ).curator_user_id,
      ).toBe(oldCurator);
    }
    const audit = await lastAudit();
    expect(audit.action).toBe('users.roles');
    expect(JSON.parse(audit.after!).roles).toHaveLength(3);

    const curator = new TestClient(deps);
    const otp = await admin.call('users.resetPassword', { id: made.userId });
    await curator.call('auth.login', { login: 'new.curator', password: otp.oneTimePassword });
    await curator.call('auth.changePassword', { current: otp.oneTimePassword, next: 'Kurator2026' });
    const fam = await curator.call('users.families', { groupId: fx.otherGroupId });
    expect(fam.students.length).toBeGreaterThan(0);

    const dropped = await admin.call('users.setRoles', {
      id: made.userId,
      version: withRoles.version,
      roles: [{ role: 'teacher' }],
    });
    expect(dropped.roles.map((r) => r.role)).toEqual(['teacher']);
    expect(
      (
        await handle.db
          .selectFrom('groups')
          .select('curator_user_id')
          .where('id', '=', fx.otherGroupId)
          .executeTakeFirstOrThrow()
      ).curator_user_id,
    ).toBeNull();
    await refused(curator.call('users.families', { groupId: fx.otherGroupId }), 'forbidden');
  });

  it('keeps at least one administrator and never locks the admin out of their own account', async () => {
    const me = await admin.call('users.get', { id: fx.userIds.admin });
    expect(
      (await refused(admin.call('users.setActive', { id: me.id, version: me.version, active: false }), 'bad_request'))
        .message,
    ).toMatch(/собственную/);
    expect(
      (
        await refused(
          admin.call('users.setRoles', { id: me.id, version: me.version, roles: [{ role: 'teacher' }] }),
          'bad_request',
        )
      ).message,
    ).toMatch(/с самого себя/);
  });

  it('deactivates an account: its session ends at once and it cannot log in; reactivation restores it', async () => {
    const teacher = await clientAs(deps, 'curator');
    const row = await admin.call('users.get', { id: fx.userIds.curator });
    const off = await admin.call('users.setActive', { id: row.id, version: row.version, active: false });
    expect(off.active).toBe(false);
    await refused(teacher.call('home.summary', {}), 'unauthenticated');
    expect(
      (await refused(new TestClient(deps).call('auth.login', { login: 'curator', password: 'demo12345' }), 'forbidden'))
        .message,
    ).toMatch(/отключена/);
    expect((await lastAudit()).action).toBe('auth.login_failed');
    const on = await admin.call('users.setActive', { id: row.id, version: off.version, active: true });
    expect(on.active).toBe(true);
    await clientAs(deps, 'curator');
    const actions = (
      await handle.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(row.id)).execute()
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['users.deactivate', 'users.activate']));
  });

  it(
    'refuses the address after 5 wrong passwords, logs the first and the block, and the administrator ' + 'unlocks',
    async () => {
      const made = await admin.call('users.create', {
        login: 'lock.me',
        lastName: 'Зайцев',
        firstName: 'Иван',
        roles: [{ role: 'teacher' }],
      });
      const c = new TestClient(deps);
      for (let i = 0; i < 4; i++)
        await refused(c.call('auth.login', { login: 'lock.me', password: 'wrong-one1' }), 'unauthenticated');
      await refused(c.call('auth.login', { login: 'lock.me', password: 'wrong-one1' }), 'too_many');
      expect(
        (await refused(c.call('auth.login', { login: 'lock.me', password: made.oneTimePassword }), 'too_many')).message,
      ).toMatch(/Слишком много неверных попыток входа с этого адреса/);
      const mine = await handle.db
        .selectFrom('audit_log')
        .select(['action', 'after'])
        .where('entity_id', '=', String(made.userId))
        .orderBy('id')
        .execute();
      // Aggregated: the first failure from the address and the one that started the block, not every try.
      expect(mine.map((a) => a.action)).toEqual([
        'users.create',
        'auth.login_failed',
        'auth.login_failed',
        'auth.lockout',
      ]);
      expect(JSON.parse(mine.at(-1)!.after!)).toMatchObject({ address: 'local', scope: 'pair', failures: 5 });

      const page = await admin.call('users.list', { status: 'locked' });
      expect(page.rows.map((r) => r.login)).toContain('lock.me');
      const unlocked = await admin.call('users.unlock', { id: made.userId });
      expect(unlocked.lockedUntil).toBeNull();
      expect((await lastAudit()).action).toBe('users.unlock');
      const me = await c.call('auth.login', { login: 'lock.me', password: made.oneTimePassword });
      expect(me.mustChangePassword).toBe(true);
    },
  );

  it('resets a password to a new one-time one, which also lifts a lockout', async () => {
    const made = await admin.call('users.create', {
      login: 'reset.me',
      lastName: 'Белова',
      firstName: 'Нина',
      roles: [{ role: 'secretary' }],
    });
    const c = new TestClient(deps);
    await c.call('auth.login', { login: 'reset.me', password: made.oneTimePassword });
    await c.call('auth.changePassword', { current: made.oneTimePassword, next: 'Belova2026x' });
    for (let i = 0; i < 5; i++) await refused(c.call('auth.login', { login: 'reset.me', password: 'nope-nope1' }));
    const reset = await admin.call('users.resetPassword', { id: made.userId });
    expect(reset.oneTimePassword).not.toBe(made.oneTimePassword);
    const row = await lastAudit();
    expect(row.action).toBe('users.password_reset');
    expect(JSON.parse(row.after!)).toEqual({ mustChangePassword: true, unlocked: true });
    await refused(
      new TestClient(deps).call('auth.login', { login: 'reset.me', password: 'Belova2026x' }),
      'unauthenticated',
    );
    expect(
      (await new TestClient(deps).call('auth.login', { login: 'reset.me', password: reset.oneTimePassword }))
        .mustChangePassword,
    ).toBe(true);
  });

  it('lists with search (Cyrillic, any case, «ё» as «е»), role filter and pages', async () => {
    const all = await admin.call('users.list', { pageSize: 500 });
    expect(all.total).toBe(all.rows.length);
    expect(all.roleCounts.teacher).toBeGreaterThan(5);
    const teachers = await admin.call('users.list', { role: 'teacher', pageSize: 5, page: 2 });
    expect(teachers.rows).toHaveLength(5);
    expect(teachers.page).toBe(2);
    expect(teachers.rows.every((r) => r.roles.some((g) => g.role === 'teacher'))).toBe(true);
    const teacher = all.rows.find((r) => r.login === 'teacher')!;
    const found = await admin.call('users.list', { search: teacher.lastName.toUpperCase().replaceAll('Е', 'Ё') });
    expect(found.rows.map((r) => r.login)).toContain('teacher');
    expect(teacher.journalCount).toBeGreaterThan(0);
    const parent = all.rows.find((r) => r.login === 'parent')!;
    expect(parent.children.map((c) => c.studentId)).toEqual([fx.studentId]);
    expect(
      (
        await admin.call('users.list', {
          search: parent.children[0]!.fullName.split(' ')[0]!.toLowerCase(),
          role: 'parent',
        })
      ).rows.map((r) => r.login),
    ).toContain('parent');
    await refused(admin.call('users.list', { role: 'king' }), 'bad_request');
  });

  it("hands a journal to another teacher of the current year, naming the journal's version", async () => {
    const made = await admin.call('users.create', {
      login: 'journal.taker',
      lastName: 'Киселёва',
      firstName: 'Мария',
      roles: [{ role: 'teacher' }],
    });
    const journals = await admin.call('users.journals', {});
    const j = journals.find((x) => x.id === fx.otherJournalId)!;
    const moved = await admin.call('users.assignJournal', {
      journalId: j.id,
      version: j.version,
      teacherId: made.userId,
    });
    expect(moved.teacherId).toBe(made.userId);
    expect((await admin.call('users.get', { id: made.userId })).journals.map((x) => x.id)).toEqual([j.id]);
    const row = await lastAudit();
    expect(row).toMatchObject({ action: 'journals.teacher', journal_id: j.id });
    const before = await counts();
    await refused(
      admin.call('users.assignJournal', { journalId: j.id, version: j.version, teacherId: fx.otherTeacherId }),
      'conflict',
    );
    expect(
      (
        await refused(
          admin.call('users.assignJournal', {
            journalId: j.id,
            version: moved.version,
            teacherId: fx.userIds.director,
          }),
          'bad_request',
        )
      ).message,
    ).toMatch(/нет роли «Преподаватель»/);
    expect(await counts()).toEqual(before);
    const taker = new TestClient(deps);
    await taker.call('auth.login', { login: 'journal.taker', password: made.oneTimePassword });
    await taker.call('auth.changePassword', { current: made.oneTimePassword, next: 'Kiseleva2026' });
    expect((await taker.call('users.myJournals', {})).map((x) => x.id)).toEqual([j.id]);
    const mine = await (await clientAs(deps, 'teacher')).call('users.myJournals', {});
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x) => x.teacherId === fx.userIds.teacher)).toBe(true);
    expect(mine.map((x) => x.id)).not.toContain(j.id);
    const prev = await handle.db
      .selectFrom('journals')
      .select(['id', 'version'])
      .where('year_id', '=', fx.previousYearId)
      .executeTakeFirstOrThrow();
    await refused(
      admin.call('users.assignJournal', { journalId: prev.id, version: prev.version, teacherId: made.userId }),
      'locked',
    );
  });
});

describe('input schema of users.create', () => {
  it('is declared for the administrator only', async () => {
    const { contract } = await import('../../electron/api/contract.js');
    expect(contract['users.create'].access).toEqual(['admin']);
    expect(contract['users.slips'].access).toEqual(['admin', 'dept_head']);
    expect(contract['audit.list'].access).toEqual(['admin', 'director']);
  });
});
