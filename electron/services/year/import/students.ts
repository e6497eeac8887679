// Students from Excel: name, birth date, group, admission order, contacts and up to two guardians.
// A student already in the database (same name and birth date) who is not enrolled this year is
// admitted again rather than duplicated; one already enrolled is a duplicate.
import { AppError } from '../../../api/errors.js';
import { ruDate } from '../../../domain/format-dates.js';
import type { Words } from '../../../domain/vocabulary.js';
import type { Db } from '../../context.js';
import { institutionWords } from '../../words.js';
import { shortName } from '../../session.js';
import { loadOpenYear, nameKey, orderDatesProblem, type YearRow } from '../common.js';
import { allowsSeveralGroups, startEnrolment } from '../enrolments.js';
import { splitFullName, normalCase, nameProblem, type ColumnSpec, type Row } from './cells.js';
import type { Importer, ImportEnv, ImportOptions } from './framework.js';

interface Guardian {
  fullName: string;
  relation: string;
  phone: string | null;
}

export interface StudentRow {
  existingId: number | null;
  last: string;
  first: string;
  middle: string | null;
  birth: string;
  groupId: number;
  groupName: string;
  fileNo: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  order: { date: string; orderNo: string; orderDate: string };
  guardians: Guardian[];
  key: string;
}

interface Context {
  year: YearRow;
  today: string;
  groups: Map<string, { id: number; name: string }>;
  /** name|birth → existing student with the groups they are enrolled in during this year. */
  existing: Map<string, { id: number; enrolled: Array<{ group: string; from: string; until: string | null }> }>;
  fileNos: Map<string, string>;
  admission: ImportOptions['admission'];
  words: Words;
  /** A centre: a child may be in several объединения, so one child may come in several rows. */
  several: boolean;
}

/** «не указана группа», «не указано объединение», «не указан класс». */
const gendered = (w: Words) => ({ f: 'а', m: '', n: 'о' })[w.gender('group')];

const groupKey = (name: string) => name.toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, '');

/** The open year the options name, or the open year of today, or the latest open one. */
export async function importYear(db: Db, yearId: number | undefined, today: string): Promise<YearRow> {
  if (yearId !== undefined) return loadOpenYear(db, yearId);
  const open = await db
    .selectFrom('academic_years')
    .selectAll()
    .where('status', '=', 'open')
    .orderBy('starts_on', 'desc')
    .execute();
  const year = open.find((y) => y.starts_on <= today && today <= y.ends_on) ?? open[0];
  if (!year) throw new AppError('bad_request', 'Нет открытого учебного года: сначала откройте год');
  return year;
}

const guardianColumns = (n: 1 | 2): ColumnSpec[] => [
  {
    key: `g${n}Name`,
    header: `Представитель ${n}: ФИО`,
    hint: 'ФИО законного представителя',
    example: n === 1 ? 'Ёлкина Мария Петровна' : null,
    width: 30,
  },
  {
    key: `g${n}Relation`,
    header: `Представитель ${n}: кем приходится`,
    hint: 'мать, отец, бабушка, опекун…',
    example: n === 1 ? 'мать' : null,
  },
  {
    key: `g${n}Phone`,
    header: `Представитель ${n}: телефон`,
    hint: 'телефон представителя',
    example: n === 1 ? '+7 912 345-67-89' : null,
  },
];

