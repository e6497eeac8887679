// Excel templates for each list (header with hints, an example, how to fill it) and the export of
// each list — in the same columns, so an exported list can be corrected and loaded back.
import { otherGroupSays } from './students.js';
import { institutionWords } from '../words.js';
import type { ExportList, FileOutput, ImportList, Parsed } from '../../api/contract.js';
import { XLSX_MIME } from '../../api/contract.js';
import { AppError, forbidden } from '../../api/errors.js';
import { LESSON_KIND_NAMES } from '../../domain/labels.js';
import { addTableSheet, createWorkbook, toBuffer, type XlsxColumn } from '../../export/xlsx.js';
import { assertJournalRead, canReadGroup, canSeeGroupPersonalData, READ_ALL } from '../access.js';
import { WEEKDAYS_RU } from '../../domain/calendar.js';
import { hasRole, type AuthedContext } from '../context.js';
import { fileOutput } from '../files.js';
import { SUBJECT_KIND_LABELS } from './codes.js';
import { loadGroup, loadYear } from './common.js';
import type { ColumnSpec } from './import/cells.js';
import { IMPORTERS } from './import/index.js';
import { columnsOf } from './import/framework.js';
import type { Words } from '../../domain/vocabulary.js';
import { importYear } from './import/students.js';
import { describeLoad } from './load.js';
import { describePlan } from './plans.js';
import { describeSubjects } from './subjects.js';
import { slotEntries } from './clashes.js';
import { dayInYear, describeGroups } from './groups.js';
import { ROLE_WORDS_RU } from './import/users.js';

/** Sheet and file names; a centre's «Программы» and «Объединения» (DESIGN.md §10). */
const listTitles = (w: Words): Record<ExportList, string> => ({
  students: 'Обучающиеся',
  users: 'Сотрудники',
  subjects: w.Term('subject', 'nom', 'many'),
  plan: 'Тематический план',
  timetable: 'Расписание',
  groups: w.Term('group', 'nom', 'many'),
  load: 'Нагрузка',
});
const PARITY_WORDS = { all: 'каждая', odd: 'нечётная', even: 'чётная' } as const;

function templateColumns(list: ImportList, w: Words): ColumnSpec[] {
  return columnsOf(IMPORTERS[list], w).filter((c) => c.key !== 'full');
}

function xlsxColumns(specs: ColumnSpec[]): XlsxColumn[] {
  return specs.map((c) => ({
    header: c.header,
    key: c.key,
    type: c.type ?? 'text',
    width: c.width ?? Math.max(12, c.header.length + 2),
  }));
}

export async function template(ctx: AuthedContext, input: Parsed<'lists.template'>): Promise<FileOutput> {
  const tw = await institutionWords(ctx.db);
  const LIST_TITLES = listTitles(tw);
  const specs = templateColumns(input.list, tw);
  const wb = createWorkbook({ createdAt: ctx.clock.now() });
  const ws = addTableSheet(wb, { name: LIST_TITLES[input.list], columns: xlsxColumns(specs), rows: [] });
  specs.forEach((c, i) => {
    const cell = ws.getRow(1).getCell(i + 1);
    cell.note = `${c.required ? 'Обязательно. ' : ''}${c.hint}`;
    if (c.required) cell.font = { bold: true, color: { argb: 'FF9C1C1C' } };
  });
  addTableSheet(wb, {
    name: 'Пример',
    columns: xlsxColumns(specs),
    rows: [
      Object.fromEntries(
        specs.map((c) => [
          c.key,
          c.type === 'date' && typeof c.example === 'string' ? c.example.split('.').reverse().join('-') : c.example,
        ]),
      ),
    ],
  });
  addTableSheet(wb, {
    name: 'Как заполнять',
    title:
      'Заполните первый лист: одна строка — одна запись. Заголовки не меняйте. Сначала загрузите файл «пробным ' +
      'прогоном» — программа покажет все ошибки по строкам и столбцам, ничего не записав.',
    columns: [
      { header: 'Столбец', key: 'header', type: 'text', width: 32 },
      { header: 'Обязательный', key: 'required', type: 'text', width: 14 },
      { header: 'Что писать', key: 'hint', type: 'text', width: 70 },
    ],
    rows: specs.map((c) => ({ header: c.header, required: c.required ? 'да' : '', hint: c.hint })),
  });
  return fileOutput(`Шаблон — ${LIST_TITLES[input.list]}.xlsx`, XLSX_MIME, await toBuffer(wb));
}

