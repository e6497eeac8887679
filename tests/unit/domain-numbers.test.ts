// Numbers as people read them: the decimal comma, percentages, hours, grouped counts, plurals, sizes.
import { describe, expect, it } from 'vitest';
import { formatAverage } from '../../electron/domain/average.js';
import { count, dec, decimal, formatBytes, hrs, megabytes, pct, plural } from '../../electron/domain/format-numbers.js';

const NBSP = '\u00A0';

describe('numbers', () => {
  it('writes decimals with a comma, no digit groups, rounded as toFixed rounds', () => {
    expect(decimal(3.14159, 2)).toBe('3,14');
    expect(decimal(1234567.5, 1)).toBe('1234567,5');
    expect(decimal(2, 0)).toBe('2');
    // The binary 2.675 is a little under the half, and the printed figures always said so.
    expect(decimal(2.675, 2)).toBe('2,67');
    expect(decimal(3.845, 2)).toBe('3,85');
  });

  it('writes shares as percentages with a space before the sign, and a dash for none', () => {
    expect(pct(0.875)).toBe('87,5 %');
    expect(pct(1)).toBe('100,0 %');
    expect(pct(0.12345, 2)).toBe('12,35 %');
    expect(pct(12.5, 0)).toBe('1250 %');
    expect(pct(null)).toBe('—');
    expect(pct(undefined)).toBe('—');
  });

  it('writes averages and trends with a true minus sign', () => {
    expect(dec(3.845)).toBe('3,85');
    expect(dec(-0.25, 1)).toBe('−0,3');
    expect(dec(-0.001)).toBe('−0,00');
    expect(dec(null)).toBe('—');
    expect(formatAverage(4.5)).toBe('4,50');
  });

  it('writes hours whole when whole and with one decimal otherwise', () => {
    expect(hrs(36)).toBe('36');
    expect(hrs(1.5)).toBe('1,5');
    expect(hrs(0)).toBe('0');
  });

  it('groups the digits of a count with no-break spaces', () => {
    expect(count(7)).toBe('7');
    expect(count(12345)).toBe(`12${NBSP}345`);
    expect(count(1234567)).toBe(`1${NBSP}234${NBSP}567`);
  });

  it('chooses the Russian plural form', () => {
    const lessons = (n: number) => `${n} ${plural(n, 'урок', 'урока', 'уроков')}`;
    expect([0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112, 1001].map(lessons)).toEqual([
      '0 уроков',
      '1 урок',
      '2 урока',
      '4 урока',
      '5 уроков',
      '11 уроков',
      '12 уроков',
      '14 уроков',
      '21 урок',
      '22 урока',
      '25 уроков',
      '101 урок',
      '111 уроков',
      '112 уроков',
      '1001 урок',
    ]);
  });

  it('writes sizes in binary units, one decimal below ten', () => {
    expect(formatBytes(0)).toBe('0 Б');
    expect(formatBytes(1023)).toBe('1023 Б');
    expect(formatBytes(1536)).toBe('1,5 КБ');
    expect(formatBytes(10 * 1024)).toBe('10 КБ');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 МБ');
    expect(formatBytes(3.25 * 1024 ** 3)).toBe('3,3 ГБ');
    expect(formatBytes(5 * 1024 ** 5)).toBe('5120 ТБ');
    expect(formatBytes(null)).toBe('—');
    expect(megabytes(20 * 1024 * 1024)).toBe('20,0 МБ');
    expect(megabytes(1536 * 1024)).toBe('1,5 МБ');
  });
});