export const studentImporter: Importer<Context, StudentRow> = {
  list: 'students',
  genitive: 'обучающихся',
  localize: (w) =>
    w.kind === 'college'
      ? {}
      : {
          group: { header: w.Term('group'), hint: 'как в программе', example: w.kind === 'school' ? '5А' : null },
          date: { hint: `с какого дня в списке ${w.term('group', 'gen')}` },
        },
  columns: [
    {
      key: 'last',
      header: 'Фамилия',
      hint: 'обязательно; двойная — через дефис',
      example: 'Ёлкина-Смирнова',
      width: 22,
    },
    { key: 'first', header: 'Имя', hint: 'обязательно', example: 'Анна', width: 16 },
    { key: 'middle', header: 'Отчество', hint: 'если есть', example: null, width: 18 },
    {
      key: 'full',
      header: 'ФИО',
      hint: 'вместо трёх столбцов выше',
      example: null,
    },
    {
      key: 'birth',
      header: 'Дата рождения',
      required: true,
      hint: 'ДД.ММ.ГГГГ или дата Excel',
      example: '01.09.2010',
      type: 'date',
    },
    { key: 'group', header: 'Группа', required: true, hint: 'как в программе: ЭС-21', example: 'ЭС-11' },
    {
      key: 'fileNo',
      header: 'Номер личного дела',
      hint: 'если ведётся',
      example: '26-0001',
    },
    { key: 'phone', header: 'Телефон', hint: 'телефон обучающегося', example: null },
    {
      key: 'email',
      header: 'E-mail',
      hint: 'адрес почты',
      example: null,
    },
    {
      key: 'address',
      header: 'Адрес',
      hint: 'адрес проживания',
      example: 'г. Южноуральск, ул. Мира, д. 5, кв. 12',
      width: 34,
    },
    {
      key: 'orderNo',
      header: 'Приказ о зачислении №',
      hint: 'если пусто — приказ, указанный при загрузке',
      example: '112-к',
    },
    { key: 'orderDate', header: 'Дата приказа', hint: 'ДД.ММ.ГГГГ', example: '25.08.2026', type: 'date' },
    {
      key: 'date',
      header: 'Дата зачисления',
      hint: 'с какого дня в списке группы',
      example: '01.09.2026',
      type: 'date',
    },
    ...guardianColumns(1),
    ...guardianColumns(2),
  ],
  checkHeaders(present) {
    if (present.has('full') || (present.has('last') && present.has('first'))) return null;
    return 'нет столбцов «Фамилия» и «Имя» (или одного столбца «ФИО»)';
  },

  async prepare(env, options) {
    const year = await importYear(env.db, options.yearId, env.clock.today());
    const groups = await env.db.selectFrom('groups').select(['id', 'name']).where('year_id', '=', year.id).execute();
    const students = await env.db
      .selectFrom('students')
      .select(['id', 'last_name', 'first_name', 'middle_name', 'birth_date', 'personal_file_no'])
      .execute();
    const enrolled = await env.db
      .selectFrom('enrolments as e')
      .innerJoin('groups as g', 'g.id', 'e.group_id')
      .select(['e.student_id', 'g.name', 'e.from_date', 'e.until_date'])
      .where('g.year_id', '=', year.id)
      .execute();
    const existing = new Map<
      string,
      { id: number; enrolled: Array<{ group: string; from: string; until: string | null }> }
    >();
    for (const s of students) {
      if (!s.birth_date) continue;
      existing.set(`${nameKey(s.last_name, s.first_name, s.middle_name)}|${s.birth_date}`, {
        id: s.id,
        enrolled: enrolled
          .filter((e) => e.student_id === s.id)
          .map((e) => ({ group: e.name, from: e.from_date, until: e.until_date })),
      });
    }
    const fileNos = new Map<string, string>();
    for (const s of students) if (s.personal_file_no) fileNos.set(s.personal_file_no.toLowerCase(), shortName(s));
    return {
      year,
      today: env.clock.today(),
      groups: new Map(groups.map((g) => [groupKey(g.name), g])),
      existing,
      fileNos,
      admission: options.admission,
      words: await institutionWords(env.db),
      several: await allowsSeveralGroups(env.db),
    };
  },

  check(row: Row, c, earlier) {
    let last: string | null, first: string | null, middle: string | null;
    if (row.has('last') || row.has('first')) {
      last = row.name('last', 'не указана фамилия');
      first = row.name('first', 'не указано имя');
      middle = row.name('middle', null);
    } else {
      const full = row.text('full', { required: 'не указаны фамилия и имя', max: 150 });
      const parts = full ? splitFullName(full) : null;
      last = first = middle = null;
      if (parts) {
        const bad = [parts.last, parts.first, parts.middle]
          .filter((p): p is string => p !== null)
          .map(nameProblem)
          .find(Boolean);
        if (bad) row.problem('full', bad);
        else if (!parts.first) row.problem('full', `«${full}»: нужны хотя бы фамилия и имя`);
        else {
          last = normalCase(parts.last);
          first = normalCase(parts.first);
          middle = parts.middle ? normalCase(parts.middle) : null;
        }
      }
    }
    const birth = row.date('birth', { required: 'не указана дата рождения' });
    if (birth && birth > c.today) row.problem('birth', `${ruDate(birth)} — дата ещё не наступила`);
    else if (birth && birth < '1920-01-01') row.problem('birth', `${ruDate(birth)} — проверьте год рождения`);
    const w = c.words;
    const groupName = row.text('group', { required: `не указан${gendered(w)} ${w.term('group')}`, max: 40 });
    const group = groupName ? c.groups.get(groupKey(groupName)) : undefined;
    if (groupName && !group)
      row.problem('group', `${w.term('group', 'gen')} «${groupName}» нет в учебном году ${c.year.title}`);
    const fileNo = row.text('fileNo', { max: 30 });
    const phone = row.phone('phone');
    const email = row.email('email');
    const address = row.text('address', { max: 300 });

    const orderNo = row.text('orderNo', { max: 40 }) ?? c.admission?.orderNo ?? null;
    const ownOrderDate = row.blank('orderDate') ? null : row.date('orderDate');
    const orderDate = row.blank('orderDate') ? (c.admission?.orderDate ?? null) : ownOrderDate;
    // A row with its own order and no enrolment date is enrolled from its order's date (issue 13).
    const date = row.blank('date')
      ? (ownOrderDate ?? (row.blank('orderDate') ? (c.admission?.date ?? null) : null))
      : row.date('date');
    const hadDateProblem = row.problems.some(
      (p) => p.column === row.header('orderDate', 'Дата приказа') || p.column === row.header('date', 'Дата зачисления'),
    );
    if (!orderNo)
      row.problem(
        'orderNo',
        'не указан номер приказа о зачислении: заполните столбец или укажите приказ при загрузке',
        'Приказ о зачислении №',
      );
    if (!orderDate && !hadDateProblem) row.problem('orderDate', 'не указана дата приказа о зачислении', 'Дата приказа');
    if (!date && !hadDateProblem) row.problem('date', 'не указана дата зачисления', 'Дата зачисления');
    if (date && orderDate) {
      const p = orderDatesProblem(c.year, date, orderDate, 'Дата зачисления');
      if (p) row.problem(p.field, p.message, p.field === 'date' ? 'Дата зачисления' : 'Дата приказа');
    }

    const guardians: Guardian[] = [];
    for (const n of [1, 2] as const) {
      const name = row.text(`g${n}Name`, { max: 150 });
      const relation = row.text(`g${n}Relation`, { max: 40 });
      const gphone = row.phone(`g${n}Phone`);
      if (!name) {
        // A relation implied by a header («Мать») is no data of its own; a typed one is.
        if ((relation && row.has(`g${n}Relation`)) || gphone)
          row.problem(`g${n}Name`, 'не указано ФИО представителя', `Представитель ${n}: ФИО`);
        continue;
      }
      const bad = name.split(' ').map(nameProblem).find(Boolean);
      if (bad) {
        row.problem(`g${n}Name`, bad);
        continue;
      }
      if (!relation) {
        row.problem(
          `g${n}Relation`,
          'укажите, кем приходится представитель (мать, отец, опекун…)',
          `Представитель ${n}: кем приходится`,
        );
        continue;
      }
      guardians.push({
        fullName: name.split(' ').map(normalCase).join(' '),
        relation: relation.toLowerCase(),
        phone: gphone,
      });
    }

    if (!last || !first || !birth || !group) return null;
    const key = `${nameKey(last, first, middle)}|${birth}`;
    // A centre's child may come again in another объединение's row: the same child, one more enrolment.
    const twin = earlier.find((e) => e.value.key === key && (!c.several || e.value.groupId === group.id));
    if (twin)
      row.problem(
        null,
        `повтор: ${last} ${first}${middle ? ` ${middle}` : ''}, ${ruDate(birth)} уже есть в строке ${twin.row}`,
      );
    const known = c.existing.get(key);
    const busy = known?.enrolled.find(
      (e) =>
        (e.until === null || (date !== null && e.until > date)) &&
        (!c.several || groupKey(e.group) === groupKey(group.name)),
    );
    if (busy)
      row.problem(
        null,
        `${last} ${first} (${ruDate(birth)}) уже числится в ${w.term('group', 'loc')} ${busy.group} с ` +
          `${ruDate(busy.from)}: повторно не зачисляется`,
      );
    if (fileNo) {
      const holder = c.fileNos.get(fileNo.toLowerCase());
      const sameFile = earlier.find((e) => e.value.fileNo?.toLowerCase() === fileNo.toLowerCase());
      const sameChild = earlier.some((e) => e.value.key === key);
      if (holder && !known && !sameChild)
        row.problem('fileNo', `номер личного дела ${fileNo} уже у обучающегося ${holder}`);
      else if (sameFile && sameFile.value.key !== key)
        row.problem('fileNo', `номер личного дела ${fileNo} повторяется (строка ${sameFile.row})`);
    }
    if (row.problems.length > 0 || !orderNo || !orderDate || !date) return null;
    return {
      existingId: known?.id ?? null,
      last,
      first,
      middle,
      birth,
      groupId: group.id,
      groupName: group.name,
      fileNo,
      phone,
      email,
      address,
      order: { date, orderNo, orderDate },
      guardians,
      key,
    };
  },

  async write(trx, env: ImportEnv, c, items) {
    const now = env.clock.now().toISOString();
    // The year may have been closed since the check: refuse the whole import then.
    await loadOpenYear(trx, c.year.id);
    let created = 0,
      updated = 0;
    const ids: number[] = [];
    // A centre's child in two rows of the file: created once, enrolled in each объединение.
    const createdNow = new Map<string, number>();
    for (let i = 0; i < items.length; i++) {
      if (i % 50 === 0) env.progress('Запись', i, items.length);
      const s = items[i]!.value;
      let id = s.existingId ?? createdNow.get(s.key) ?? null;
      if (id === null) {
        id = (
          await trx
            .insertInto('students')
            .values({
              last_name: s.last,
              first_name: s.first,
              middle_name: s.middle,
              birth_date: s.birth,
              personal_file_no: s.fileNo,
              phone: s.phone,
              email: s.email,
              address: s.address,
              notes: null,
              user_id: null,
              created_at: now,
              updated_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
        createdNow.set(s.key, id);
        // A student created a moment ago has no other enrolment to overlap; the dates were checked row by row.
        await trx
          .insertInto('enrolments')
          .values({
            student_id: id,
            group_id: s.groupId,
            from_date: s.order.date,
            until_date: null,
            reason: 'admission',
            order_no: s.order.orderNo,
            order_date: s.order.orderDate,
            end_reason: null,
            end_order_no: null,
            end_order_date: null,
          })
          .execute();
        created++;
      } else {
        // Someone already in the database: the full check again, inside the transaction.
        await startEnrolment(trx, id, s.groupId, s.order, 'admission');
        if (s.existingId !== null) updated++;
      }
      if (s.guardians.length > 0) {
        const known = new Set(
          (await trx.selectFrom('guardians').select('full_name').where('student_id', '=', id).execute()).map((g) =>
            nameKey(g.full_name),
          ),
        );
        const fresh = s.guardians.filter((g) => !known.has(nameKey(g.fullName)));
        if (fresh.length > 0) {
          await trx
            .insertInto('guardians')
            .values(
              fresh.map((g) => ({
                student_id: id!,
                user_id: null,
                full_name: g.fullName,
                relation: g.relation,
                phone: g.phone,
                email: null,
                address: s.address,
              })),
            )
            .execute();
        }
      }
      ids.push(id);
    }
    return { created, updated, ids };
  },
};