async function studentRows(ctx: AuthedContext, yearId: number, groupId: number | undefined) {
  const y = await loadYear(ctx.db, yearId);
  const day = dayInYear(ctx.clock.today(), y);
  let groups = await describeGroups(ctx.db, y.id, day);
  if (groupId !== undefined) groups = groups.filter((g) => g.id === groupId);
  const rows: Array<Record<string, unknown>> = [];
  for (const g of groups) {
    const personal = await canSeeGroupPersonalData(ctx.db, ctx.session, g.id);
    const list = await ctx.db
      .selectFrom('enrolments as e')
      .innerJoin('students as s', 's.id', 'e.student_id')
      .select([
        's.id',
        's.last_name',
        's.first_name',
        's.middle_name',
        's.birth_date',
        's.personal_file_no',
        's.phone',
        's.email',
        's.address',
        'e.order_no',
        'e.order_date',
        'e.from_date',
      ])
      .where('e.group_id', '=', g.id)
      .where('e.from_date', '<=', day)
      .where((eb) => eb.or([eb('e.until_date', 'is', null), eb('e.until_date', '>', day)]))
      .execute();
    // The same order on both databases: Russian collation (Ё with Е), not the server's.
    list.sort(
      (a, b) =>
        a.last_name.localeCompare(b.last_name, 'ru') ||
        a.first_name.localeCompare(b.first_name, 'ru') ||
        (a.middle_name ?? '').localeCompare(b.middle_name ?? '', 'ru') ||
        a.id - b.id,
    );
    const guardians =
      list.length === 0
        ? []
        : await ctx.db
            .selectFrom('guardians')
            .selectAll()
            .where(
              'student_id',
              'in',
              list.map((s) => s.id),
            )
            .orderBy('id')
            .execute();
    for (const s of list) {
      const gs = guardians.filter((x) => x.student_id === s.id);
      rows.push({
        last: s.last_name,
        first: s.first_name,
        middle: s.middle_name,
        birth: personal ? s.birth_date : null,
        group: g.name,
        fileNo: s.personal_file_no,
        phone: personal ? s.phone : null,
        email: personal ? s.email : null,
        address: personal ? s.address : null,
        orderNo: s.order_no,
        orderDate: s.order_date,
        date: s.from_date,
        g1Name: gs[0]?.full_name,
        g1Relation: gs[0]?.relation,
        g1Phone: personal ? gs[0]?.phone : null,
        g2Name: gs[1]?.full_name,
        g2Relation: gs[1]?.relation,
        g2Phone: personal ? gs[1]?.phone : null,
      });
    }
  }
  return { year: y, rows, groups };
}

