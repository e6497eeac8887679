// 152-ФЗ on both databases: birth dates, contacts and addresses only for the roles that need them —
// the administrator, the director, the curator of the student's group and the head of its department;
// everyone else gets the record without them. Also who reaches which student at all.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { generateDemo } from '../../db/demo/index.js';
import {
  assertStudentRead,
  canSeePersonalData,
  PERSONAL_FIELDS,
  studentsBeyondCredentialScope,
  withoutPersonalData,
} from '../../electron/services/access.js';
import { loadSession } from '../../electron/services/session.js';
import type { Session } from '../../electron/services/context.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import {
  DEMO_LOGIN_NAMES,
  DEMO_TODAY,
  loadFixtures,
  SMALL_DEMO,
  type DemoLogin,
  type Fixtures,
} from '../support/fixtures.js';
import { refused } from '../support/harness.js';

describeEachDb('personal data and student scope', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let fx: Fixtures;
  const sessions = new Map<DemoLogin, Session>();

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    await generateDemo(handle.db, SMALL_DEMO);
    fx = await loadFixtures(handle.db);
    for (const login of DEMO_LOGIN_NAMES)
      sessions.set(login, (await loadSession(handle.db, fx.userIds[login], false))!);
  });
  afterAll(async () => {
    await handle.close();
    await fresh.drop();
  });

  it(
    'shows birth dates and contacts of the demo student only to admin, director, curator and department ' + 'head',
    async () => {
      const seeing: DemoLogin[] = [];
      for (const login of DEMO_LOGIN_NAMES)
        if (await canSeePersonalData(handle.db, sessions.get(login)!, fx.studentId)) seeing.push(login);
      expect(seeing.sort()).toEqual(['admin', 'curator', 'depthead', 'director']);
      // Out of their group and department, the curator and the head see no more than anyone else.
      expect(await canSeePersonalData(handle.db, sessions.get('curator')!, fx.otherStudentId)).toBe(false);
      expect(await canSeePersonalData(handle.db, sessions.get('depthead')!, fx.otherStudentId)).toBe(false);
      expect(await canSeePersonalData(handle.db, sessions.get('director')!, fx.otherStudentId)).toBe(true);
    },
  );

  it('blanks exactly the personal fields and keeps the rest of the record', () => {
    const record = {
      id: 1,
      fullName: 'Иванов Пётр',
      groupName: 'ЭС-21',
      birthDate: '2009-03-01',
      phone: '+7 900 000-00-00',
      email: 'a@b.ru',
      address: 'ул. Мира, 1',
    };
    const blank = withoutPersonalData(record);
    expect(blank).toEqual({
      id: 1,
      fullName: 'Иванов Пётр',
      groupName: 'ЭС-21',
      birthDate: null,
      phone: null,
      email: null,
      address: null,
    });
    expect(PERSONAL_FIELDS).toEqual(['birthDate', 'phone', 'email', 'address']);
    expect(record.birthDate).toBe('2009-03-01');
  });

  it('lets a parent reach only their own child and a student only themself', async () => {
    await assertStudentRead(handle.db, sessions.get('parent')!, fx.studentId);
    await assertStudentRead(handle.db, sessions.get('student')!, fx.studentId);
    expect(
      (await refused(assertStudentRead(handle.db, sessions.get('parent')!, fx.otherStudentId), 'forbidden')).message,
    ).toMatch(/другого обучающегося/);
    await refused(assertStudentRead(handle.db, sessions.get('student')!, fx.familyStudentId), 'forbidden');
    await refused(assertStudentRead(handle.db, sessions.get('parent')!, 999_999), 'not_found');
  });

  it('lets a department head issue credentials only within their department today', async () => {
    const head = sessions.get('depthead')!;
    expect(
      await studentsBeyondCredentialScope(handle.db, head, [fx.studentId, fx.familyStudentId], DEMO_TODAY),
    ).toEqual([]);
    expect(await studentsBeyondCredentialScope(handle.db, head, [fx.studentId, fx.otherStudentId], DEMO_TODAY)).toEqual(
      [fx.otherStudentId],
    );
    expect(
      await studentsBeyondCredentialScope(handle.db, sessions.get('admin')!, [fx.otherStudentId], DEMO_TODAY),
    ).toEqual([]);
    expect(
      await studentsBeyondCredentialScope(handle.db, sessions.get('curator')!, [fx.studentId], DEMO_TODAY),
    ).toEqual([fx.studentId]);
  });
});
