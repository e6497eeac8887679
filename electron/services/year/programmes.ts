// The «дополнительная общеразвивающая программа» (issue 13). A programme is a subject of kind `programme`
// with a passport row in `programmes` and its own thematic plan in `programme_topics`. Subjects outlive
// years, so a programme stays when the year is carried forward.
//
// The plan design: the programme holds the plan as the centre approved it; each journal keeps its own
// working plan in `plan_topics` (lessons link to those topics, the teacher may adapt them). A journal of the
// programme whose plan is empty gets the programme's plan — when the programme is saved, when the load is
// assigned and when the load is carried into a new year; a plan already typed in is never overwritten.
import type { LessonKind, ProgrammeFocus } from '../../../db/schema.js';
import type { Parsed, ProgrammeBrief, ProgrammeInfo, ProgrammeSaved } from '../../api/contract.js';
import { badInput, notFound } from '../../api/errors.js';
import { audit } from '../audit.js';
import type { AuthedContext, Db } from '../context.js';
import { cleanName, versionConflict } from './common.js';
import { subjectProblems } from './subjects.js';

/** Every subject of kind programme, with its passport when filled in and the year's объединения that study it. */
export async function describeProgrammes(db: Db, yearId?: number, only?: number): Promise<ProgrammeInfo[]> {
  let q = db
    .selectFrom('subjects as s')
    .leftJoin('programmes as p', 'p.subject_id', 's.id')
    .select([
      's.id as subject_id',
      's.name',
      'p.id as programme_id',
      'p.focus',
      'p.hours_per_year',
      'p.years',
      'p.age_from',
      'p.age_to',
      'p.version',
    ])
    .where('s.kind', '=', 'programme');
  if (only !== undefined) q = q.where('s.id', '=', only);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const programmeIds = rows.map((r) => r.programme_id).filter((x): x is number => x !== null);
  const topics =
    programmeIds.length === 0
      ? []
      : await db
          .selectFrom('programme_topics')
          .selectAll()
          .where('programme_id', 'in', programmeIds)
          .orderBy('programme_id')
          .orderBy('seq')
          .execute();
  let groupsQ = db
    .selectFrom('groups as g')
    .innerJoin('academic_years as y', 'y.id', 'g.year_id')
    .select(['g.id', 'g.name', 'g.year_id', 'g.programme_subject_id'])
    .where(
      'g.programme_subject_id',
      'in',
      rows.map((r) => r.subject_id),
    )
    .orderBy('g.name');
  groupsQ = yearId !== undefined ? groupsQ.where('g.year_id', '=', yearId) : groupsQ.where('y.status', '=', 'open');
  const groups = await groupsQ.execute();
  return rows
    .map((r) => {
      const mine = topics.filter((t) => t.programme_id === r.programme_id);
      return {
        subjectId: r.subject_id,
        name: r.name,
        programmeId: r.programme_id,
        focus: (r.focus as ProgrammeFocus | null) ?? null,
        hoursPerYear: r.hours_per_year,
        years: r.years,
        ageFrom: r.age_from,
        ageTo: r.age_to,
        version: r.version,
        topics: mine.map((t) => ({
          id: t.id,
          seq: t.seq,
          section: t.section,
          title: t.title,
          hours: t.hours,
          lessonKind: t.lesson_kind,
        })),
        topicHours: mine.reduce((s, t) => s + t.hours, 0),
        groups: groups
          .filter((g) => g.programme_subject_id === r.subject_id)
          .map((g) => ({ id: g.id, name: g.name, yearId: g.year_id })),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}

/** The programmes of these subjects, by subject id, for the screens that show a group. */
export async function programmeBriefs(db: Db, subjectIds: number[]): Promise<Map<number, ProgrammeBrief>> {
  const out = new Map<number, ProgrammeBrief>();
  if (subjectIds.length === 0) return out;
  const rows = await db
    .selectFrom('subjects as s')
    .leftJoin('programmes as p', 'p.subject_id', 's.id')
    .select(['s.id', 's.name', 'p.focus', 'p.hours_per_year', 'p.years', 'p.age_from', 'p.age_to'])
    .where('s.id', 'in', [...new Set(subjectIds)])
    .execute();
  for (const r of rows)
    out.set(r.id, {
      subjectId: r.id,
      name: r.name,
      focus: (r.focus as ProgrammeFocus | null) ?? null,
      hoursPerYear: r.hours_per_year,
      years: r.years,
      ageFrom: r.age_from,
      ageTo: r.age_to,
    });
  return out;
}

export async function listProgrammes(ctx: AuthedContext, input: Parsed<'programmes.list'>): Promise<ProgrammeInfo[]> {
  return describeProgrammes(ctx.db, input.yearId);
}

/**
 * Fills the empty plans of these journals from their subject's programme plan; returns how many were filled.
 * Journals of a closed year, of a subject without a programme plan, or with a plan already, are left alone.
 */
export async function fillPlansFromProgramme(trx: Db, journalIds: number[]): Promise<number> {
  if (journalIds.length === 0) return 0;
  const journals = await trx
    .selectFrom('journals as j')
    .innerJoin('academic_years as y', 'y.id', 'j.year_id')
    .innerJoin('programmes as p', 'p.subject_id', 'j.subject_id')
    .select(['j.id', 'j.version', 'p.id as programme_id'])
    .where('j.id', 'in', journalIds)
    .where('y.status', '=', 'open')
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('plan_topics as t').select('t.id').whereRef('t.journal_id', '=', 'j.id'))),
    )
    .execute();
  let filled = 0;
  for (const j of journals) {
    const topics = await trx
      .selectFrom('programme_topics')
      .selectAll()
      .where('programme_id', '=', j.programme_id)
      .orderBy('seq')
      .execute();
    if (topics.length === 0) continue;
    await trx
      .insertInto('plan_topics')
      .values(
        topics.map((t) => ({
          journal_id: j.id,
          seq: t.seq,
          section: t.section,
          title: t.title,
          hours: t.hours,
          lesson_kind: t.lesson_kind,
          homework: null,
        })),
      )
      .execute();
    await trx
      .updateTable('journals')
      .set({ version: j.version + 1 })
      .where('id', '=', j.id)
      .execute();
    filled++;
  }
  return filled;
}

