// The mail as a scheduler task (platform/scheduled-task.ts's shape): on every check while mail is switched
// on, queue the day's absence notices, the daily digest from its hour and the weekly summary on its day
// (once a day or week in this process; the outbox's keys stop a second process or a restart from queueing
// twice), then send what is due. The scheduler runs it only in the process that holds its lock.
import crypto from 'node:crypto';
import os from 'node:os';
import { weekday } from '../../domain/calendar.js';
import { ruDateTime } from '../../domain/format-dates.js';
import { DAILY_DIGEST_HOUR, WEEKLY_SUMMARY_DAY, WEEKLY_SUMMARY_HOUR } from '../../domain/mail.js';
import { readMailSettings } from './config.js';
import { pruneSent, sendDue } from './outbox.js';
import { queueAbsences, queueDailyDigests, queueWeeklySummaries, type MailDeps } from './queue.js';

/** A send pass stops after this long; the rest goes on the next check. */
const PASS_MS = 4 * 60_000;

export function mailTask(deps: MailDeps) {
  const holder = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  let dailyDoneFor: string | null = null;
  let weeklyDoneFor: string | null = null;
  let serverDownUntil = 0;
  return {
    name: 'mail.send',
    due: async (): Promise<boolean> => (await readMailSettings(deps.db))?.enabled === 1,
    run: async (): Promise<void> => {
      const today = deps.clock.today();
      const hour = deps.clock.now().getHours();
      await queueAbsences(deps);
      if (hour >= DAILY_DIGEST_HOUR && dailyDoneFor !== today) {
        await queueDailyDigests(deps);
        await pruneSent(deps.db, deps.clock.now());
        dailyDoneFor = today;
      }
      if (weekday(today) === WEEKLY_SUMMARY_DAY && hour >= WEEKLY_SUMMARY_HOUR && weeklyDoneFor !== today) {
        await queueWeeklySummaries(deps);
        weeklyDoneFor = today;
      }
      if (Date.now() < serverDownUntil) return;
      const started = Date.now();
      for (;;) {
        const outcome = await sendDue(deps, holder);
        if (outcome.serverDownUntil) {
          serverDownUntil = outcome.serverDownUntil.getTime();
          throw new Error(
            `Письма ждут: сервер почты не принимает их. Следующая попытка — ${ruDateTime(outcome.serverDownUntil)}`,
          );
        }
        if (outcome.sent + outcome.failed + outcome.deferred === 0 || Date.now() - started > PASS_MS) return;
      }
    },
  };
}
