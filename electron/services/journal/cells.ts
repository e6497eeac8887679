// Saving grid cells — marks and attendance — one or a pasted block, in one transaction: every cell
// is checked (scale, roster on the lesson's date, closed period, absent students, the version the
// user saw) and if any is wrong nothing is written and each error is reported by cell.
import type { AttendanceCell, CellErrors, MarkCell, Parsed, SavedCell } from '../../api/contract.js';
import { AppError, forbidden } from '../../api/errors.js';
import { sql, type QueryCreator } from 'kysely';
import type { AttendanceCode, Database } from '../../../db/schema.js';
import { audit, auditValues, type AuditRecord } from '../audit.js';
import { ruDate } from '../../domain/format-dates.js';
import type { AuthedContext, Db } from '../context.js';
import { shortName } from '../session.js';
import { attendanceMessage, normalizeValue, parseAttendance, scaleMessage } from '../../domain/scale.js';
import { assertEditable, memberships, notOnRoster, writeScope, type JournalRef, type WriteScope } from './scope.js';

type CellIn = Parsed<'journal.saveCells'>['cells'][number];
type MarkRow = {
  id: number;
  column_id: number;
  lesson_id: number;
  student_id: number;
  value: string;
  comment: string | null;
  version: number;
};
type AttRow = {
  id: number;
  lesson_id: number;
  student_id: number;
  code: AttendanceCode;
  late_minutes: number | null;
  reason: string | null;
  reason_by: number | null;
  excuse_id: number | null;
  version: number;
};
type CellError = { index: number; code: 'bad_request' | 'conflict' | 'locked'; message: string; fresh?: SavedCell };

const ABSENT: readonly string[] = ['н', 'у', 'б'];

export async function saveCells(ctx: AuthedContext, input: Parsed<'journal.saveCells'>): Promise<SavedCell[]> {
  return ctx.db.transaction().execute((trx) => applyCells(ctx, trx, input.journalId, input.cells));
}

export async function setMark(ctx: AuthedContext, input: Parsed<'marks.set'>): Promise<SavedCell> {
  // The journal is found through the column in the scope's first query (a missing column: «not found»).
  const [saved] = await ctx.db
    .transaction()
    .execute((trx) => applyCells(ctx, trx, { columnId: input.columnId }, [{ kind: 'mark', ...input }]));
  return saved!;
}

export async function setAttendance(ctx: AuthedContext, input: Parsed<'attendance.set'>): Promise<SavedCell> {
  const lesson = await ctx.db
    .selectFrom('lessons')
    .select('journal_id')
    .where('id', '=', input.lessonId)
    .executeTakeFirst();
  if (!lesson) throw new AppError('not_found', 'Занятие не найдено: возможно, его удалили. Обновите страницу');
  const [saved] = await ctx.db
    .transaction()
    .execute((trx) => applyCells(ctx, trx, lesson.journal_id, [{ kind: 'attendance', ...input }]));
  return saved!;
}

