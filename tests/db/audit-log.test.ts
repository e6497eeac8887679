// The audit log on both databases: every account write lands in it in the same transaction (a write
// whose audit row the database refuses leaves nothing behind), and the admin and director browse it
// with filters and pages, read the changes in words, and export it to Excel — the export logged too.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import { readSheet } from '../../electron/export/xlsx.js';
import type { ServiceDeps } from '../../electron/services/context.js';
import { describeEachDb, freshDb, type DbKind, type FreshDb } from '../support/databases.js';
import { DEMO_TODAY, loadFixtures, SMALL_DEMO, type Fixtures } from '../support/fixtures.js';
import { clientAs, makeDeps, refused, type TestClient } from '../support/harness.js';

/** Makes the database refuse every new audit row, as a full disk or a broken connection would at that moment. */
async function refuseAudit(handle: JournalDb, kind: DbKind, on: boolean): Promise<void> {
  if (kind === 'sqlite') {
    if (on)
      await sql`CREATE TRIGGER audit_refuse BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT,
        'проверка: запись аудита отклонена'); END`.execute(handle.db);
    else await sql`DROP TRIGGER audit_refuse`.execute(handle.db);
    return;
  }
  if (on) {
    await sql`CREATE FUNCTION audit_refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION
      'проверка: запись аудита отклонена'; END $$ LANGUAGE plpgsql`.execute(handle.db);
    await sql`CREATE TRIGGER audit_refuse BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION
      audit_refuse()`.execute(handle.db);
  } else {
    await sql`DROP TRIGGER audit_refuse ON audit_log`.execute(handle.db);
    await sql`DROP FUNCTION audit_refuse()`.execute(handle.db);
  }
}

