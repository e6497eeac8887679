// Credential slips: for each chosen account (or student or guardian without one yet — the account is
// created and linked) a new one-time password, then a PDF of slips. Who may issue what is checked
// before the work starts; the passwords, new accounts, audit rows and the PDF succeed or fail together.
import type { Words } from '../../domain/vocabulary.js';
import { institutionWords } from '../words.js';
import type { JobInfo, Parsed, SlipsResult, UserRow } from '../../api/contract.js';
import { PDF_MIME } from '../../api/contract.js';
import { badInput, forbidden, notFound } from '../../api/errors.js';
import { endUserSessions } from '../web-sessions.js';
import { credentialSlipsPdf, type CredentialSlip } from '../../export/credential-slips.js';
import { studentsBeyondCredentialScope } from '../access.js';
import { audit, auditExport } from '../audit.js';
import { hasRole, type AuthedContext, type Db } from '../context.js';
import { fileOutput } from '../files.js';
import type { JobControl } from '../../platform/jobs.js';
import { generateOneTimePassword, hashOneTimePassword } from '../../../db/passwords.js';
import { shortName } from '../session.js';
import { loginBase, splitFullName, uniqueLogin } from './logins.js';
import { chunks, describeUsers } from './rows.js';

/** One slip to print: an existing account, or a student's or guardian's account to create. */
type Target =
  | { kind: 'user'; userId: number }
  | { kind: 'student'; studentId: number }
  | { kind: 'guardian'; guardianId: number; studentId: number };

const norm = (s: string | null) =>
  (s ?? '')
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[^\p{L}\d@.]/gu, '');

export async function slips(ctx: AuthedContext, input: Parsed<'users.slips'>): Promise<JobInfo> {
  const targets = await plan(ctx, input);
  const { ownerId: _owner, ...job } = ctx.jobs.start('slips', ctx.session.userId, (control) =>
    issue(ctx, targets, input, control),
  );
  return job;
}

/** Checks existence, scope and state of every target; returns them de-duplicated, in the order given. */
async function plan(ctx: AuthedContext, input: Parsed<'users.slips'>): Promise<Target[]> {
  const { db } = ctx;
  const userIds = [...new Set(input.userIds)];
  const studentIds = [...new Set(input.studentIds)];
  const guardianIds = [...new Set(input.guardianIds)];
  if (userIds.length + studentIds.length + guardianIds.length === 0)
    throw badInput('Отметьте, кому печатать листки с паролями');

  const users = await usersByIds(db, userIds);
  if (users.length < userIds.length) throw notFound('Пользователь');
  const students = [];
  for (const chunk of chunks(studentIds)) {
    students.push(...(await db.selectFrom('students').select(['id', 'user_id']).where('id', 'in', chunk).execute()));
  }
  if (students.length < studentIds.length) throw notFound('Обучающийся');
  const guardians = [];
  for (const chunk of chunks(guardianIds)) {
    guardians.push(
      ...(await db.selectFrom('guardians').select(['id', 'student_id', 'user_id']).where('id', 'in', chunk).execute()),
    );
  }
  if (guardians.length < guardianIds.length) throw notFound('Родитель (законный представитель)');

  if (!hasRole(ctx.session, 'admin')) {
    const today = ctx.clock.today();
    const scoped = [...studentIds, ...guardians.map((g) => g.student_id)];
    if ((await studentsBeyondCredentialScope(db, ctx.session, scoped, today)).length > 0) {
      const w = await institutionWords(db);
      throw forbidden(
        `Недостаточно прав: ${w.roleName('dept_head')} выдаёт листки только обучающимся и родителям своего ` +
          `${w.term('department', 'gen')}`,
      );
    }
    for (const u of users) {
      const linked = await linkedStudents(db, u.id);
      if (linked.length === 0)
        throw forbidden(`Недостаточно прав: листок сотруднику (${u.login}) выдаёт администратор`);
      if ((await studentsBeyondCredentialScope(db, ctx.session, linked, today)).length === linked.length) {
        const w = await institutionWords(db);
        throw forbidden(
          `Недостаточно прав: ${w.roleName('dept_head')} выдаёт листки только обучающимся и родителям своего ` +
            `${w.term('department', 'gen')}`,
        );
      }
    }
  }

  const targets: Target[] = [];
  const seenUsers = new Set<number>();
  const add = (t: Target, userId: number | null) => {
    if (userId !== null) {
      if (seenUsers.has(userId)) return;
      seenUsers.add(userId);
      targets.push({ kind: 'user', userId });
    } else targets.push(t);
  };
  for (const id of userIds) add({ kind: 'user', userId: id }, id);
  for (const id of studentIds) add({ kind: 'student', studentId: id }, students.find((s) => s.id === id)!.user_id);
  for (const id of guardianIds) {
    const g = guardians.find((x) => x.id === id)!;
    // Without an account the guardian stays a target of its own, so that it gets linked (or created).
    add({ kind: 'guardian', guardianId: id, studentId: g.student_id }, g.user_id);
  }

  const existing = targets.filter((t) => t.kind === 'user').map((t) => (t as { userId: number }).userId);
  const inactive = (await usersByIds(db, existing)).filter((u) => u.active !== 1);
  if (inactive.length > 0) {
    throw badInput(
      `Учётные записи отключены: ${inactive.map((u) => u.login).join(', ')}. Включите их в разделе «Пользователи» ` +
        `или снимите отметку`,
    );
  }
  return targets;
}

