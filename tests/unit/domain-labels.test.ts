// The words for the domain's codes: every code has one, and the printed spellings stay as they were.
import { describe, expect, it } from 'vitest';
import { ATTENDANCE_CODES, LESSON_KINDS, REMARK_STATUSES, ROLES, YEAR_STATUSES } from '../../electron/domain/enums.js';
import {
  ATTENDANCE_LABELS,
  LESSON_KIND_NAMES,
  LESSON_KIND_SHORT,
  LESSON_KIND_TITLES,
  REMARK_STATUS_LABELS,
  ROLE_LABELS,
  WORK_KINDS,
  YEAR_STATUS_LABELS,
} from '../../electron/domain/labels.js';

describe('labels', () => {
  it('names every code', () => {
    for (const r of ROLES) expect(ROLE_LABELS[r]).toBeTruthy();
    for (const s of YEAR_STATUSES) expect(YEAR_STATUS_LABELS[s]).toBeTruthy();
    for (const s of REMARK_STATUSES) expect(REMARK_STATUS_LABELS[s]).toBeTruthy();
    for (const c of ATTENDANCE_CODES) expect(ATTENDANCE_LABELS[c]).toBeTruthy();
    for (const k of LESSON_KINDS) {
      expect([LESSON_KIND_TITLES[k], LESSON_KIND_NAMES[k], LESSON_KIND_SHORT[k]].every(Boolean)).toBe(true);
    }
  });

  it('keeps the three spellings of a lesson kind: the panel, the printed page, the plan column', () => {
    expect([LESSON_KIND_TITLES.lab, LESSON_KIND_NAMES.lab, LESSON_KIND_SHORT.lab]).toEqual([
      'Лабораторное занятие',
      'лабораторная работа',
      'лабораторная',
    ]);
  });

  it('gives a test twice the weight of an oral answer by default', () => {
    expect(WORK_KINDS.oral).toEqual({ title: 'Устный ответ', short: 'УО', weight: 1 });
    expect(WORK_KINDS.test?.weight).toBe(2);
    expect(ROLE_LABELS.dept_head).toBe('Заведующий отделением');
    expect(YEAR_STATUS_LABELS.archived).toBe('в архиве');
  });
});
