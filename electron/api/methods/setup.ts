import { z } from 'zod';
import { method } from '../define.js';
import { empty, text } from '../schemas.js';
import type { Me } from './auth.js';
import type { InstitutionKind } from '../../domain/enums.js';
import type { DatabaseTest } from './settings.js';

export interface SetupStatus {
  /** False until the institution and its first administrator exist. */
  initialized: boolean;
  database: 'sqlite' | 'postgres';
  /** The first-run actions need the one-time code the server printed at start (`serve`, the demo). */
  codeRequired: boolean;
  /** Why the first run cannot be done from here at all (a browser host that issued no code), or null. */
  closed: string | null;
  /** Why «connect to a PostgreSQL server» is not offered here (the browser host), or null where it is. */
  connectUnavailable: string | null;
  /** Why «restore from a backup» is not offered here (a journal on PostgreSQL), or null where it is. */
  restoreUnavailable: string | null;
  /** The rules a new password must follow, as the services check them. */
  passwordRules: string[];
  /** The institution's kind once it exists (the login screen speaks its words), else null. */
  kind: InstitutionKind | null;
}

export interface FirstRunRestore {
  institution: string | null;
  year: string | null;
  students: number;
}

export const institutionKind = z.enum(['school', 'college', 'supplementary'], {
  error: 'Тип организации: школа, колледж или центр дополнительного образования',
});

/** The code printed by `serve` on an empty database; the desktop app does not ask for it. */
const setupCode = z.string().max(64, 'Слишком длинный код').optional();

export const setupMethods = {
  'setup.status': method<SetupStatus>()({
    summary: 'Готова ли база к работе (есть ли организация и администратор) и что предлагает первый запуск',
    access: 'public',
    input: empty,
  }),
  'setup.initialize': method<Me>()({
    summary: 'Первый запуск: организация и первый администратор (только в пустой базе)',
    access: 'public',
    firstRun: true,
    input: z.object({
      setupCode,
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
        passwordRepeat: z.string({ error: 'Повторите пароль' }).max(200),
      }),
    }),
  }),
  'setup.checkDatabase': method<DatabaseTest>()({
    summary: 'Первый запуск: проверить подключение к серверу PostgreSQL (только в пустой базе, только в программе)',
    access: 'public',
    firstRun: true,
    input: z.object({ setupCode, url: z.string().max(2000, 'Слишком длинный адрес').trim() }),
  }),
  'setup.connectDatabase': method<DatabaseTest>()({
    summary: 'Первый запуск: перейти на журнал на сервере PostgreSQL (запоминается в настройках)',
    access: 'public',
    firstRun: true,
    input: z.object({ setupCode, url: z.string().max(2000, 'Слишком длинный адрес').trim() }),
  }),
  'setup.restore': method<FirstRunRestore>()({
    summary: 'Первый запуск: восстановить журнал из файла резервной копии (только в пустой базе)',
    access: 'public',
    firstRun: true,
    input: z.object({
      setupCode,
      fileName: z.string().max(300).default(''),
      /** The file, base64. */
      data: z.string({ error: 'Выберите файл резервной копии' }).min(1, 'Выберите файл резервной копии'),
    }),
  }),
};
