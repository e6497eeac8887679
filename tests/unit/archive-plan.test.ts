// When a year's archive is due and what the schedule does, for any day: pure rules.
import { describe, expect, it } from 'vitest';
import {
  dueOn,
  planSchedule,
  yearState,
  type PlanArchive,
  type PlanYear,
} from '../../electron/services/archive/plan.js';

const closed: PlanYear = { id: 1, title: '2025/2026', endsOn: '2026-08-31', status: 'closed' };
const open: PlanYear = { id: 2, title: '2026/2027', endsOn: '2027-08-31', status: 'open' };
const store: PlanArchive = {
  yearId: 1,
  target: 'store',
  path: '/data/archive/2025-2026/Журнал_2025-2026_X',
  verifyOk: true,
};
const stick: PlanArchive = {
  yearId: 1,
  target: 'removable',
  path: '/media/sec/USB/Журнал_2025-2026_X',
  verifyOk: true,
};

describe('the due date', () => {
  it('is the first MM-DD after the year’s last day', () => {
    expect(dueOn('2026-08-31', '09-05')).toBe('2026-09-05');
    expect(dueOn('2026-08-31', '08-31')).toBe('2027-08-31'); // the last day itself is not «after»
    expect(dueOn('2026-06-30', '07-01')).toBe('2026-07-01');
    expect(dueOn('2026-08-31', '01-15')).toBe('2027-01-15');
  });
  it('turns 29 February into the 28th in a common year', () => {
    expect(dueOn('2026-08-31', '02-29')).toBe('2027-02-28');
    expect(dueOn('2027-08-31', '02-29')).toBe('2028-02-29');
  });
});

describe('a year’s state', () => {
  it('is not due before the date, due on it, done with a verified store copy and a verified transfer', () => {
    expect(yearState(closed, [], '2026-09-04', '09-05')).toBe('not_due');
    expect(yearState(closed, [], '2026-09-05', '09-05')).toBe('due');
    expect(yearState(closed, [store], '2026-09-05', '09-05')).toBe('due');
    expect(yearState(closed, [store, stick], '2026-09-05', '09-05')).toBe('done');
    expect(yearState(closed, [store, { ...stick, verifyOk: false }], '2026-09-05', '09-05')).toBe('due');
  });
  it('waits for the administrator when the year ended but is still open', () => {
    expect(yearState(open, [], '2027-09-10', '09-05')).toBe('waiting_close');
  });
});

describe('the schedule', () => {
  const base = { today: '2026-09-06', years: [closed, open], archives: [] as PlanArchive[], targetPresent: true };
  it('does nothing when off', () => {
    expect(
      planSchedule({ ...base, schedule: { dueDate: '09-05', mode: 'off', targetFolder: '/media/sec/USB' } }),
    ).toEqual({ remind: [], archive: null });
  });
  it('only reminds in reminder mode', () => {
    const plan = planSchedule({
      ...base,
      schedule: { dueDate: '09-05', mode: 'remind', targetFolder: '/media/sec/USB' },
    });
    expect(plan.remind.map((r) => r.title)).toEqual(['2025/2026']);
    expect(plan.archive).toBeNull();
  });
  it('archives to the store and the present folder in automatic mode', () => {
    const plan = planSchedule({
      ...base,
      schedule: { dueDate: '09-05', mode: 'auto', targetFolder: '/media/sec/USB' },
    });
    expect(plan.archive).toEqual({ yearId: 1, title: '2025/2026', toStore: true, copyTo: '/media/sec/USB' });
  });
  it('leaves the copy for later when the stick is absent, and copies when it is back', () => {
    const schedule = { dueDate: '09-05', mode: 'auto' as const, targetFolder: '/media/sec/USB' };
    expect(planSchedule({ ...base, archives: [store], targetPresent: false, schedule }).archive).toBeNull();
    expect(planSchedule({ ...base, archives: [store], targetPresent: true, schedule }).archive).toEqual({
      yearId: 1,
      title: '2025/2026',
      toStore: false,
      copyTo: '/media/sec/USB',
    });
    expect(planSchedule({ ...base, archives: [store, stick], targetPresent: true, schedule })).toEqual({
      remind: [],
      archive: null,
    });
  });
  it('does not copy twice to the same folder but does to a new one', () => {
    const schedule = { dueDate: '09-05', mode: 'auto' as const, targetFolder: '/media/sec/USB/' };
    const copied = { ...stick, target: 'folder', verifyOk: false };
    // A failed copy in the folder is not «copied»: the next check tries again.
    expect(planSchedule({ ...base, archives: [store, copied], schedule }).archive?.copyTo).toBe('/media/sec/USB/');
    expect(planSchedule({ ...base, archives: [store, { ...copied, verifyOk: true }], schedule }).archive).toBeNull();
  });
});
