// A practice journal's details (issue 15, part 5): учебная or производственная, the place, the dates, the
// supervisors from the college and from the employer; per student the аттестационный лист — their place when it
// differs, the hours, the works done, the characteristic — beside the practice's final mark from the journal.
import type { Parsed, PracticeInfo } from '../../api/contract.js';
import { AppError, badInput, forbidden } from '../../api/errors.js';
import { practiceKindOf } from '../../domain/results.js';
import { audit } from '../audit.js';
import type { AuthedContext, Db } from '../context.js';
import { finalKey, finalsOf, publicHead, sheetStudents, type HeadRow } from './data.js';
import { canKeepSheet, readableHead } from './record-sheet.js';

/**
 * The practice journal's head (its year's last period stands for the period): the caller must read the journal
 * (and, to write, keep it) before being told it is not a practice's.
 */
export async function practiceHead(
  ctx: AuthedContext,
  journalId: number,
  write = false,
): Promise<HeadRow & { code: string | null }> {
  const j = await ctx.db
    .selectFrom('journals as j')
    .innerJoin('subjects as s', 's.id', 'j.subject_id')
    .select(['j.year_id', 's.kind', 's.code'])
    .where('j.id', '=', journalId)
    .executeTakeFirst();
  const last = j
    ? await ctx.db
        .selectFrom('periods')
        .select('id')
        .where('year_id', '=', j.year_id)
        .orderBy('seq', 'desc')
        .executeTakeFirst()
    : undefined;
  const head = await readableHead(ctx, journalId, last?.id ?? 0);
  if (write && !canKeepSheet(ctx.session, head))
    throw forbidden('Недостаточно прав: сведения о практике ведут её руководитель, заведующий отделением, заместитель');
  if (j?.kind !== 'practice') throw badInput('Это не журнал практики: сведения о практике ведутся в её журнале');
  return { ...head, code: j?.code ?? null };
}

/** The day the lists are taken: today, within the year. */
export function yearDay(head: Pick<HeadRow, 'yearEnd'>, today: string): string {
  return today < head.yearEnd ? today : head.yearEnd;
}

/** A student's final mark of a journal: the year's, else the latest period's of any kind. */
export async function lastFinals(
  db: Db,
  journalIds: number[],
): Promise<(journalId: number, studentId: number) => string | null> {
  const finals = await finalsOf(db, journalIds, ['year', 'period', 'exam', 'credit']);
  const periods = await db.selectFrom('periods').select(['id', 'seq']).execute();
  const seq = new Map(periods.map((p) => [p.id, p.seq]));
  return (journalId, studentId) => {
    const year = finals.get(finalKey(journalId, studentId, 'year', null));
    if (year) return year;
    let best: { seq: number; value: string } | null = null;
    for (const [key, value] of finals) {
      const [j, s, kind, p] = key.split('|');
      if (Number(j) !== journalId || Number(s) !== studentId || kind === 'year') continue;
      const n = seq.get(Number(p)) ?? 0;
      // Of one period, the exam or credit outranks the period's mark.
      const rank = n * 2 + (kind === 'period' ? 0 : 1);
      if (!best || rank > best.seq) best = { seq: rank, value };
    }
    return best?.value ?? null;
  };
}

export async function get(ctx: AuthedContext, input: Parsed<'practice.get'>): Promise<PracticeInfo> {
  const head = await practiceHead(ctx, input.journalId);
  return practiceInfo(ctx, head);
}

async function practiceInfo(ctx: AuthedContext, head: HeadRow & { code: string | null }): Promise<PracticeInfo> {
  const details = await ctx.db
    .selectFrom('practice_details')
    .selectAll()
    .where('journal_id', '=', head.journalId)
    .executeTakeFirst();
  const sheets = await ctx.db
    .selectFrom('practice_students')
    .selectAll()
    .where('journal_id', '=', head.journalId)
    .execute();
  const students = await sheetStudents(ctx.db, head, yearDay(head, ctx.clock.today()));
  const mark = await lastFinals(ctx.db, [head.journalId]);
  const { periodId: _p, periodTitle: _t, ...pub } = publicHead(head);
  return {
    head: pub,
    kind: details?.kind ?? practiceKindOf(head.code),
    place: details?.place ?? '',
    startsOn: details?.starts_on ?? null,
    endsOn: details?.ends_on ?? null,
    collegeSupervisor: details?.college_supervisor ?? head.teacherName,
    employerSupervisor: details?.employer_supervisor ?? '',
    version: details?.version ?? null,
    students: students.map((s) => {
      const sheet = sheets.find((x) => x.student_id === s.studentId);
      return {
        studentId: s.studentId,
        name: s.name,
        place: sheet?.place ?? null,
        hours: sheet?.hours ?? null,
        works: sheet?.works ?? '',
        characteristic: sheet?.characteristic ?? '',
        mark: mark(head.journalId, s.studentId),
      };
    }),
    canEdit: head.yearOpen && canKeepSheet(ctx.session, head),
  };
}

export async function save(ctx: AuthedContext, input: Parsed<'practice.save'>): Promise<PracticeInfo> {
  const head = await practiceHead(ctx, input.journalId, true);
  if (!head.yearOpen) throw new AppError('locked', 'Учебный год закрыт: сведения о практике только для просмотра');
  if (input.startsOn && input.endsOn && input.startsOn > input.endsOn)
    throw badInput('Практика не может окончиться раньше, чем началась', { endsOn: 'Раньше начала' });
  const before = await practiceInfo(ctx, head);
  if (before.version !== input.version)
    throw new AppError('conflict', 'Сведения о практике уже изменил другой пользователь. Обновите их');
  const listed = new Set(before.students.map((s) => s.studentId));
  if (input.students.some((s) => !listed.has(s.studentId)))
    throw badInput('Обучающийся не в списке практики: он не числится в группе');
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const values = {
      kind: input.kind,
      place: input.place,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      college_supervisor: input.collegeSupervisor,
      employer_supervisor: input.employerSupervisor ?? '',
      updated_at: now,
      updated_by: ctx.session.userId,
    };
    const written =
      input.version === null
        ? await trx
            .insertInto('practice_details')
            .values({ journal_id: head.journalId, ...values, version: 1 })
            .onConflict((oc) => oc.doNothing())
            .returning('version')
            .executeTakeFirst()
        : await trx
            .updateTable('practice_details')
            .set({ ...values, version: input.version + 1 })
            .where('journal_id', '=', head.journalId)
            .where('version', '=', input.version)
            .returning('version')
            .executeTakeFirst();
    if (!written) throw new AppError('conflict', 'Сведения о практике только что изменил другой пользователь');
    for (const s of input.students) {
      await trx
        .deleteFrom('practice_students')
        .where('journal_id', '=', head.journalId)
        .where('student_id', '=', s.studentId)
        .execute();
      if (s.place || s.hours !== null || s.works.trim() || s.characteristic.trim())
        await trx
          .insertInto('practice_students')
          .values({
            journal_id: head.journalId,
            student_id: s.studentId,
            place: s.place,
            hours: s.hours,
            works: s.works.trim(),
            characteristic: s.characteristic.trim(),
            updated_at: now,
          })
          .execute();
    }
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'practice.save',
      entity: 'practice_details',
      entityId: head.journalId,
      journalId: head.journalId,
      before: before.version === null ? undefined : { place: before.place, startsOn: before.startsOn },
      after: { ...values, students: input.students.length },
    });
  });
  return practiceInfo(ctx, head);
}