export async function applyCells(ctx: AuthedContext, db: Db, ref: JournalRef, cells: CellIn[]): Promise<SavedCell[]> {
  const scope = await writeScope(ctx, db, ref);
  const journalId = scope.journal.id;
  const columnIds = [...new Set(cells.flatMap((c) => (c.kind === 'mark' ? [c.columnId] : [])))];
  // The columns with their lessons in one query; the lessons of attendance cells only when there are some.
  const columns =
    columnIds.length === 0
      ? []
      : await db
          .selectFrom('work_columns as c')
          .innerJoin('lessons as l', 'l.id', 'c.lesson_id')
          .select(['c.id', 'c.lesson_id', 'l.journal_id', 'l.date'])
          .where('c.id', 'in', columnIds)
          .execute();
  const columnById = new Map(columns.map((c) => [c.id, c]));
  const lessonById = new Map(
    columns.map((c) => [c.lesson_id, { id: c.lesson_id, journal_id: c.journal_id, date: c.date }]),
  );
  const more = [
    ...new Set(cells.flatMap((c) => (c.kind === 'attendance' && !lessonById.has(c.lessonId) ? [c.lessonId] : []))),
  ];
  if (more.length > 0) {
    for (const l of await db
      .selectFrom('lessons')
      .select(['id', 'journal_id', 'date'])
      .where('id', 'in', more)
      .execute())
      lessonById.set(l.id, l);
  }
  const lessons = [...lessonById.values()];
  const lessonIds = [...lessonById.keys()];
  if (lessons.some((l) => l.journal_id !== journalId)) throw forbidden('Недостаточно прав: занятие из другого журнала');
  const studentIds = [...new Set(cells.map((c) => c.studentId))];
  const members = await memberships(db, scope, studentIds);

  const marks = new Map<string, MarkRow>();
  const attendance = new Map<string, AttRow>();
  if (lessonIds.length > 0) {
    // The cells' marks and attendance as they are now, in one query: marks under «m», attendance
    // under «a» (its code in `value`, its reason in `comment`).
    const rows = await db
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
        'm.version',
      ])
      .where('c.lesson_id', 'in', lessonIds)
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
            'a.version',
          ])
          .where('a.lesson_id', 'in', lessonIds)
          .where('a.student_id', 'in', studentIds),
      )
      .execute();
    for (const r of rows) {
      if (r.t === 'm') {
        marks.set(`${r.column_id}|${r.student_id}`, {
          id: r.id,
          column_id: r.column_id!,
          lesson_id: r.lesson_id,
          student_id: r.student_id,
          value: r.value,
          comment: r.comment,
          version: r.version,
        });
      } else {
        attendance.set(`${r.lesson_id}|${r.student_id}`, {
          id: r.id,
          lesson_id: r.lesson_id,
          student_id: r.student_id,
          code: r.value as AttendanceCode,
          late_minutes: r.late_minutes,
          reason: r.comment,
          reason_by: r.reason_by,
          excuse_id: r.excuse_id,
          version: r.version,
        });
      }
    }
  }
  const excuses = await confirmedExcuses(db, cells, lessonById, studentIds);

  const now = ctx.clock.now().toISOString();
  const errors: CellError[] = [];
  const saved: SavedCell[] = [];
  const seen = new Set<string>();
  for (const [index, cell] of cells.entries()) {
    const key = cell.kind === 'mark' ? `m${cell.columnId}|${cell.studentId}` : `a${cell.lessonId}|${cell.studentId}`;
    if (seen.has(key)) {
      errors.push({ index, code: 'bad_request', message: 'Одна и та же ячейка указана дважды' });
      continue;
    }
    seen.add(key);
    const lessonId = cell.kind === 'mark' ? columnById.get(cell.columnId)?.lesson_id : cell.lessonId;
    const lesson = lessonId === undefined ? undefined : lessonById.get(lessonId);
    if (!lesson) {
      errors.push({
        index,
        code: 'conflict',
        message:
          cell.kind === 'mark'
            ? 'Вид работы удалён другим пользователем. Обновите страницу'
            : 'Занятие удалено. Обновите страницу',
      });
      continue;
    }
    let unlockId: number | null;
    try {
      unlockId = assertEditable(scope, lesson.date);
    } catch (e) {
      errors.push({ index, code: 'locked', message: (e as Error).message });
      continue;
    }
    const m = members.get(cell.studentId);
    const why = notOnRoster(scope, m, lesson.date);
    if (why) {
      errors.push({ index, code: 'bad_request', message: why });
      continue;
    }
    const name = m!.name;
    const ctxCell = { db, ctx, scope, now, unlockId, name, date: lesson.date, lessonId: lesson.id };
    const result =
      cell.kind === 'mark'
        ? await saveMark(ctxCell, cell, marks, attendance)
        : await saveAttendance(ctxCell, cell, marks, attendance, excuses);
    if ('error' in result) errors.push({ index, ...result.error });
    else saved.push(result.saved);
  }
  if (errors.length > 0) throw cellErrors(errors, cells.length);
  // Marking attendance is taking the roll call (reports tell «nobody absent» from «not checked» by it).
  const rolled = [...new Set(cells.flatMap((c) => (c.kind === 'attendance' ? [c.lessonId] : [])))];
  if (rolled.length > 0) {
    await db
      .updateTable('lessons')
      .set({ attendance_taken: 1 })
      .where('id', 'in', rolled)
      .where('attendance_taken', '=', 0)
      .execute();
  }
  return saved;
}

