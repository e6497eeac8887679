// What a save of grid cells checks its cells against, as reads sent with the journal's scope (scope.ts
// writeScopeWith): the cells' lessons with their type-of-work columns, the students' memberships, and the
// marks and attendance of those lessons as they are now.
import { sql, type Expression, type ExpressionBuilder } from 'kysely';
import type { Db } from '../context.js';
import { membershipRead } from './scope.js';

export function cellReads(
  db: Db,
  journalId: Expression<number>,
  columnIds: number[],
  attendanceLessonIds: number[],
  studentIds: number[],
) {
  // The cells' lessons: those of the mark cells' columns and the attendance cells' own.
  const ofCellLessons = (eb: ExpressionBuilder<any, any>, lessonId: string) =>
    eb.or([
      ...(columnIds.length > 0
        ? [eb(lessonId, 'in', db.selectFrom('work_columns').select('lesson_id').where('id', 'in', columnIds))]
        : []),
      ...(attendanceLessonIds.length > 0 ? [eb(lessonId, 'in', attendanceLessonIds)] : []),
    ]);
  return {
    // Each lesson once per mark cells' column in it (column_id null: an attendance cell's lesson alone).
    lessons: db
      .selectFrom('lessons as l')
      .leftJoin('work_columns as c', (join) =>
        join
          .onRef('c.lesson_id', '=', 'l.id')
          .on((eb) => eb.or(columnIds.length > 0 ? [eb('c.id', 'in', columnIds)] : [])),
      )
      .select(['l.id', 'l.journal_id', 'l.date', 'l.lesson_no', 'c.id as column_id'])
      .where((eb) => ofCellLessons(eb, 'l.id')),
    members: membershipRead(db, journalId, studentIds),
    // Marks under «m», attendance under «a» (its code in `value`, its reason in `comment`).
    cells: db
      .selectFrom('marks as m')
      .innerJoin('work_columns as c', 'c.id', 'm.column_id')
      .select([
        sql.lit('m').as('t'),
        'm.id',
        sql<number | null>`m.column_id`.as('column_id'),
        'c.lesson_id',
        'm.student_id',
        sql<string>`m.value`.as('value'),
        'm.comment',
        sql<number | null>`null`.as('late_minutes'),
        sql<number | null>`null`.as('reason_by'),
        sql<number | null>`null`.as('excuse_id'),
        'm.corrected_on',
        'm.updated_at',
        'm.version',
      ])
      .where((eb) => ofCellLessons(eb, 'c.lesson_id'))
      .where('m.student_id', 'in', studentIds)
      .unionAll(
        db
          .selectFrom('attendance as a')
          .select([
            sql.lit('a').as('t'),
            'a.id',
            sql<number | null>`null`.as('column_id'),
            'a.lesson_id',
            'a.student_id',
            sql<string>`a.code`.as('value'),
            'a.reason as comment',
            'a.late_minutes',
            'a.reason_by',
            'a.excuse_id',
            'a.corrected_on',
            'a.updated_at',
            'a.version',
          ])
          .where((eb) => ofCellLessons(eb, 'a.lesson_id'))
          .where('a.student_id', 'in', studentIds),
      ),
  };
}
