// Types of work on a lesson (003 §3.7: «указывать виды работ на учебном занятии»): each a column of
// marks with a weight for the average and an optional date before which families do not see them.
import type { Parsed, WorkColumnInfo } from '../../api/contract.js';
import { WORK_KINDS } from '../../domain/labels.js';
import { AppError, badInput, conflict } from '../../api/errors.js';
import { audit } from '../audit.js';
import type { AuthedContext, Db } from '../context.js';
import { assertEditable, writeScope } from './scope.js';

const MAX_COLUMNS = 5;

function info(c: {
  id: number;
  seq: number;
  kind: string;
  title: string;
  weight: number;
  release_on: string | null;
  version: number;
}): WorkColumnInfo {
  return {
    id: c.id,
    seq: c.seq,
    kind: c.kind,
    title: c.title,
    weight: Number(c.weight),
    releaseOn: c.release_on,
    version: c.version,
  };
}

async function lessonOf(ctx: AuthedContext, db: Db, lessonId: number) {
  const lesson = await db
    .selectFrom('lessons')
    .select(['id', 'journal_id', 'date', 'lesson_no'])
    .where('id', '=', lessonId)
    .executeTakeFirst();
  if (!lesson) throw new AppError('not_found', 'Занятие не найдено: возможно, его удалили. Обновите страницу');
  const scope = await writeScope(ctx, db, lesson.journal_id);
  if (!scope.marksEnabled) throw badInput('В этом журнале отметки не ведутся: виды работ не нужны');
  const unlockId = assertEditable(scope, lesson.date, lesson.lesson_no);
  return { lesson, scope, unlockId };
}

async function columnOf(ctx: AuthedContext, db: Db, columnId: number, version: number) {
  const column = await db.selectFrom('work_columns').selectAll().where('id', '=', columnId).executeTakeFirst();
  if (!column) throw new AppError('not_found', 'Вид работы не найден: возможно, его удалили. Обновите страницу');
  const found = await lessonOf(ctx, db, column.lesson_id);
  if (column.version !== version)
    throw conflict('Вид работы уже изменили в другом окне. Обновите страницу', info(column));
  return { column, ...found };
}

export async function add(ctx: AuthedContext, input: Parsed<'columns.add'>): Promise<WorkColumnInfo> {
  return ctx.db.transaction().execute(async (trx) => {
    const { lesson, scope, unlockId } = await lessonOf(ctx, trx, input.lessonId);
    const existing = await trx.selectFrom('work_columns').select(['seq']).where('lesson_id', '=', lesson.id).execute();
    if (existing.length >= MAX_COLUMNS) throw badInput(`На занятии не больше ${MAX_COLUMNS} видов работ`);
    const kind = WORK_KINDS[input.kind]!;
    const row = await trx
      .insertInto('work_columns')
      .values({
        lesson_id: lesson.id,
        seq: Math.max(0, ...existing.map((c) => c.seq)) + 1,
        kind: input.kind,
        title: input.title ?? kind.title,
        weight: input.weight ?? kind.weight,
        release_on: input.releaseOn ?? null,
        version: 1,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'columns.add',
      entity: 'work_columns',
      entityId: row.id,
      journalId: scope.journal.id,
      after: {
        lessonId: lesson.id,
        date: lesson.date,
        kind: row.kind,
        title: row.title,
        weight: Number(row.weight),
        releaseOn: row.release_on,
        unlockId,
      },
    });
    return info(row);
  });
}

export async function update(ctx: AuthedContext, input: Parsed<'columns.update'>): Promise<WorkColumnInfo> {
  return ctx.db.transaction().execute(async (trx) => {
    const { column, lesson, scope, unlockId } = await columnOf(ctx, trx, input.columnId, input.version);
    const row = await trx
      .updateTable('work_columns')
      .set({
        kind: input.kind,
        title: input.title,
        weight: input.weight,
        release_on: input.releaseOn,
        version: column.version + 1,
      })
      .where('id', '=', column.id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw conflict('Вид работы уже изменили в другом окне. Обновите страницу');
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'columns.update',
      entity: 'work_columns',
      entityId: row.id,
      journalId: scope.journal.id,
      before: { kind: column.kind, title: column.title, weight: Number(column.weight), releaseOn: column.release_on },
      after: {
        lessonId: lesson.id,
        kind: row.kind,
        title: row.title,
        weight: Number(row.weight),
        releaseOn: row.release_on,
        unlockId,
      },
    });
    return info(row);
  });
}

export async function remove(ctx: AuthedContext, input: Parsed<'columns.remove'>): Promise<null> {
  return ctx.db.transaction().execute(async (trx) => {
    const { column, lesson, scope, unlockId } = await columnOf(ctx, trx, input.columnId, input.version);
    const marks = await trx
      .selectFrom('marks')
      .select(['student_id', 'value'])
      .where('column_id', '=', column.id)
      .execute();
    const res = await trx
      .deleteFrom('work_columns')
      .where('id', '=', column.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw conflict('Вид работы уже изменили в другом окне. Обновите страницу');
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'columns.remove',
      entity: 'work_columns',
      entityId: column.id,
      journalId: scope.journal.id,
      before: { lessonId: lesson.id, date: lesson.date, title: column.title, weight: Number(column.weight), marks },
      after: { unlockId },
    });
    return null;
  });
}