interface CellCtx {
  db: Db;
  ctx: AuthedContext;
  scope: WriteScope;
  now: string;
  unlockId: number | null;
  name: string;
  date: string;
  lessonId: number;
}
type Outcome = { saved: SavedCell } | { error: Omit<CellError, 'index'> };

async function saveMark(
  c: CellCtx,
  cell: Extract<CellIn, { kind: 'mark' }>,
  marks: Map<string, MarkRow>,
  attendance: Map<string, AttRow>,
): Promise<Outcome> {
  const { db, scope, now } = c;
  const key = `${cell.columnId}|${cell.studentId}`;
  const existing = marks.get(key);
  const address = { kind: 'mark' as const, columnId: cell.columnId, studentId: cell.studentId };
  if (!scope.marksEnabled)
    return {
      error: { code: 'bad_request', message: 'Отметки в организации не ведутся: журнал только для посещаемости' },
    };
  let value: string | null = null;
  if (cell.value !== null && cell.value.trim() !== '') {
    value = normalizeValue(cell.value);
    if (!scope.scale.includes(value))
      return { error: { code: 'bad_request', message: scaleMessage(cell.value, scope.scale) } };
    const absent = attendance.get(`${c.lessonId}|${cell.studentId}`);
    if (absent && ABSENT.includes(absent.code)) {
      return {
        error: {
          code: 'bad_request',
          message: `${c.name} отсутствовал(а) на занятии ${ruDate(c.date)} («${absent.code}»): отметка не ставится. Сначала снимите отметку об отсутствии`,
        },
      };
    }
  }
  const comment = cell.comment === undefined ? (existing?.comment ?? null) : cell.comment?.trim() || null;
  const stale = staleVersion(existing, cell.version);
  if (stale) return { error: await conflictOf(c, address, stale) };
  if (value === null) {
    if (!existing) return { saved: { ...address, cell: null } };
    const res = await db
      .deleteFrom('marks')
      .where('id', '=', existing.id)
      .where('version', '=', existing.version)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) return { error: await conflictOf(c, address, 'changed') };
    marks.delete(key);
    await audit(db, c.ctx.session, c.ctx.clock.now(), {
      action: 'marks.delete',
      entity: 'marks',
      entityId: existing.id,
      journalId: scope.journal.id,
      studentId: cell.studentId,
      before: { value: existing.value, version: existing.version },
      after: { date: c.date, columnId: cell.columnId, unlockId: c.unlockId },
    });
    return { saved: { ...address, cell: null } };
  }
  if (existing && existing.value === value && existing.comment === comment) {
    return {
      saved: {
        ...address,
        cell: { columnId: cell.columnId, studentId: cell.studentId, value, version: existing.version },
      },
    };
  }
  const version = existing ? existing.version + 1 : 1;
  const record = (id: number | null): AuditRecord => ({
    action: 'marks.set',
    entity: 'marks',
    entityId: id,
    journalId: scope.journal.id,
    studentId: cell.studentId,
    before: existing ? { value: existing.value, version: existing.version } : undefined,
    after: { value, comment, version, date: c.date, columnId: cell.columnId, unlockId: c.unlockId },
  });
  const write = (q: QueryCreator<Database>) =>
    existing
      ? q
          .updateTable('marks')
          .set({ value, comment, updated_at: now, updated_by: c.ctx.session.userId, version })
          .where('id', '=', existing.id)
          .where('version', '=', existing.version)
          .returning(['id', 'version'])
      : q
          .insertInto('marks')
          .values({
            column_id: cell.columnId,
            student_id: cell.studentId,
            value,
            comment,
            updated_at: now,
            updated_by: c.ctx.session.userId,
            version,
          })
          .onConflict((oc) => oc.columns(['column_id', 'student_id']).doNothing())
          .returning(['id', 'version']);
  let row: { id: number; version: number } | undefined;
  if (c.ctx.dialect === 'postgres') {
    // The write and its audit row in one statement: the audit row is inserted only when the write returned a row.
    const a = auditValues(c.ctx.session, c.ctx.clock.now(), record(null));
    const text = (v: string | null) => sql<string | null>`cast(${v} as text)`;
    const int = (v: number | null) => sql<number | null>`cast(${v} as integer)`;
    const logged = await db
      .with('w', (q) => write(q))
      .insertInto('audit_log')
      .columns([
        'at',
        'user_id',
        'login',
        'action',
        'entity',
        'entity_id',
        'journal_id',
        'student_id',
        'before',
        'after',
      ])
      .expression((eb) =>
        eb
          .selectFrom('w')
          .select([
            text(a.at).as('at'),
            int(a.user_id).as('user_id'),
            text(a.login).as('login'),
            text(a.action).as('action'),
            text(a.entity).as('entity'),
            sql<string>`cast(w.id as text)`.as('entity_id'),
            int(a.journal_id).as('journal_id'),
            int(a.student_id).as('student_id'),
            text(a.before).as('before'),
            text(a.after).as('after'),
          ]),
      )
      .returning('entity_id')
      .executeTakeFirst();
    row = logged ? { id: Number(logged.entity_id), version } : undefined;
    if (!row) return { error: await conflictOf(c, address, 'changed') };
  } else {
    row = await write(db).executeTakeFirst();
    if (!row) return { error: await conflictOf(c, address, 'changed') };
    await audit(db, c.ctx.session, c.ctx.clock.now(), record(row.id));
  }
  marks.set(key, {
    id: row.id,
    column_id: cell.columnId,
    lesson_id: c.lessonId,
    student_id: cell.studentId,
    value,
    comment,
    version: row.version,
  });
  return {
    saved: { ...address, cell: { columnId: cell.columnId, studentId: cell.studentId, value, version: row.version } },
  };
}

