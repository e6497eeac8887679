// Which field of a list a column header of an Excel file means. People head their columns as they
// please («Родитель (ФИО)», «ТЕЛЕФОН МАТЕРИ», «Дата рожд.»): headers are compared without case, ё/е,
// spaces, punctuation and brackets, and each list knows the synonyms of its fields. This is the one
// place for both; the importers give only their canonical headers.

/** «Представитель 1: ФИО», «ФИО (представителя) 1*» → «представитель1фио», «фиопредставителя1». */
export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replaceAll('№', 'n')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The lists the importers load (the same names as the contract's ImportList). */
export type HeaderList = 'students' | 'users' | 'subjects' | 'plan' | 'timetable';

/** Other spellings of each field's header, by list and field key. */
export const HEADER_SYNONYMS: Record<HeaderList, Record<string, string[]>> = {
  students: {
    last: ['Фамилия обучающегося', 'Фамилия ребенка'],
    first: ['Имя обучающегося', 'Имя ребенка'],
    middle: ['Отчество обучающегося', 'Отчество ребенка'],
    full: [
      'Фамилия Имя Отчество',
      'Обучающийся',
      'ФИО обучающегося',
      'ФИО ребенка',
      'Ребенок',
      'Учащийся',
      'Студент',
      'ФИО студента',
    ],
    birth: ['Дата рожд', 'Родился', 'Дата рождения ребенка', 'ДР'],
    group: ['Группа', 'Класс', 'Объединение', 'Группа обучения'],
    fileNo: ['Личное дело', 'Номер личного дела', 'N личного дела', 'Личное дело N'],
    phone: ['Телефон обучающегося', 'Телефон ребенка', 'Мобильный телефон', 'Телефон студента'],
    email: ['Электронная почта', 'Email', 'Почта', 'Эл почта'],
    address: ['Адрес проживания', 'Домашний адрес', 'Адрес регистрации'],
    orderNo: ['Номер приказа', 'Приказ N', 'Приказ', 'Номер приказа о зачислении', 'Приказ о зачислении'],
    orderDate: ['Дата приказа о зачислении'],
    date: ['Зачислен с', 'Дата поступления', 'Зачислен', 'Дата зачисления в группу'],
    g1Name: ['Представитель 1', 'ФИО представителя 1', 'Родитель 1', 'Родитель 1 ФИО', 'ФИО родителя 1'],
    g1Relation: ['Кем приходится 1', 'Представитель 1 кем приходится', 'Родство 1'],
    g1Phone: ['Телефон представителя 1', 'Телефон родителя 1', 'Родитель 1 телефон'],
    g2Name: ['Представитель 2', 'ФИО представителя 2', 'Родитель 2', 'Родитель 2 ФИО', 'ФИО родителя 2'],
    g2Relation: ['Кем приходится 2', 'Представитель 2 кем приходится', 'Родство 2'],
    g2Phone: ['Телефон представителя 2', 'Телефон родителя 2', 'Родитель 2 телефон'],
  },
  users: {
    last: ['Фамилия сотрудника'],
    first: ['Имя сотрудника'],
    middle: ['Отчество сотрудника'],
    roles: ['Роль', 'Роли в программе'],
    position: ['Должность сотрудника'],
    phone: ['Рабочий телефон', 'Телефон сотрудника'],
    email: ['Электронная почта', 'Email', 'Почта', 'Эл почта'],
    department: ['Отделение', 'Отдел', 'Уровень образования'],
  },
  subjects: {
    code: ['Индекс', 'Код дисциплины', 'Код программы', 'Код предмета'],
    name: ['Название', 'Дисциплина', 'Наименование дисциплины', 'Программа', 'Предмет', 'Наименование программы'],
    parent: ['Входит в', 'Модуль', 'ПМ'],
  },
  plan: {
    seq: ['N п/п', 'Номер', 'N'],
    section: ['Раздел, тема', 'Раздел программы'],
    title: ['Тема занятия', 'Наименование темы', 'Содержание'],
    hours: ['Кол-во часов', 'Количество часов', 'Час'],
    kind: ['Вид', 'Тип занятия'],
    homework: ['Д/з', 'Задание'],
  },
  timetable: {
    weekday: ['День'],
    lessonNo: ['Пара', 'N пары', 'Урок', 'N урока', 'Номер занятия'],
    parity: ['Чётность'],
    group: ['Группа', 'Класс', 'Объединение'],
    subject: ['Дисциплина', 'Предмет', 'МДК', 'Программа'],
    teacher: ['Преподаватель', 'Педагог', 'Учитель'],
    room: ['Кабинет', 'Ауд.'],
  },
};

/** Headers that mean more than one field: the user chooses in the mapping step. */
const AMBIGUOUS: Partial<Record<HeaderList, Record<string, string[]>>> = {
  students: { Дата: ['orderDate', 'date'], 'Дата приказа или зачисления': ['orderDate', 'date'] },
};

/** Row numbers («№», «№ п/п»): not data, left out without a warning (the plan reads «№» as the topic's number). */
const ROW_NUMBER = ['N', 'N п/п', 'п/п', 'Номер по порядку'];

/**
 * Guardians in a student list: headers that name a person but not a number («Мать», «Телефон отца»,
 * «Родитель (ФИО)») go to the first free representative; the name and phone of the same person
 * («Мать», «Телефон матери») go to the same one.
 */
const PERSONS: Array<{
  person: string;
  relation: string | null;
  name: string[];
  phone: string[];
  relationOf: string[];
}> = [
  {
    person: 'мать',
    relation: 'мать',
    name: ['Мать', 'ФИО матери', 'Мама', 'Мать ФИО'],
    phone: ['Телефон матери', 'Телефон мамы', 'Мать телефон'],
    relationOf: [],
  },
  {
    person: 'отец',
    relation: 'отец',
    name: ['Отец', 'ФИО отца', 'Папа', 'Отец ФИО'],
    phone: ['Телефон отца', 'Телефон папы', 'Отец телефон'],
    relationOf: [],
  },
  {
    person: 'опекун',
    relation: 'опекун',
    name: ['Опекун', 'ФИО опекуна'],
    phone: ['Телефон опекуна'],
    relationOf: [],
  },
  {
    person: 'родитель',
    relation: 'родитель',
    name: ['Родитель', 'ФИО родителя', 'Родитель ФИО', 'Родители', 'ФИО родителей'],
    phone: ['Телефон родителя', 'Телефон родителей', 'Родитель телефон', 'Контактный телефон родителя'],
    relationOf: [],
  },
  {
    person: 'представитель',
    relation: null,
    name: [
      'Законный представитель',
      'Представитель',
      'ФИО законного представителя',
      'ФИО представителя',
      'Представитель ФИО',
    ],
    phone: ['Телефон законного представителя', 'Телефон представителя', 'Представитель телефон'],
    relationOf: ['Кем приходится', 'Степень родства', 'Родство', 'Кем приходится ребенку'],
  },
];
const GUARDIAN_SLOTS = [1, 2] as const;

export interface HeaderField {
  key: string;
  /** The canonical header (the template's), also the field's name in the mapping step and `--map`. */
  header: string;
}

export type ColumnHow =
  /** Recognised by its header or a synonym. */
  | 'auto'
  /** Chosen by the user (the mapping step, `--map`) or remembered from the last file with these headers. */
  | 'chosen'
  /** Not recognised: not loaded. */
  | 'unknown'
  /** Means one of several fields: not loaded until the user chooses. */
  | 'ambiguous'
  /** Its field is already taken by an earlier column: not loaded. */
  | 'duplicate'
  /** Left out on purpose: «не загружать» chosen. */
  | 'skipped'
  /** A row-number column («№», «№ п/п»): not data. */
  | 'number';

export interface ColumnMatch {
  header: string;
  field: string | null;
  how: ColumnHow;
  /** Ambiguous: the fields it may mean; duplicate: the field it would take. */
  candidates: string[];
}

export interface HeaderMatch {
  columns: ColumnMatch[];
  /** Values of fields no column holds, implied by a header (a «Мать» column: the representative is the mother). */
  implied: Record<string, string>;
}

/**
 * Matches a sheet's headers to a list's fields. `chosen` (header → field key, or null for «не
 * загружать») comes first and takes its fields; then canonical headers and synonyms in column order.
 * Unknown keys in `chosen` are the caller's to refuse.
 */
export function matchHeaders(
  list: HeaderList,
  fields: HeaderField[],
  headers: string[],
  chosen: Record<string, string | null> = {},
): HeaderMatch {
  const byKey = new Map<string, string[]>();
  const add = (text: string, key: string) => {
    const k = normaliseHeader(text);
    const known = byKey.get(k) ?? [];
    if (!known.includes(key)) byKey.set(k, [...known, key]);
  };
  const keys = new Set(fields.map((f) => f.key));
  for (const f of fields) add(f.header, f.key);
  for (const [key, words] of Object.entries(HEADER_SYNONYMS[list]))
    if (keys.has(key)) for (const w of words) add(w, key);
  const ambiguous = new Map(
    Object.entries(AMBIGUOUS[list] ?? {}).map(([h, ks]) => [normaliseHeader(h), ks.filter((k) => keys.has(k))]),
  );
  const rowNumber = new Set(list === 'plan' ? [] : ROW_NUMBER.map(normaliseHeader));
  const chosenByNorm = new Map(Object.entries(chosen).map(([h, k]) => [normaliseHeader(h), k]));

  const taken = new Map<string, string>(); // field key → header
  const columns: ColumnMatch[] = headers.map((header) => ({ header, field: null, how: 'unknown', candidates: [] }));
  const pending: number[] = [];
  headers.forEach((header, i) => {
    const norm = normaliseHeader(header);
    if (chosenByNorm.has(norm)) {
      const key = chosenByNorm.get(norm)!;
      const col = columns[i]!;
      if (key === null) col.how = 'skipped';
      else if (taken.has(key)) Object.assign(col, { how: 'duplicate', candidates: [key] });
      else {
        Object.assign(col, { field: key, how: 'chosen' });
        taken.set(key, header);
      }
    } else pending.push(i);
  });

  const persons = keys.has('g1Name') ? guardianSlots(headers, pending, taken) : new Map<number, string>();
  const implied: Record<string, string> = {};
  for (const i of pending) {
    const header = headers[i]!;
    const norm = normaliseHeader(header);
    const col = columns[i]!;
    if (norm === '') continue;
    const direct = persons.get(i) ?? (byKey.get(norm)?.length === 1 ? byKey.get(norm)![0]! : null);
    if (direct !== null) {
      if (taken.has(direct)) Object.assign(col, { how: 'duplicate', candidates: [direct] });
      else {
        Object.assign(col, { field: direct, how: 'auto' });
        taken.set(direct, header);
      }
    } else if (ambiguous.has(norm) || (byKey.get(norm)?.length ?? 0) > 1) {
      col.how = 'ambiguous';
      col.candidates = ambiguous.get(norm) ?? byKey.get(norm)!;
    } else if (rowNumber.has(norm)) col.how = 'number';
  }
  // A representative's relation from the header of their name or phone, when no column gives it.
  if (keys.has('g1Name')) {
    for (const n of GUARDIAN_SLOTS) {
      if (taken.has(`g${n}Relation`)) continue;
      const source = [taken.get(`g${n}Name`), taken.get(`g${n}Phone`)].find((h) => h !== undefined);
      const relation = source === undefined ? null : relationOfHeader(source);
      if (relation) implied[`g${n}Relation`] = relation;
    }
  }
  return { columns, implied };
}

/** Guardian columns without a number: column index → field key (g1Name, g2Phone…). */
function guardianSlots(headers: string[], pending: number[], taken: Map<string, string>): Map<number, string> {
  const found: Array<{ i: number; person: string; part: 'Name' | 'Phone' | 'Relation' }> = [];
  for (const i of pending) {
    const norm = normaliseHeader(headers[i]!);
    for (const p of PERSONS) {
      const part = p.name.some((w) => normaliseHeader(w) === norm)
        ? 'Name'
        : p.phone.some((w) => normaliseHeader(w) === norm)
          ? 'Phone'
          : p.relationOf.some((w) => normaliseHeader(w) === norm)
            ? 'Relation'
            : null;
      if (part) found.push({ i, person: p.person, part });
    }
  }
  // Slots already held by numbered headers («Представитель 1: ФИО») are not given again.
  const numbered = new Set(
    GUARDIAN_SLOTS.filter(
      (n) =>
        taken.has(`g${n}Name`) ||
        pending.some((i) => normaliseHeader(headers[i]!).match(new RegExp(`(представител|родител)[а-я]*${n}`))),
    ),
  );
  const free = GUARDIAN_SLOTS.filter((n) => !numbered.has(n));
  const slotOf = new Map<string, number>();
  let next = 0;
  const result = new Map<number, string>();
  // A lone «Кем приходится» (no unnumbered representative beside it) tells of a representative whose
  // name a numbered or chosen column gives.
  const generic = found.some((f) => f.person === 'представитель' && f.part !== 'Relation');
  const named = GUARDIAN_SLOTS.find((n) => taken.has(`g${n}Name`) && !taken.has(`g${n}Relation`));
  if (!generic && named !== undefined) slotOf.set('представитель', named);
  for (const f of found) {
    const person = f.person;
    let slot = slotOf.get(person);
    if (slot === undefined) {
      slot = free[next++];
      if (slot === undefined) continue;
      slotOf.set(person, slot);
    }
    result.set(f.i, `g${slot}${f.part}`);
  }
  return result;
}

/** «Мать», «Телефон матери» → «мать»; «Родитель (ФИО)» → «родитель»; «Представитель 1: ФИО» → null. */
export function relationOfHeader(header: string): string | null {
  const norm = normaliseHeader(header);
  for (const p of PERSONS) {
    if (p.relation === null) continue;
    if ([...p.name, ...p.phone].some((w) => normaliseHeader(w) === norm)) return p.relation;
  }
  if (/(мать|матери|мама|мамы)/.test(norm)) return 'мать';
  if (/(отец|отца|папа|папы)/.test(norm)) return 'отец';
  if (/родител/.test(norm)) return 'родитель';
  return null;
}

/** «Столбцы «A», «B» не распознаны и не загружены.» — every column of the file that is not loaded, or ''. */
export function unloadedSentence(columns: ColumnMatch[], fields: HeaderField[]): string {
  const label = (key: string) => fields.find((f) => f.key === key)?.header ?? key;
  const names = (cs: ColumnMatch[]) => cs.map((c) => `«${c.header}»`).join(', ');
  const parts: string[] = [];
  const unknown = columns.filter((c) => c.how === 'unknown');
  if (unknown.length === 1) parts.push(`Столбец ${names(unknown)} не распознан и не загружен.`);
  if (unknown.length > 1) parts.push(`Столбцы ${names(unknown)} не распознаны и не загружены.`);
  for (const c of columns.filter((x) => x.how === 'ambiguous'))
    parts.push(
      `Столбец «${c.header}» не загружен: непонятно, что в нём — ` +
        `${c.candidates.map((k) => `«${label(k)}»`).join(' или ')}; выберите при сопоставлении столбцов.`,
    );
  for (const c of columns.filter((x) => x.how === 'duplicate')) {
    const key = c.candidates[0]!;
    const from = columns.find((x) => x.field === key)?.header ?? '';
    parts.push(`Столбец «${c.header}» не загружен: поле «${label(key)}» уже берётся из столбца «${from}».`);
  }
  const skipped = columns.filter((c) => c.how === 'skipped');
  if (skipped.length === 1) parts.push(`Столбец ${names(skipped)} не загружается (так выбрано).`);
  if (skipped.length > 1) parts.push(`Столбцы ${names(skipped)} не загружаются (так выбрано).`);
  const numbers = columns.filter((c) => c.how === 'number');
  if (numbers.length > 0) parts.push(`Номер по порядку (${names(numbers)}) не загружается.`);
  return parts.join(' ');
}

/** The columns of a file that are not loaded. */
export function unloadedColumns(columns: ColumnMatch[]): string[] {
  return columns.filter((c) => c.field === null).map((c) => c.header);
}
