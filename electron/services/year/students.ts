// Students: a group's roster on a day, the student's card, creating and editing them. Birth dates,
// contacts and addresses (152-ФЗ) reach only the administrator, the director, the group's curator
// and its department head; everyone else gets the same records with those fields empty.
import { institutionWords } from '../words.js';
import type { Parsed, GroupStudent, RosterView, StudentCard, StudentFound } from '../../api/contract.js';
import { badInput, forbidden, notFound } from '../../api/errors.js';
import {
  assertStudentRead,
  canManageGroup,
  canReadGroup,
  canSeeGroupPersonalData,
  canSeePersonalData,
  isCentre,
  keepsStudentList,
  withoutPersonalData,
} from '../access.js';
import { audit } from '../audit.js';
import { ruDate } from '../../domain/format-dates.js';
import { hasRole, type AuthedContext } from '../context.js';
import { fullName } from '../session.js';
import { rosterBetween, rosterOn } from '../rosters.js';
import { cleanName, loadGroup, loadYear, versionConflict } from './common.js';
import { enrolmentsOf, startEnrolment } from './enrolments.js';
import { dayInYear } from './groups.js';

export async function listStudents(ctx: AuthedContext, input: Parsed<'students.list'>): Promise<RosterView> {
  const g = await loadGroup(ctx.db, input.groupId);
  if (!(await canReadGroup(ctx.db, ctx.session, g.id))) throw forbidden(await otherGroupSays(ctx));
  const y = await loadYear(ctx.db, g.year_id);
  const date = input.date ?? dayInYear(ctx.clock.today(), y);
  const entries = input.includeLeft
    ? await rosterBetween(ctx.db, g.id, y.starts_on, y.ends_on)
    : await rosterOn(ctx.db, g.id, date);
  // One row per student: the enrolment that covers the day, else the latest.
  const byStudent = new Map<number, (typeof entries)[number]>();
  for (const e of entries) {
    const had = byStudent.get(e.studentId);
    const covers = e.fromDate <= date && (e.untilDate === null || date < e.untilDate);
    if (
      !had ||
      covers ||
      (!(had.fromDate <= date && (had.untilDate === null || date < had.untilDate)) && e.fromDate > had.fromDate)
    )
      byStudent.set(e.studentId, e);
  }
  const ids = [...byStudent.keys()];
  const personal = await canSeeGroupPersonalData(ctx.db, ctx.session, g.id);
  const details =
    ids.length === 0
      ? []
      : await ctx.db
          .selectFrom('students')
          .select(['id', 'birth_date', 'phone', 'email', 'address', 'personal_file_no'])
          .where('id', 'in', ids)
          .execute();
  const subgroups = await ctx.db
    .selectFrom('subgroup_students as ss')
    .innerJoin('subgroups as sg', 'sg.id', 'ss.subgroup_id')
    .select(['ss.student_id', 'sg.number'])
    .where('sg.group_id', '=', g.id)
    .execute();
  const guardians =
    ids.length === 0
      ? []
      : await ctx.db
          .selectFrom('guardians')
          .select(['student_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('student_id', 'in', ids)
          .groupBy('student_id')
          .execute();
  const ordered = [...byStudent.values()].sort(
    (a, b) =>
      a.lastName.localeCompare(b.lastName, 'ru') ||
      a.firstName.localeCompare(b.firstName, 'ru') ||
      (a.middleName ?? '').localeCompare(b.middleName ?? '', 'ru'),
  );
  const students: GroupStudent[] = ordered.map((e) => {
    const d = details.find((x) => x.id === e.studentId)!;
    const row: GroupStudent = {
      id: e.studentId,
      lastName: e.lastName,
      firstName: e.firstName,
      middleName: e.middleName,
      fullName: fullName({ last_name: e.lastName, first_name: e.firstName, middle_name: e.middleName }),
      birthDate: d.birth_date,
      phone: d.phone,
      email: d.email,
      address: d.address,
      personalFileNo: d.personal_file_no,
      fromDate: e.fromDate,
      untilDate: e.untilDate,
      present: e.fromDate <= date && (e.untilDate === null || date < e.untilDate),
      subgroups: subgroups
        .filter((s) => s.student_id === e.studentId)
        .map((s) => s.number)
        .sort(),
      guardians: Number(guardians.find((x) => x.student_id === e.studentId)?.n ?? 0),
    };
    return personal ? row : withoutPersonalData(row);
  });
  return {
    groupId: g.id,
    groupName: g.name,
    yearId: y.id,
    date,
    personalData: personal,
    canManage: await canManageGroup(ctx.db, ctx.session, g.id),
    students,
  };
}

/**
 * May the caller edit the student's card: the administrator, the curator / department head of a group they are in,
 * or — in a centre — the педагог of an объединение of this year they are in (000 §3.5.4).
 */
async function canEditStudent(ctx: AuthedContext, studentId: number): Promise<boolean> {
  if (hasRole(ctx.session, 'admin')) return true;
  const groups = await ctx.db.selectFrom('enrolments').select('group_id').where('student_id', '=', studentId).execute();
  for (const g of groups) if (await canManageGroup(ctx.db, ctx.session, g.group_id)) return true;
  return keepsStudentList(ctx.db, ctx.session, studentId);
}

export async function describeStudent(ctx: AuthedContext, studentId: number): Promise<StudentCard> {
  const s = await ctx.db
    .selectFrom('students as s')
    .leftJoin('users as u', 'u.id', 's.user_id')
    .selectAll('s')
    .select('u.login')
    .where('s.id', '=', studentId)
    .executeTakeFirst();
  if (!s) throw notFound('Обучающийся');
  const personal = await canSeePersonalData(ctx.db, ctx.session, s.id);
  const guardians = await ctx.db
    .selectFrom('guardians as g')
    .leftJoin('users as u', 'u.id', 'g.user_id')
    .select(['g.id', 'g.full_name', 'g.relation', 'g.phone', 'g.email', 'g.address', 'g.user_id', 'u.login'])
    .where('g.student_id', '=', s.id)
    .orderBy('g.id')
    .execute();
  const card: StudentCard = {
    id: s.id,
    lastName: s.last_name,
    firstName: s.first_name,
    middleName: s.middle_name,
    fullName: fullName(s),
    birthDate: s.birth_date,
    phone: s.phone,
    email: s.email,
    address: s.address,
    personalFileNo: s.personal_file_no,
    notes: s.notes,
    userLogin: s.login,
    version: s.version,
    personalData: personal,
    canEdit: await canEditStudent(ctx, s.id),
    guardians: guardians.map((g) => {
      const info = {
        id: g.id,
        fullName: g.full_name,
        relation: g.relation,
        phone: g.phone,
        email: g.email,
        address: g.address,
        userId: g.user_id,
        userLogin: g.login,
      };
      return personal ? info : withoutPersonalData(info);
    }),
    enrolments: (await enrolmentsOf(ctx.db, [s.id])).map(({ studentId: _s, ...e }) => e),
  };
  return personal ? card : withoutPersonalData(card);
}

export async function getStudent(ctx: AuthedContext, input: Parsed<'students.get'>): Promise<StudentCard> {
  await assertStudentRead(ctx.db, ctx.session, input.id);
  return describeStudent(ctx, input.id);
}

export async function searchStudents(ctx: AuthedContext, input: Parsed<'students.search'>): Promise<StudentFound[]> {
  const needle = input.query.toLowerCase().replaceAll('ё', 'е').split(' ').filter(Boolean);
  const all = await ctx.db
    .selectFrom('students')
    .select(['id', 'last_name', 'first_name', 'middle_name', 'birth_date'])
    .execute();
  const hits = all
    .filter((s) => {
      const hay = `${s.last_name} ${s.first_name} ${s.middle_name ?? ''}`.toLowerCase().replaceAll('ё', 'е').split(' ');
      return needle.every((n, i) => (i === 0 ? hay[0]!.startsWith(n) : hay.some((h) => h.startsWith(n))));
    })
    .sort((a, b) => fullName(a).localeCompare(fullName(b), 'ru'))
    .slice(0, 50);
  if (hits.length === 0) return [];
  const latest = await enrolmentsOf(
    ctx.db,
    hits.map((h) => h.id),
  );
  const personal = hasRole(ctx.session, 'admin', 'director');
  return hits.map((s) => {
    const own = latest.filter((e) => e.studentId === s.id);
    const last = own.at(-1);
    // A centre's child may be in several объединения at once: every current one is named.
    const today = ctx.clock.today();
    const current = own.filter((e) => e.fromDate <= today && (e.untilDate === null || e.untilDate > today));
    return {
      id: s.id,
      fullName: fullName(s),
      birthDate: personal ? s.birth_date : null,
      groupName:
        current.length > 0 ? [...new Set(current.map((e) => e.groupName))].join(', ') : (last?.groupName ?? null),
      yearTitle: last?.yearTitle ?? null,
    };
  });
}

export function checkStudentFields(input: { birthDate: string | null; email: string | null }, today: string): void {
  if (input.birthDate !== null) {
    if (input.birthDate > today)
      throw badInput(`Дата рождения ${ruDate(input.birthDate)} ещё не наступила`, { birthDate: 'В будущем' });
    if (input.birthDate < '1920-01-01')
      throw badInput(`Дата рождения ${ruDate(input.birthDate)} слишком ранняя`, { birthDate: 'Проверьте год' });
  }
  if (input.email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email))
    throw badInput(`E-mail «${input.email}» записан неверно`, { email: 'Неверный адрес' });
}

type StudentFields = Omit<Parsed<'students.update'>, 'id' | 'version'>;

function studentValues(input: StudentFields) {
  return {
    last_name: cleanName(input.lastName),
    first_name: cleanName(input.firstName),
    middle_name: input.middleName ? cleanName(input.middleName) : null,
    birth_date: input.birthDate,
    personal_file_no: input.personalFileNo,
    phone: input.phone,
    email: input.email,
    address: input.address,
    notes: input.notes,
  };
}

export async function createStudent(ctx: AuthedContext, input: Parsed<'students.create'>): Promise<StudentCard> {
  checkStudentFields(input, ctx.clock.today());
  const now = ctx.clock.now().toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const values = studentValues(input);
    const row = await trx
      .insertInto('students')
      .values({ ...values, user_id: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const eid = await startEnrolment(trx, row.id, input.admission.groupId, input.admission, 'admission');
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'students.create',
      entity: 'student',
      entityId: row.id,
      studentId: row.id,
      after: { ...values, admission: input.admission, enrolmentId: eid },
    });
    return row.id;
  });
  return describeStudent(ctx, id);
}

