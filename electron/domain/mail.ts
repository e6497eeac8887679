// Letters to families: their names, the states of a letter, when a failed one is tried again, and the rule
// every screen and letter shares on which marks a family may see yet.
import type { MailKind, MailSecurity, MailStatus, SubscribableMailKind } from './enums.js';

export const MAIL_KIND_LABELS: Record<MailKind, string> = {
  absence: 'Пропуск в тот же день',
  daily: 'Новые отметки за день',
  weekly: 'Итоги недели',
  test: 'Пробное письмо',
};

/** What a subscriber reads next to each checkbox. */
export const MAIL_KIND_HINTS: Record<SubscribableMailKind, string> = {
  absence: 'письмо в день пропуска, одно за день, сколько бы занятий ни было пропущено',
  daily: 'вечером — отметки, выставленные за день; если новых нет, письма нет',
  weekly: 'в субботу вечером — отметки, пропуски, домашние задания и решения по объяснительным за неделю',
};

export const MAIL_STATUS_LABELS: Record<MailStatus, string> = {
  waiting: 'Ждёт отправки',
  sending: 'Отправляется',
  sent: 'Отправлено',
  failed: 'Не доставлено',
  interrupted: 'Прервано',
};

export const MAIL_SECURITY_LABELS: Record<MailSecurity, string> = {
  starttls: 'STARTTLS (порт 587)',
  tls: 'TLS (порт 465)',
  none: 'Без шифрования (порт 25)',
};

/** The port a security mode usually goes with. */
export const MAIL_DEFAULT_PORTS: Record<MailSecurity, number> = { starttls: 587, tls: 465, none: 25 };

/** Minutes to wait after the 1st, 2nd, … failed attempt; after the last the letter is given up as failed. */
export const MAIL_RETRY_MINUTES = [1, 5, 15, 60, 180, 720] as const;

/** When a letter that failed for the `attempts`-th time is tried again; null: give up. */
export function nextAttemptAt(now: Date, attempts: number): Date | null {
  const minutes = MAIL_RETRY_MINUTES[attempts - 1];
  return minutes === undefined ? null : new Date(now.getTime() + minutes * 60_000);
}

/** The daily digest goes from this hour (local time); the weekly summary on this weekday (6: Saturday), same hour. */
export const DAILY_DIGEST_HOUR = 18;
export const WEEKLY_SUMMARY_DAY = 6;
export const WEEKLY_SUMMARY_HOUR = 18;

/**
 * Marks of a type of work held back until its release date are not shown to the family before that day:
 * the family page, the letters and anything else a family reads.
 */
export function markReleased(releaseOn: string | null, today: string): boolean {
  return releaseOn === null || releaseOn <= today;
}

/** A plain check of an address's shape: something@domain.tld, no spaces (the server has the last word). */
export function isEmailAddress(value: string): boolean {
  return /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]{2,}$/.test(value) && value.length <= 254;
}
