// Credential slips on both databases: the PDF read back with poppler holds the logins, Cyrillic names
// and working one-time passwords; a department head reaches only their department (003 §2.3); accounts
// of students and parents are created and linked; the issue is logged as an export of personal data.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import type { SlipsResult } from '../../electron/api/contract.js';
import type { ServiceDeps } from '../../electron/services/context.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { DEMO_TODAY, loadFixtures, SMALL_DEMO, type Fixtures } from '../support/fixtures.js';
import { clientAs, makeDeps, refused, TestClient } from '../support/harness.js';

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-slips-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function readPdf(result: SlipsResult, name: string): { text: string; pages: number; file: string } {
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.from(result.file.base64, 'base64'));
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  return { text, pages, file };
}

/** «Логин: x» and «Пароль: y» pairs in reading order (slips sit two to a row: split the columns). */
function credentials(text: string): Map<string, string> {
  const logins: string[] = [];
  const passwords: string[] = [];
  for (const line of text.split('\n')) {
    for (const m of line.matchAll(/Логин:\s+(\S+)/g)) logins.push(m[1]!);
    for (const m of line.matchAll(/Пароль:\s+(\S+)/g)) passwords.push(m[1]!);
  }
  expect(passwords).toHaveLength(logins.length);
  return new Map(logins.map((l, i) => [l, passwords[i]!]));
}

