// The subject catalogue: disciplines, professional modules with their МДК and practices, programmes.
import type { SubjectKind } from '../../../db/schema.js';
import type { Parsed, SubjectInfo } from '../../api/contract.js';
import { badInput, notFound } from '../../api/errors.js';
import { audit } from '../audit.js';
import { institutionWords } from '../words.js';
import type { AuthedContext, Db } from '../context.js';
import { codeProblem, normalizeCode, parentProblem } from './codes.js';
import { cleanName, count } from './common.js';

export async function listSubjects(ctx: AuthedContext): Promise<SubjectInfo[]> {
  return describeSubjects(ctx.db);
}

export async function describeSubjects(db: Db): Promise<SubjectInfo[]> {
  const rows = await db.selectFrom('subjects').selectAll().execute();
  const used = await db
    .selectFrom('journals')
    .select(['subject_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('subject_id')
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rows
    .map((s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
      kind: s.kind,
      parentId: s.parent_id,
      parentCode: s.parent_id ? (byId.get(s.parent_id)?.code ?? null) : null,
      journals: Number(used.find((u) => u.subject_id === s.id)?.n ?? 0),
    }))
    .sort(bySubjectOrder);
}

/**
 * Catalogue order: by code as the curriculum lists it (ОУД, ОГСЭ, ЕН, ОП, ПМ with its МДК and practice), then by name.
 */
export function bySubjectOrder(
  a: { code: string | null; name: string },
  b: { code: string | null; name: string },
): number {
  if (a.code && b.code)
    return a.code.localeCompare(b.code, 'ru', { numeric: true }) || a.name.localeCompare(b.name, 'ru');
  if (a.code) return -1;
  if (b.code) return 1;
  return a.name.localeCompare(b.name, 'ru');
}

export interface SubjectDraft {
  code: string | null;
  name: string;
  kind: SubjectKind;
  parentId: number | null;
}

/** Why a subject may not be saved as drafted: a list of {field, message}; empty when it may. */
export async function subjectProblems(
  db: Db,
  draft: SubjectDraft,
  exceptId: number | null,
): Promise<Array<{ field: 'code' | 'name' | 'kind' | 'parentId'; message: string }>> {
  const problems: Array<{ field: 'code' | 'name' | 'kind' | 'parentId'; message: string }> = [];
  const codeIssue = codeProblem(draft.kind, draft.code, (await institutionWords(db)).term('subject', 'gen'));
  if (codeIssue) problems.push({ field: 'code', message: codeIssue[0]!.toUpperCase() + codeIssue.slice(1) });
  let parent: { kind: SubjectKind; code: string | null } | null = null;
  if (draft.parentId !== null) {
    parent =
      (await db.selectFrom('subjects').select(['kind', 'code']).where('id', '=', draft.parentId).executeTakeFirst()) ??
      null;
    if (!parent) problems.push({ field: 'parentId', message: 'Профессиональный модуль не найден' });
  }
  const parentIssue = parentProblem(draft.kind, draft.code, parent);
  if (parentIssue && !(draft.parentId !== null && !parent))
    problems.push({ field: 'parentId', message: parentIssue[0]!.toUpperCase() + parentIssue.slice(1) });
  const same = await db.selectFrom('subjects').select(['id', 'code', 'name']).execute();
  const dup = same.find(
    (s) =>
      s.id !== exceptId && (s.code ?? '') === (draft.code ?? '') && s.name.toLowerCase() === draft.name.toLowerCase(),
  );
  if (dup)
    problems.push({
      field: 'name',
      message: `${draft.code ? `${draft.code} ` : ''}«${draft.name}» уже есть в справочнике`,
    });
  return problems;
}

export async function saveSubject(ctx: AuthedContext, input: Parsed<'subjects.save'>): Promise<SubjectInfo> {
  const draft: SubjectDraft = {
    code: normalizeCode(input.code),
    name: cleanName(input.name),
    kind: input.kind,
    parentId: input.parentId,
  };
  const before =
    input.id === undefined
      ? null
      : await ctx.db.selectFrom('subjects').selectAll().where('id', '=', input.id).executeTakeFirst();
  const w = await institutionWords(ctx.db);
  if (input.id !== undefined && !before) throw notFound(w.Term('subject'));
  if (before && before.id === draft.parentId)
    throw badInput(`${w.Term('subject')} не может входить сама в себя`, { parentId: 'Сама в себя' });
  if (before && before.kind === 'pm' && draft.kind !== 'pm') {
    const children = count(
      await ctx.db
        .selectFrom('subjects')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('parent_id', '=', before.id)
        .executeTakeFirst(),
    );
    if (children > 0)
      throw badInput(
        `В модуль ${before.code ?? before.name} входят МДК и практики (${children}): он должен остаться модулем`,
        { kind: 'Есть МДК' },
      );
  }
  const problems = await subjectProblems(ctx.db, draft, input.id ?? null);
  if (problems.length > 0)
    throw badInput(
      problems.map((p) => p.message).join('; '),
      Object.fromEntries(problems.map((p) => [p.field, p.message])),
    );
  const id = await ctx.db.transaction().execute(async (trx) => {
    const values = { code: draft.code, name: draft.name, kind: draft.kind, parent_id: draft.parentId };
    if (!before) {
      const row = await trx.insertInto('subjects').values(values).returning('id').executeTakeFirstOrThrow();
      await audit(trx, ctx.session, ctx.clock.now(), {
        action: 'subjects.create',
        entity: 'subject',
        entityId: row.id,
        after: values,
      });
      return row.id;
    }
    await trx.updateTable('subjects').set(values).where('id', '=', before.id).execute();
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'subjects.update',
      entity: 'subject',
      entityId: before.id,
      before,
      after: values,
    });
    return before.id;
  });
  return (await describeSubjects(ctx.db)).find((s) => s.id === id)!;
}

export async function removeSubject(ctx: AuthedContext, input: Parsed<'subjects.remove'>): Promise<null> {
  const s = await ctx.db.selectFrom('subjects').selectAll().where('id', '=', input.id).executeTakeFirst();
  const w = await institutionWords(ctx.db);
  if (!s) throw notFound(w.Term('subject'));
  const journals = count(
    await ctx.db
      .selectFrom('journals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('subject_id', '=', s.id)
      .executeTakeFirst(),
  );
  if (journals > 0)
    throw badInput(`По «${s.name}» есть журналы (${journals}): ${w.term('subject', 'acc')} удалить нельзя`);
  const children = count(
    await ctx.db
      .selectFrom('subjects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', s.id)
      .executeTakeFirst(),
  );
  if (children > 0)
    throw badInput(`В модуль ${s.code ?? s.name} входят МДК и практики (${children}): сначала удалите их`);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('subjects').where('id', '=', s.id).execute();
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'subjects.remove',
      entity: 'subject',
      entityId: s.id,
      before: s,
    });
  });
  return null;
}
