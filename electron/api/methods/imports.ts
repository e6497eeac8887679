// Lists in and out of Excel (003 §3.1): a dry run that names every problem by row and column,
// then one transaction for the clean rows; downloadable templates; export of each list.
import { z } from 'zod';
import type { ColumnMatch } from '../../domain/import-headers.js';
import { method, STAFF } from '../define.js';
import { id, optionalText, text } from '../schemas.js';
import { day } from './dates.js';
import type { FileOutput, JobInfo } from './jobs.js';

export const IMPORT_LISTS = ['students', 'users', 'subjects', 'plan', 'timetable'] as const;
export type ImportList = (typeof IMPORT_LISTS)[number];
export const EXPORT_LISTS = [...IMPORT_LISTS, 'groups', 'load'] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];

export interface ImportProblem {
  /** The Excel row number as the user sees it. */
  row: number;
  /** The column header, or null for a problem of the whole row. */
  column: string | null;
  message: string;
}

export interface ImportReport {
  list: ImportList;
  dryRun: boolean;
  /** Data rows read from the sheet. */
  total: number;
  good: number;
  bad: number;
  problems: ImportProblem[];
  /** True when rows were written (one transaction). */
  imported: boolean;
  created: number;
  updated: number;
  skipped: number;
  /** Users import: the one-time passwords of the new accounts, shown once. */
  credentials: Array<{ fullName: string; login: string; password: string }>;
  /** One Russian sentence: what happened. */
  summary: string;
  /** The file name of the safety copy taken just before writing; null on a dry run, a refusal or PostgreSQL. */
  backup: string | null;
  /** Every column of the file in order: the field it loads into, or why it is not loaded. */
  columns: ColumnMatch[];
  /** The list's fields (key and canonical header), for the mapping step. */
  fields: Array<{ key: string; header: string }>;
  /** The headers of the columns that are not loaded (also named in the summary). */
  unloaded: string[];
  /** The mapping of this file's headers came from the last file with the same headers. */
  remembered: boolean;
}

const listEnum = z.enum(IMPORT_LISTS, {
  error: 'Список: обучающиеся, пользователи, дисциплины, тематический план или расписание',
});

export const importMethods = {
  'import.start': method<JobInfo>()({
    summary:
      'Загрузка списка из Excel: пробный прогон (ничего не записывает) или загрузка чистых строк одной транзакцией',
    access: ['admin', 'teacher'],
    input: z.object({
      list: listEnum,
      /** The .xlsx file, base64. */
      file: z
        .string({ error: 'Не выбран файл' })
        .min(1, 'Не выбран файл')
        .max(30_000_000, 'Файл слишком большой: загрузить можно не больше 20 МБ'),
      fileName: optionalText('Имя файла', 300),
      dryRun: z.boolean(),
      /** Import the clean rows and leave out the ones with problems. */
      skipBad: z.boolean(),
      yearId: id('Учебный год').optional(),
      journalId: id('Журнал').optional(),
      /** Students: the admission order for rows that do not name their own. */
      admission: z
        .object({ date: day('Дата зачисления'), orderNo: text('Номер приказа', 40), orderDate: day('Дата приказа') })
        .optional(),
      /**
       * Column header → field key, or null for «не загружать»: overrides the recognised headers and is
       * remembered for files with the same headers once the rows are loaded.
       */
      mapping: z
        .record(z.string().max(200, 'Заголовок столбца длиннее 200 символов'), z.string().max(40).nullable())
        .refine((m) => Object.keys(m).length <= 200, 'Сопоставить можно не больше 200 столбцов')
        .optional(),
    }),
  }),
  'lists.template': method<FileOutput>()({
    summary: 'Шаблон Excel для загрузки списка (с примером строки и подсказками)',
    access: STAFF,
    input: z.object({ list: listEnum }),
  }),
  'lists.export': method<FileOutput>()({
    summary:
      'Выгрузка списка в Excel (обучающиеся, пользователи, дисциплины, группы, нагрузка, тематический план, ' +
      'расписание)',
    access: STAFF,
    input: z.object({
      list: z.enum(EXPORT_LISTS, { error: 'Неизвестный список' }),
      yearId: id('Учебный год').optional(),
      groupId: id('Группа').optional(),
      journalId: id('Журнал').optional(),
    }),
  }),
};