async function usersByIds(db: Db, ids: number[]) {
  const out = [];
  for (const chunk of chunks(ids))
    out.push(...(await db.selectFrom('users').select(['id', 'login', 'active']).where('id', 'in', chunk).execute()));
  return out;
}

async function linkedStudents(db: Db, userId: number): Promise<number[]> {
  const own = await db.selectFrom('students').select('id').where('user_id', '=', userId).execute();
  const children = await db.selectFrom('guardians').select('student_id').where('user_id', '=', userId).execute();
  return [...own.map((s) => s.id), ...children.map((c) => c.student_id)];
}

/**
 * A parent of two students is one person with one login: a guardian record without an account is
 * joined to the account of another guardian record with the same name and the same phone or e-mail.
 */
async function sameParent(db: Db, guardianId: number): Promise<number | null> {
  const g = await db
    .selectFrom('guardians')
    .select(['full_name', 'phone', 'email'])
    .where('id', '=', guardianId)
    .executeTakeFirstOrThrow();
  if (!g.phone && !g.email) return null;
  const others = await db
    .selectFrom('guardians as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['g.user_id', 'g.full_name', 'g.phone', 'g.email'])
    .where('u.active', '=', 1)
    .where('g.id', '!=', guardianId)
    .execute();
  const match = others.find(
    (o) =>
      norm(o.full_name) === norm(g.full_name) &&
      ((g.phone && norm(o.phone) === norm(g.phone)) || (g.email && norm(o.email) === norm(g.email))),
  );
  return match?.user_id ?? null;
}

/** Hashes in parallel a few at a time (scrypt runs on libuv's thread pool), reporting progress. */
async function hashAll(passwords: string[], control: JobControl): Promise<string[]> {
  const hashes: string[] = new Array(passwords.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < passwords.length) {
      const i = next++;
      control.throwIfCancelled();
      hashes[i] = await hashOneTimePassword(passwords[i]!);
      control.progress('Создание одноразовых паролей', ++done, passwords.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, passwords.length) }, worker));
  return hashes;
}

async function issue(
  ctx: AuthedContext,
  targets: Target[],
  input: Parsed<'users.slips'>,
  control: JobControl,
): Promise<SlipsResult> {
  control.progress('Создание одноразовых паролей', 0, targets.length);
  const passwords = targets.map(() => generateOneTimePassword());
  const hashes = await hashAll(passwords, control);
  control.throwIfCancelled();
  const now = ctx.clock.now();
  const at = now.toISOString();
  const issuer = await ctx.db
    .selectFrom('users')
    .select(['last_name', 'first_name', 'middle_name', 'phone'])
    .where('id', '=', ctx.session.userId)
    .executeTakeFirstOrThrow();
  const inst = await ctx.db.selectFrom('institution').select('short_name').executeTakeFirst();
  return ctx.db.transaction().execute(async (trx) => {
    control.progress('Запись учётных записей', 0, targets.length);
    const taken = new Set((await trx.selectFrom('users').select('login_key').execute()).map((u) => u.login_key));
    const issued: Array<{ userId: number; password: string }> = [];
    let created = 0;
    for (const [i, target] of targets.entries()) {
      control.progress('Запись учётных записей', i, targets.length);
      const hash = hashes[i]!;
      let userId = target.kind === 'user' ? target.userId : await existingAccount(trx, target);
      if (userId !== null && issued.some((x) => x.userId === userId)) {
        // The same parent through a second child: one slip, one password; only the link is added.
        if (target.kind === 'guardian') await linkGuardian(trx, target.guardianId, userId);
        continue;
      }
      if (userId === null) {
        userId = await createFamilyAccount(trx, ctx, target as Exclude<Target, { kind: 'user' }>, hash, at, taken);
        created++;
      } else {
        await trx
          .updateTable('users')
          .set({
            password_hash: hash,
            must_change_password: 1,
            failed_attempts: 0,
            locked_until: null,
            updated_at: at,
          })
          .where('id', '=', userId)
          .execute();
        // A new password ends the sessions opened with the old one.
        await endUserSessions(trx, userId);
        if (target.kind === 'guardian') await linkGuardian(trx, target.guardianId, userId);
        await audit(trx, ctx.session, now, {
          action: 'users.password_reset',
          entity: 'user',
          entityId: userId,
          studentId: target.kind === 'user' ? null : target.studentId,
          after: { mustChangePassword: true, via: 'slips' },
        });
      }
      issued.push({ userId, password: passwords[i]! });
    }
    control.throwIfCancelled();
    const rows = await describeUsers(
      trx,
      issued.map((x) => x.userId),
      now,
      ctx.clock.today(),
    );
    await auditExport(trx, ctx.session, now, 'credential_slips', {
      what: 'Листки с паролями',
      count: issued.length,
      created,
      logins: rows.map((r) => r.login),
    });
    control.progress('Формирование PDF', 0, 1);
    const admin = hasRole(ctx.session, 'admin');
    const words = await institutionWords(trx);
    const who =
      `${admin ? 'администратор электронного журнала' : words.roleName('dept_head')} ` +
      `${shortName(issuer)}${issuer.phone ? `, тел. ${issuer.phone}` : ''}`;
    const slipsOut: CredentialSlip[] = rows.map((r) => ({
      fullName: r.fullName,
      who: describeAccount(r, words),
      login: r.login,
      password: issued.find((x) => x.userId === r.id)!.password,
    }));
    const bytes = await credentialSlipsPdf({
      institution: inst?.short_name ?? 'Журнал',
      formedAt: now,
      address: input.address,
      help: input.help ?? who,
      slips: slipsOut,
    });
    control.progress('Готово', 1, 1);
    const stamp = ctx.clock.today().split('-').reverse().join('.');
    return { file: fileOutput(`Листки с паролями ${stamp}.pdf`, PDF_MIME, bytes), slips: slipsOut.length, created };
  });
}

