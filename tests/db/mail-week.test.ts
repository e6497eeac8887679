// The mail as the scheduler runs it over the demo college, on both databases: on a Saturday evening every
// subscribed family gets the day's digest and the week's summary about their own child and nobody else;
// final marks go out once their period is locked, once; the unsubscribe link works over HTTP without a login.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web/server.js';
import { mailTask } from '../../electron/services/mail/task.js';
import { queueWeeklySummaries } from '../../electron/services/mail/queue.js';
import { describeEachDb } from '../support/databases.js';
import { mailWorld, outboxOf, SITE, type MailWorld } from './mail-support.js';

describeEachDb('letters of a week', (kind) => {
  let w: MailWorld;
  let host: WebHost;
  beforeAll(async () => {
    w = await mailWorld(kind);
    const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-renderer-'));
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Журнал</title>');
    host = await startWebHost({ deps: w.deps, rendererDir, log: { error: () => undefined } });
  });
  afterAll(async () => {
    await host.close(0);
    await w.close();
  });

  async function names() {
    const rows = await w.handle.db
      .selectFrom('mail_subscriptions as m')
      .innerJoin('students as s', 's.id', 'm.student_id')
      .select(['m.id', 'm.email', 'm.student_id', 's.last_name', 's.first_name', 's.middle_name'])
      .execute();
    return rows.map((r) => ({ ...r, name: [r.last_name, r.first_name, r.middle_name].filter(Boolean).join(' ') }));
  }

  it('on Saturday evening sends each family the digest and the summary of their own child only', async () => {
    // The final marks of a locked period go out in the first summary after the lock.
    const period = await w.handle.db
      .selectFrom('periods')
      .select(['id', 'title'])
      .where('id', '=', w.fx.currentPeriodId)
      .executeTakeFirstOrThrow();
    await w.handle.db
      .insertInto('final_marks')
      .values({
        journal_id: w.fx.teacherGroupJournalId,
        student_id: w.fx.studentId,
        period_id: period.id,
        kind: 'period',
        value: '4',
        updated_at: '2026-11-27T10:00:00.000Z',
        updated_by: w.fx.userIds.teacher,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await w.handle.db.updateTable('periods').set({ locked: 1 }).where('id', '=', period.id).execute();
    w.clock.set(new Date('2026-11-28T18:30:00'));
    const task = mailTask(w.mail);
    expect(await task.due()).toBe(true);
    await task.run();

    const weekly = await w.handle.db.selectFrom('mail_outbox').selectAll().where('kind', '=', 'weekly').execute();
    expect(weekly.length).toBeGreaterThan(5);
    expect(weekly.every((l) => l.status === 'sent')).toBe(true);
    const subs = await names();
    const everyone = new Set(subs.map((s) => s.name));
    for (const letter of w.smtp.received.filter((l) => l.subject.startsWith('Итоги недели'))) {
      const row = weekly.find((l) => l.subject === letter.subject && l.to_address === letter.to)!;
      const sub = subs.find((s) => s.id === row.subscription_id)!;
      expect(letter.to).toBe(sub.email);
      expect(letter.subject).toContain(sub.name);
      expect(letter.text).toContain(`Письмо о ребёнке: ${sub.name}`);
      // No other subscribed child's full name anywhere in the letter.
      for (const other of everyone) if (other !== sub.name) expect(letter.text).not.toContain(other);
    }
    const mine = (await outboxOf(w, w.parentSubscriptionId, 'weekly'))[0]!;
    // To look at as the parent would (tests/e2e screenshots it with the screens).
    fs.mkdirSync('test-results', { recursive: true });
    fs.writeFileSync(`test-results/mail-weekly-${kind}.html`, mine.html_body);
    expect(mine.text_body).toContain('ИТОГОВЫЕ ОТМЕТКИ');
    expect(mine.text_body).toContain(`${period.title} · `);
    expect(mine.subject).toContain('Итоги недели 23.11.2026 – 28.11.2026');
    // The week's released marks of the child are all there.
    const marks = await w.handle.db
      .selectFrom('marks as m')
      .innerJoin('work_columns as c', 'c.id', 'm.column_id')
      .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
      .select(['m.value', 'c.title', 'c.release_on'])
      .where('m.student_id', '=', w.fx.studentId)
      .where('l.date', '>=', '2026-11-23')
      .where('l.date', '<=', '2026-11-28')
      .execute();
    for (const m of marks.filter((x) => x.release_on === null || x.release_on <= '2026-11-28'))
      expect(mine.text_body).toContain(`${m.title} · ${m.value}`);

    // A week later nothing about the locked period again, and no second summary for the same week.
    await queueWeeklySummaries(w.mail);
    expect(await outboxOf(w, w.parentSubscriptionId, 'weekly')).toHaveLength(1);
    w.clock.set(new Date('2026-12-05T18:30:00'));
    await queueWeeklySummaries(w.mail);
    for (const l of await outboxOf(w, w.parentSubscriptionId, 'weekly')) {
      if (l.id !== mine.id) expect(l.text_body).not.toContain('ИТОГОВЫЕ ОТМЕТКИ');
    }
  });

  it('unsubscribes over HTTP by the signed link alone; a forged link shows an error and changes nothing', async () => {
    const letter = w.smtp.received.find((l) => l.to === 'parent@mail.example' && l.subject.startsWith('Итоги'))!;
    const link = /Отписаться от этих писем: (\S+)/.exec(letter.text)![1]!;
    const local = link.replace(SITE, host.url.replace(/\/$/, ''));
    const page = await fetch(local);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Итоги недели');
    expect(html).toContain('<form method="post"');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    // Opening the link changed nothing.
    const before = await w.handle.db
      .selectFrom('mail_subscriptions')
      .selectAll()
      .where('id', '=', w.parentSubscriptionId)
      .executeTakeFirstOrThrow();
    expect(before.weekly).toBe(1);
    const forged = local.replace(/t=(\d+)/, (_m, id: string) => `t=${Number(id) + 1}`);
    expect((await fetch(forged, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${host.url}unsubscribe`)).status).toBe(404);
    // A mail program's one-click request (RFC 8058).
    const done = await fetch(local, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('больше не придут');
    const after = await w.handle.db
      .selectFrom('mail_subscriptions')
      .selectAll()
      .where('id', '=', w.parentSubscriptionId)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ weekly: 0, absence: before.absence, daily: before.daily });
    const audit = await w.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'mail.unsubscribe')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
