import { z } from 'zod';
import { method, STAFF } from '../define.js';
import { empty, id, text } from '../schemas.js';

export interface SignerInfo {
  /** «Заместитель директора по учебной работе» */
  position: string;
  /** Full name as typed, e.g. «Иванова Анна Петровна». */
  name: string;
}

export interface InstitutionDetails {
  id: number;
  fullName: string;
  shortName: string;
  kind: 'school' | 'college' | 'supplementary';
  address: string;
  directorName: string;
  /** Marks kept in journals created from now on (a journal keeps the flag and scale it was created with). */
  marksEnabled: boolean;
  /** The scale of new journals, `5,4,3,2,зач,незач`. */
  markScale: string;
  /** A change of a mark or an attendance mark more than this many days after the lesson asks for a reason. */
  correctionDays: number;
  /** A period locks by itself this many days after it ends. */
  autoLockDays: number;
  version: number;
  updatedAt: string;
  /** Who signs documents: positions and names for signature blocks and certified copies. */
  signatures: {
    directorPosition: string;
    deputies: SignerInfo[];
    secretaryPosition: string;
    secretaryName: string;
  };
}

const name = (what: string) =>
  z
    .string({ error: `${what}: ожидается текст` })
    .max(150, `${what}: не длиннее 150 символов`)
    .transform((s) => s.replace(/\s+/g, ' ').trim());

const signer = z
  .object({
    position: text('Должность заместителя', 200),
    name: text('ФИО заместителя', 150),
  })
  .strict();

export const institutionMethods = {
  'institution.get': method<InstitutionDetails>()({
    summary: 'Сведения об организации и подписантах документов (директор, заместители, секретарь)',
    access: STAFF,
    input: empty,
  }),
  'institution.update': method<InstitutionDetails>()({
    summary:
      'Изменить наименование, адрес, директора, подписантов, отметки и шкалу для новых журналов (с проверкой ' +
      'версии: чужое изменение не затирается)',
    access: ['admin'],
    input: z
      .object({
        version: id('Версия записи'),
        fullName: text('Полное наименование', 300),
        shortName: text('Краткое наименование', 100),
        address: z
          .string({ error: 'Адрес: ожидается текст' })
          .max(300, 'Адрес: не длиннее 300 символов')
          .transform((s) => s.trim()),
        directorName: text('ФИО директора', 150),
        /** Omitted: unchanged. Journals already created keep their own flag and scale. */
        marksEnabled: z.boolean({ error: 'Отметки: ожидается да или нет' }).optional(),
        markScale: z
          .string({ error: 'Шкала отметок: ожидается текст' })
          .max(100, 'Шкала отметок: не длиннее 100 символов')
          .optional(),
        /** Omitted: unchanged. */
        correctionDays: z
          .number({ error: 'Дней до исправления с причиной: ожидается число' })
          .int('Дней до исправления с причиной: целое число')
          .min(0, 'Дней до исправления с причиной: от 0 до 60')
          .max(60, 'Дней до исправления с причиной: от 0 до 60')
          .optional(),
        autoLockDays: z
          .number({ error: 'Дней до закрытия периода: ожидается число' })
          .int('Дней до закрытия периода: целое число')
          .min(1, 'Дней до закрытия периода: от 1 до 120')
          .max(120, 'Дней до закрытия периода: от 1 до 120')
          .optional(),
        signatures: z
          .object({
            directorPosition: text('Должность директора', 200),
            deputies: z.array(signer, { error: 'Заместители: ожидается список' }).max(10, 'Не больше 10 заместителей'),
            secretaryPosition: text('Должность секретаря', 200),
            secretaryName: name('ФИО секретаря'),
          })
          .strict(),
      })
      .strict(),
  }),
};
