// Final marks: for a period, an exam, a credit, the year. The grid offers a suggestion from the
// weighted average; what is saved here is the teacher's decision, with the version they saw.
import type { FinalCell, Parsed } from '../../api/contract.js';
import { AppError } from '../../api/errors.js';
import type { FinalMarkKind } from '../../../db/schema.js';
import { audit } from '../audit.js';
import type { AuthedContext } from '../context.js';
import { CREDIT, NOT_CERTIFIED, normalizeValue } from '../../domain/scale.js';
import { assertEditable, assertNotSubstitute, memberships, notOnRoster, writeScope, type WriteScope } from './scope.js';

const KIND_LABEL: Record<FinalMarkKind, string> = {
  period: 'за период',
  exam: 'за экзамен',
  credit: 'за зачёт',
  year: 'за год',
};

function allowedValues(scope: WriteScope, kind: FinalMarkKind): string[] {
  const numeric = scope.scale.filter((v) => /^[1-5]$/.test(v));
  if (kind === 'credit') return [...CREDIT, NOT_CERTIFIED];
  if (kind === 'exam') return [...numeric, NOT_CERTIFIED];
  return [...scope.scale, NOT_CERTIFIED];
}

export async function setFinals(ctx: AuthedContext, input: Parsed<'finals.set'>): Promise<FinalCell[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const scope = await writeScope(ctx, trx, input.journalId);
    assertNotSubstitute(scope);
    const members = await memberships(
      trx,
      scope,
      input.cells.map((c) => c.studentId),
    );
    const existing = await trx
      .selectFrom('final_marks')
      .selectAll()
      .where('journal_id', '=', scope.journal.id)
      .where(
        'student_id',
        'in',
        input.cells.map((c) => c.studentId),
      )
      .execute();
    const errors: Array<{ index: number; message: string; code: 'bad_request' | 'conflict' | 'locked' }> = [];
    const saved: FinalCell[] = [];
    const now = ctx.clock.now().toISOString();
    for (const [index, cell] of input.cells.entries()) {
      const fail = (message: string, code: 'bad_request' | 'conflict' | 'locked' = 'bad_request') =>
        errors.push({ index, message, code });
      if ((cell.kind === 'year') !== (cell.periodId === null)) {
        fail(cell.kind === 'year' ? 'Годовая отметка ставится без периода' : 'Укажите период итоговой отметки');
        continue;
      }
      const period = cell.periodId === null ? scope.periods.at(-1) : scope.periods.find((p) => p.id === cell.periodId);
      if (!period) {
        fail('Период не относится к учебному году этого журнала');
        continue;
      }
      try {
        assertEditable(scope, period.ends_on, null);
      } catch (e) {
        fail((e as Error).message, 'locked');
        continue;
      }
      // On the roster at the period's end, or today while the period is still running.
      const end = period.ends_on < scope.today ? period.ends_on : scope.today;
      const why = notOnRoster(scope, members.get(cell.studentId), end < period.starts_on ? period.starts_on : end);
      if (why) {
        fail(why);
        continue;
      }
      let value: string | null = null;
      if (cell.value !== null && cell.value.trim() !== '') {
        value = normalizeValue(cell.value);
        const allowed = allowedValues(scope, cell.kind);
        if (!allowed.includes(value)) {
          fail(
            `Неверное значение отметки «${cell.value.trim()}» ${KIND_LABEL[cell.kind]}: допустимы ` +
              `${allowed.join(', ')}`,
          );
          continue;
        }
      }
      const row = existing.find(
        (f) => f.student_id === cell.studentId && f.kind === cell.kind && f.period_id === cell.periodId,
      );
      const name = members.get(cell.studentId)!.name;
      if ((cell.version === null && row) || (cell.version !== null && row?.version !== cell.version)) {
        fail(
          `${name}: итоговую отметку ${KIND_LABEL[cell.kind]} уже изменили — сейчас ` +
            `${row ? `«${row.value}»` : 'пусто'}. Ваше изменение не сохранено`,
          'conflict',
        );
        continue;
      }
      const base = { journalId: scope.journal.id, studentId: cell.studentId };
      if (value === null) {
        if (row) {
          await trx.deleteFrom('final_marks').where('id', '=', row.id).where('version', '=', row.version).execute();
          await audit(trx, ctx.session, ctx.clock.now(), {
            action: 'finals.delete',
            entity: 'final_marks',
            entityId: row.id,
            ...base,
            before: { kind: row.kind, periodId: row.period_id, value: row.value },
          });
        }
        continue;
      }
      if (row && row.value === value) {
        saved.push(cellOf(row));
        continue;
      }
      const written = row
        ? await trx
            .updateTable('final_marks')
            .set({ value, updated_at: now, updated_by: ctx.session.userId, version: row.version + 1 })
            .where('id', '=', row.id)
            .where('version', '=', row.version)
            .returningAll()
            .executeTakeFirst()
        : await trx
            .insertInto('final_marks')
            .values({
              journal_id: scope.journal.id,
              student_id: cell.studentId,
              period_id: cell.periodId,
              kind: cell.kind,
              value,
              updated_at: now,
              updated_by: ctx.session.userId,
              version: 1,
            })
            .onConflict((oc) => oc.doNothing())
            .returningAll()
            .executeTakeFirst();
      if (!written) {
        fail(
          `${name}: итоговую отметку ${KIND_LABEL[cell.kind]} только что изменил другой пользователь. Обновите ` +
            `страницу`,
          'conflict',
        );
        continue;
      }
      await audit(trx, ctx.session, ctx.clock.now(), {
        action: 'finals.set',
        entity: 'final_marks',
        entityId: written.id,
        ...base,
        before: row ? { value: row.value, version: row.version } : undefined,
        after: {
          kind: cell.kind,
          periodId: cell.periodId,
          value,
          version: written.version,
          unlockId: scope.unlocks.get(period.id) ?? null,
        },
      });
      saved.push(cellOf(written));
    }
    if (errors.length > 0) {
      const code = errors.some((e) => e.code === 'conflict')
        ? 'conflict'
        : errors.some((e) => e.code === 'locked')
          ? 'locked'
          : 'bad_request';
      const message =
        input.cells.length === 1
          ? errors[0]!.message
          : `Ничего не сохранено: ошибок ${errors.length} из ${input.cells.length}. Первая: ${errors[0]!.message}`;
      throw new AppError(code, message, Object.fromEntries(errors.map((e) => [String(e.index), e.message])), {
        errors: errors.map(({ index, message }) => ({ index, message })),
      });
    }
    return saved;
  });
}

function cellOf(f: {
  student_id: number;
  period_id: number | null;
  kind: FinalMarkKind;
  value: string;
  version: number;
}): FinalCell {
  return { studentId: f.student_id, periodId: f.period_id, kind: f.kind, value: f.value, version: f.version };
}
