// What a save of grid cells checks its cells against, as reads sent with the journal's scope (scope.ts
// writeScopeWith): the cells' lessons with their type-of-work columns, the students' memberships, and the
// marks and attendance of those lessons as they are now. Compiled once per shape — how the journal is named
// and how many columns, lessons and students the cells have (params c0…, a0…, s0…) — and kept for the next
// save of the same shape: one cell is always the same few.
import { sql, type Expression, type ExpressionBuilder, type Kysely } from 'kysely';
import { param, prepare, type Call } from '../../../db/prepared.js';
import type { Database } from '../../../db/schema.js';
import { journalIdSql, membershipRead, type RefKind } from './scope.js';

/** Shapes kept at most; past it, they are compiled again as they come (pastes of many sizes). */
const SHAPES_KEPT = 200;
const shapes = new Map<string, ReturnType<typeof compile>>();

/** The reads of these cells, with their values (the journal's «ref» comes from writeScopeWith). */
export function cellReads(kind: RefKind, columnIds: number[], attendanceLessonIds: number[], studentIds: number[]) {
  const key = `${kind}:${columnIds.length}:${attendanceLessonIds.length}:${studentIds.length}`;
  let q = shapes.get(key);
  if (!q) {
    if (shapes.size >= SHAPES_KEPT) shapes.clear();
    q = compile(kind, columnIds.length, attendanceLessonIds.length, studentIds.length);
    shapes.set(key, q);
  }
  const values: Record<string, number> = {};
  columnIds.forEach((id, i) => (values[`c${i}`] = id));
  attendanceLessonIds.forEach((id, i) => (values[`a${i}`] = id));
  studentIds.forEach((id, i) => (values[`s${i}`] = id));
  return [
    [q.lessons, values],
    [q.members, values],
    [q.cells, values],
  ] as const satisfies ReadonlyArray<Call>;
}

const params = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => param<number>(`${prefix}${i}`));

function compile(kind: RefKind, columns: number, lessons: number, students: number) {
  const reads = (db: Kysely<Database>) =>
    readsOf(db, journalIdSql(db, kind), params('c', columns), params('a', lessons), params('s', students));
  return {
    lessons: prepare((db) => reads(db).lessons),
    members: prepare((db) => reads(db).members),
    cells: prepare((db) => reads(db).cells),
  };
}

function readsOf(
  db: Kysely<Database>,
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