describeEachDb('audit log', (kind) => {
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

  /** Everything an account write may touch. */
  async function state() {
    const db = handle.db;
    return JSON.stringify({
      users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
      roles: await db.selectFrom('user_roles').selectAll().orderBy('id').execute(),
      groups: await db.selectFrom('groups').select(['id', 'curator_user_id', 'version']).orderBy('id').execute(),
      journals: await db.selectFrom('journals').select(['id', 'teacher_user_id', 'version']).orderBy('id').execute(),
      students: await db.selectFrom('students').select(['id', 'user_id']).orderBy('id').execute(),
      guardians: await db.selectFrom('guardians').select(['id', 'user_id']).orderBy('id').execute(),
      audit: await db.selectFrom('audit_log').select('id').orderBy('id').execute(),
    });
  }

  it('writes nothing at all when the audit row cannot be written', async () => {
    const target = await admin.call('users.create', {
      login: 'tx.target',
      lastName: 'Тестова',
      firstName: 'Ирина',
      roles: [{ role: 'teacher' }],
    });
    await handle.db
      .updateTable('users')
      .set({ locked_until: '2099-01-01T00:00:00.000Z', failed_attempts: 0 })
      .where('id', '=', target.userId)
      .execute();
    const journal = (await admin.call('users.journals', {})).find((j) => j.id === fx.otherJournalId)!;
    const before = await state();
    await refuseAudit(handle, kind, true);
    try {
      const writes: Array<[string, () => Promise<unknown>]> = [
        [
          'users.create',
          () =>
            admin.call('users.create', {
              login: 'tx.new',
              lastName: 'Новая',
              firstName: 'Анна',
              roles: [{ role: 'teacher' }],
            }),
        ],
        [
          'users.update',
          () =>
            admin.call('users.update', {
              id: target.userId,
              version: target.user.version,
              login: 'tx.renamed',
              lastName: 'Иная',
              firstName: 'Ирина',
            }),
        ],
        [
          'users.setActive',
          () => admin.call('users.setActive', { id: target.userId, version: target.user.version, active: false }),
        ],
        [
          'users.setRoles',
          () =>
            admin.call('users.setRoles', {
              id: target.userId,
              version: target.user.version,
              roles: [{ role: 'deputy' }],
            }),
        ],
        ['users.resetPassword', () => admin.call('users.resetPassword', { id: target.userId })],
        ['users.unlock', () => admin.call('users.unlock', { id: target.userId })],
        [
          'users.assignJournal',
          () =>
            admin.call('users.assignJournal', {
              journalId: journal.id,
              version: journal.version,
              teacherId: target.userId,
            }),
        ],
        ['audit.export', () => admin.call('audit.export', {})],
      ];
      for (const [name, write] of writes) {
        const e = await refused(write());
        expect(e.code, name).toBe('internal');
        expect(await state(), `${name} оставил следы`).toBe(before);
      }
      const job = await admin.call('users.slips', {
        studentIds: [fx.familyStudentId],
        guardianIds: [fx.familyGuardianId],
        userIds: [target.userId],
      });
      const done = await deps.jobs.wait(job.id);
      expect(done.state).toBe('failed');
      expect(done.result).toBeNull();
      expect(await state()).toBe(before);
    } finally {
      await refuseAudit(handle, kind, false);
    }
  });

  it('filters by user, action, journal, student and dates, pages, and shows changes in words', async () => {
    const director = await clientAs(deps, 'director');
    const made = await admin.call('users.create', {
      login: 'audit.seen',
      lastName: 'Видимова',
      firstName: 'Алла',
      roles: [{ role: 'teacher' }],
    });
    await admin.call('users.setRoles', {
      id: made.userId,
      version: made.user.version,
      roles: [{ role: 'teacher' }, { role: 'dept_head', departmentId: fx.departmentId }],
    });
    await admin.call('users.setActive', { id: made.userId, version: made.user.version + 1, active: false });

    const mine = await director.call('audit.list', { userId: fx.userIds.admin, pageSize: 10 });
    expect(mine.total).toBeGreaterThan(3);
    expect(mine.rows.every((r) => r.userId === fx.userIds.admin && r.login === 'admin')).toBe(true);
    expect(mine.rows[0]!.id).toBeGreaterThan(mine.rows[1]!.id);

    const roles = (await director.call('audit.list', { action: 'users.roles', userId: fx.userIds.admin })).rows.find(
      (r) => r.entityId === String(made.userId),
    )!;
    expect(roles.actionLabel).toBe('Изменены роли');
    expect(roles.changes).toHaveLength(1);
    expect(roles.changes[0]).toMatchObject({ field: 'roles', label: 'Роли', before: 'Преподаватель' });
    const department = await handle.db
      .selectFrom('departments')
      .select('name')
      .where('id', '=', fx.departmentId)
      .executeTakeFirstOrThrow();
    expect(roles.changes[0]!.after).toBe(`Преподаватель, Заведующий отделением (${department.name})`);
    const off = (await director.call('audit.list', { action: 'users.deactivate' })).rows[0]!;
    expect(off.changes).toEqual([{ field: 'active', label: 'Учётная запись включена', before: 'да', after: 'нет' }]);
    expect(off.userName).toMatch(/\S+ \S+/);
    expect(off.entityTitle).toBe('Видимова А. (audit.seen)');

    const journal = (await admin.call('users.journals', {})).find((j) => j.id === fx.teacherJournalId)!;
    const helper = await admin.call('users.create', {
      login: 'audit.helper',
      lastName: 'Помощникова',
      firstName: 'Яна',
      roles: [{ role: 'teacher' }],
    });
    await admin.call('users.assignJournal', {
      journalId: journal.id,
      version: journal.version,
      teacherId: helper.userId,
    });
    const byJournal = await director.call('audit.list', { journalId: journal.id });
    expect(byJournal.rows.map((r) => r.action)).toContain('journals.teacher');
    expect(byJournal.rows.every((r) => r.journalId === journal.id)).toBe(true);
    expect(byJournal.rows[0]!.journalTitle).toContain(' · ');
    expect(byJournal.rows[0]!.changes[0]!.after).toMatch(/^Помощникова Я\./);

    const byStudent = await director.call('audit.list', { studentId: fx.studentId });
    expect(byStudent.rows.every((r) => r.studentId === fx.studentId)).toBe(true);

    const today = await director.call('audit.list', { from: DEMO_TODAY, to: DEMO_TODAY, pageSize: 500 });
    expect(today.rows.some((r) => r.entityId === String(made.userId))).toBe(true);
    expect(
      (await director.call('audit.list', { to: '2026-11-24' })).rows.some((r) => r.entityId === String(made.userId)),
    ).toBe(false);
    expect(
      (await refused(director.call('audit.list', { from: '2026-11-25', to: '2026-11-01' }), 'bad_request')).message,
    ).toMatch(/позже/);
    await refused(director.call('audit.list', { from: '2026-02-30' }), 'bad_request');

    const page1 = await director.call('audit.list', { pageSize: 3, page: 1 });
    const page2 = await director.call('audit.list', { pageSize: 3, page: 2 });
    expect(page1.total).toBeGreaterThan(6);
    expect(page1.rows).toHaveLength(3);
    expect(page2.rows[0]!.id).toBeLessThan(page1.rows.at(-1)!.id);
    const last = await director.call('audit.list', { pageSize: 3, page: 10_000 });
    expect(last.page).toBe(Math.ceil(last.total / 3));

    const options = await director.call('audit.options', {});
    expect(options.actions).toEqual(expect.arrayContaining([{ code: 'users.roles', label: 'Изменены роли' }]));
    expect(options.users.map((u) => u.login)).toEqual(expect.arrayContaining(['admin', 'director']));
    const found = await director.call('audit.lookup', {
      kind: 'student',
      query: byStudent.rows[0]?.studentName?.split(' ')[0]?.toUpperCase() ?? 'а',
    });
    expect(found.length).toBeGreaterThan(0);
    const journals = await director.call('audit.lookup', { kind: 'journal', query: journal.groupName });
    expect(journals.map((j) => j.id)).toContain(journal.id);
  });

  it('records logins, failed logins and lockouts', async () => {
    for (let i = 0; i < 5; i++)
      await refused(admin.call('auth.login', { login: 'audit.helper', password: 'Wrong12345' }));
    await clientAs(deps, 'admin').then((c) => {
      admin = c;
    });
    const rows = (await admin.call('audit.list', { pageSize: 50 })).rows;
    const lockout = rows.find((r) => r.action === 'auth.lockout')!;
    expect(lockout.actionLabel).toBe('Учётная запись заблокирована после неверных паролей');
    expect(lockout.changes.find((c) => c.field === 'until')!.after).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    const failed = rows.find((r) => r.action === 'auth.login_failed')!;
    expect(failed.changes.find((c) => c.field === 'reason')!.after).toBe('неверный пароль');
    expect(rows.some((r) => r.action === 'auth.login' && r.login === 'admin')).toBe(true);
  });

  it('exports the filtered log to Excel and logs the export as one of personal data', async () => {
    const expected = await admin.call('audit.list', { userId: fx.userIds.admin, pageSize: 500 });
    const file = await admin.call('audit.export', { userId: fx.userIds.admin });
    expect(file.fileName).toMatch(/^Журнал аудита 25\.11\.2026\.xlsx$/);
    expect(file.rows).toBe(expected.total);
    const sheet = await readSheet(Buffer.from(file.base64, 'base64'));
    expect(sheet.name).toBe('Журнал аудита');
    expect(sheet.headers).toEqual([
      '№',
      'Когда',
      'Логин',
      'Пользователь',
      'Действие',
      'Объект',
      'Код объекта',
      'Какой',
      'Журнал',
      'Обучающийся',
      'Было',
      'Стало',
    ]);
    expect(sheet.rows).toHaveLength(expected.total);
    expect(sheet.rows.map((r) => r['№'])).toEqual(expected.rows.map((r) => r.id));
    const roles = sheet.rows.find((r) => r['Действие'] === 'Изменены роли');
    expect(String(roles?.['Стало'])).toMatch(/^Роли: Преподаватель, Заведующий отделением/);
    expect(sheet.rows.every((r) => r['Логин'] === 'admin')).toBe(true);
    const logged = (await admin.call('audit.list', { action: 'export.personal_data', pageSize: 5 })).rows[0]!;
    expect(logged.entity).toBe('audit_log');
    expect(logged.after).toMatchObject({ rows: expected.total, filter: { userId: fx.userIds.admin } });
  });
});