export async function exportList(ctx: AuthedContext, input: Parsed<'lists.export'>): Promise<FileOutput> {
  const words = await institutionWords(ctx.db);
  const LIST_TITLES = listTitles(words);
  const wb = createWorkbook({ createdAt: ctx.clock.now() });
  const list = input.list;
  let suffix = '';
  const yearOf = async () =>
    input.yearId !== undefined
      ? loadYear(ctx.db, input.yearId)
      : importYear(ctx.db, undefined, ctx.clock.today()).catch(async () => {
          const any = await ctx.db
            .selectFrom('academic_years')
            .selectAll()
            .orderBy('starts_on', 'desc')
            .executeTakeFirst();
          if (!any) throw new AppError('bad_request', 'Нет ни одного учебного года');
          return any;
        });
  if (list === 'students') {
    const y = await yearOf();
    if (input.groupId !== undefined) {
      const g = await loadGroup(ctx.db, input.groupId);
      if (!(await canReadGroup(ctx.db, ctx.session, g.id))) throw forbidden(await otherGroupSays(ctx));
      suffix = ` ${g.name}`;
    } else if (!hasRole(ctx.session, ...READ_ALL))
      throw forbidden('Недостаточно прав: список всех обучающихся доступен администрации');
    const { rows } = await studentRows(ctx, y.id, input.groupId);
    addTableSheet(wb, { name: LIST_TITLES.students, columns: xlsxColumns(templateColumns('students', words)), rows });
    suffix += ` ${y.title.replace('/', '-')}`;
  } else if (list === 'users') {
    if (!hasRole(ctx.session, 'admin'))
      throw forbidden('Недостаточно прав: список сотрудников выгружает администратор');
    const users = await ctx.db.selectFrom('users').selectAll().orderBy('last_name').orderBy('first_name').execute();
    const roles = await ctx.db
      .selectFrom('user_roles as r')
      .leftJoin('departments as d', 'd.id', 'r.department_id')
      .select(['r.user_id', 'r.role', 'd.short_name'])
      .execute();
    const staff = users.filter((u) => {
      const r = roles.filter((x) => x.user_id === u.id);
      return !(r.length > 0 && r.every((x) => x.role === 'student' || x.role === 'parent'));
    });
    addTableSheet(wb, {
      name: LIST_TITLES.users,
      columns: [
        ...xlsxColumns(templateColumns('users', words)),
        { header: 'Активен', key: 'active', type: 'text', width: 10 },
      ],
      rows: staff.map((u) => {
        const own = roles.filter((r) => r.user_id === u.id && r.role !== 'curator');
        return {
          last: u.last_name,
          first: u.first_name,
          middle: u.middle_name,
          login: u.login,
          position: u.position,
          roles: [...new Set(own.map((r) => ROLE_WORDS_RU[r.role]))].join(', '),
          department: own.find((r) => r.role === 'dept_head')?.short_name ?? null,
          phone: u.phone,
          email: u.email,
          active: u.active ? 'да' : 'нет',
        };
      }),
    });
  } else if (list === 'subjects') {
    const subjects = await describeSubjects(ctx.db);
    addTableSheet(wb, {
      name: LIST_TITLES.subjects,
      columns: xlsxColumns(templateColumns('subjects', words)),
      rows: subjects.map((s) => ({
        code: s.code,
        name: s.name,
        kind: SUBJECT_KIND_LABELS[s.kind],
        parent: s.parentCode,
      })),
    });
  } else if (list === 'groups') {
    const y = await yearOf();
    const groups = await describeGroups(ctx.db, y.id, dayInYear(ctx.clock.today(), y));
    const w = await institutionWords(ctx.db);
    addTableSheet(wb, {
      name: LIST_TITLES.groups,
      title: `${w.Term('group', 'nom', 'many')} ${y.title}`,
      columns: [
        { header: w.Term('group'), key: 'name', type: 'text', width: 14 },
        { header: w.Term('course'), key: 'course', type: 'integer' },
        { header: w.Term('department'), key: 'dept', type: 'text', width: 30 },
        { header: w.focus, key: 'spec', type: 'text', width: 40 },
        { header: w.Short('curator'), key: 'curator', type: 'text', width: 22 },
        { header: 'Обучающихся', key: 'students', type: 'integer' },
        { header: 'Журналов', key: 'journals', type: 'integer' },
      ],
      rows: groups.map((g) => ({
        name: g.name,
        course: g.course,
        dept: g.departmentName,
        spec: g.speciality,
        curator: g.curatorName,
        students: g.students,
        journals: g.journals,
      })),
    });
    suffix = ` ${y.title.replace('/', '-')}`;
  } else if (list === 'load') {
    const y = await yearOf();
    if (!hasRole(ctx.session, ...READ_ALL))
      throw forbidden(
        `Недостаточно прав: нагрузку всех ${(await institutionWords(ctx.db)).short('teacher', 'gen', 'many')} ` +
          `выгружает администрация`,
      );
    const load = await describeLoad(ctx.db, { yearId: y.id });
    const lw = await institutionWords(ctx.db);
    const periods = await ctx.db
      .selectFrom('periods')
      .select(['id', 'title'])
      .where('year_id', '=', y.id)
      .orderBy('seq')
      .execute();
    addTableSheet(wb, {
      name: LIST_TITLES.load,
      title: `Нагрузка ${y.title}`,
      columns: [
        { header: lw.Term('group'), key: 'group', type: 'text', width: 12 },
        { header: lw.Term('subject'), key: 'subject', type: 'text', width: 44 },
        { header: 'Подгруппа', key: 'subgroup', type: 'integer' },
        { header: lw.Short('teacher'), key: 'teacher', type: 'text', width: 22 },
        ...periods.map((p) => ({ header: `${p.title}, ч`, key: `p${p.id}`, type: 'integer' as const, width: 12 })),
        { header: 'Всего, ч', key: 'total', type: 'integer' },
        { header: 'В КТП, ч', key: 'plan', type: 'integer' },
      ],
      rows: load.map((j) => ({
        group: j.groupName,
        subject: `${j.subjectCode ? `${j.subjectCode} ` : ''}${j.subjectName}`,
        subgroup: j.subgroupNumber,
        teacher: j.teacherName,
        ...Object.fromEntries(j.hours.map((h) => [`p${h.periodId}`, h.hours])),
        total: j.totalHours,
        plan: j.planHours,
      })),
    });
    suffix = ` ${y.title.replace('/', '-')}`;
  } else if (list === 'plan') {
    if (input.journalId === undefined)
      throw new AppError('bad_request', 'Укажите журнал', { journalId: 'Не выбран журнал' });
    const j = await assertJournalRead(ctx.db, ctx.session, input.journalId);
    const plan = await describePlan(ctx.db, j, false);
    addTableSheet(wb, {
      name: LIST_TITLES.plan,
      columns: xlsxColumns(templateColumns('plan', words)),
      rows: plan.topics.map((t) => ({
        seq: t.seq,
        section: t.section,
        title: t.title,
        hours: t.hours,
        kind: LESSON_KIND_NAMES[t.lessonKind],
        homework: t.homework,
      })),
    });
    suffix = ` ${plan.groupName} ${plan.subjectCode ?? plan.subjectName}`;
  } else {
    const y = await yearOf();
    let entries = await slotEntries(ctx.db, y.id);
    if (input.groupId !== undefined) entries = entries.filter((e) => e.groupId === input.groupId);
    const codes = new Map(
      (
        await ctx.db
          .selectFrom('journals as j')
          .innerJoin('subjects as s', 's.id', 'j.subject_id')
          .select(['j.id', 's.code'])
          .where('j.year_id', '=', y.id)
          .execute()
      ).map((j) => [j.id, j.code]),
    );
    entries.sort(
      (a, b) => a.groupName.localeCompare(b.groupName, 'ru') || a.weekday - b.weekday || a.lessonNo - b.lessonNo,
    );
    addTableSheet(wb, {
      name: LIST_TITLES.timetable,
      columns: xlsxColumns(templateColumns('timetable', words)),
      rows: entries.map((e) => ({
        group: e.groupName,
        weekday: WEEKDAYS_RU[e.weekday],
        lessonNo: e.lessonNo,
        parity: PARITY_WORDS[e.parity],
        subject: `${codes.get(e.journalId) ? `${codes.get(e.journalId)} ` : ''}${e.subjectName}`,
        subgroup: e.subgroupNumber,
        teacher: e.teacherName,
        room: e.room,
      })),
    });
    suffix = ` ${y.title.replace('/', '-')}`;
  }
  return fileOutput(`${LIST_TITLES[list]}${suffix}.xlsx`, XLSX_MIME, await toBuffer(wb));
}
