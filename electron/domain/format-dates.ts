// Dates and moments as the screens, printed pages and messages write them: «25.11.2026»,
// «25.11.2026 14:05», «среда, 25 ноября 2026».
import { localIsoDate } from './calendar.js';

/** `2025-09-01` (or a moment that starts with it) → `01.09.2025`; empty for none. */
export function ruDate(iso: string | null | undefined): string {
  // Text to text, not through Date and Intl: a date is a day, and a wrong one (30 February) quoted in an
  // error message must read as it was typed, not rolled over into March.
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

/** A moment's local day: «25.11.2026». */
export function ruDay(moment: Date): string {
  return ruDate(localIsoDate(moment));
}

const dateTimes = new Intl.DateTimeFormat('ru-RU', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A moment in local time: «25.11.2026 14:05»; empty for none, the text itself when it is not a moment. */
export function ruDateTime(moment: string | Date | null | undefined): string {
  if (moment === null || moment === undefined || moment === '') return '';
  const date = typeof moment === 'string' ? new Date(moment) : moment;
  if (Number.isNaN(date.getTime())) return typeof moment === 'string' ? moment : '';
  const p = partsOf(dateTimes, date);
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`;
}

const longDates = new Intl.DateTimeFormat('ru-RU', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `2026-11-25` → «среда, 25 ноября 2026» (without the «г.» Intl puts after the year). */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const p = partsOf(longDates, new Date(Date.UTC(y!, m! - 1, d!)));
  return `${p.weekday}, ${p.day} ${p.month} ${p.year}`;
}

function partsOf(format: Intl.DateTimeFormat, date: Date): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}

/** A moment in local time as file names carry it: `2026-12-04_18-05-09` (sorts as time goes). */
export function fileStamp(moment: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const time = `${p(moment.getHours())}-${p(moment.getMinutes())}-${p(moment.getSeconds())}`;
  return `${localIsoDate(moment)}_${time}`;
}

/** «01.09.2026» (or «1.9.2026») typed by a person → `2026-09-01`; null when it is not a real day. */
export function isoFromRu(text: string): string | null {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** «8:30» typed on the 24-hour clock → `08:30`; null for anything else (AM/PM, 24:00, 12:60). */
export function hhmmFromText(text: string): string | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h < 24 && min < 60 ? `${String(h).padStart(2, '0')}:${m[2]}` : null;
}
