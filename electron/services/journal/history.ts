// A journal's change history (issue 14, part 5): every audited change of its lessons, marks, attendance and final
// marks — who, when, what before and after, and the reason of a late correction —, newest first, for the deputy,
// the director, the administrator, the head of the journal's department, and the journal's own teacher.
import type { AuditPage, Parsed } from '../../api/contract.js';
import { forbidden } from '../../api/errors.js';
import { headedDepartmentIds, loadJournal } from '../access.js';
import { describeRows } from '../audit-log.js';
import { hasRole, type AuthedContext } from '../context.js';

export async function history(ctx: AuthedContext, input: Parsed<'journal.history'>): Promise<AuditPage> {
  const j = await loadJournal(ctx.db, input.journalId);
  const may =
    hasRole(ctx.session, 'deputy', 'director', 'admin') ||
    (j.department_id !== null && headedDepartmentIds(ctx.session).includes(j.department_id)) ||
    (hasRole(ctx.session, 'teacher') && j.teacher_user_id === ctx.session.userId);
  if (!may) {
    throw forbidden(
      'Недостаточно прав: историю изменений журнала читают заместитель директора, заведующий отделением и ' +
        'преподаватель журнала',
    );
  }
  const base = ctx.db
    .selectFrom('audit_log as a')
    .where('a.journal_id', '=', j.id)
    .$if(input.onlyCorrections === true, (q) => q.where('a.reason', 'is not', null));
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / input.pageSize));
  const page = Math.min(input.page, pages);
  const raw = await base
    .selectAll('a')
    .orderBy('a.id', 'desc')
    .limit(input.pageSize)
    .offset((page - 1) * input.pageSize)
    .execute();
  return { rows: await describeRows(ctx.db, raw), total, page, pageSize: input.pageSize };
}
