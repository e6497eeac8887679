// A week's dated changes over the weekly timetable (issue 14): the lessons of that week a change touches — cancelled,
// moved (at both places), given to a substitute, added — in the same view as the grid (a group, a teacher, a room)
// and within the caller's reach (a family: their own groups and subgroups).
import type { WeekChange } from '../../api/contract.js';
import { addDays, weekStart, weekday } from '../../domain/calendar.js';
import type { Db } from '../context.js';
import { journalsWithNames } from '../journal-names.js';
import { changeInfo, scheduledSlots } from '../schedule.js';
import { shortName } from '../session.js';

export interface WeekView {
  yearId: number;
  yearStart: string;
  weekOf: string;
  groupId?: number;
  teacherUserId?: number;
  room?: string;
  /** A family: only these groups' lessons (and of subgroups, only these). */
  family?: { groups: Set<number>; subgroups: Set<number> };
}

export async function weekChanges(
  db: Db,
  v: WeekView,
  roomKey: (room: string | null) => string | null,
): Promise<{ from: string; to: string; changes: WeekChange[] }> {
  const from = weekStart(v.weekOf);
  const to = addDays(from, 6);
  const slots = (
    await scheduledSlots(db, {
      yearId: v.yearId,
      yearStart: v.yearStart,
      from,
      to,
      withOff: true,
      ...(v.teacherUserId !== undefined ? { teacherId: v.teacherUserId } : {}),
    })
  ).filter((s) => s.change);
  const ids = [...new Set(slots.map((s) => s.journalId))];
  const journals = new Map(
    (ids.length === 0
      ? []
      : await journalsWithNames(db)
          .select([
            'j.id',
            'j.group_id',
            'j.subgroup_id',
            'g.name as group_name',
            's.name as subject_name',
            'sg.number as sg_number',
            't.last_name',
            't.first_name',
            't.middle_name',
          ])
          .where('j.id', 'in', ids)
          .execute()
    ).map((j) => [j.id, j]),
  );
  const changes: WeekChange[] = [];
  for (const s of slots) {
    const j = journals.get(s.journalId);
    if (!j) continue;
    if (v.groupId !== undefined && j.group_id !== v.groupId) continue;
    if (v.room !== undefined && v.room !== '' && roomKey(s.room) !== roomKey(v.room)) continue;
    if (
      v.family &&
      !(v.family.groups.has(j.group_id) && (j.subgroup_id === null || v.family.subgroups.has(j.subgroup_id)))
    )
      continue;
    changes.push({
      date: s.date,
      weekday: weekday(s.date),
      lessonNo: s.lessonNo,
      journalId: s.journalId,
      groupName: j.sg_number ? `${j.group_name}/${j.sg_number}` : j.group_name,
      subjectName: j.subject_name,
      teacherName: shortName(j),
      room: s.room,
      change: changeInfo(s.change!),
      off: s.off === true,
    });
  }
  return { from, to, changes };
}