interface Excuse {
  id: number;
  student_id: number;
  from_date: string;
  to_date: string;
  kind: string;
  text: string;
  submitted_by: number;
}

async function confirmedExcuses(
  db: Db,
  cells: CellIn[],
  lessons: Map<number, { date: string }>,
  studentIds: number[],
): Promise<Excuse[]> {
  const dates = cells
    .flatMap((c) =>
      c.kind === 'attendance' && c.code !== null && lessons.has(c.lessonId) ? [lessons.get(c.lessonId)!.date] : [],
    )
    .sort();
  if (dates.length === 0) return [];
  return db
    .selectFrom('absence_excuses')
    .select(['id', 'student_id', 'from_date', 'to_date', 'kind', 'text', 'submitted_by'])
    .where('student_id', 'in', studentIds)
    .where('status', '=', 'confirmed')
    .where('from_date', '<=', dates.at(-1)!)
    .where('to_date', '>=', dates[0]!)
    .execute();
}

async function saveAttendance(
  c: CellCtx,
  cell: Extract<CellIn, { kind: 'attendance' }>,
  marks: Map<string, MarkRow>,
  attendance: Map<string, AttRow>,
  excuses: Excuse[],
): Promise<Outcome> {
  const { db, scope, now } = c;
  const key = `${cell.lessonId}|${cell.studentId}`;
  const existing = attendance.get(key);
  const address = { kind: 'attendance' as const, lessonId: cell.lessonId, studentId: cell.studentId };
  let code: AttendanceCode | null = null;
  let lateMinutes: number | null = null;
  let reason: string | null = cell.reason === undefined ? (existing?.reason ?? null) : cell.reason?.trim() || null;
  let reasonBy: number | null =
    reason === null ? null : cell.reason === undefined ? (existing?.reason_by ?? null) : c.ctx.session.userId;
  let excuseId: number | null = existing?.excuse_id ?? null;
  if (cell.code !== null && cell.code.trim() !== '') {
    const parsed = parseAttendance(cell.code);
    if (!parsed) return { error: { code: 'bad_request', message: attendanceMessage(cell.code) } };
    code = parsed.code;
    if (code === 'оп') {
      lateMinutes = parsed.lateMinutes ?? cell.lateMinutes ?? null;
      if (lateMinutes !== null && (lateMinutes < 1 || lateMinutes > 240)) {
        return { error: { code: 'bad_request', message: `Опоздание: от 1 до 240 минут, указано ${lateMinutes}` } };
      }
    }
    if (ABSENT.includes(code)) {
      const marked = [...marks.values()].find((m) => m.lesson_id === c.lessonId && m.student_id === cell.studentId);
      if (marked) {
        return {
          error: {
            code: 'bad_request',
            message: `${c.name}: за занятие ${ruDate(c.date)} уже стоит отметка «${marked.value}». Сначала удалите отметку, затем отметьте отсутствие`,
          },
        };
      }
    }
    // A confirmed note or certificate covering the day excuses the absence at once (003 §3.5).
    const excuse =
      code === 'н'
        ? excuses.find((e) => e.student_id === cell.studentId && e.from_date <= c.date && c.date <= e.to_date)
        : undefined;
    if (excuse) {
      code = excuse.kind === 'medical' ? 'б' : 'у';
      excuseId = excuse.id;
      reason ??= excuse.text.slice(0, 200);
      reasonBy ??= excuse.submitted_by;
    }
    if (!ABSENT.includes(code)) excuseId = null;
  }
  const stale = staleVersion(existing, cell.version);
  if (stale) return { error: await conflictOf(c, address, stale) };
  if (code === null) {
    if (!existing) return { saved: { ...address, cell: null } };
    const res = await db
      .deleteFrom('attendance')
      .where('id', '=', existing.id)
      .where('version', '=', existing.version)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) return { error: await conflictOf(c, address, 'changed') };
    attendance.delete(key);
    await audit(db, c.ctx.session, c.ctx.clock.now(), {
      action: 'attendance.delete',
      entity: 'attendance',
      entityId: existing.id,
      journalId: scope.journal.id,
      studentId: cell.studentId,
      before: { code: existing.code, version: existing.version },
      after: { date: c.date, lessonId: cell.lessonId, unlockId: c.unlockId },
    });
    return { saved: { ...address, cell: null } };
  }
  const unchanged =
    existing && existing.code === code && existing.late_minutes === lateMinutes && existing.reason === reason;
  if (unchanged) return { saved: { ...address, cell: attendanceCell(existing) } };
  const values = {
    code,
    late_minutes: lateMinutes,
    reason,
    reason_by: reasonBy,
    excuse_id: excuseId,
    updated_at: now,
    updated_by: c.ctx.session.userId,
  };
  let row: { id: number; version: number } | undefined;
  if (existing) {
    row = await db
      .updateTable('attendance')
      .set({ ...values, version: existing.version + 1 })
      .where('id', '=', existing.id)
      .where('version', '=', existing.version)
      .returning(['id', 'version'])
      .executeTakeFirst();
  } else {
    row = await db
      .insertInto('attendance')
      .values({ lesson_id: cell.lessonId, student_id: cell.studentId, ...values, version: 1 })
      .onConflict((oc) => oc.columns(['lesson_id', 'student_id']).doNothing())
      .returning(['id', 'version'])
      .executeTakeFirst();
  }
  if (!row) return { error: await conflictOf(c, address, 'changed') };
  const fresh: AttRow = {
    id: row.id,
    lesson_id: cell.lessonId,
    student_id: cell.studentId,
    code,
    late_minutes: lateMinutes,
    reason,
    reason_by: reasonBy,
    excuse_id: excuseId,
    version: row.version,
  };
  attendance.set(key, fresh);
  await audit(db, c.ctx.session, c.ctx.clock.now(), {
    action: 'attendance.set',
    entity: 'attendance',
    entityId: row.id,
    journalId: scope.journal.id,
    studentId: cell.studentId,
    before: existing
      ? { code: existing.code, lateMinutes: existing.late_minutes, reason: existing.reason, version: existing.version }
      : undefined,
    after: {
      code,
      lateMinutes,
      reason,
      excuseId,
      version: row.version,
      date: c.date,
      lessonId: cell.lessonId,
      unlockId: c.unlockId,
    },
  });
  return { saved: { ...address, cell: attendanceCell(fresh) } };
}

