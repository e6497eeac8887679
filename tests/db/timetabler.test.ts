// The учебная часть (issue 14): a staff member with the role «timetabler» keeps the weekly timetable, the bells and
// the dated changes, and sees the groups and the load to do so — and nothing else of the journal: no journal page,
// no lists of students, no users, no reports, no export. On both databases, on the demo college.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../db/passwords.js';
import { ROLES } from '../../electron/domain/enums.js';
import { roleLabelsOf } from '../../electron/domain/vocabulary.js';
import { describeEachDb } from '../support/databases.js';
import { refused, TestClient } from '../support/harness.js';
import { journalWorld, type JournalWorld } from './journal-support.js';
import { NEXT_WEEK } from './timetable-changes-support.js';

const PASSWORD = 'Raspisanie2026';

describeEachDb('the учебная часть keeps the timetable and nothing else', (kind) => {
  let w: JournalWorld;
  let uch: TestClient;

  beforeAll(async () => {
    w = await journalWorld(kind);
    const at = '2026-11-25T08:00:00.000Z';
    const user = await w.handle.db
      .insertInto('users')
      .values({
        login: 'uchchast',
        login_key: 'uchchast',
        password_hash: await hashPassword(PASSWORD),
        last_name: 'Расписанова',
        first_name: 'Анна',
        middle_name: 'Петровна',
        position: 'Диспетчер учебной части',
        phone: null,
        email: null,
        must_change_password: 0,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.handle.db
      .insertInto('user_roles')
      .values({ user_id: user.id, role: 'timetabler', department_id: null, group_id: null })
      .execute();
    uch = await new TestClient(w.deps).login('uchchast', PASSWORD);
  }, 120_000);
  afterAll(async () => w.close());

  it('has a title in every kind of institution', () => {
    expect(ROLES).toContain('timetabler');
    for (const k of ['college', 'school', 'supplementary'] as const)
      expect(roleLabelsOf(k).timetabler).toBe('Учебная часть (расписание)');
  });

  it('sees the groups, the whole load and the clashes; keeps the timetable, the bells, the dated changes', async () => {
    const yearId = w.fx.currentYearId;
    expect((await uch.call('groups.list', { yearId })).length).toBeGreaterThan(0);
    const load = await uch.call('journals.list', { yearId });
    const all = await w.handle.db.selectFrom('journals').select('id').where('year_id', '=', yearId).execute();
    expect(load).toHaveLength(all.length);
    await uch.call('timetable.clashes', { yearId });
    const week = await uch.call('timetable.list', { yearId, groupId: w.fx.groupId });
    expect(week.entries.length).toBeGreaterThan(0);
    // A lesson number past the day's last: refused as bad input, after the role was let through.
    await refused(
      uch.call('timetable.save', {
        journalId: w.fx.teacherJournalId,
        weekday: 1,
        lessonNo: 99,
        parity: 'all',
        room: null,
      }),
      'bad_request',
    );
    const bells = await uch.call('bells.list', {});
    await uch.call('bells.save', {
      bells: bells.map((b) => ({ lessonNo: b.lessonNo, startsAt: b.startsAt, endsAt: b.endsAt })),
    });
    const before = await uch.call('timetableChanges.list', { yearId, ...NEXT_WEEK });
    const slot = week.entries[0]!;
    const date = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05'][
      slot.weekday - 1
    ]!;
    const change = await uch.call('timetableChanges.create', {
      kind: 'cancel',
      journalId: slot.journalId,
      date,
      lessonNo: slot.lessonNo,
      reason: 'ремонт аудитории',
      room: null,
      newDate: null,
      newLessonNo: null,
      substituteUserId: null,
    });
    expect((await uch.call('timetableChanges.list', { yearId, ...NEXT_WEEK })).length).toBe(before.length + 1);
    // The weekly grid of that week draws it — for the учебная часть and for the group's parent alike.
    const drawn = await uch.call('timetable.list', { yearId, groupId: w.fx.groupId, weekOf: date });
    expect(drawn.week).toMatchObject({ from: '2026-11-30', to: '2026-12-06' });
    expect(drawn.week!.changes).toContainEqual(
      expect.objectContaining({
        date,
        lessonNo: slot.lessonNo,
        off: true,
        change: expect.objectContaining({ kind: 'cancel' }),
      }),
    );
    const parent = await w.as('parent');
    const family = await parent.call('timetable.list', { yearId, groupId: w.fx.groupId, weekOf: date });
    expect(family.week!.changes.some((c) => c.date === date && c.change.reason === 'ремонт аудитории')).toBe(true);
    const otherWeek = await uch.call('timetable.list', { yearId, groupId: w.fx.otherGroupId, weekOf: date });
    expect(otherWeek.week!.changes.some((c) => c.change.reason === 'ремонт аудитории')).toBe(false);
    await uch.call('timetableChanges.remove', { id: change.id, version: change.version });
  });

  it('reads no journal, no students, no users, no reports and exports nothing', async () => {
    await refused(uch.call('journal.open', { journalId: w.fx.teacherJournalId }), 'forbidden');
    await refused(uch.call('journal.list', {}), 'forbidden');
    await refused(uch.call('students.list', { groupId: w.fx.groupId }), 'forbidden');
    await refused(uch.call('users.list', {}), 'forbidden');
    await refused(uch.call('reports.filters', {}), 'forbidden');
    await refused(uch.call('family.page', { studentId: w.fx.studentId }), 'forbidden');
    await refused(uch.call('lists.export', { list: 'timetable', yearId: w.fx.currentYearId }), 'forbidden');
  });
});
