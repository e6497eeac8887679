// Calendar arithmetic on ISO dates (`YYYY-MM-DD`), free of time zones: dates are days, not moments.

export function toDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.floor(Date.UTC(y!, m! - 1, d!) / 86_400_000);
}

export function fromDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromDay(toDay(iso) + days);
}

export function daysBetween(from: string, to: string): number {
  return toDay(to) - toDay(from);
}

/** 1 = Monday … 7 = Sunday. */
export function weekday(iso: string): number {
  return weekdayOfDay(toDay(iso));
}

/** weekday() of a day number (toDay): day 0, 1 January 1970, was a Thursday. */
export function weekdayOfDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Monday of the week that holds the date. */
export function weekStart(iso: string): string {
  return addDays(iso, 1 - weekday(iso));
}

/** Week number within the academic year: the week of its first day is week 1 (odd). */
export function academicWeek(yearStart: string, iso: string): number {
  return Math.floor(daysBetween(weekStart(yearStart), weekStart(iso)) / 7) + 1;
}

export function parityOf(yearStart: string, iso: string): 'odd' | 'even' {
  return academicWeek(yearStart, iso) % 2 === 1 ? 'odd' : 'even';
}

/** Every date from `from` to `to` inclusive. */
export function* eachDay(from: string, to: string): Generator<string> {
  for (let d = toDay(from), end = toDay(to); d <= end; d++) yield fromDay(d);
}

/** The academic year (1 Sep – 31 Aug) that contains a date, as `2025/2026`. */
export function academicYearOf(iso: string): { title: string; startsOn: string; endsOn: string } {
  const [y, m] = iso.split('-').map(Number);
  const first = m! >= 9 ? y! : y! - 1;
  return { title: `${first}/${first + 1}`, startsOn: `${first}-09-01`, endsOn: `${first + 1}-08-31` };
}

/** Month names, nominative, January first: «ноябрь 2026». */
export const MONTHS_RU = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];
/** Day names indexed as weekday() counts: 1 = понедельник … 7 = воскресенье. */
export const WEEKDAYS_RU = ['', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье'];

/** A moment's date in the local time zone, `YYYY-MM-DD` (what «today» is for the people at the desk). */
export function localIsoDate(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
