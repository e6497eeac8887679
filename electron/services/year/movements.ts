// The movement of students over a period (000 §3.2.4): who arrived (admission, transfer from
// elsewhere), who left (withdrawal, graduation, transfer elsewhere) and who moved between groups,
// each with the order. The yearly move up a course is not a movement and is left out.
import type { FileOutput, MovementRow, MovementsView, Parsed } from '../../api/contract.js';
import { XLSX_MIME } from '../../api/contract.js';
import { badInput, forbidden } from '../../api/errors.js';
import { addTableSheet, createWorkbook, toBuffer } from '../../export/xlsx.js';
import { headedDepartmentIds, READ_ALL } from '../access.js';
import { daysBetween } from '../../domain/calendar.js';
import { ruDate } from '../../domain/format-dates.js';
import { hasRole, type AuthedContext } from '../context.js';
import { fileOutput } from '../files.js';
import { fullName } from '../session.js';
import type { Words } from '../../domain/vocabulary.js';
import { institutionWords } from '../words.js';

/** What each movement is called, in the institution's words: «перевод в другое объединение». */
export function movementLabels(w: Words): Record<MovementRow['kind'], string> {
  const other = { f: 'другую', m: 'другой', n: 'другое' }[w.gender('group')];
  return {
    admission: 'зачисление',
    arrival: 'прибытие из другой организации',
    transfer: `перевод в ${other} ${w.term('group', 'acc')}`,
    withdrawal: 'отчисление',
    graduation: 'выпуск',
    departure: 'выбытие в другую организацию',
  };
}

export async function movements(ctx: AuthedContext, input: Parsed<'enrolments.movements'>): Promise<MovementsView> {
  if (input.to < input.from)
    throw badInput(`Конец периода ${ruDate(input.to)} раньше начала ${ruDate(input.from)}`, { to: 'Раньше начала' });
  if (daysBetween(input.from, input.to) > 731)
    throw badInput('Период не длиннее двух лет', { to: 'Слишком длинный период' });
  let departments: number[] | null = null;
  if (!hasRole(ctx.session, ...READ_ALL)) {
    departments = headedDepartmentIds(ctx.session);
    if (input.departmentId !== undefined && !departments.includes(input.departmentId))
      throw forbidden('Недостаточно прав: это другое отделение');
  }
  if (input.departmentId !== undefined) departments = [input.departmentId];
  if (departments !== null && departments.length === 0)
    return { from: input.from, to: input.to, rows: [], arrived: 0, left: 0, moved: 0 };

  const base = () => {
    let q = ctx.db
      .selectFrom('enrolments as e')
      .innerJoin('groups as g', 'g.id', 'e.group_id')
      .innerJoin('students as s', 's.id', 'e.student_id')
      .select([
        'e.id',
        'e.student_id',
        'e.group_id',
        'g.name',
        'g.year_id',
        'e.from_date',
        'e.until_date',
        'e.reason',
        'e.order_no',
        'e.order_date',
        'e.end_reason',
        'e.end_order_no',
        'e.end_order_date',
        's.last_name',
        's.first_name',
        's.middle_name',
      ]);
    if (departments !== null) q = q.where('g.department_id', 'in', departments);
    return q;
  };
  const starts = await base().where('e.from_date', '>=', input.from).where('e.from_date', '<=', input.to).execute();
  const ends = await base().where('e.until_date', '>=', input.from).where('e.until_date', '<=', input.to).execute();
  // The neighbours of each start and end, regardless of department: a transfer links two enrolments.
  const students = [...new Set([...starts, ...ends].map((e) => e.student_id))];
  const all =
    students.length === 0
      ? []
      : await ctx.db
          .selectFrom('enrolments as e')
          .innerJoin('groups as g', 'g.id', 'e.group_id')
          .select([
            'e.id',
            'e.student_id',
            'e.from_date',
            'e.until_date',
            'e.reason',
            'e.order_no',
            'e.order_date',
            'e.end_reason',
            'e.end_order_no',
            'e.end_order_date',
            'g.name',
            'g.year_id',
          ])
          .where('e.student_id', 'in', students)
          .execute();

  const rows: MovementRow[] = [];
  for (const e of starts) {
    const name = fullName(e);
    const order = { orderNo: e.order_no, orderDate: e.order_date };
    // A transfer's two halves share the date and the order: a centre's child may start or end another
    // объединение the same day by another order.
    const before = all.find(
      (x) =>
        x.student_id === e.student_id &&
        x.until_date === e.from_date &&
        x.end_reason === 'transfer' &&
        x.end_order_no === e.order_no &&
        x.end_order_date === e.order_date,
    );
    if (e.reason === 'admission')
      rows.push({
        date: e.from_date,
        kind: 'admission',
        direction: 'in',
        studentId: e.student_id,
        studentName: name,
        groupName: e.name,
        fromGroupName: null,
        ...order,
      });
    else if (!before)
      rows.push({
        date: e.from_date,
        kind: 'arrival',
        direction: 'in',
        studentId: e.student_id,
        studentName: name,
        groupName: e.name,
        fromGroupName: null,
        ...order,
      });
    else if (before.year_id === e.year_id)
      rows.push({
        date: e.from_date,
        kind: 'transfer',
        direction: 'move',
        studentId: e.student_id,
        studentName: name,
        groupName: e.name,
        fromGroupName: before.name,
        ...order,
      });
  }
  for (const e of ends) {
    const name = fullName(e);
    const order = { orderNo: e.end_order_no ?? '', orderDate: e.end_order_date ?? e.until_date! };
    if (e.end_reason === 'withdrawal' || e.end_reason === 'graduation') {
      rows.push({
        date: e.until_date!,
        kind: e.end_reason,
        direction: 'out',
        studentId: e.student_id,
        studentName: name,
        groupName: e.name,
        fromGroupName: null,
        ...order,
      });
    } else if (e.end_reason === 'transfer') {
      const after = all.find(
        (x) =>
          x.student_id === e.student_id &&
          x.from_date === e.until_date &&
          x.reason === 'transfer' &&
          x.order_no === e.end_order_no &&
          x.order_date === e.end_order_date,
      );
      // A transfer into a group outside the caller's departments still shows, from this side.
      if (!after)
        rows.push({
          date: e.until_date!,
          kind: 'departure',
          direction: 'out',
          studentId: e.student_id,
          studentName: name,
          groupName: e.name,
          fromGroupName: null,
          ...order,
        });
      else if (after.year_id === e.year_id && !starts.some((s) => s.id === after.id)) {
        rows.push({
          date: e.until_date!,
          kind: 'transfer',
          direction: 'move',
          studentId: e.student_id,
          studentName: name,
          groupName: after.name,
          fromGroupName: e.name,
          ...order,
        });
      }
    }
  }
  rows.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      a.groupName.localeCompare(b.groupName, 'ru') ||
      a.studentName.localeCompare(b.studentName, 'ru'),
  );
  return {
    from: input.from,
    to: input.to,
    rows,
    arrived: rows.filter((r) => r.direction === 'in').length,
    left: rows.filter((r) => r.direction === 'out').length,
    moved: rows.filter((r) => r.direction === 'move').length,
  };
}

