// A centre's педагог forms the lists of their объединения (000 §3.5.1): «Мои объединения», and
// «Зачислить» by order — a new child, or one the centre already knows (the same name and birth date,
// say from another объединение: one record, now in two) so that no child is entered twice.
import type { EnrolledChild, MyGroup, Parsed } from '../../api/contract.js';
import { badInput, forbidden } from '../../api/errors.js';
import { isCentre, listKeptGroupIds } from '../access.js';
import { audit } from '../audit.js';
import { ruDate } from '../../domain/format-dates.js';
import { hasRole, type AuthedContext, type Db } from '../context.js';
import { rosterOn } from '../rosters.js';
import { institutionWords } from '../words.js';
import { cleanName, nameKey } from './common.js';
import { enrolmentsOf, startEnrolment } from './enrolments.js';
import { dayInYear } from './groups.js';
import { assertKeepsGroup } from './keepers.js';
import { checkStudentFields, describeStudent } from './students.js';

export async function myGroups(ctx: AuthedContext): Promise<MyGroup[]> {
  if (!(await isCentre(ctx.db))) {
    const w = await institutionWords(ctx.db);
    throw forbidden(
      `Недостаточно прав: списки ${w.term('group', 'gen', 'many')} ведут администратор и ${w.roleName('curator')}`,
    );
  }
  const ids = await listKeptGroupIds(ctx.db, ctx.session);
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('groups as g')
    .innerJoin('academic_years as y', 'y.id', 'g.year_id')
    .select(['g.id', 'g.name', 'y.id as year_id', 'y.title', 'y.starts_on', 'y.ends_on'])
    .where('g.id', 'in', ids)
    .orderBy('y.starts_on')
    .orderBy('g.name')
    .execute();
  const programmes = await ctx.db
    .selectFrom('journals as j')
    .innerJoin('subjects as s', 's.id', 'j.subject_id')
    .select(['j.group_id', 's.name'])
    .where('j.group_id', 'in', ids)
    .where('j.teacher_user_id', '=', ctx.session.userId)
    .execute();
  const out: MyGroup[] = [];
  for (const g of rows) {
    const day = dayInYear(ctx.clock.today(), g);
    out.push({
      id: g.id,
      name: g.name,
      yearId: g.year_id,
      yearTitle: g.title,
      programmes: [...new Set(programmes.filter((p) => p.group_id === g.id).map((p) => p.name))].sort(),
      students: new Set((await rosterOn(ctx.db, g.id, day)).map((e) => e.studentId)).size,
    });
  }
  return out;
}

type Child = Parsed<'enrolments.enrolChild'>['child'];

/**
 * The centre's record of this child: the same surname, name and birth date; a patronymic left out on either side
 * still matches. Several such records — the administrator must sort them out first.
 */
async function knownChild(db: Db, child: Child): Promise<number | null> {
  const same = (
    await db
      .selectFrom('students')
      .select(['id', 'last_name', 'first_name', 'middle_name'])
      .where('birth_date', '=', child.birthDate)
      .execute()
  ).filter(
    (s) =>
      nameKey(s.last_name, s.first_name) === nameKey(child.lastName, child.firstName) &&
      (!s.middle_name || !child.middleName || nameKey(s.middle_name) === nameKey(child.middleName)),
  );
  if (same.length > 1)
    throw badInput(
      `Найдено несколько записей «${cleanName(child.lastName)} ${cleanName(child.firstName)}», ` +
        `${ruDate(child.birthDate)} г. р.: зачисление не выполнено — сообщите администратору, чтобы он объединил ` +
        `записи`,
      { lastName: 'Несколько совпадений' },
    );
  return same[0]?.id ?? null;
}

export async function enrolChild(ctx: AuthedContext, input: Parsed<'enrolments.enrolChild'>): Promise<EnrolledChild> {
  if (!hasRole(ctx.session, 'admin')) await assertKeepsGroup(ctx, input.groupId);
  const date = input.date ?? input.orderDate;
  if (date < input.orderDate)
    throw badInput(
      `Дата зачисления ${ruDate(date)} раньше даты приказа ${ruDate(input.orderDate)}: ` +
        'зачислить можно только со дня приказа или позже',
      { date: 'Раньше приказа' },
    );
  checkStudentFields(input.child, ctx.clock.today());
  const order = { date, orderNo: input.orderNo, orderDate: input.orderDate };
  const now = ctx.clock.now();
  const done = await ctx.db.transaction().execute(async (trx) => {
    let studentId = await knownChild(trx, input.child);
    const existing = studentId !== null;
    if (studentId === null) {
      const c = input.child;
      const values = {
        last_name: cleanName(c.lastName),
        first_name: cleanName(c.firstName),
        middle_name: c.middleName ? cleanName(c.middleName) : null,
        birth_date: c.birthDate,
        personal_file_no: c.personalFileNo,
        phone: c.phone,
        email: c.email,
        address: c.address,
        notes: c.notes,
      };
      const row = await trx
        .insertInto('students')
        .values({ ...values, user_id: null, created_at: now.toISOString(), updated_at: now.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      studentId = row.id;
      await audit(trx, ctx.session, now, {
        action: 'students.create',
        entity: 'student',
        entityId: studentId,
        studentId,
        after: values,
      });
    }
    const enrolmentId = await startEnrolment(trx, studentId, input.groupId, order, 'admission');
    await audit(trx, ctx.session, now, {
      action: 'enrolments.admit',
      entity: 'enrolment',
      entityId: enrolmentId,
      studentId,
      after: { studentId, groupId: input.groupId, ...order, existing },
    });
    const others = (await enrolmentsOf(trx, [studentId])).filter(
      (e) => e.id !== enrolmentId && e.fromDate <= date && (e.untilDate === null || date < e.untilDate),
    );
    return { studentId, enrolmentId, existing, otherGroups: [...new Set(others.map((e) => e.groupName))] };
  });
  return {
    student: await describeStudent(ctx, done.studentId),
    enrolmentId: done.enrolmentId,
    existing: done.existing,
    otherGroups: done.otherGroups,
  };
}
