// What the teacher types and what the journal computes from it: normalised values, the institution's
// scale, weighted averages and the suggested period mark.
import { describe, expect, it } from 'vitest';
import { normalizeValue, numericValue, parseAttendance, parseScale, scaleMessage, suggestFinal, weightedAverage } from '../../electron/services/journal/scale.js';

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
  });

  it('takes the scale from the institution and words the refusal', () => {
    expect(parseScale('5,4,3,2,зач,незач')).toEqual(['5', '4', '3', '2', 'зач', 'незач']);
    expect(parseScale('5, 4, 3, 2, 1')).toEqual(['5', '4', '3', '2', '1']);
    expect(scaleMessage(' 7 ', parseScale('5,4,3,2,зач,незач'))).toBe('Неверное значение отметки «7»: допустимы 5, 4, 3, 2, зач, незач');
    expect(numericValue('зач')).toBeNull();
    expect(numericValue('1')).toBe(1);
  });

  it('averages with the weights of the types of work, leaving credit marks out', () => {
    expect(weightedAverage([])).toBeNull();
    expect(weightedAverage([{ value: '5', weight: 1 }, { value: '3', weight: 2 }])).toBe(3.67);
    expect(weightedAverage([{ value: 'зач', weight: 1 }, { value: '4', weight: 1 }])).toBe(4);
  });

  it('suggests the period mark rounded half up, or a credit for credit-only work', () => {
    const scale = parseScale('5,4,3,2,зач,незач');
    expect(suggestFinal([{ value: '4', weight: 1 }, { value: '3', weight: 1 }], scale)).toBe('4');
    expect(suggestFinal([{ value: '4', weight: 1 }, { value: '3', weight: 2 }], scale)).toBe('3');
    expect(suggestFinal([{ value: '2', weight: 1 }], scale)).toBe('2');
    expect(suggestFinal([{ value: 'зач', weight: 1 }, { value: 'незач', weight: 1 }], scale)).toBe('зач');
    expect(suggestFinal([{ value: 'незач', weight: 1 }], scale)).toBe('незач');
    expect(suggestFinal([], scale)).toBeNull();
    // Without «2» on the scale the lowest numeric mark is offered instead.
    expect(suggestFinal([{ value: '2', weight: 1 }], ['5', '4', '3'])).toBe('3');
  });
});

describe('the renderer\'s copy of the value rules', async () => {
  const ui = await import('../../renderer/screens/journal/values.js');
  it('reads every input the way the services do', () => {
    const inputs = ['5', ' 4 ', 'Зачёт', 'незачет', 'y', 'jg', 'оп 10', 'оп7', 'уч', 'ex', ',', 'н/а', 'н.а', 'н\\а', 'не зачтено', 'x', '', 'отл'];
    for (const raw of inputs) {
      expect(ui.normalizeValue(raw), raw).toBe(normalizeValue(raw));
      expect(ui.parseAttendance(raw), raw).toEqual(parseAttendance(raw));
    }
    const scale = parseScale('5,4,3,2,зач,незач');
    const sets = [[{ value: '5', weight: 1 }, { value: '2', weight: 2 }], [{ value: 'зач', weight: 1 }], [{ value: '3', weight: 1.5 }, { value: '4', weight: 1 }]];
    for (const marks of sets) {
      expect(ui.weightedAverage(marks)).toBe(weightedAverage(marks));
      expect(ui.suggestFinal(marks, scale)).toBe(suggestFinal(marks, scale));
    }
  });
});