export async function updateStudent(ctx: AuthedContext, input: Parsed<'students.update'>): Promise<StudentCard> {
  await assertMayKeepData(ctx, 'данные обучающегося меняют');
  const s = await ctx.db.selectFrom('students').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!s) throw notFound('Обучающийся');
  if (!(await canEditStudent(ctx, s.id))) throw forbidden(await editorsSay(ctx, 'данные обучающегося меняют'));
  checkStudentFields(input, ctx.clock.today());
  if (s.version !== input.version) throw versionConflict('Данные обучающегося', await describeStudent(ctx, s.id));
  await ctx.db.transaction().execute(async (trx) => {
    const values = studentValues(input);
    const res = await trx
      .updateTable('students')
      .set({ ...values, updated_at: ctx.clock.now().toISOString(), version: s.version + 1 })
      .where('id', '=', s.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    // Never read through ctx.db inside a transaction: on SQLite it waits for the connection the transaction holds.
    if (Number(res.numUpdatedRows) === 0) throw versionConflict('Данные обучающегося', null);
    await audit(trx, ctx.session, ctx.clock.now(), {
      action: 'students.update',
      entity: 'student',
      entityId: s.id,
      studentId: s.id,
      before: s,
      after: values,
    });
  });
  return describeStudent(ctx, s.id);
}

