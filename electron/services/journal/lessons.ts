// Lessons: entered on the day (or later, kept as a late entry with both dates), inside the year,
// never in the future, never more hours than the thematic plan allows without an approved
// correction; each with its default type of work so marks can be put at once.
import type { LessonInfo, Parsed } from '../../api/contract.js';
import { WORK_KINDS } from '../../domain/labels.js';
import { AppError, badInput, conflict, notFound } from '../../api/errors.js';
import type { LessonKind } from '../../../db/schema.js';
import { audit } from '../audit.js';
import { ruDate } from '../../domain/format-dates.js';
import type { AuthedContext, Db } from '../context.js';
import { planState } from './page-plan.js';
import { lessonsOf, withTaughtBy } from './page-rows.js';
import { teacherOfLesson } from './substitutes.js';
import { assertEditable, assertLessonDate, memberships, notOnRoster, writeScope, type WriteScope } from './scope.js';

/** The type of work a new lesson starts with, by its kind. */
const DEFAULT_WORK: Record<LessonKind, string> = {
  lecture: 'oral',
  practical: 'practical',
  lab: 'lab',
  test: 'test',
  excursion: 'oral',
  self_study: 'self',
};

export async function loadLesson(db: Db, lessonId: number): Promise<LessonInfo> {
  const l = await db
    .selectFrom('lessons as l')
    .innerJoin('journals as j', 'j.id', 'l.journal_id')
    .leftJoin('users as tb', 'tb.id', 'l.taught_by')
    .selectAll('l')
    .select([
      'j.teacher_user_id',
      'tb.last_name as tb_last',
      'tb.first_name as tb_first',
      'tb.middle_name as tb_middle',
    ])
    .where('l.id', '=', lessonId)
    .executeTakeFirst();
  if (!l) throw notFound('Занятие');
  const columns = await db
    .selectFrom('work_columns')
    .selectAll()
    .where('lesson_id', '=', lessonId)
    .orderBy('seq')
    .execute();
  const homework = await db
    .selectFrom('homework_individual')
    .select(['lesson_id', 'student_id', 'text'])
    .where('lesson_id', '=', lessonId)
    .orderBy('id')
    .execute();
  return lessonsOf(withTaughtBy([l], l.teacher_user_id), columns, homework)[0]!;
}

async function planTopic(db: Db, journalId: number, planTopicId: number | null | undefined) {
  if (!planTopicId) return null;
  const t = await db.selectFrom('plan_topics').selectAll().where('id', '=', planTopicId).executeTakeFirst();
  if (!t || t.journal_id !== journalId)
    throw badInput('Тема не из тематического плана этого журнала', { planTopicId: 'Не из этого плана' });
  return t;
}

/** More hours than the plan (with approved corrections) allows is refused (reports helper approves corrections). */
async function assertWithinPlan(db: Db, journalId: number, extraHours: number): Promise<void> {
  if (extraHours <= 0) return;
  const plan = await planState(db, journalId);
  if (plan.hoursPlanned === null) return;
  if (plan.hoursHeld + extraHours > plan.hoursPlanned) {
    throw badInput(
      `Часы сверх плана: по тематическому плану с утверждёнными корректировками ${plan.hoursPlanned} ч, ` +
        `проведено ${plan.hoursHeld} ч, ещё ${extraHours} ч превысят план. Нужна утверждённая корректировка плана`,
      { hours: 'Сверх плана' },
    );
  }
}

async function assertFreeSlot(
  db: Db,
  scope: WriteScope,
  date: string,
  lessonNo: number,
  except: number | null,
): Promise<void> {
  if (lessonNo > scope.lessonsPerDay) {
    throw badInput(
      `Номер занятия ${lessonNo}: в расписании организации не больше ${scope.lessonsPerDay} занятий в день`,
      { lessonNo: 'Слишком большой' },
    );
  }
  const taken = await db
    .selectFrom('lessons')
    .select(['id'])
    .where('journal_id', '=', scope.journal.id)
    .where('date', '=', date)
    .where('lesson_no', '=', lessonNo)
    .executeTakeFirst();
  if (taken && taken.id !== except) {
    throw conflict(`Занятие ${ruDate(date)}, ${lessonNo}-е по счёту, уже записано в журнале. Обновите страницу`, {
      lessonId: taken.id,
    });
  }
}

