// Calendar arithmetic on ISO days and the ways a date is written: «25.11.2026», «25.11.2026 14:05»,
// «среда, 25 ноября 2026».
import { describe, expect, it } from 'vitest';
import {
  academicWeek,
  academicYearOf,
  addDays,
  daysBetween,
  eachDay,
  fromDay,
  localIsoDate,
  MONTHS_RU,
  parityOf,
  toDay,
  weekday,
  weekStart,
  WEEKDAYS_RU,
} from '../../electron/domain/calendar.js';
import { longDate, ruDate, ruDateTime, ruDay } from '../../electron/domain/format-dates.js';

describe('calendar', () => {
  it('counts days across months, leap years and the change of year', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-09-01', '2027-08-31')).toBe(364);
    expect(fromDay(toDay('2026-11-25'))).toBe('2026-11-25');
    expect([...eachDay('2026-10-30', '2026-11-02')]).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
    expect([...eachDay('2026-11-02', '2026-11-01')]).toEqual([]);
  });

  it("numbers weekdays from Monday and finds the week's Monday", () => {
    expect(weekday('2026-11-23')).toBe(1);
    expect(weekday('2026-11-29')).toBe(7);
    expect(WEEKDAYS_RU[weekday('2026-11-25')]).toBe('среда');
    expect(weekStart('2026-11-29')).toBe('2026-11-23');
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
  });

  it("counts the academic year's weeks from its first one, odd first", () => {
    expect(academicWeek('2026-09-01', '2026-09-06')).toBe(1);
    expect(academicWeek('2026-09-01', '2026-09-07')).toBe(2);
    expect(parityOf('2026-09-01', '2026-09-02')).toBe('odd');
    expect(parityOf('2026-09-01', '2026-09-08')).toBe('even');
    expect(academicYearOf('2026-08-31')).toEqual({ title: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-08-31' });
    expect(academicYearOf('2026-09-01').title).toBe('2026/2027');
    expect(MONTHS_RU[10]).toBe('ноябрь');
  });

  it("takes today's date in local time, not UTC", () => {
    expect(localIsoDate(new Date(2026, 0, 5, 0, 30))).toBe('2026-01-05');
    expect(localIsoDate(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
  });
});

describe('dates as people read them', () => {
  it('writes a day as ДД.ММ.ГГГГ, a moment by its date part, nothing for none', () => {
    expect(ruDate('2025-09-01')).toBe('01.09.2025');
    expect(ruDate('2025-09-01T23:10:00.000Z')).toBe('01.09.2025');
    expect(ruDate(null)).toBe('');
    expect(ruDate(undefined)).toBe('');
    // A wrong date is shown as it was typed, not rolled over into March.
    expect(ruDate('2026-02-30')).toBe('30.02.2026');
    expect(ruDay(new Date(2026, 10, 5, 23, 59))).toBe('05.11.2026');
  });

  it('writes a moment in local time with a 24-hour clock', () => {
    expect(ruDateTime(new Date(2026, 10, 25, 14, 5))).toBe('25.11.2026 14:05');
    expect(ruDateTime(new Date(2026, 0, 5, 0, 7))).toBe('05.01.2026 00:07');
    expect(ruDateTime(new Date(2026, 0, 5, 0, 7).toISOString())).toBe('05.01.2026 00:07');
    expect(ruDateTime(null)).toBe('');
    expect(ruDateTime('')).toBe('');
    expect(ruDateTime('вчера')).toBe('вчера');
  });

  it('writes a long date with the weekday and the month in the genitive, without «г.»', () => {
    expect(longDate('2026-11-25')).toBe('среда, 25 ноября 2026');
    expect(longDate('2027-01-01')).toBe('пятница, 1 января 2027');
    expect(longDate('2026-03-08')).toBe('воскресенье, 8 марта 2026');
  });
});
