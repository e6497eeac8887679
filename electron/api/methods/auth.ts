import { z } from 'zod';
import { method, type Role } from '../define.js';
import { empty } from '../schemas.js';

export interface RoleGrant {
  role: Role;
  departmentId: number | null;
  groupId: number | null;
}

export interface Me {
  userId: number;
  login: string;
  fullName: string;
  roles: RoleGrant[];
  /** The student record this user is (role student), or null. */
  studentId: number | null;
  mustChangePassword: boolean;
  locked: boolean;
  idleLockMinutes: number;
  institution: { shortName: string; kind: 'school' | 'college' | 'supplementary' } | null;
  /** The institution's date by the server's clock (YYYY-MM-DD): what «today» is on every screen, whatever the
   *  date and time zone of the computer or phone the page is open on. */
  today: string;
}

const password = z.string({ error: 'Пароль: ожидается текст' }).max(200, 'Пароль слишком длинный');

export const authMethods = {
  'auth.login': method<Me>()({
    summary: 'Вход по логину и паролю',
    access: 'public',
    input: z.object({
      login: z.string({ error: 'Введите логин' }).trim().min(1, 'Введите логин').max(100, 'Логин слишком длинный'),
      password: password.min(1, 'Введите пароль'),
    }),
  }),
  'auth.logout': method<null>()({
    summary: 'Выход',
    access: 'public',
    duringLock: true,
    input: empty,
  }),
  'auth.me': method<Me | null>()({
    summary: 'Кто вошёл (null, если никто)',
    access: 'public',
    duringLock: true,
    input: empty,
  }),
  'auth.changePassword': method<Me>()({
    summary: 'Смена своего пароля (обязательна после выдачи нового)',
    access: 'any',
    duringLock: true,
    input: z.object({ current: password, next: password }),
  }),
  'auth.lock': method<null>()({
    summary: 'Блокировка окна после простоя: дальше работа только после ввода пароля',
    access: 'any',
    duringLock: true,
    input: empty,
  }),
  'auth.unlock': method<Me>()({
    summary: 'Снятие блокировки окна паролем того же пользователя',
    access: 'any',
    duringLock: true,
    input: z.object({ password }),
  }),
};