/** Someone may have created the account since the slips were asked for: then it is reused. */
async function existingAccount(trx: Db, target: Exclude<Target, { kind: 'user' }>): Promise<number | null> {
  if (target.kind === 'student') {
    return (
      await trx.selectFrom('students').select('user_id').where('id', '=', target.studentId).executeTakeFirstOrThrow()
    ).user_id;
  }
  const g = await trx
    .selectFrom('guardians')
    .select('user_id')
    .where('id', '=', target.guardianId)
    .executeTakeFirstOrThrow();
  return g.user_id ?? (await sameParent(trx, target.guardianId));
}

async function linkGuardian(trx: Db, guardianId: number, userId: number): Promise<void> {
  await trx
    .updateTable('guardians')
    .set({ user_id: userId })
    .where('id', '=', guardianId)
    .where('user_id', 'is', null)
    .execute();
  const role = await trx
    .selectFrom('user_roles')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', 'parent')
    .executeTakeFirst();
  if (!role)
    await trx
      .insertInto('user_roles')
      .values({ user_id: userId, role: 'parent', department_id: null, group_id: null })
      .execute();
}

async function createFamilyAccount(
  trx: Db,
  ctx: AuthedContext,
  target: Exclude<Target, { kind: 'user' }>,
  hash: string,
  at: string,
  taken: Set<string>,
): Promise<number> {
  const person =
    target.kind === 'student'
      ? await trx
          .selectFrom('students')
          .select(['last_name as last', 'first_name as first', 'middle_name as middle'])
          .where('id', '=', target.studentId)
          .executeTakeFirstOrThrow()
      : splitFullName(
          (
            await trx
              .selectFrom('guardians')
              .select('full_name')
              .where('id', '=', target.guardianId)
              .executeTakeFirstOrThrow()
          ).full_name,
        );
  const login = uniqueLogin(loginBase(person.last, person.first, person.middle), taken);
  const role = target.kind === 'student' ? 'student' : 'parent';
  const { id } = await trx
    .insertInto('users')
    .values({
      login,
      login_key: login.toLowerCase(),
      password_hash: hash,
      last_name: person.last,
      first_name: person.first,
      middle_name: person.middle,
      position: null,
      phone: null,
      email: null,
      active: 1,
      must_change_password: 1,
      failed_attempts: 0,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('user_roles').values({ user_id: id, role, department_id: null, group_id: null }).execute();
  if (target.kind === 'student') {
    await trx
      .updateTable('students')
      .set((eb) => ({ user_id: id, version: eb('version', '+', 1) }))
      .where('id', '=', target.studentId)
      .execute();
  } else {
    await trx.updateTable('guardians').set({ user_id: id }).where('id', '=', target.guardianId).execute();
  }
  await audit(trx, ctx.session, ctx.clock.now(), {
    action: 'users.create',
    entity: 'user',
    entityId: id,
    studentId: target.studentId,
    after: {
      login,
      lastName: person.last,
      firstName: person.first,
      middleName: person.middle,
      roles: [{ role }],
      mustChangePassword: true,
      ...(target.kind === 'guardian' ? { guardianId: target.guardianId } : {}),
    },
  });
  return id;
}

/** The line under the name on a slip. */
export function describeAccount(r: UserRow, w: Words): string {
  const group = (g: string | null) => (g ? `, ${w.term('group')} ${g}` : '');
  if (r.student) return `Обучающийся${group(r.student.groupName)}`;
  if (r.children.length > 0) {
    const kids = r.children.map((c) => `${c.fullName}${c.groupName ? ` (${c.groupName})` : ''}`).join('; ');
    return `Родитель (законный представитель): ${kids}`;
  }
  const roles = [...new Set(r.roles.map((g) => w.role(g.role)))].join(', ');
  const position = r.position && !roles.toLowerCase().includes(r.position.toLowerCase()) ? r.position : null;
  return [roles, position].filter(Boolean).join(' · ') || 'Пользователь';
}
