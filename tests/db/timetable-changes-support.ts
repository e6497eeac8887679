// Set-up of the timetable change tests: the demo college with the deputy's and the administrator's
// clients, the journals' teachers and groups, and look-ups of the dated slots.
import { expect } from 'vitest';
import type { TimetableChangeInfo } from '../../electron/api/contract.js';
import { scheduledSlots, type Slot } from '../../electron/services/schedule.js';
import type { DbKind } from '../support/databases.js';
import type { TestClient } from '../support/harness.js';
import { journalWorld, type JournalWorld } from './journal-support.js';

export const NEXT_WEEK = { from: '2026-11-30', to: '2026-12-04' };

type SlotOptions = { teacherId?: number; journalIds?: number[]; withOff?: boolean };

export interface ChangesWorld {
  w: JournalWorld;
  deputy: TestClient;
  admin: TestClient;
  year: { id: number; starts_on: string };
  /** Journal → its teacher, its group. */
  teachers: Map<number, number>;
  groups: Map<number, number>;
  slots(from: string, to: string, extra?: SlotOptions): Promise<Slot[]>;
  /** A slot of the journal in the range that no change touches yet. */
  slotOf(journalId: number, range?: { from: string; to: string }, skip?: number): Promise<Slot>;
  /** A lesson number on that date where the journal's group and teacher are free. */
  freeLessonNo(journalId: number, date: string): Promise<number>;
  catalogueVersion(): Promise<number>;
  /** timetableChanges.create with the optional fields empty unless given. */
  create(input: Record<string, unknown>, as?: TestClient): Promise<TimetableChangeInfo>;
}

export async function changesWorld(kind: DbKind): Promise<ChangesWorld> {
  const w = await journalWorld(kind);
  const deputy = await w.as('deputy');
  const admin = await w.as('admin');
  const year = await w.handle.db
    .selectFrom('academic_years')
    .select(['id', 'starts_on'])
    .where('id', '=', w.fx.currentYearId)
    .executeTakeFirstOrThrow();
  const journals = await w.handle.db.selectFrom('journals').select(['id', 'teacher_user_id', 'group_id']).execute();
  const teachers = new Map(journals.map((j) => [j.id, j.teacher_user_id]));
  const groups = new Map(journals.map((j) => [j.id, j.group_id]));
  const slots = (from: string, to: string, extra: SlotOptions = {}) =>
    scheduledSlots(w.handle.db, { yearId: year.id, yearStart: year.starts_on, from, to, ...extra });
  return {
    w,
    deputy,
    admin,
    year,
    teachers,
    groups,
    slots,
    async slotOf(journalId, range = NEXT_WEEK, skip = 0) {
      const list = (await slots(range.from, range.to, { journalIds: [journalId] })).filter((s) => !s.change);
      expect(list.length).toBeGreaterThan(skip);
      return list[skip]!;
    },
    async freeLessonNo(journalId, date) {
      const day = await slots(date, date);
      for (let n = 1; n <= 8; n++) {
        const busy = day.some(
          (s) =>
            s.lessonNo === n &&
            (s.groupId === groups.get(journalId) || teachers.get(s.journalId) === teachers.get(journalId)),
        );
        if (!busy) return n;
      }
      throw new Error('no free lesson number');
    },
    async catalogueVersion() {
      const row = await w.handle.db.selectFrom('catalogue_version').select('version').executeTakeFirstOrThrow();
      return Number(row.version);
    },
    create: (input, as = deputy) =>
      as.call('timetableChanges.create', {
        room: null,
        reason: null,
        newDate: null,
        newLessonNo: null,
        substituteUserId: null,
        ...input,
      } as never),
  };
}