export async function create(ctx: AuthedContext, input: Parsed<'lessons.create'>): Promise<LessonInfo> {
  return ctx.db.transaction().execute(async (trx) => {
    const scope = await writeScope(ctx, trx, input.journalId);
    assertLessonDate(scope, input.date);
    const unlockId = assertEditable(scope, input.date, input.lessonNo);
    await assertFreeSlot(trx, scope, input.date, input.lessonNo, null);
    const topic = await planTopic(trx, scope.journal.id, input.planTopicId);
    let hours = input.hours ?? topic?.hours ?? null;
    if (hours === null) {
      const last = await trx
        .selectFrom('lessons')
        .select('hours')
        .where('journal_id', '=', scope.journal.id)
        .orderBy('date', 'desc')
        .executeTakeFirst();
      hours = last?.hours ?? (scope.kind === 'college' ? 2 : 1);
    }
    await assertWithinPlan(trx, scope.journal.id, hours);
    const kind = input.kind ?? topic?.lesson_kind ?? 'lecture';
    const now = ctx.clock.now().toISOString();
    const row = await trx
      .insertInto('lessons')
      .values({
        journal_id: scope.journal.id,
        date: input.date,
        lesson_no: input.lessonNo,
        hours,
        plan_topic_id: topic?.id ?? null,
        topic: input.topic || topic?.title || '',
        kind,
        homework: input.homework ?? null,
        entered_on: scope.today,
        attendance_taken: input.attendanceTaken ? 1 : 0,
        taught_by: await teacherOfLesson(trx, scope.journal, input.date, input.lessonNo),
        created_at: now,
        created_by: ctx.session.userId,
        updated_at: now,
        version: 1,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row)
      throw conflict(
        `Занятие ${ruDate(input.date)}, ${input.lessonNo}-е по счёту, уже записано в журнале. Обновите страницу`,
      );
    if (scope.marksEnabled) {
      const work = DEFAULT_WORK[kind];
      await trx
        .insertInto('work_columns')
        .values({
          lesson_id: row.id,
          seq: 1,
          kind: work,
          title: WORK_KINDS[work]!.title,
          weight: WORK_KINDS[work]!.weight,
          release_on: null,
          version: 1,
        })
        .execute();
    }
    const lesson = await loadLesson(trx, row.id);
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'lessons.create',
      entity: 'lessons',
      entityId: row.id,
      journalId: scope.journal.id,
      after: {
        date: lesson.date,
        lessonNo: lesson.lessonNo,
        hours,
        kind,
        topic: lesson.topic,
        homework: lesson.homework,
        enteredOn: lesson.enteredOn,
        late: lesson.late,
        unlockId,
      },
    });
    return lesson;
  });
}

async function lessonScope(ctx: AuthedContext, db: Db, lessonId: number) {
  const row = await db.selectFrom('lessons').selectAll().where('id', '=', lessonId).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Занятие не найдено: возможно, его удалили. Обновите страницу');
  const scope = await writeScope(ctx, db, row.journal_id);
  return { row, scope };
}

function assertVersion(row: { version: number }, seen: number, fresh: () => Promise<unknown>) {
  if (row.version === seen) return Promise.resolve();
  return fresh().then((details) => {
    throw conflict(
      'Занятие уже изменили в другом окне или другой пользователь. Ваши изменения не сохранены: проверьте и внесите ' +
        'снова',
      details,
    );
  });
}

export async function update(ctx: AuthedContext, input: Parsed<'lessons.update'>): Promise<LessonInfo> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, scope } = await lessonScope(ctx, trx, input.lessonId);
    await assertVersion(row, input.version, () => loadLesson(trx, row.id));
    const unlockId = assertEditable(scope, row.date, row.lesson_no);
    if (input.date !== row.date || input.lessonNo !== row.lesson_no) {
      assertLessonDate(scope, input.date);
      assertEditable(scope, input.date, input.lessonNo);
      await assertFreeSlot(trx, scope, input.date, input.lessonNo, row.id);
      if (input.date !== row.date) await assertRosterOnNewDate(trx, scope, row.id, input.date);
    }
    const topic = await planTopic(trx, scope.journal.id, input.planTopicId);
    await assertWithinPlan(trx, scope.journal.id, input.hours - row.hours);
    const res = await trx
      .updateTable('lessons')
      .set({
        date: input.date,
        lesson_no: input.lessonNo,
        hours: input.hours,
        kind: input.kind,
        plan_topic_id: topic?.id ?? null,
        topic: input.topic || topic?.title || '',
        homework: input.homework,
        ...(input.date !== row.date || input.lessonNo !== row.lesson_no
          ? { taught_by: await teacherOfLesson(trx, scope.journal, input.date, input.lessonNo) }
          : {}),
        updated_at: ctx.clock.now().toISOString(),
        version: row.version + 1,
        ...(input.attendanceTaken == null ? {} : { attendance_taken: input.attendanceTaken ? 1 : 0 }),
      })
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0)
      await assertVersion({ version: -1 }, input.version, () => loadLesson(trx, row.id));
    const lesson = await loadLesson(trx, row.id);
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'lessons.update',
      entity: 'lessons',
      entityId: row.id,
      journalId: scope.journal.id,
      before: {
        date: row.date,
        lessonNo: row.lesson_no,
        hours: row.hours,
        kind: row.kind,
        topic: row.topic,
        homework: row.homework,
        version: row.version,
      },
      after: {
        date: lesson.date,
        lessonNo: lesson.lessonNo,
        hours: lesson.hours,
        kind: lesson.kind,
        topic: lesson.topic,
        homework: lesson.homework,
        version: lesson.version,
        unlockId,
      },
    });
    return lesson;
  });
}

