// The journal page's reads of the journal and the range (page.ts loadPage): the roster, lessons, types of
// work, marks, attendance, individual homework, the other subgroups' journals and the timetable's slots.
// Compiled once (db/prepared.ts): on PostgreSQL one prepared statement, one round trip; on SQLite kept
// statements run in turn. The values come when they run: journalId, groupId, subgroupId, yearId,
// subjectId, from, to (the range) and slotsTo (the range up to today).
import type { Kysely } from 'kysely';
import { param, prepare } from '../../../db/prepared.js';
import type { Database } from '../../../db/schema.js';
import type { AttendanceCell, MarkCell } from '../../api/contract.js';
import { slotReads } from '../schedule.js';
import type { ColumnRow } from './page-rows.js';

export const pageReads = (() => {
  const journalId = () => param<number>('journalId');
  const from = () => param<string>('from');
  const to = () => param<string>('to');
  const inRange = <Q extends { where: (...args: any[]) => Q }>(q: Q): Q =>
    q.where('l.journal_id', '=', journalId()).where('l.date', '>=', from()).where('l.date', '<=', to());
  // Everyone enrolled at any time in the range (in the subgroup when the journal is a subgroup's).
  const enrolled = (db: Kysely<Database>) =>
    db
      .selectFrom('enrolments as e')
      .innerJoin('students as s', 's.id', 'e.student_id')
      .select(['s.id', 's.last_name', 's.first_name', 's.middle_name', 'e.from_date', 'e.until_date'])
      .where('e.group_id', '=', param<number>('groupId'))
      .where('e.from_date', '<=', to())
      .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', from())]))
      .orderBy('s.last_name')
      .orderBy('s.first_name')
      .orderBy('s.middle_name')
      .orderBy('e.from_date');
  const slots = (db: Kysely<Database>) =>
    slotReads(db, {
      yearId: param<number>('yearId'),
      yearStart: '',
      from: from(),
      to: param<string>('slotsTo'),
      journalIds: [journalId()],
    });
  return {
    enrolments: prepare((db) => enrolled(db)),
    subgroupEnrolments: prepare((db) =>
      enrolled(db).where('e.student_id', 'in', (eb) =>
        eb.selectFrom('subgroup_students').select('student_id').where('subgroup_id', '=', param<number>('subgroupId')),
      ),
    ),
    lessons: prepare((db) =>
      db
        .selectFrom('lessons as l')
        .leftJoin('users as tb', 'tb.id', 'l.taught_by')
        .select([
          'l.id',
          'l.date',
          'l.lesson_no',
          'l.hours',
          'l.kind',
          'l.plan_topic_id',
          'l.topic',
          'l.homework',
          'l.entered_on',
          'l.attendance_taken',
          'l.version',
          'l.taught_by',
          'tb.last_name as tb_last',
          'tb.first_name as tb_first',
          'tb.middle_name as tb_middle',
        ])
        .where('l.journal_id', '=', journalId())
        .where('l.date', '>=', from())
        .where('l.date', '<=', to())
        .orderBy('l.date')
        .orderBy('l.lesson_no'),
    ),
    columns: prepare<ColumnRow>((db) =>
      inRange(
        db
          .selectFrom('work_columns as c')
          .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
          .select(['c.id', 'c.lesson_id', 'c.seq', 'c.kind', 'c.title', 'c.weight', 'c.release_on', 'c.version']),
      ).orderBy('c.seq'),
    ),
    // Selected under the output's own names: no second object per mark.
    marks: prepare<MarkCell>((db) =>
      inRange(
        db
          .selectFrom('marks as m')
          .innerJoin('work_columns as c', 'c.id', 'm.column_id')
          .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
          .select([
            'm.column_id as columnId',
            'm.student_id as studentId',
            'm.value',
            'm.corrected_on as correctedOn',
            'm.version',
          ]),
      ),
    ),
    attendance: prepare<AttendanceCell>((db) =>
      inRange(
        db
          .selectFrom('attendance as a')
          .innerJoin('lessons as l', 'l.id', 'a.lesson_id')
          .select([
            'a.lesson_id as lessonId',
            'a.student_id as studentId',
            'a.code',
            'a.late_minutes as lateMinutes',
            'a.reason',
            'a.excuse_id as excuseId',
            'a.corrected_on as correctedOn',
            'a.version',
          ]),
      ),
    ),
    homework: prepare<{ lesson_id: number; student_id: number; text: string }>((db) =>
      inRange(
        db
          .selectFrom('homework_individual as h')
          .innerJoin('lessons as l', 'l.id', 'h.lesson_id')
          .select(['h.lesson_id', 'h.student_id', 'h.text']),
      ),
    ),
    siblings: prepare((db) =>
      db
        .selectFrom('journals')
        .select('id')
        .where('year_id', '=', param<number>('yearId'))
        .where('group_id', '=', param<number>('groupId'))
        .where('subject_id', '=', param<number>('subjectId'))
        .where('id', '!=', journalId())
        .orderBy('id'),
    ),
    entries: prepare((db) => slots(db).entries),
    holidays: prepare((db) => slots(db).holidays),
    changes: prepare((db) => slots(db).changes),
  };
})();
