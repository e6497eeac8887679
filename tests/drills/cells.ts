// Mark cells the demo teacher may write: columns of their journal's lessons in the open period,
// crossed with the students on the roster that day.
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface DrillCell {
  columnId: number;
  studentId: number;
  version: number | null;
}
export const VALUES = ['5', '4', '3', '2'] as const;
/** Iteration k writes VALUES[k % 4] into cells[k % n]. */
export const valueAt = (k: number) => VALUES[k % VALUES.length]!;

export async function writableCells(
  db: Kysely<Database>,
  teacherLogin: string,
  today: string,
  limit: number,
): Promise<DrillCell[]> {
  const teacher = await db.selectFrom('users').select('id').where('login', '=', teacherLogin).executeTakeFirstOrThrow();
  const period = await db
    .selectFrom('periods')
    .select(['starts_on', 'ends_on'])
    .where('starts_on', '<=', today)
    .where('ends_on', '>=', today)
    .where('locked', '=', 0)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('work_columns as c')
    .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
    .innerJoin('journals as j', 'j.id', 'l.journal_id')
    .innerJoin('enrolments as e', 'e.group_id', 'j.group_id')
    .leftJoin('marks as m', (join) => join.onRef('m.column_id', '=', 'c.id').onRef('m.student_id', '=', 'e.student_id'))
    // A student marked absent gets no mark on that lesson: leave those cells out.
    .leftJoin('attendance as a', (join) =>
      join.onRef('a.lesson_id', '=', 'l.id').onRef('a.student_id', '=', 'e.student_id'),
    )
    .where('a.id', 'is', null)
    .select(['c.id as columnId', 'e.student_id as studentId', 'm.version'])
    .where('j.teacher_user_id', '=', teacher.id)
    .where('j.subgroup_id', 'is', null)
    .where('l.date', '>=', period.starts_on)
    .where('l.date', '<', today)
    .whereRef('e.from_date', '<=', 'l.date')
    .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', eb.ref('l.date'))]))
    .orderBy('c.id')
    .orderBy('e.student_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ columnId: r.columnId, studentId: r.studentId, version: r.version ?? null }));
}

export function writeCellsFile(file: string, cells: DrillCell[]): void {
  fs.writeFileSync(file, JSON.stringify(cells));
}

export interface Ack {
  k: number;
  cell: number;
  value: string;
  version: number;
}

export function parseAcks(output: string): Ack[] {
  return output
    .split('\n')
    .filter((l) => l.startsWith('ACK '))
    .map((l) => {
      const [, k, cell, value, version] = l.split(' ');
      return { k: Number(k), cell: Number(cell), value: value!, version: Number(version) };
    });
}
