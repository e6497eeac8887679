import { z } from 'zod';
import { method } from '../define.js';
import { empty } from '../schemas.js';

export interface SettingsView {
  database: {
    dialect: 'sqlite' | 'postgres';
    /** What is open now: the file, or the server URL with its password hidden. */
    live: string;
    /** What the settings name (empty: the default file), password hidden. */
    configured: string;
    defaultLocation: string;
    /** The settings name another database than the open one: it opens after a restart. */
    restartPending: boolean;
  };
  backup: {
    folder: string;
    defaultFolder: string;
    dailyAt: string;
    onExit: boolean;
    keepDaily: number;
    keepWeekly: number;
    keepMonthly: number;
  };
  idleLockMinutes: number;
  archive: { dueDate: string; mode: 'off' | 'remind' | 'auto'; targetFolder: string };
  web: {
    enabled: boolean;
    lan: boolean;
    port: number;
    tlsCert: string;
    tlsKey: string;
    status: WebServerStatus | null;
  };
  userData: string;
}

/** The app's own browser server (null in the browser host and `serve`, which are such servers themselves). */
export interface WebServerStatus {
  running: boolean;
  /** Where browsers reach it: this computer and, on the local network, its addresses. */
  urls: string[];
  secure: boolean;
  /** Why it is not running although switched on (a taken port, an unreadable certificate). */
  problem: string | null;
}

export interface FolderCheck {
  path: string;
  ok: boolean;
  exists: boolean;
  writable: boolean;
  freeBytes: number | null;
  /** Copies of the journal already there. */
  backups: number;
  message: string;
}

export interface DatabaseTest {
  ok: boolean;
  dialect: 'sqlite' | 'postgres';
  location: string;
  /** journal: a journal of ours; empty: a database with no tables; new: the file will be created. */
  state: 'journal' | 'empty' | 'new' | 'problem';
  message: string;
  institution: string | null;
  year: string | null;
  students: number | null;
}

export interface DatabaseChange {
  location: string;
  restartRequired: boolean;
  message: string;
}

const folderPath = (what: string) =>
  z
    .string({ error: `${what}: ожидается путь к папке` })
    .max(1000, `${what}: слишком длинный путь`)
    .transform((s) => s.trim());
const filePath = (what: string) =>
  z
    .string({ error: `${what}: ожидается путь к файлу` })
    .max(1000, `${what}: слишком длинный путь`)
    .transform((s) => s.trim());
const time = z
  .string({ error: 'Время: ожидается ЧЧ:ММ' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Время: ожидается ЧЧ:ММ, например 18:00');
const keep = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what}: ожидается число` })
    .int(`${what}: ожидается целое число`)
    .min(min, `${what}: не меньше ${min}`)
    .max(max, `${what}: не больше ${max}`);
const dayMonth = z.string({ error: 'Дата: ожидается ММ-ДД' }).refine((s) => {
  const m = /^(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(2024, month, 0).getDate();
}, 'Дата архивирования: ожидается существующая дата (день и месяц)');

export const settingsUpdateInput = z
  .object({
    idleLockMinutes: keep('Блокировка при простое, минут', 1, 240).optional(),
    backup: z
      .object({
        folder: folderPath('Папка резервных копий'),
        dailyAt: time,
        onExit: z.boolean({ error: 'Копия при выходе: да или нет' }),
        keepDaily: keep('Ежедневных копий', 1, 60),
        keepWeekly: keep('Еженедельных копий', 0, 52),
        keepMonthly: keep('Ежемесячных копий', 0, 120),
      })
      .partial()
      .strict()
      .optional(),
    archive: z
      .object({
        dueDate: dayMonth,
        mode: z.enum(['off', 'remind', 'auto'], {
          error: 'Режим архивирования: выключено, напоминать или автоматически',
        }),
        targetFolder: folderPath('Папка для копии архива'),
      })
      .partial()
      .strict()
      .optional(),
    web: z
      .object({
        enabled: z.boolean({ error: 'Доступ через браузер: да или нет' }),
        lan: z.boolean({ error: 'Доступ из локальной сети: да или нет' }),
        port: keep('Порт', 1024, 65535),
        tlsCert: filePath('Файл сертификата'),
        tlsKey: filePath('Файл ключа'),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

const databaseUrl = z
  .string({ error: 'Укажите путь к файлу базы или адрес PostgreSQL' })
  .max(2000, 'Слишком длинный адрес')
  .transform((s) => s.trim());

export const settingsMethods = {
  'settings.get': method<SettingsView>()({
    summary: 'Настройки программы: база данных, резервные копии, блокировка при простое, архив, веб-доступ',
    access: ['admin'],
    input: empty,
  }),
  'settings.update': method<SettingsView>()({
    summary: 'Изменить настройки (папка копий проверяется на запись до сохранения)',
    access: ['admin'],
    input: settingsUpdateInput,
  }),
  'settings.checkFolder': method<FolderCheck>()({
    summary: 'Проверить папку: существует ли, можно ли писать, сколько свободно, есть ли в ней копии',
    access: ['admin'],
    input: z.object({ path: folderPath('Папка').pipe(z.string().min(1, 'Укажите папку')) }),
  }),
  'settings.testDatabase': method<DatabaseTest>()({
    summary:
      'Проверить расположение базы (файл SQLite или адрес PostgreSQL): подключиться и убедиться, что это журнал или ' +
      'пустая база',
    access: ['admin'],
    input: z.object({ url: databaseUrl }),
  }),
  'settings.setDatabase': method<DatabaseChange>()({
    summary: 'Сменить расположение базы данных (после проверки); вступает в силу после перезапуска программы',
    access: ['admin'],
    input: z.object({ url: databaseUrl }),
  }),
};
