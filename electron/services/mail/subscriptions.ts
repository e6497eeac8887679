// Who gets letters about which child. The head of the department subscribes a guardian or a student when
// their logins are issued (the same reach: students on a roster of the department's groups today; the
// administrator anyone); a parent or a student changes their own on their page. A recipient is a guardian
// row (one per child) or the student themself.
import type { MailRecipient, Parsed } from '../../api/contract.js';
import { badInput, forbidden, notFound } from '../../api/errors.js';
import { headedDepartmentIds, studentsBeyondCredentialScope } from '../access.js';
import { audit } from '../audit.js';
import { hasRole, type AuthedContext, type Db } from '../context.js';
import { fullName } from '../session.js';

type Choice = { email: string; absence: boolean; daily: boolean; weekly: boolean };

const recipientKey = (studentId: number, guardianId: number | null) =>
  guardianId === null ? `s:${studentId}` : `g:${guardianId}`;

/** Students of a group today, with their guardians and subscriptions. */
export async function recipients(ctx: AuthedContext, input: Parsed<'mail.recipients'>): Promise<MailRecipient[]> {
  const group = await ctx.db
    .selectFrom('groups')
    .select(['id', 'name', 'department_id'])
    .where('id', '=', input.groupId)
    .executeTakeFirst();
  if (!group) throw notFound('Группа');
  if (
    !hasRole(ctx.session, 'admin') &&
    !(group.department_id !== null && headedDepartmentIds(ctx.session).includes(group.department_id))
  )
    throw forbidden('Недостаточно прав: группа другого отделения');
  const today = ctx.clock.today();
  const students = await ctx.db
    .selectFrom('enrolments as e')
    .innerJoin('students as s', 's.id', 'e.student_id')
    .select(['s.id', 's.last_name', 's.first_name', 's.middle_name', 's.email'])
    .where('e.group_id', '=', group.id)
    .where('e.from_date', '<=', today)
    .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', today)]))
    .orderBy('s.last_name')
    .orderBy('s.first_name')
    .orderBy('s.id')
    .execute();
  return recipientsOf(ctx.db, students, group.name, null);
}

async function recipientsOf(
  db: Db,
  students: Array<{
    id: number;
    last_name: string;
    first_name: string;
    middle_name: string | null;
    email: string | null;
  }>,
  groupName: string | null,
  onlyGuardiansOf: number | null,
): Promise<MailRecipient[]> {
  if (students.length === 0) return [];
  const ids = students.map((s) => s.id);
  let guardiansQuery = db
    .selectFrom('guardians')
    .select(['id', 'student_id', 'full_name', 'relation', 'email'])
    .where('student_id', 'in', ids);
  if (onlyGuardiansOf !== null) guardiansQuery = guardiansQuery.where('user_id', '=', onlyGuardiansOf);
  const [guardians, subs] = await Promise.all([
    guardiansQuery.orderBy('id').execute(),
    db
      .selectFrom('mail_subscriptions')
      .select(['id', 'student_id', 'guardian_id', 'email', 'absence', 'daily', 'weekly', 'version'])
      .where('student_id', 'in', ids)
      .execute(),
  ]);
  const subOf = (studentId: number, guardianId: number | null) => {
    const s = subs.find((x) => x.student_id === studentId && x.guardian_id === guardianId);
    return s
      ? { id: s.id, email: s.email, absence: !!s.absence, daily: !!s.daily, weekly: !!s.weekly, version: s.version }
      : null;
  };
  const out: MailRecipient[] = [];
  for (const s of students) {
    const base = { studentId: s.id, studentName: fullName(s), groupName };
    if (onlyGuardiansOf === null || onlyGuardiansOf === -1)
      out.push({
        ...base,
        guardianId: null,
        name: 'сам обучающийся',
        recordEmail: s.email,
        subscription: subOf(s.id, null),
      });
    for (const g of guardians.filter((x) => x.student_id === s.id))
      out.push({
        ...base,
        guardianId: g.id,
        name: g.relation ? `${g.full_name} (${g.relation})` : g.full_name,
        recordEmail: g.email,
        subscription: subOf(s.id, g.id),
      });
  }
  return out;
}