export async function saveProgramme(ctx: AuthedContext, input: Parsed<'programmes.save'>): Promise<ProgrammeSaved> {
  const name = cleanName(input.name);
  if (input.ageFrom > input.ageTo)
    throw badInput(`Возраст «от» (${input.ageFrom}) больше возраста «до» (${input.ageTo})`, {
      ageTo: 'Меньше возраста «от»',
    });
  const subject =
    input.subjectId === undefined
      ? null
      : await ctx.db.selectFrom('subjects').selectAll().where('id', '=', input.subjectId).executeTakeFirst();
  if (input.subjectId !== undefined && !subject) throw notFound('Программа');
  if (subject && subject.kind !== 'programme')
    throw badInput(`«${subject.name}» — не программа дополнительного образования`, { subjectId: 'Не программа' });
  const problems = await subjectProblems(
    ctx.db,
    { code: subject?.code ?? null, name, kind: 'programme', parentId: null },
    subject?.id ?? null,
  );
  if (problems.length > 0)
    throw badInput(
      problems.map((p) => p.message).join('; '),
      Object.fromEntries(problems.map((p) => [p.field, p.message])),
    );
  const before = subject ? (await describeProgrammes(ctx.db, undefined, subject.id))[0]! : null;
  if (before?.programmeId != null && input.version !== before.version) throw versionConflict('Программу', before);
  const passport = {
    focus: input.focus,
    hours_per_year: input.hoursPerYear,
    years: input.years,
    age_from: input.ageFrom,
    age_to: input.ageTo,
  };
  const { subjectId, filled } = await ctx.db.transaction().execute(async (trx) => {
    let subjectId: number;
    if (subject) {
      subjectId = subject.id;
      if (subject.name !== name) await trx.updateTable('subjects').set({ name }).where('id', '=', subjectId).execute();
    } else {
      const row = await trx
        .insertInto('subjects')
        .values({ code: null, name, kind: 'programme', parent_id: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      subjectId = row.id;
    }
    let programmeId: number;
    if (before?.programmeId != null) {
      programmeId = before.programmeId;
      const res = await trx
        .updateTable('programmes')
        .set({ ...passport, version: before.version! + 1 })
        .where('id', '=', programmeId)
        .where('version', '=', before.version!)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw versionConflict('Программу', before);
      await trx.deleteFrom('programme_topics').where('programme_id', '=', programmeId).execute();
    } else {
      const row = await trx
        .insertInto('programmes')
        .values({ subject_id: subjectId, ...passport })
        .returning('id')
        .executeTakeFirstOrThrow();
      programmeId = row.id;
    }
    const topics = input.topics.map((t, i) => ({
      programme_id: programmeId,
      seq: i + 1,
      section: t.section,
      title: t.title,
      hours: t.hours,
      lesson_kind: t.lessonKind as LessonKind,
    }));
    for (let i = 0; i < topics.length; i += 200)
      await trx
        .insertInto('programme_topics')
        .values(topics.slice(i, i + 200))
        .execute();
    const journals = await trx.selectFrom('journals').select('id').where('subject_id', '=', subjectId).execute();
    const filled = await fillPlansFromProgramme(
      trx,
      journals.map((j) => j.id),
    );
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: before?.programmeId != null ? 'programmes.update' : 'programmes.create',
      entity: 'programme',
      entityId: subjectId,
      before: before && { ...before, groups: undefined },
      after: {
        name,
        ...passport,
        topics: input.topics.map((t, i) => ({ seq: i + 1, title: t.title, hours: t.hours, kind: t.lessonKind })),
        plansFilled: filled,
      },
    });
    return { subjectId, filled };
  });
  const info = (await describeProgrammes(ctx.db, undefined, subjectId))[0]!;
  return { ...info, plansFilled: filled };
}