describeEachDb('credential slips', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let deps: ServiceDeps;
  let fx: Fixtures;

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await generateDemo(handle.db, SMALL_DEMO);
    fx = await loadFixtures(handle.db);
    deps = makeDeps(handle, { today: DEMO_TODAY });
  });
  afterAll(async () => {
    await handle.close();
    await fresh.drop();
  });

  async function slips(client: TestClient, input: Parameters<TestClient['call']>[1] & object): Promise<SlipsResult> {
    const job = await client.call('users.slips', input as never);
    const done = await deps.jobs.wait(job.id);
    expect(done.state, done.error ?? '').toBe('done');
    return done.result as SlipsResult;
  }
  const count = async (table: 'users' | 'audit_log') =>
    Number(
      (
        await handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it(
    'the department head issues slips to students and parents of their department, creating their ' + 'accounts',
    async () => {
      const head = await clientAs(deps, 'depthead');
      const list = await head.call('users.families', {});
      expect(list.groups.length).toBeGreaterThan(0);
      const group = await head.call('users.families', { groupId: fx.groupId });
      const withoutAccount = group.students.filter((s) => !s.account).slice(0, 4);
      const guardians = withoutAccount.flatMap((s) => s.guardians.filter((g) => !g.account).slice(0, 1));
      expect(withoutAccount.length).toBe(4);
      const usersBefore = await count('users');

      const result = await slips(head, {
        studentIds: withoutAccount.map((s) => s.studentId),
        guardianIds: guardians.map((g) => g.guardianId),
        address: 'https://journal.yuet.example',
      });
      expect(result.created).toBe(withoutAccount.length + guardians.length);
      expect(result.slips).toBe(result.created);
      expect(await count('users')).toBe(usersBefore + result.created);
      const pdf = readPdf(result, `family-${kind}.pdf`);
      expect(pdf.pages).toBe(Math.ceil(result.slips / 6));
      const text = pdf.text.replace(/\s+/g, ' ');
      for (const s of withoutAccount) expect(text).toContain(s.fullName.split(' ')[0]!);
      expect(text).toContain('Доступ к электронному журналу');
      expect(text).toContain('https://journal.yuet.example');
      expect(text).toContain('заведующий отделением');
      expect(text).toMatch(/Обучающийся, группа \S+/);
      expect(text).toContain('Родитель (законный представитель)');

      // Every login on the slips works with its one-time password, and must be changed at once.
      const creds = credentials(pdf.text);
      expect(creds.size).toBe(result.slips);
      const after = await head.call('users.families', { groupId: fx.groupId });
      for (const s of withoutAccount) {
        const account = after.students.find((x) => x.studentId === s.studentId)!.account!;
        expect(account.mustChangePassword).toBe(true);
        const student = new TestClient(deps);
        const me = await student.call('auth.login', { login: account.login, password: creds.get(account.login)! });
        expect(me.roles.map((r) => r.role)).toEqual(['student']);
        expect(me.studentId).toBe(s.studentId);
        await student.call('auth.changePassword', { current: creds.get(account.login)!, next: 'Student2026' });
        expect((await student.call('home.summary', {})).children.map((c) => c.studentId)).toEqual([s.studentId]);
      }
      const guardianRow = await handle.db
        .selectFrom('guardians')
        .select(['user_id', 'student_id'])
        .where('id', '=', guardians[0]!.guardianId)
        .executeTakeFirstOrThrow();
      const parentUser = await handle.db
        .selectFrom('users')
        .select(['login'])
        .where('id', '=', guardianRow.user_id!)
        .executeTakeFirstOrThrow();
      const parent = new TestClient(deps);
      expect(
        (
          await parent.call('auth.login', { login: parentUser.login, password: creds.get(parentUser.login)! })
        ).roles.map((r) => r.role),
      ).toEqual(['parent']);

      const log = await handle.db
        .selectFrom('audit_log')
        .selectAll()
        .where('user_id', '=', fx.userIds.depthead)
        .orderBy('id')
        .execute();
      expect(log.filter((r) => r.action === 'users.create')).toHaveLength(result.created);
      const exported = log.filter((r) => r.action === 'export.personal_data');
      expect(exported).toHaveLength(1);
      expect(JSON.parse(exported[0]!.after!)).toMatchObject({
        what: 'Листки с паролями',
        count: result.slips,
        created: result.created,
      });
      const everything = JSON.stringify(await handle.db.selectFrom('audit_log').selectAll().execute());
      for (const p of creds.values()) expect(everything).not.toContain(p);
    },
  );

  it('a second slip for the same people resets their passwords instead of making new accounts', async () => {
    const head = await clientAs(deps, 'depthead');
    const group = await head.call('users.families', { groupId: fx.groupId });
    const withAccount = group.students.filter((s) => s.account && s.account.login !== 'student').slice(0, 2);
    const usersBefore = await count('users');
    const result = await slips(head, {
      studentIds: withAccount.map((s) => s.studentId),
      userIds: withAccount.map((s) => s.account!.userId),
    });
    expect(result).toMatchObject({ slips: 2, created: 0 });
    expect(await count('users')).toBe(usersBefore);
    const creds = credentials(readPdf(result, `again-${kind}.pdf`).text);
    const c = new TestClient(deps);
    expect(
      (
        await c.call('auth.login', {
          login: withAccount[0]!.account!.login,
          password: creds.get(withAccount[0]!.account!.login)!,
        })
      ).mustChangePassword,
    ).toBe(true);
  });

  it('a parent of two students gets one account, joined by name and phone', async () => {
    const admin = await clientAs(deps, 'admin');
    const linked = await handle.db
      .selectFrom('guardians')
      .select(['id', 'full_name', 'phone', 'user_id', 'student_id'])
      .where('user_id', 'is not', null)
      .where('phone', 'is not', null)
      .where('id', '!=', fx.familyGuardianId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const sibling = await handle.db
      .selectFrom('guardians')
      .select(['id'])
      .where('user_id', 'is', null)
      .where('student_id', '!=', linked.student_id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await handle.db
      .updateTable('guardians')
      .set({ full_name: linked.full_name.toUpperCase(), phone: linked.phone })
      .where('id', '=', sibling.id)
      .execute();
    const result = await slips(admin, { guardianIds: [sibling.id] });
    expect(result).toMatchObject({ slips: 1, created: 0 });
    expect(
      (await handle.db.selectFrom('guardians').select('user_id').where('id', '=', sibling.id).executeTakeFirstOrThrow())
        .user_id,
    ).toBe(linked.user_id);
    const row = await admin.call('users.get', { id: linked.user_id! });
    expect(row.children.map((c) => c.studentId).sort()).toEqual(expect.arrayContaining([linked.student_id]));
    expect(row.children.length).toBe(2);
    expect(readPdf(result, `two-${kind}.pdf`).text).toMatch(/Родитель \(законный\s+представитель\):/);
  });

  it('refuses the department head outside their department and staff accounts, writing nothing', async () => {
    const head = await clientAs(deps, 'depthead');
    const users = await count('users');
    const audit = await count('audit_log');
    await refused(head.call('users.slips', { studentIds: [fx.otherStudentId] }), 'forbidden');
    await refused(head.call('users.slips', { studentIds: [fx.familyStudentId, fx.otherStudentId] }), 'forbidden');
    const otherGuardian = await handle.db
      .selectFrom('guardians')
      .select('id')
      .where('student_id', '=', fx.otherStudentId)
      .executeTakeFirstOrThrow();
    await refused(head.call('users.slips', { guardianIds: [otherGuardian.id] }), 'forbidden');
    expect((await refused(head.call('users.slips', { userIds: [fx.userIds.teacher] }), 'forbidden')).message).toMatch(
      /выдаёт администратор/,
    );
    await refused(head.call('users.families', { groupId: fx.otherGroupId }), 'forbidden');
    expect((await refused(head.call('users.slips', {}), 'bad_request')).message).toMatch(/Отметьте, кому/);
    await refused(head.call('users.slips', { studentIds: [999999] }), 'not_found');
    expect(await count('users')).toBe(users);
    expect(await count('audit_log')).toBe(audit);
  });

  it('the administrator prints slips for staff; a disabled account is refused with its login named', async () => {
    const admin = await clientAs(deps, 'admin');
    const made = await admin.call('users.create', {
      login: 'slip.teacher',
      lastName: 'Ёлкина',
      firstName: 'Дарья',
      roles: [{ role: 'teacher' }],
    });
    const result = await slips(admin, { userIds: [made.userId, fx.otherTeacherId] });
    const pdf = readPdf(result, `staff-${kind}.pdf`);
    expect(pdf.text).toContain('slip.teacher');
    expect(pdf.text).toContain('Ёлкина Дарья');
    expect(pdf.text).toContain('Преподаватель');
    expect(pdf.text).toContain('администратор электронного журнала');
    const creds = credentials(pdf.text);
    expect(creds.get('slip.teacher')).not.toBe(made.oneTimePassword);
    await new TestClient(deps).call('auth.login', { login: 'slip.teacher', password: creds.get('slip.teacher')! });
    const off = await admin.call('users.setActive', { id: made.userId, version: made.user.version, active: false });
    expect(off.active).toBe(false);
    expect((await refused(admin.call('users.slips', { userIds: [made.userId] }), 'bad_request')).message).toMatch(
      /отключены: slip\.teacher/,
    );
  });

  it('lays out six slips to an A4 sheet', async () => {
    const admin = await clientAs(deps, 'admin');
    const group = await admin.call('users.families', { groupId: fx.otherGroupId });
    const ids = group.students.slice(0, 7).map((s) => s.studentId);
    const result = await slips(admin, { studentIds: ids });
    const pdf = readPdf(result, `seven-${kind}.pdf`);
    expect(pdf.pages).toBe(2);
    const info = execFileSync('pdfinfo', [pdf.file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+/);
    expect(credentials(pdf.text).size).toBe(7);
  });
});
