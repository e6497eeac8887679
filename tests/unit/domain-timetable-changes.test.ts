// How a dated timetable change reads on the week's timetable.
import { describe, expect, it } from 'vitest';
import { slotChangeDetails, slotChangeText } from '../../electron/domain/timetable-changes.js';

const none = { reason: null, substituteName: null, from: null, to: null };

describe('slotChangeText', () => {
  it('names the kind and what the change says', () => {
    expect(slotChangeText({ ...none, kind: 'cancel', reason: 'болезнь' })).toBe('отмена: болезнь');
    expect(slotChangeText({ ...none, kind: 'cancel' })).toBe('отмена');
    expect(slotChangeText({ ...none, kind: 'move', to: { date: '2026-12-03', lessonNo: 2 } })).toBe(
      'перенос на 03.12.2026, 2-е занятие',
    );
    expect(slotChangeText({ ...none, kind: 'move', from: { date: '2026-12-01', lessonNo: 1 }, reason: 'ремонт' })).toBe(
      'перенос с 01.12.2026, 1-е занятие (ремонт)',
    );
    expect(slotChangeText({ ...none, kind: 'substitute', substituteName: 'Петров П. П.', reason: 'курсы' })).toBe(
      'замена: Петров П. П. (курсы)',
    );
    expect(slotChangeText({ ...none, kind: 'extra' })).toBe('дополнительное занятие');
    expect(slotChangeDetails({ ...none, kind: 'extra', reason: 'консультация' })).toBe('консультация');
  });
});