/** «Недостаточно прав: это список другой группы» in the institution's words. */
export async function otherGroupSays(ctx: AuthedContext): Promise<string> {
  const w = await institutionWords(ctx.db);
  return (
    `Недостаточно прав: это список ${{ f: 'другой', m: 'другого', n: 'другого' }[w.gender('group')]} ` +
    `${w.term('group', 'gen')}`
  );
}

/**
 * «Недостаточно прав: … администратор, куратор группы и заведующий отделением», in the institution's words;
 * in a centre also the педагог of the child's объединение.
 */
async function editorsSay(ctx: AuthedContext, what: string): Promise<string> {
  const w = await institutionWords(ctx.db);
  if (await isCentre(ctx.db))
    return (
      `Недостаточно прав: ${what} администратор, ${w.roleName('curator')}, ${w.roleName('dept_head')} ` +
      `и ${w.short('teacher')} ${w.term('group', 'gen')}, в котором занимается ${w.term('student')}`
    );
  return `Недостаточно прав: ${what} администратор, ${w.roleName('curator')} и ${w.roleName('dept_head')}`;
}

/**
 * A teacher keeps children's data only in a centre (000 §3.5.4): elsewhere refused before anything is looked up, as
 * the contract would if it knew the institution's kind.
 */
export async function assertMayKeepData(ctx: AuthedContext, what: string): Promise<void> {
  if (hasRole(ctx.session, 'admin', 'curator', 'dept_head') || (await isCentre(ctx.db))) return;
  throw forbidden(await editorsSay(ctx, what));
}

export async function assertCanEditStudent(ctx: AuthedContext, studentId: number): Promise<void> {
  await assertMayKeepData(ctx, 'представителей вносят');
  const s = await ctx.db.selectFrom('students').select('id').where('id', '=', studentId).executeTakeFirst();
  if (!s) throw notFound('Обучающийся');
  if (!(await canEditStudent(ctx, studentId))) throw forbidden(await editorsSay(ctx, 'представителей вносят'));
}
