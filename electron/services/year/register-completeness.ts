// 003 §2.2: the department heads check that the curators fill the registers of their groups. For each group
// in the caller's reach, the students on its roster whose entry lacks what the register must hold
// (electron/domain/register-gaps.ts), in three set queries whatever the number of groups.
import type { FileOutput, Parsed, RegisterCompleteness, RegisterGroup } from '../../api/contract.js';
import { PDF_MIME, XLSX_MIME } from '../../api/contract.js';
import { registersPdf, registersTitle, registersWorkbook } from '../../export/reports/register-completeness.js';
import { shortName as initials } from '../../export/pdf/index.js';
import { toBuffer } from '../../export/xlsx.js';
import { ruDate } from '../../domain/format-dates.js';
import { roleLabelsOf, wordsOf } from '../../domain/vocabulary.js';
import { fileOutput, safeFileName } from '../files.js';
import { forbidden, notFound } from '../../api/errors.js';
import { REGISTER_GAPS, registerGaps, type RegisterGap } from '../../domain/register-gaps.js';
import { curatedGroupIds, headedDepartmentIds } from '../access.js';
import { hasRole, type AuthedContext } from '../context.js';
import { currentYear } from '../schedule.js';
import { fullName, shortName } from '../session.js';

type Input = Parsed<'registers.completeness'>;

export async function completeness(ctx: AuthedContext, input: Input): Promise<RegisterCompleteness> {
  const { db, session } = ctx;
  const today = ctx.clock.today();
  const year = input.yearId
    ? await db.selectFrom('academic_years').selectAll().where('id', '=', input.yearId).executeTakeFirst()
    : await currentYear(db, today);
  if (!year) throw notFound('Учебный год');
  const asOf = today < year.starts_on ? year.starts_on : today > year.ends_on ? year.ends_on : today;

  const all = hasRole(session, 'admin', 'director', 'deputy');
  const departments = headedDepartmentIds(session);
  const curated = curatedGroupIds(session);
  if (input.departmentId && !all && !departments.includes(input.departmentId))
    throw forbidden('Недостаточно прав: реестры этого отделения проверяет его заведующий');
  const groups = await db
    .selectFrom('groups as g')
    .leftJoin('departments as d', 'd.id', 'g.department_id')
    .leftJoin('users as c', 'c.id', 'g.curator_user_id')
    .select([
      'g.id',
      'g.name',
      'g.department_id',
      'd.name as department_name',
      'c.last_name',
      'c.first_name',
      'c.middle_name',
    ])
    .where('g.year_id', '=', year.id)
    .$if(input.departmentId !== undefined, (q) => q.where('g.department_id', '=', input.departmentId!))
    .$if(input.groupId !== undefined, (q) => q.where('g.id', '=', input.groupId!))
    .orderBy('g.name')
    .execute();
  const mine = groups.filter(
    (g) => all || curated.includes(g.id) || (g.department_id !== null && departments.includes(g.department_id)),
  );
  if (input.groupId && mine.length === 0 && groups.length > 0)
    throw forbidden('Недостаточно прав: реестр этой группы ведёт её куратор, проверяет заведующий отделением');
  if (input.groupId && groups.length === 0) throw notFound('Группа');
  const ids = mine.map((g) => g.id);
  if (ids.length === 0) return { yearId: year.id, yearTitle: year.title, asOf, groups: [] };

  const roster = await db
    .selectFrom('enrolments as e')
    .innerJoin('students as s', 's.id', 'e.student_id')
    .select([
      'e.group_id',
      'e.order_no',
      'e.order_date',
      's.id',
      's.last_name',
      's.first_name',
      's.middle_name',
      's.personal_file_no',
      's.birth_date',
      's.address',
    ])
    .where('e.group_id', 'in', ids)
    .where('e.from_date', '<=', asOf)
    .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', asOf)]))
    .orderBy('s.last_name')
    .orderBy('s.first_name')
    .orderBy('s.middle_name')
    .execute();
  const guardians = await db
    .selectFrom('guardians as gu')
    .select(['gu.student_id', 'gu.full_name', 'gu.phone', 'gu.email'])
    .where('gu.student_id', 'in', (eb) =>
      eb
        .selectFrom('enrolments as e')
        .select('e.student_id')
        .where('e.group_id', 'in', ids)
        .where('e.from_date', '<=', asOf)
        .where((w) => w.or([w('e.until_date', 'is', null), w('e.until_date', '>', asOf)])),
    )
    .orderBy('gu.id')
    .execute();
  const byStudent = new Map<number, typeof guardians>();
  for (const g of guardians) byStudent.set(g.student_id, [...(byStudent.get(g.student_id) ?? []), g]);

  const out = new Map<number, RegisterGroup>(
    mine.map((g) => [
      g.id,
      {
        groupId: g.id,
        groupName: g.name,
        departmentName: g.department_name ?? null,
        curatorName: g.last_name ? shortName({ ...g, last_name: g.last_name, first_name: g.first_name ?? '' }) : null,
        students: 0,
        complete: 0,
        counts: Object.fromEntries(REGISTER_GAPS.map((k) => [k, 0])) as Record<RegisterGap, number>,
        rows: [],
      },
    ]),
  );
  for (const s of roster) {
    const group = out.get(s.group_id)!;
    const { gaps, guardianNames } = registerGaps(
      {
        personalFileNo: s.personal_file_no,
        birthDate: s.birth_date,
        address: s.address,
        guardians: (byStudent.get(s.id) ?? []).map((g) => ({ name: g.full_name, phone: g.phone, email: g.email })),
        enrolmentOrderNo: s.order_no,
        enrolmentOrderDate: s.order_date,
      },
      asOf,
    );
    group.students += 1;
    if (gaps.length === 0) {
      group.complete += 1;
      continue;
    }
    for (const gap of gaps) group.counts[gap] += 1;
    group.rows.push({ studentId: s.id, name: fullName(s), gaps, guardianNames });
  }
  return { yearId: year.id, yearTitle: year.title, asOf, groups: [...out.values()] };
}

/** The same as a document: PDF to print and hand to the curators, or Excel. */
export async function completenessFile(
  ctx: AuthedContext,
  input: Parsed<'registers.completenessFile'>,
): Promise<FileOutput> {
  const data = await completeness(ctx, input);
  const inst = await ctx.db.selectFrom('institution').select(['short_name', 'kind']).executeTakeFirst();
  const kind = inst?.kind ?? 'college';
  const w = wordsOf(kind);
  const name = `${registersTitle(w)} ${data.yearTitle.replace('/', '-')} на ${ruDate(data.asOf)}`;
  if (input.format === 'xlsx') {
    const wb = registersWorkbook(data, kind, ctx.clock.now());
    return fileOutput(`${safeFileName(name)}.xlsx`, XLSX_MIME, await toBuffer(wb));
  }
  // Who checked: the department head when the caller is one, else their first role as the institution names it.
  const roles = ctx.session.roles.map((g) => g.role);
  const checker = roleLabelsOf(kind)[roles.includes('dept_head') ? 'dept_head' : (roles[0] ?? 'deputy')];
  const bytes = await registersPdf(data, {
    institution: inst?.short_name ?? '',
    formedAt: ctx.clock.now(),
    signers: [{ position: `Проверил(а): ${checker.toLowerCase()}`, name: initials(ctx.session.fullName) }],
    kind,
  });
  return fileOutput(`${safeFileName(name)}.pdf`, PDF_MIME, bytes);
}
