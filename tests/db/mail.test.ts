// E-mail to families through a real SMTP server on loopback, on both databases: the administrator's
// settings (the password encrypted at rest), a test letter, the same-day absence notice (one a day however
// many lessons), the daily digest without unreleased marks, the outbox's retries while the server is down,
// a refusal for good, an interrupted letter never resent by itself, and the unsubscribe link.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { markInterrupted, pruneSent, sendDue } from '../../electron/services/mail/outbox.js';
import { queueAbsences, queueDailyDigests } from '../../electron/services/mail/queue.js';
import { MAIL_KEY_FILE } from '../../electron/services/mail/secret.js';
import { unsubscribe } from '../../electron/services/mail/unsubscribe.js';
import { describeEachDb } from '../support/databases.js';
import { DEMO_TODAY } from '../support/fixtures.js';
import { refused } from '../support/harness.js';
import { mailWorld, outboxOf, SITE, SMTP_PASSWORD, type MailWorld } from './mail-support.js';

describeEachDb('e-mail to families', (kind) => {
  let w: MailWorld;
  let studentName: string;
  let others: string[];
  beforeAll(async () => {
    w = await mailWorld(kind);
    const rows = await w.handle.db
      .selectFrom('students')
      .select(['id', 'last_name', 'first_name'])
      .where('id', 'in', [w.fx.studentId, w.fx.otherStudentId, w.fx.familyStudentId])
      .execute();
    const name = (id: number) => rows.find((r) => r.id === id)!;
    studentName = `${name(w.fx.studentId).last_name} ${name(w.fx.studentId).first_name}`;
    others = [w.fx.otherStudentId, w.fx.familyStudentId].map((id) => name(id).last_name);
  });
  afterAll(async () => {
    await w.close();
  });

  const settingsInput = (version: number) => ({
    version,
    enabled: true,
    host: '127.0.0.1',
    port: w.smtp.port,
    security: 'none' as const,
    login: 'journal@college.example',
    fromName: 'Колледж',
    fromAddress: 'journal@college.example',
    siteUrl: SITE,
  });

  it('keeps the server password encrypted, refuses bad settings in Russian, and sends a test letter', async () => {
    const row = await w.handle.db.selectFrom('mail_settings').selectAll().executeTakeFirstOrThrow();
    expect(row.password).toMatch(/^v1:[0-9a-f]{8}:/);
    expect(row.password).not.toContain(SMTP_PASSWORD);
    const view = await w.admin.call('mail.settings', {});
    expect(view).toMatchObject({ passwordSet: true, passwordProblem: null, host: '127.0.0.1', siteUrl: SITE });
    expect(JSON.stringify(view)).not.toContain(SMTP_PASSWORD);
    const audits = await w.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'mail.settings')
      .execute();
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain(SMTP_PASSWORD);

    const bad = await refused(
      w.admin.call('mail.saveSettings', { ...settingsInput(view.version), fromAddress: 'журнал' }),
    );
    expect(bad.message).toContain('Адрес почты');
    const noSite = await refused(w.admin.call('mail.saveSettings', { ...settingsInput(view.version), siteUrl: '' }));
    expect(noSite.message).toContain('адрес сайта');
    await refused(w.admin.call('mail.saveSettings', settingsInput(view.version + 5)), 'conflict');
    const after = await w.handle.db.selectFrom('mail_settings').selectAll().executeTakeFirstOrThrow();
    expect(after).toEqual(row);

    // Saved without a password: the stored one is kept.
    await w.admin.call('mail.saveSettings', settingsInput(view.version));
    const answer = await w.admin.call('mail.test', { to: 'admin@college.example' });
    expect(answer.answer).toMatch(/^250/);
    await w.smtp.waitFor(1);
    const letter = w.smtp.received.at(-1)!;
    expect(letter.to).toBe('admin@college.example');
    expect(letter.subject).toContain('Пробное письмо');
    const log = await w.admin.call('mail.log', {});
    expect(log.rows[0]).toMatchObject({ kind: 'test', status: 'sent', to: 'admin@college.example' });
    expect(log.counts.sent).toBe(1);

    // This computer's key is gone (the database was moved to another computer): told, not guessed.
    const keyFile = path.join(w.deps.paths.keys, MAIL_KEY_FILE);
    fs.renameSync(keyFile, `${keyFile}.away`);
    try {
      expect((await w.admin.call('mail.settings', {})).passwordProblem).toContain('ключом другого компьютера');
      const refusedTest = await refused(w.admin.call('mail.test', { to: 'admin@college.example' }));
      expect(refusedTest.message).toContain('ключом другого компьютера');
    } finally {
      fs.rmSync(keyFile, { force: true });
      fs.renameSync(`${keyFile}.away`, keyFile);
    }
  });

  it('tells the parent of an absence once a day, however many lessons, and nobody else', async () => {
    const teacher = await w.as('teacher');
    const journalId = w.fx.teacherGroupJournalId;
    const first = await teacher.call('lessons.create', { journalId, date: DEMO_TODAY, lessonNo: 7, topic: 'Тема 7' });
    const second = await teacher.call('lessons.create', { journalId, date: DEMO_TODAY, lessonNo: 8, topic: 'Тема 8' });
    for (const lesson of [first, second])
      await teacher.call('attendance.set', {
        lessonId: lesson.id,
        studentId: w.fx.studentId,
        code: 'н',
        version: null,
      });
    // The roll call stands a few minutes before the family is told.
    await queueAbsences(w.mail);
    expect(await outboxOf(w, w.parentSubscriptionId, 'absence')).toHaveLength(0);
    w.clock.advance(11 * 60_000);
    await queueAbsences(w.mail);
    await queueAbsences(w.mail);
    const queued = await outboxOf(w, w.parentSubscriptionId, 'absence');
    expect(queued).toHaveLength(1);
    const before = w.smtp.received.length;
    const outcome = await sendDue(w.mail, 'test-sender');
    expect(outcome.failed).toBe(0);
    const letters = w.smtp.received.slice(before);
    const mine = letters.filter((l) => l.to === 'parent@mail.example');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toContain(`Пропуск занятий 25.11.2026: ${studentName}`);
    expect(mine[0]!.text).toMatch(/^7 · .+ · отсутствовал\(а\)$/m);
    expect(mine[0]!.text).toMatch(/^8 · .+ · отсутствовал\(а\)$/m);
    for (const other of others) expect(mine[0]!.text).not.toContain(other);
    // The college's words: «Пара», «Дисциплина» (a centre's letter says «Занятие», «Программа»).
    expect(mine[0]!.html).toContain('>Пара</th>');
    // Every letter of the pass is about the one absent child, to their own subscribers.
    const subscribers = await w.handle.db
      .selectFrom('mail_subscriptions')
      .select('email')
      .where('student_id', '=', w.fx.studentId)
      .where('absence', '=', 1)
      .execute();
    expect(letters.map((l) => l.to).sort()).toEqual(subscribers.map((s) => s.email).sort());
    const sent = await outboxOf(w, w.parentSubscriptionId, 'absence');
    expect(sent[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sent[0]!.last_answer).toMatch(/^250/);
  });

  it('mails released marks in the daily digest, never an unreleased one, and no empty digest', async () => {
    const teacher = await w.as('teacher');
    const lessons = await w.handle.db
      .selectFrom('lessons')
      .select(['id', 'lesson_no'])
      .where('journal_id', '=', w.fx.teacherGroupJournalId)
      .where('date', '=', DEMO_TODAY)
      .orderBy('lesson_no')
      .execute();
    const open = await teacher.call('columns.add', { lessonId: lessons[0]!.id, kind: 'oral', title: 'Устный ответ' });
    const held = await teacher.call('columns.add', {
      lessonId: lessons[1]!.id,
      kind: 'test',
      title: 'Контрольная работа',
      releaseOn: '2026-11-27',
    });
    // The absent student got no marks today; a classmate with a subscription does.
    const classmate = await w.handle.db
      .selectFrom('mail_subscriptions as m')
      .innerJoin('enrolments as e', 'e.student_id', 'm.student_id')
      .innerJoin('journals as j', 'j.group_id', 'e.group_id')
      .select(['m.student_id', 'm.id', 'm.email'])
      .where('j.id', '=', w.fx.teacherGroupJournalId)
      .where('m.daily', '=', 1)
      .where('m.student_id', '!=', w.fx.studentId)
      .where('e.until_date', 'is', null)
      .orderBy('m.id')
      .executeTakeFirstOrThrow();
    await teacher.call('marks.set', { columnId: open.id, studentId: classmate.student_id, value: '5', version: null });
    await teacher.call('marks.set', { columnId: held.id, studentId: classmate.student_id, value: '3', version: null });
    w.clock.advance(8 * 3600_000); // 18:11
    await queueDailyDigests(w.mail);
    const digests = await outboxOf(w, classmate.id, 'daily');
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text_body).toContain('Устный ответ · 5');
    expect(digests[0]!.text_body).not.toContain('Контрольная');
    expect(digests[0]!.html_body).not.toContain('Контрольная');
    // The demo parent's child got no mark: no letter at all.
    expect(await outboxOf(w, w.parentSubscriptionId, 'daily')).toHaveLength(0);

    // Two days later the held mark is released: the digest of that day tells it, once.
    w.clock.advance(2 * 86_400_000);
    await queueDailyDigests(w.mail);
    const later = await outboxOf(w, classmate.id, 'daily');
    expect(later).toHaveLength(2);
    expect(later[1]!.text_body).toContain('Контрольная работа · 3');
    expect(later[1]!.text_body).not.toContain('Устный ответ');
    w.clock.advance(86_400_000);
    await queueDailyDigests(w.mail);
    expect(await outboxOf(w, classmate.id, 'daily')).toHaveLength(2);
  });

  it('retries while the server is down and sends once when it is back; a refusal for good is recorded', async () => {
    await w.handle.db.updateTable('mail_outbox').set({ status: 'sent' }).where('status', '=', 'waiting').execute();
    await w.smtp.stop();
    const [row] = await outboxOf(w, w.parentSubscriptionId, 'absence');
    await w.handle.db
      .updateTable('mail_outbox')
      .set({ status: 'waiting', attempts: 0, next_attempt_at: w.clock.now().toISOString() })
      .where('id', '=', row!.id)
      .execute();
    const down = await sendDue(w.mail, 'test-sender');
    expect(down.serverDownUntil).not.toBeNull();
    let stored = await w.handle.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('id', '=', row!.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: 'waiting', attempts: 1 });
    expect(stored.last_answer).toContain('Нет связи с сервером почты');
    // Not due again before its back-off.
    expect((await sendDue(w.mail, 'test-sender')).deferred).toBe(0);
    await w.smtp.start();
    const before = w.smtp.received.length;
    w.clock.advance(61_000);
    expect((await sendDue(w.mail, 'test-sender')).sent).toBe(1);
    expect((await sendDue(w.mail, 'test-sender')).sent).toBe(0);
    expect(w.smtp.received.length - before).toBe(1);
    stored = await w.handle.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('id', '=', row!.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: 'sent', attempts: 2 });

    w.smtp.refuse.add('parent@mail.example');
    await w.handle.db
      .updateTable('mail_outbox')
      .set({ status: 'waiting', next_attempt_at: w.clock.now().toISOString() })
      .where('id', '=', row!.id)
      .execute();
    expect((await sendDue(w.mail, 'test-sender')).failed).toBe(1);
    stored = await w.handle.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('id', '=', row!.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('failed');
    expect(stored.last_answer).toContain('550');
    w.smtp.refuse.clear();
    const log = await w.admin.call('mail.log', { status: 'failed' });
    expect(log.rows.map((r) => r.id)).toContain(row!.id);
    expect(log.rows[0]!.studentName).toContain(studentName);
  });

  it('never sends an interrupted letter by itself; the administrator may send it again', async () => {
    const [row] = await outboxOf(w, w.parentSubscriptionId, 'absence');
    await w.handle.db
      .updateTable('mail_outbox')
      .set({ status: 'sending', claimed_by: 'a-process-that-died' })
      .where('id', '=', row!.id)
      .execute();
    const before = w.smtp.received.length;
    await sendDue(w.mail, 'test-sender');
    expect(await markInterrupted(w.handle.db, 'test-sender')).toBe(0);
    let stored = await w.handle.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('id', '=', row!.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('interrupted');
    expect(w.smtp.received.length).toBe(before);
    const again = await w.admin.call('mail.retry', { id: row!.id });
    expect(again.status).toBe('waiting');
    await refused(w.admin.call('mail.retry', { id: row!.id }), 'bad_request');
    await sendDue(w.mail, 'test-sender');
    stored = await w.handle.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('id', '=', row!.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('sent');
    expect(w.smtp.received.length).toBe(before + 1);
  });

  it('stops the letters by the link in them, without a login; a forged link changes nothing', async () => {
    const letter = w.smtp.received.find((l) => l.to === 'parent@mail.example' && l.subject.startsWith('Пропуск'))!;
    const url = /Отписаться от этих писем: (\S+)/.exec(letter.text)![1]!;
    expect(url.startsWith(`${SITE}/unsubscribe?t=`)).toBe(true);
    // The one-click headers a mail program offers its own «unsubscribe» button with (RFC 8058).
    const list = letter.headers.get('list') as Record<string, { url?: string; name?: string }>;
    expect(list['unsubscribe']?.url).toBe(url);
    expect(list['unsubscribe-post']?.name).toBe('List-Unsubscribe=One-Click');
    const token = decodeURIComponent(url.split('t=')[1]!);
    expect(
      await unsubscribe(
        w.mail,
        token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
        false,
      ),
    ).toBeNull();
    expect(await unsubscribe(w.mail, token.replace(/^\d+/, String(w.parentSubscriptionId + 1)), false)).toBeNull();
    const done = await unsubscribe(w.mail, token, false);
    expect(done).toMatchObject({ letters: 'Пропуск в тот же день', email: 'pa***@mail.example' });
    const sub = await w.handle.db
      .selectFrom('mail_subscriptions')
      .selectAll()
      .where('id', '=', w.parentSubscriptionId)
      .executeTakeFirstOrThrow();
    expect(sub).toMatchObject({ absence: 0, daily: 1, weekly: 1 });
    // A new absence the next day: no letter to the parent who left.
    const teacher = await w.as('teacher');
    const day = '2026-11-26';
    w.clock.set(new Date(`${day}T12:00:00`));
    const lesson = await teacher.call('lessons.create', {
      journalId: w.fx.teacherGroupJournalId,
      date: day,
      lessonNo: 8,
    });
    await teacher.call('attendance.set', { lessonId: lesson.id, studentId: w.fx.studentId, code: 'б', version: null });
    w.clock.advance(11 * 60_000);
    await queueAbsences(w.mail);
    expect((await outboxOf(w, w.parentSubscriptionId, 'absence')).length).toBe(1);
  });

  it('lets a parent change their own letters and nobody else’s; the department head subscribes a family', async () => {
    const parent = await w.as('parent');
    const [mine] = await parent.call('mail.mine', { studentId: w.fx.studentId });
    expect(mine).toMatchObject({ guardianId: w.fx.userIds.parent ? expect.any(Number) : null });
    const changed = await parent.call('mail.setMine', {
      studentId: w.fx.studentId,
      email: 'mama@mail.example',
      absence: true,
      daily: false,
      weekly: true,
    });
    expect(changed.subscription).toMatchObject({ email: 'mama@mail.example', absence: true, daily: false });
    await refused(parent.call('mail.mine', { studentId: w.fx.otherStudentId }), 'forbidden');
    const bad = await refused(
      parent.call('mail.setMine', {
        studentId: w.fx.studentId,
        email: 'mama',
        absence: true,
        daily: true,
        weekly: true,
      }),
      'bad_request',
    );
    expect(bad.message).toContain('Адрес почты');
    const head = await w.as('depthead');
    const list = await head.call('mail.recipients', { groupId: w.fx.groupId });
    const family = list.find((r) => r.guardianId === w.fx.familyGuardianId)!;
    expect(family.studentId).toBe(w.fx.familyStudentId);
    const subscribed = await head.call('mail.subscribe', {
      studentId: w.fx.familyStudentId,
      guardianId: w.fx.familyGuardianId,
      email: 'family@mail.example',
      absence: true,
      daily: true,
      weekly: false,
    });
    expect(subscribed.subscription).toMatchObject({ email: 'family@mail.example', daily: true, weekly: false });
    await refused(
      head.call('mail.subscribe', {
        studentId: w.fx.familyStudentId,
        guardianId: w.fx.familyGuardianId + 100_000,
        email: 'x@mail.example',
        absence: true,
        daily: true,
        weekly: true,
      }),
      'bad_request',
    );
  });

  it("removes sent letters after 90 days (they carry children's marks) and keeps the rest", async () => {
    const kept = await w.handle.db.selectFrom('mail_outbox').select('id').where('status', '!=', 'sent').execute();
    const day = 86_400_000;
    const times = (await w.handle.db.selectFrom('mail_outbox').select('created_at').execute()).map((r) =>
      Date.parse(r.created_at),
    );
    expect(await pruneSent(w.handle.db, new Date(Math.min(...times) + 89 * day))).toBe(0);
    expect(await pruneSent(w.handle.db, new Date(Math.max(...times) + 91 * day))).toBeGreaterThan(0);
    const left = await w.handle.db.selectFrom('mail_outbox').select('id').execute();
    expect(left.map((r) => r.id).sort()).toEqual(kept.map((r) => r.id).sort());
  });
});