function attendanceCell(a: AttRow): AttendanceCell {
  return {
    lessonId: a.lesson_id,
    studentId: a.student_id,
    code: a.code,
    lateMinutes: a.late_minutes,
    reason: a.reason,
    excuseId: a.excuse_id,
    version: a.version,
  };
}

/** The user's view of the cell is out of date: it was filled, changed or cleared meanwhile. */
function staleVersion(existing: { version: number } | undefined, seen: number | null): 'changed' | null {
  if (seen === null) return existing ? 'changed' : null;
  return !existing || existing.version !== seen ? 'changed' : null;
}

type Address =
  { kind: 'mark'; columnId: number; studentId: number } | { kind: 'attendance'; lessonId: number; studentId: number };

/** Re-read the cell as it is now and word the conflict: who changed it, when, and to what. */
async function conflictOf(c: CellCtx, address: Address, _why: 'changed'): Promise<Omit<CellError, 'index'>> {
  const { db } = c;
  let fresh: SavedCell;
  let shown: string;
  let by: { updated_by: number; updated_at: string } | undefined;
  if (address.kind === 'mark') {
    const row = await db
      .selectFrom('marks')
      .select(['value', 'version', 'updated_by', 'updated_at'])
      .where('column_id', '=', address.columnId)
      .where('student_id', '=', address.studentId)
      .executeTakeFirst();
    const cell: MarkCell | null = row
      ? { columnId: address.columnId, studentId: address.studentId, value: row.value, version: row.version }
      : null;
    fresh = { ...address, cell };
    shown = row ? `«${row.value}»` : 'пусто';
    by = row;
  } else {
    const row = await db
      .selectFrom('attendance')
      .select([
        'id',
        'lesson_id',
        'student_id',
        'code',
        'late_minutes',
        'reason',
        'reason_by',
        'excuse_id',
        'version',
        'updated_by',
        'updated_at',
      ])
      .where('lesson_id', '=', address.lessonId)
      .where('student_id', '=', address.studentId)
      .executeTakeFirst();
    fresh = { ...address, cell: row ? attendanceCell(row) : null };
    shown = row ? `«${row.code}»` : 'отметки о посещаемости нет';
    by = row;
  }
  let who = '';
  if (by) {
    const u = await db
      .selectFrom('users')
      .select(['last_name', 'first_name', 'middle_name'])
      .where('id', '=', by.updated_by)
      .executeTakeFirst();
    const at = new Date(by.updated_at);
    const time = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
    who = ` (${u ? shortName(u) : 'другой пользователь'}, ${time})`;
  }
  const what = address.kind === 'mark' ? 'Отметку' : 'Посещаемость';
  return {
    code: 'conflict',
    fresh,
    message: `${c.name}, ${ruDate(c.date)}: ${what.toLowerCase()} уже изменили в другом окне или другой пользователь — сейчас ${shown}${who}. Ваше изменение не сохранено: проверьте и введите снова`,
  };
}

function cellErrors(errors: CellError[], total: number): AppError {
  const details: CellErrors = {
    errors: errors.map((e) => ({ index: e.index, message: e.message })),
    fresh: errors.flatMap((e) => (e.fresh ? [e.fresh] : [])),
  };
  const code = errors.some((e) => e.code === 'conflict')
    ? 'conflict'
    : errors.some((e) => e.code === 'locked')
      ? 'locked'
      : 'bad_request';
  const fields = Object.fromEntries(errors.map((e) => [String(e.index), e.message]));
  const message =
    total === 1
      ? errors[0]!.message
      : `Ничего не сохранено: ошибок ${errors.length} из ${total}. Первая: ${errors[0]!.message}`;
  return new AppError(code, message, fields, details);
}