/** Moving a lesson must not leave marks or attendance on a student who was not in the group then. */
async function assertRosterOnNewDate(db: Db, scope: WriteScope, lessonId: number, date: string): Promise<void> {
  const marked = await db
    .selectFrom('marks as m')
    .innerJoin('work_columns as c', 'c.id', 'm.column_id')
    .select('m.student_id')
    .where('c.lesson_id', '=', lessonId)
    .union(db.selectFrom('attendance').select('student_id').where('lesson_id', '=', lessonId))
    .execute();
  const members = await memberships(
    db,
    scope,
    marked.map((m) => m.student_id),
  );
  for (const [, m] of members) {
    const why = notOnRoster(scope, m, date);
    if (why)
      throw badInput(
        `Нельзя перенести занятие на ${ruDate(date)}: у обучающегося есть отметки, а ` +
          `${why.charAt(0).toLowerCase()}${why.slice(1)}`.replace(/: отметка не ставится$/, ''),
      );
  }
}

export async function remove(ctx: AuthedContext, input: Parsed<'lessons.delete'>): Promise<null> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, scope } = await lessonScope(ctx, trx, input.lessonId);
    await assertVersion(row, input.version, () => loadLesson(trx, row.id));
    const unlockId = assertEditable(scope, row.date, row.lesson_no);
    const marks = await trx
      .selectFrom('marks as m')
      .innerJoin('work_columns as c', 'c.id', 'm.column_id')
      .select(['c.title', 'm.student_id', 'm.value'])
      .where('c.lesson_id', '=', row.id)
      .execute();
    const attendance = await trx
      .selectFrom('attendance')
      .select(['student_id', 'code'])
      .where('lesson_id', '=', row.id)
      .execute();
    const res = await trx
      .deleteFrom('lessons')
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0)
      await assertVersion({ version: -1 }, input.version, () => loadLesson(trx, row.id));
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'lessons.delete',
      entity: 'lessons',
      entityId: row.id,
      journalId: scope.journal.id,
      before: {
        date: row.date,
        lessonNo: row.lesson_no,
        hours: row.hours,
        topic: row.topic,
        homework: row.homework,
        marks,
        attendance,
      },
      after: { unlockId },
    });
    return null;
  });
}

export async function individualHomework(
  ctx: AuthedContext,
  input: Parsed<'lessons.individualHomework'>,
): Promise<LessonInfo> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, scope } = await lessonScope(ctx, trx, input.lessonId);
    const unlockId = assertEditable(scope, row.date, row.lesson_no);
    const m = (await memberships(trx, scope, [input.studentId])).get(input.studentId);
    const why = notOnRoster(scope, m, row.date);
    if (why) throw badInput(why.replace('отметка не ставится', 'задание не даётся'));
    const existing = await trx
      .selectFrom('homework_individual')
      .select(['id', 'text'])
      .where('lesson_id', '=', row.id)
      .where('student_id', '=', input.studentId)
      .executeTakeFirst();
    if (input.text === null) {
      if (existing) await trx.deleteFrom('homework_individual').where('id', '=', existing.id).execute();
    } else if (existing) {
      await trx.updateTable('homework_individual').set({ text: input.text }).where('id', '=', existing.id).execute();
    } else {
      await trx
        .insertInto('homework_individual')
        .values({ lesson_id: row.id, student_id: input.studentId, text: input.text })
        .execute();
    }
    if ((existing?.text ?? null) !== input.text) {
      await audit(trx, ctx.session, ctx.clock.now(), {
        action: 'lessons.individualHomework',
        entity: 'homework_individual',
        entityId: existing?.id ?? null,
        journalId: scope.journal.id,
        studentId: input.studentId,
        before: existing ? { text: existing.text } : undefined,
        after: { text: input.text, lessonId: row.id, unlockId },
      });
    }
    return loadLesson(trx, row.id);
  });
}
