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
      'Изменить наименование, адрес, директора и подписантов (с проверкой версии: чужое изменение не затирается)',
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
