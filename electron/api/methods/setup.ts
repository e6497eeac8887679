import { z } from 'zod';
import { method } from '../define.js';
import { empty, text } from '../schemas.js';
import type { Me } from './auth.js';

export interface SetupStatus {
  /** False until the institution and its first administrator exist. */
  initialized: boolean;
  database: 'sqlite' | 'postgres';
}

export const institutionKind = z.enum(['school', 'college', 'supplementary'], {
  error: 'Тип организации: школа, колледж или центр дополнительного образования',
});

export const setupMethods = {
  'setup.status': method<SetupStatus>()({
    summary: 'Готова ли база к работе (есть ли организация и администратор)',
    access: 'public',
    input: empty,
  }),
  'setup.initialize': method<Me>()({
    summary: 'Первый запуск: организация и первый администратор (только в пустой базе)',
    access: 'public',
    input: z.object({
      fullName: text('Полное наименование организации', 300),
      shortName: text('Краткое наименование', 100),
      kind: institutionKind,
      directorName: text('ФИО директора', 150),
      admin: z.object({
        login: text('Логин администратора', 50),
        lastName: text('Фамилия', 60),
        firstName: text('Имя', 60),
        middleName: z.string().max(60).optional(),
        password: z.string().max(200),
      }),
    }),
  }),
};