export async function movementsXlsx(
  ctx: AuthedContext,
  input: Parsed<'enrolments.movementsXlsx'>,
): Promise<FileOutput> {
  const view = await movements(ctx, input);
  const w = await institutionWords(ctx.db);
  const MOVEMENT_LABELS = movementLabels(w);
  const wb = createWorkbook({ createdAt: ctx.clock.now() });
  const title = `Движение контингента с ${ruDate(view.from)} по ${ruDate(view.to)}`;
  addTableSheet(wb, {
    name: 'Движение',
    title,
    columns: [
      { header: 'Дата', key: 'date', type: 'date' },
      { header: 'Движение', key: 'kind', type: 'text', width: 30 },
      { header: 'Обучающийся', key: 'student', type: 'text', width: 36 },
      { header: w.Term('group'), key: 'group', type: 'text', width: 14 },
      { header: `Из ${w.term('group', 'gen')}`, key: 'from', type: 'text', width: 14 },
      { header: 'Приказ №', key: 'orderNo', type: 'text', width: 12 },
      { header: 'Дата приказа', key: 'orderDate', type: 'date' },
    ],
    rows: view.rows.map((r) => ({
      date: r.date,
      kind: MOVEMENT_LABELS[r.kind],
      student: r.studentName,
      group: r.groupName,
      from: r.fromGroupName,
      orderNo: r.orderNo,
      orderDate: r.orderDate,
    })),
  });
  const groups = [
    ...new Set(view.rows.flatMap((r) => [r.groupName, r.fromGroupName]).filter((g): g is string => g !== null)),
  ].sort((a, b) => a.localeCompare(b, 'ru'));
  addTableSheet(wb, {
    name: `Итоги по ${w.short('group', 'dat', 'many')}`,
    title,
    columns: [
      { header: w.Term('group'), key: 'group', type: 'text', width: 14 },
      { header: 'Прибыло', key: 'in', type: 'integer' },
      { header: 'Выбыло', key: 'out', type: 'integer' },
      { header: `Переведено в ${w.term('group', 'acc')}`, key: 'moveIn', type: 'integer' },
      { header: `Переведено из ${w.term('group', 'gen')}`, key: 'moveOut', type: 'integer' },
    ],
    rows: [
      ...groups.map((g) => ({
        group: g,
        in: view.rows.filter((r) => r.direction === 'in' && r.groupName === g).length,
        out: view.rows.filter((r) => r.direction === 'out' && r.groupName === g).length,
        moveIn: view.rows.filter((r) => r.direction === 'move' && r.groupName === g).length,
        moveOut: view.rows.filter((r) => r.direction === 'move' && r.fromGroupName === g).length,
      })),
      { group: 'Всего', in: view.arrived, out: view.left, moveIn: view.moved, moveOut: view.moved },
    ],
  });
  return fileOutput(`Движение контингента ${ruDate(view.from)}–${ruDate(view.to)}.xlsx`, XLSX_MIME, await toBuffer(wb));
}
