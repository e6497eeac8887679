// Reading remarks with everything a list shows: journal, group, subject, teacher, lesson, author.
import type { RemarkRow } from '../../api/contract.js';
import { notFound } from '../../api/errors.js';
import { daysBetween } from '../../domain/calendar.js';
import type { Db } from '../context.js';
import { fullName } from '../session.js';
import { withJournalNames } from '../journal-names.js';

export function remarkQuery(db: Db) {
  return db
    .selectFrom('remarks as r')
    .innerJoin('journals as j', 'j.id', 'r.journal_id')
    .$call(withJournalNames)
    .innerJoin('users as au', 'au.id', 'r.author_id')
    .leftJoin('users as an', 'an.id', 'r.answered_by')
    .leftJoin('departments as d', 'd.id', 'g.department_id')
    .leftJoin('lessons as l', 'l.id', 'r.lesson_id')
    .select([
      'r.id',
      'r.version',
      'r.journal_id',
      'r.lesson_id',
      'r.text',
      'r.due_on',
      'r.status',
      'r.answer',
      'r.answered_at',
      'r.decided_at',
      'r.auto',
      'r.auto_week',
      'r.created_at',
      'g.name as group_name',
      'sg.number as subgroup_no',
      's.name as subject_name',
      'j.teacher_user_id',
      't.last_name as t_last',
      't.first_name as t_first',
      't.middle_name as t_middle',
      'au.last_name as a_last',
      'au.first_name as a_first',
      'au.middle_name as a_middle',
      'an.last_name as n_last',
      'an.first_name as n_first',
      'an.middle_name as n_middle',
      'd.name as department_name',
      'l.date as lesson_date',
      'l.lesson_no',
      'g.year_id',
      'g.department_id',
    ]);
}

type Raw = Awaited<ReturnType<ReturnType<typeof remarkQuery>['execute']>>[number];

export function toRemarkRow(r: Raw, today: string): RemarkRow {
  const waiting = r.status === 'open' || r.status === 'reopened';
  const overdue = waiting && r.due_on < today;
  return {
    id: r.id,
    version: r.version,
    journalId: r.journal_id,
    groupName: r.subgroup_no ? `${r.group_name} (подгр. ${r.subgroup_no})` : r.group_name,
    subjectName: r.subject_name,
    teacherId: r.teacher_user_id,
    teacherName: fullName({ last_name: r.t_last, first_name: r.t_first, middle_name: r.t_middle }),
    departmentName: r.department_name ?? null,
    lessonId: r.lesson_id,
    lessonDate: r.lesson_date ?? null,
    lessonNo: r.lesson_no ?? null,
    authorName: fullName({ last_name: r.a_last, first_name: r.a_first, middle_name: r.a_middle }),
    text: r.text,
    dueOn: r.due_on,
    status: r.status,
    answer: r.answer,
    answeredAt: r.answered_at,
    answeredByName: r.n_last
      ? fullName({ last_name: r.n_last, first_name: r.n_first ?? '', middle_name: r.n_middle ?? null })
      : null,
    decidedAt: r.decided_at,
    auto: r.auto === 1,
    autoWeek: r.auto_week,
    createdAt: r.created_at,
    overdue,
    daysOverdue: overdue ? daysBetween(r.due_on, today) : 0,
  };
}

export async function loadRemarkRow(db: Db, id: number, today: string): Promise<RemarkRow> {
  const row = await remarkQuery(db).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Замечание');
  return toRemarkRow(row, today);
}
