// A list of 500 students as a secretary would type it: Ё, double surnames, hyphens, no patronymic,
// stray spaces, CAPITALS, dates as Excel dates, serial numbers or text — and, on request, exactly
// five broken rows whose Excel row numbers and columns are known.
import { addDays } from '../../../electron/domain/calendar.js';
import { excelDate, xlsx, type Cell } from './helpers.js';

export const STUDENT_HEADERS = [
  'Фамилия',
  'Имя',
  'Отчество',
  'Дата рождения',
  'Группа',
  'Представитель 1: ФИО',
  'Представитель 1: кем приходится',
  'Представитель 1: телефон',
];

const LAST = [
  'Ёлкина-Смирнова',
  'Иванов',
  '  Петрова ',
  'РИМСКИЙ-КОРСАКОВ',
  'Фёдоров',
  'Ли',
  "О'Нил",
  'Салтыков-Щедрин',
  'Жуковская',
  'Ёжиков',
  'Шевчук',
  'Ким',
];
const FIRST = [
  'Анна',
  'Пётр',
  ' Мария',
  'николай',
  'Семён',
  'Юлия',
  'Артём',
  'Алёна',
  'Анна-Мария',
  'Илья',
  'Дарья',
  'Олег',
];
const MIDDLE = [
  'Сергеевна',
  null,
  'Ивановна',
  'АНДРЕЕВИЧ',
  'Петрович',
  null,
  'Олегович',
  '  Викторовна',
  null,
  'Ильич',
  'Игоревна',
  null,
];

export interface BrokenRow {
  excelRow: number;
  column: string | null;
  contains: string;
}

/** The 500 rows; with `broken`, five of them are spoiled as listed in BROKEN. */
export function studentRows(count = 500, broken = true): Cell[][] {
  const rows: Cell[][] = [];
  for (let i = 0; i < count; i++) {
    const birth = addDays('2008-01-01', i);
    const [y, m, d] = birth.split('-');
    // Three ways a date arrives: an Excel date, a serial number in a General cell, and text.
    const serial = Math.round((excelDate(birth).getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
    const date: Cell =
      i % 3 === 0
        ? excelDate(birth)
        : i % 3 === 1
          ? `${d}.${m}.${y}`
          : i % 2 === 0
            ? serial
            : `${Number(d)}.${Number(m)}.${y} г.`;
    const group = i % 2 === 0 ? 'ЭС-11' : ' эс-21 ';
    const guardian = i % 4 === 0 ? ['Ёлкина Мария Петровна', 'мать', '8 (912) 345-67-89'] : [null, null, null];
    rows.push([
      LAST[i % LAST.length]!,
      FIRST[(i * 7) % FIRST.length]!,
      MIDDLE[i % MIDDLE.length]!,
      date,
      group,
      ...guardian,
    ] as Cell[]);
  }
  if (broken) {
    rows[11]![3] = '31.02.2009'; // row 13: no such date
    rows[120]![4] = 'ЭС-99'; // row 122: unknown group
    rows[250] = [...rows[249]!]; // row 252: the same student as row 251
    rows[333]![0] = '   '; // row 335: no surname
    rows[498]![3] = '01.09.10'; // row 500: two-digit year
  }
  return rows;
}

export const BROKEN: BrokenRow[] = [
  { excelRow: 13, column: 'Дата рождения', contains: 'такой даты нет' },
  { excelRow: 122, column: 'Группа', contains: 'группы «ЭС-99» нет в учебном году 2026/2027' },
  { excelRow: 252, column: null, contains: 'повтор' },
  { excelRow: 335, column: 'Фамилия', contains: 'не указана фамилия' },
  { excelRow: 500, column: 'Дата рождения', contains: 'год записан двумя цифрами' },
];

export function studentFile(broken = true): Promise<Buffer> {
  return xlsx(STUDENT_HEADERS, studentRows(500, broken));
}
