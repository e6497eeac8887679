// What the teacher types and what the journal computes from it: normalised values, the institution's
// scale, weighted averages and the suggested period mark.
import { describe, expect, it } from 'vitest';
import { formatAverage, suggestFinal, weightedAverage } from '../../electron/domain/average.js';
import {
  attendanceMessage,
  checkScale,
  normalizeValue,
  numericValue,
  parseAttendance,
  parseScale,
  scaleMessage,
} from '../../electron/domain/scale.js';

describe('journal values', () => {
  it('normalises case, «ё», spaces, full words and a keyboard left in the Latin layout', () => {
    expect(normalizeValue(' Зачёт ')).toBe('зач');
    expect(normalizeValue('НЕЗАЧЕТ')).toBe('незач');
    expect(normalizeValue('y')).toBe('н');
    expect(normalizeValue('jg')).toBe('оп');
    expect(normalizeValue('pfx')).toBe('зач');
    expect(normalizeValue('ex')).toBe('уч');
    expect(normalizeValue('5')).toBe('5');
  });

  it('reads attendance codes, «оп» with minutes, and nothing else', () => {
    expect(parseAttendance('н')).toEqual({ code: 'н', lateMinutes: null });
    expect(parseAttendance('оп 15')).toEqual({ code: 'оп', lateMinutes: 15 });
    expect(parseAttendance('ОП10')).toEqual({ code: 'оп', lateMinutes: 10 });
    expect(parseAttendance(',')).toEqual({ code: 'б', lateMinutes: null });
    expect(parseAttendance('5')).toBeNull();
    expect(parseAttendance('нет')).toBeNull();
    expect(parseAttendance('оп 1000')).toBeNull();
    expect(attendanceMessage(' x ')).toBe('Неверная отметка посещаемости «x»: допустимы н, у, б, оп, уч');
  });

  it('takes the scale from the institution and words the refusal', () => {
    expect(parseScale('5,4,3,2,зач,незач')).toEqual(['5', '4', '3', '2', 'зач', 'незач']);
    expect(parseScale('5, 4, 3, 2, 1')).toEqual(['5', '4', '3', '2', '1']);
    expect(parseScale(' , ')).toEqual(['5', '4', '3', '2', 'зач', 'незач']);
    expect(scaleMessage(' 7 ', parseScale('5,4,3,2,зач,незач'))).toBe(
      'Неверное значение отметки «7»: допустимы 5, 4, 3, 2, зач, незач',
    );
    expect(numericValue('зач')).toBeNull();
    expect(numericValue('1')).toBe(1);
  });

  it('averages with the weights of the types of work, leaving credit marks out', () => {
    expect(weightedAverage([])).toBeNull();
    expect(
      weightedAverage([
        { value: '5', weight: 1 },
        { value: '3', weight: 2 },
      ]),
    ).toBe(3.67);
    expect(
      weightedAverage([
        { value: 'зач', weight: 1 },
        { value: '4', weight: 1 },
      ]),
    ).toBe(4);
    expect(
      weightedAverage([
        { value: 'н/а', weight: 1 },
        { value: 'незач', weight: 2 },
      ]),
    ).toBeNull();
  });

  it('shows an average with two decimals and a comma, nothing without one', () => {
    expect(formatAverage(3.67)).toBe('3,67');
    expect(formatAverage(4)).toBe('4,00');
    expect(formatAverage(null)).toBe('');
  });

  it('suggests the period mark rounded half up, or a credit for credit-only work', () => {
    const scale = parseScale('5,4,3,2,зач,незач');
    expect(
      suggestFinal(
        [
          { value: '4', weight: 1 },
          { value: '3', weight: 1 },
        ],
        scale,
      ),
    ).toBe('4');
    expect(
      suggestFinal(
        [
          { value: '4', weight: 1 },
          { value: '3', weight: 2 },
        ],
        scale,
      ),
    ).toBe('3');
    expect(suggestFinal([{ value: '2', weight: 1 }], scale)).toBe('2');
    expect(
      suggestFinal(
        [
          { value: 'зач', weight: 1 },
          { value: 'незач', weight: 1 },
        ],
        scale,
      ),
    ).toBe('зач');
    expect(suggestFinal([{ value: 'незач', weight: 1 }], scale)).toBe('незач');
    expect(suggestFinal([], scale)).toBeNull();
    // Without «2» on the scale the lowest numeric mark is offered instead.
    expect(suggestFinal([{ value: '2', weight: 1 }], ['5', '4', '3'])).toBe('3');
  });
});

describe('the scale as the admin types it', () => {
  it('is written one way, and a wrong one is refused in Russian', () => {
    expect(checkScale(' 5, 4; 3 2 Зачёт незачет')).toEqual({ scale: '5,4,3,2,зач,незач' });
    expect(checkScale('2,3,4,5,1')).toEqual({ scale: '5,4,3,2,1' });
    expect(checkScale('зач,незач')).toEqual({ scale: 'зач,незач' });
    expect(checkScale('')).toEqual({ error: 'Шкала отметок: укажите хотя бы одно значение' });
    expect(checkScale('5,4,отл')).toEqual({
      error: 'Шкала отметок: «отл» не отметка; допустимы 5, 4, 3, 2, 1, зач, незач',
    });
    expect(checkScale('5,4,5')).toEqual({ error: 'Шкала отметок: «5» указано дважды' });
    expect(checkScale('5,зач')).toMatchObject({ error: expect.stringMatching(/не меньше двух/) });
    expect(checkScale('5,4,зач')).toEqual({ error: 'Шкала отметок: «зач» и «незач» указываются вместе' });
  });
});