export async function subscribe(ctx: AuthedContext, input: Parsed<'mail.subscribe'>): Promise<MailRecipient> {
  const beyond = await studentsBeyondCredentialScope(ctx.db, ctx.session, [input.studentId], ctx.clock.today());
  if (beyond.length) throw forbidden('Недостаточно прав: обучающийся не числится в группах вашего отделения');
  if (input.guardianId !== null) {
    const g = await ctx.db
      .selectFrom('guardians')
      .select('student_id')
      .where('id', '=', input.guardianId)
      .executeTakeFirst();
    if (!g || g.student_id !== input.studentId) throw badInput('Этот родитель не указан у обучающегося');
  }
  await save(ctx, input.studentId, input.guardianId, input);
  const [row] = (await readRecipients(ctx.db, input.studentId, null)).filter((r) => r.guardianId === input.guardianId);
  return row!;
}

/** The caller's own recipients about a child: their guardian rows (a parent), or themself (a student). */
export async function mine(ctx: AuthedContext, input: Parsed<'mail.mine'>): Promise<MailRecipient[]> {
  return ownRecipients(ctx, input.studentId);
}

export async function setMine(ctx: AuthedContext, input: Parsed<'mail.setMine'>): Promise<MailRecipient> {
  const own = await ownRecipients(ctx, input.studentId);
  // A parent who is the child's guardian twice over (rare) sets both alike.
  for (const r of own) await save(ctx, input.studentId, r.guardianId, input);
  return (await ownRecipients(ctx, input.studentId))[0]!;
}

async function ownRecipients(ctx: AuthedContext, studentId: number): Promise<MailRecipient[]> {
  const { session } = ctx;
  if (hasRole(session, 'student') && session.studentId === studentId) return readRecipients(ctx.db, studentId, -1);
  if (hasRole(session, 'parent')) {
    const rows = await readRecipients(ctx.db, studentId, session.userId);
    if (rows.length) return rows;
  }
  throw forbidden('Недостаточно прав: это письма о другом обучающемся');
}

/** `guardiansOf`: null — everyone; a user id — that parent's rows only; -1 — the student alone. */
async function readRecipients(db: Db, studentId: number, guardiansOf: number | null): Promise<MailRecipient[]> {
  const student = await db
    .selectFrom('students')
    .select(['id', 'last_name', 'first_name', 'middle_name', 'email'])
    .where('id', '=', studentId)
    .executeTakeFirst();
  if (!student) throw notFound('Обучающийся');
  return recipientsOf(db, [student], null, guardiansOf);
}

async function save(ctx: AuthedContext, studentId: number, guardianId: number | null, choice: Choice): Promise<void> {
  const now = ctx.clock.now().toISOString();
  const key = recipientKey(studentId, guardianId);
  const values = {
    email: choice.email,
    absence: choice.absence ? 1 : 0,
    daily: choice.daily ? 1 : 0,
    weekly: choice.weekly ? 1 : 0,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('mail_subscriptions')
      .select(['id', 'email', 'absence', 'daily', 'weekly', 'version'])
      .where('recipient_key', '=', key)
      .executeTakeFirst();
    let id: number;
    if (before) {
      id = before.id;
      await tx
        .updateTable('mail_subscriptions')
        .set({ ...values, version: before.version + 1 })
        .where('id', '=', id)
        .execute();
    } else {
      const inserted = await tx
        .insertInto('mail_subscriptions')
        // The first digest tells only of marks put from now on.
        .values({ student_id: studentId, guardian_id: guardianId, recipient_key: key, ...values, digest_through: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = inserted.id;
    }
    await audit(tx, ctx.session, ctx.clock.now(), {
      action: 'mail.subscribe',
      entity: 'mail_subscriptions',
      entityId: id,
      studentId,
      before: before
        ? { email: before.email, absence: before.absence, daily: before.daily, weekly: before.weekly }
        : null,
      after: { email: values.email, absence: values.absence, daily: values.daily, weekly: values.weekly },
    });
  });
}
