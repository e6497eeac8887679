// Remarks (000 §3.2.1, §3.5.3) and plan corrections on the tiny college: the whole life of a remark,
// the weekly drafts (idempotent), and the teacher's request the deputy decides.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JournalDb } from '../../db/connect.js';
import { runWeeklyRemarkCheck, weeklyRemarkTask } from '../../electron/services/remarks/weekly.js';
import { fixedDateClock } from '../../electron/services/clock.js';
import { describeEachDb, freshDb, type FreshDb } from '../support/databases.js';
import { makeDeps, refused, TestClient } from '../support/harness.js';
import { buildTinyCollege, TINY_PASSWORD, TINY_TODAY, type Tiny } from '../support/tiny-college.js';

describeEachDb('remarks and plan corrections', (kind) => {
  let fresh: FreshDb;
  let handle: JournalDb;
  let t: Tiny;
  const as: Record<string, TestClient> = {};

  beforeAll(async () => {
    fresh = await freshDb(kind);
    handle = await fresh.open();
    t = await buildTinyCollege(handle);
    const deps = makeDeps(handle, { today: TINY_TODAY });
    for (const login of ['zam', 'dir', 'zav', 'kur', 't1', 't2'])
      as[login] = await new TestClient(deps).login(login, TINY_PASSWORD);
  });
  afterAll(async () => {
    await handle.close();
    await fresh.drop();
  });

  const audits = async (action: string) =>
    Number(
      (
        await handle.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('the deputy leaves a remark on a lesson, the teacher answers, the deputy reopens, then accepts', async () => {
    const created = await as.zam!.call('remarks.create', {
      journalId: t.j1,
      lessonDate: '2026-09-14',
      text: '  Не указана   тема занятия. ',
      dueOn: '2026-10-28',
    });
    expect(created).toMatchObject({
      status: 'open',
      text: 'Не указана тема занятия.',
      lessonId: t.lessons['j1:2026-09-14'],
      lessonDate: '2026-09-14',
      teacherName: 'Макарова Юлия Николаевна',
      authorName: 'Козлова Юлия Валерьевна',
      overdue: false,
      version: 1,
    });
    expect(await audits('remark.create')).toBe(1);

    // The teacher sees it among their remarks; another teacher cannot answer it.
    const mine = await as.t1!.call('remarks.list', { filter: 'active' });
    expect(mine.map((r) => r.id)).toContain(created.id);
    await refused(as.t2!.call('remarks.answer', { id: created.id, version: 1, answer: 'Готово' }), 'forbidden');

    const answered = await as.t1!.call('remarks.answer', { id: created.id, version: 1, answer: 'Тема внесена.' });
    expect(answered).toMatchObject({
      status: 'answered',
      answer: 'Тема внесена.',
      answeredByName: 'Макарова Юлия Николаевна',
      version: 2,
    });
    // A stale version is a conflict with the fresh row, not an overwrite.
    const stale = await refused(
      as.t1!.call('remarks.answer', { id: created.id, version: 1, answer: 'Ещё раз' }),
      'conflict',
    );
    expect((stale.details as { version: number }).version).toBe(2);

    const back = await as.zam!.call('remarks.reopen', {
      id: created.id,
      version: 2,
      comment: 'Тема не из плана',
      dueOn: '2026-10-23',
    });
    expect(back.status).toBe('reopened');
    expect(back.text).toBe('Не указана тема занятия.\n\nВозвращено 21.10.2026: Тема не из плана');
    await as.t1!.call('remarks.answer', { id: created.id, version: 3, answer: 'Тема выбрана из плана.' });
    const accepted = await as.zam!.call('remarks.accept', { id: created.id, version: 4 });
    expect(accepted).toMatchObject({ status: 'accepted', answer: 'Тема выбрана из плана.' });
    expect(accepted.decidedAt).not.toBeNull();
    await refused(as.zam!.call('remarks.accept', { id: created.id, version: 5 }), 'conflict');
  });

  it('refuses bad remarks in Russian and writes nothing', async () => {
    const before = await audits('remark.create');
    const past = await refused(
      as.zam!.call('remarks.create', { journalId: t.j1, text: 'Текст', dueOn: '2026-10-20' }),
      'bad_request',
    );
    expect(past.message).toBe('Срок устранения 20.10.2026 уже прошёл: укажите сегодняшнюю или более позднюю дату');
    const noLesson = await refused(
      as.zam!.call('remarks.create', { journalId: t.j1, lessonDate: '2026-09-15', text: 'Текст', dueOn: '2026-10-30' }),
      'bad_request',
    );
    expect(noLesson.message).toBe('В журнале нет занятия 15.09.2026');
    await refused(
      as.zam!.call('remarks.create', {
        journalId: t.j1,
        lessonId: t.lessons['j3:2026-09-04']!,
        text: 'Текст',
        dueOn: '2026-10-30',
      }),
      'bad_request',
    );
    const empty = await refused(
      as.zam!.call('remarks.create', { journalId: t.j1, text: '   ', dueOn: '2026-10-30' }),
      'bad_request',
    );
    expect(empty.message).toContain('Текст замечания: не заполнено');
    await refused(
      as.t1!.call('remarks.create', { journalId: t.j1, text: 'Сам себе', dueOn: '2026-10-30' }),
      'forbidden',
    );
    expect(await audits('remark.create')).toBe(before);
  });

  it('overdue remarks come first; teachers never see drafts; the department head sees their department', async () => {
    const all = await as.zam!.call('remarks.list', { filter: 'active' });
    expect(all[0]).toMatchObject({ id: t.remarks.open, overdue: true, daysOverdue: 1 });
    expect((await as.zam!.call('remarks.list', { filter: 'active', overdueOnly: true })).map((r) => r.id)).toEqual([
      t.remarks.open,
    ]);
    expect((await as.zam!.call('remarks.list', { filter: 'drafts' })).map((r) => r.id)).toContain(t.remarks.draft);
    await refused(as.t2!.call('remarks.list', { filter: 'drafts' }), 'forbidden');
    expect((await as.t2!.call('remarks.list', { filter: 'all' })).map((r) => r.status)).not.toContain('draft');
    await refused(as.t2!.call('remarks.answer', { id: t.remarks.draft, version: 1, answer: 'x' }), 'not_found');
    const zav = await as.zav!.call('remarks.list', { filter: 'all' });
    expect(new Set(zav.map((r) => r.journalId))).toEqual(new Set([t.j1, t.j2]));
    await refused(as.zav!.call('remarks.list', { filter: 'all', journalId: t.j3 }), 'forbidden');
    await refused(as.t2!.call('remarks.list', { filter: 'all', journalId: t.j1 }), 'forbidden');
  });

  it('the weekly check drafts once per journal and week, and the deputy sends or discards the drafts', async () => {
    // Last week (12–18.10): ЭС-11 physics missed its Wednesday 14.10.
    const first = await as.zam!.call('remarks.draftWeekly', {});
    expect(first).toEqual({ from: '2026-10-12', to: '2026-10-18', journals: 1, created: 1, skipped: 0 });
    expect(await as.zam!.call('remarks.draftWeekly', {})).toMatchObject({ created: 0, skipped: 1 });
    // The scheduler's hook is the same check: nothing new; as a task it is due once a week.
    expect(await runWeeklyRemarkCheck({ db: handle.db, clock: fixedDateClock(TINY_TODAY) })).toMatchObject({
      created: 0,
      skipped: 1,
    });
    const task = weeklyRemarkTask({ db: handle.db, clock: fixedDateClock(TINY_TODAY) });
    expect(task.due()).toBe(true);
    await task.run();
    expect(task.due()).toBe(false);
    expect(
      (await as.zam!.call('remarks.list', { filter: 'drafts' })).filter((d) => d.autoWeek === '2026-10-12'),
    ).toHaveLength(1);

    const week = await as.zam!.call('remarks.draftWeekly', { weekOf: '2026-09-16' });
    // That week: the lesson without a topic on 14.09, and physics missing its Wednesday 16.09.
    expect(week).toMatchObject({ from: '2026-09-14', journals: 2, created: 2 });
    const drafts = await as.zam!.call('remarks.list', { filter: 'drafts' });
    const lessonDraft = drafts.find((d) => d.autoWeek === '2026-09-14' && d.journalId === t.j1)!;
    // Only the lesson without a topic that week: the draft names that lesson.
    expect(lessonDraft).toMatchObject({
      journalId: t.j1,
      auto: true,
      lessonId: t.lessons['j1:2026-09-14'],
      text: 'Еженедельная проверка за 14.09.2026–20.09.2026. Не указана тема занятия: 1 (14.09). Заполните журнал.',
    });
    const physics = drafts.find((d) => d.autoWeek === '2026-10-12')!;
    expect(drafts.find((d) => d.autoWeek === '2026-09-14' && d.journalId === t.j2)!.lessonId).toBeNull();
    expect(physics.text).toBe(
      'Еженедельная проверка за 12.10.2026–18.10.2026. Не заполнены занятия по расписанию: 1 (14.10). Заполните ' +
        'журнал.',
    );
    await refused(as.zam!.call('remarks.draftWeekly', { weekOf: '2026-10-26' }), 'bad_request');

    // Drafts are invisible to the teacher until sent.
    expect((await as.t2!.call('remarks.list', { filter: 'all' })).some((r) => r.id === physics.id)).toBe(false);
    expect(await as.zam!.call('remarks.send', { ids: [physics.id] })).toEqual({ sent: 1 });
    const sent = (await as.t2!.call('remarks.list', { filter: 'active' })).find((r) => r.id === physics.id)!;
    expect(sent).toMatchObject({ status: 'open', dueOn: '2026-10-28' });
    await refused(as.zam!.call('remarks.send', { ids: [physics.id] }), 'conflict');
    await refused(as.zam!.call('remarks.discard', { id: physics.id, version: sent.version }), 'conflict');
    expect(await as.zam!.call('remarks.discard', { id: lessonDraft.id, version: lessonDraft.version })).toEqual({
      id: lessonDraft.id,
    });
    expect(await audits('remark.discard')).toBe(1);
    // A draft of an old week gets a fresh due date when sent late.
    const old = (await as.zam!.call('remarks.list', { filter: 'drafts' })).find((d) => d.id === t.remarks.draft)!;
    await as.zam!.call('remarks.update', {
      id: old.id,
      version: old.version,
      text: 'Проверьте журнал',
      dueOn: '2026-10-21',
    });
    expect(await as.zam!.call('remarks.send', { ids: [old.id], dueOn: '2026-10-30' })).toEqual({ sent: 1 });
    expect((await as.zam!.call('remarks.list', { filter: 'active' })).find((r) => r.id === old.id)).toMatchObject({
      dueOn: '2026-10-30',
      text: 'Проверьте журнал',
    });
  });

  it('plan corrections: the teacher asks, the deputy decides, completion counts approved ones', async () => {
    const bad = await refused(
      as.t1!.call('corrections.request', {
        journalId: t.j1,
        periodId: t.p1,
        kind: 'extra_hours',
        hours: 0,
        reason: 'Подготовка',
      }),
      'bad_request',
    );
    expect(bad.message).toBe('Для вида «добавление часов» укажите число часов');
    await refused(
      as.t1!.call('corrections.request', {
        journalId: t.j1,
        periodId: t.p1,
        kind: 'move',
        hours: 2,
        reason: 'Перенос',
      }),
      'bad_request',
    );
    const tooMany = await refused(
      as.t1!.call('corrections.request', {
        journalId: t.j1,
        periodId: t.p1,
        kind: 'reduce_hours',
        hours: 21,
        reason: 'Карантин',
      }),
      'bad_request',
    );
    expect(tooMany.message).toBe('Нельзя сократить на 21 ч: по плану на 1 семестр всего 20 ч');
    await refused(
      as.t1!.call('corrections.request', {
        journalId: t.j2,
        periodId: t.p1,
        kind: 'extra_hours',
        hours: 2,
        reason: 'Чужой журнал',
      }),
      'forbidden',
    );

    const asked = await as.t1!.call('corrections.request', {
      journalId: t.j1,
      periodId: t.p1,
      kind: 'extra_hours',
      hours: 4,
      reason: 'Подготовка к экзамену',
    });
    expect(asked).toMatchObject({
      status: 'requested',
      hoursDelta: 4,
      periodTitle: '1 семестр',
      requestedByName: 'Макарова Юлия Николаевна',
    });
    const before = (await as.zam!.call('reports.completion', { periodId: t.p1, journalId: t.j1 })).rows[0]!
      .plannedTotal;
    await refused(as.zam!.call('corrections.decide', { id: asked.id, version: 1, approve: false }), 'bad_request');
    const approved = await as.zam!.call('corrections.decide', { id: asked.id, version: 1, approve: true, note: null });
    expect(approved).toMatchObject({ status: 'approved', decidedByName: 'Козлова Юлия Валерьевна' });
    await refused(
      as.dir!.call('corrections.decide', { id: asked.id, version: 2, approve: false, note: 'Нет' }),
      'conflict',
    );
    const after = (await as.zam!.call('reports.completion', { periodId: t.p1, journalId: t.j1 })).rows[0]!;
    expect(after.plannedTotal).toBe(before + 4);
    expect(after.corrections.map((c) => c.reason)).toContain('Подготовка к экзамену');

    const mine = await as.t1!.call('corrections.list', {});
    expect(mine.every((c) => c.journalId === t.j1 || c.journalId === t.j3)).toBe(true);
    expect(await as.t2!.call('corrections.list', {})).toEqual([]);
    expect((await as.zav!.call('corrections.list', {})).every((c) => c.journalId === t.j1)).toBe(true);
    await refused(as.t2!.call('corrections.list', { journalId: t.j1 }), 'forbidden');
  });
});
