// The screens' date and time fields (renderer/components) read the Russian way whatever the locale:
// ДД.ММ.ГГГГ and ЧЧ:ММ.
import { expect, it } from 'vitest';
import { hhmmFromText, isoFromRu } from '../../electron/domain/format-dates.js';

it('reads ДД.ММ.ГГГГ into an ISO date and refuses what is not a day', () => {
  expect(isoFromRu('01.09.2026')).toBe('2026-09-01');
  expect(isoFromRu('1.9.2026')).toBe('2026-09-01');
  expect(isoFromRu('31.02.2026')).toBeNull();
  expect(isoFromRu('2026-09-01')).toBeNull();
  expect(isoFromRu('09/01/2026')).toBeNull();
});

it('reads ЧЧ:ММ on the 24-hour clock and refuses AM/PM and impossible times', () => {
  expect(hhmmFromText('8:30')).toBe('08:30');
  expect(hhmmFromText('13:05')).toBe('13:05');
  expect(hhmmFromText('24:00')).toBeNull();
  expect(hhmmFromText('12:60')).toBeNull();
  expect(hhmmFromText('1:30 PM')).toBeNull();
});
