// Accounts and roles (000 §3.4.1, 003 §3.1): the administrator creates users, edits them, gives roles
// with their scope, resets passwords and unlocks accounts; credential slips for students and parents
// are issued by the head of their department too (003 §2.3).
import { z } from 'zod';
import { method } from '../define.js';
import { empty, id, optionalText } from '../schemas.js';
import type { Role } from '../../../db/schema.js';
import type { JobInfo } from './jobs.js';

export interface RoleView {
  role: Role;
  departmentId: number | null;
  departmentName: string | null;
  groupId: number | null;
  groupName: string | null;
}

export interface LinkedStudent {
  studentId: number;
  fullName: string;
  groupName: string | null;
}

export interface UserRow {
  id: number;
  login: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  fullName: string;
  position: string | null;
  phone: string | null;
  email: string | null;
  active: boolean;
  mustChangePassword: boolean;
  /** Set while the account is locked after wrong passwords (a moment in the future). */
  lockedUntil: string | null;
  failedAttempts: number;
  lastLoginAt: string | null;
  createdAt: string;
  version: number;
  roles: RoleView[];
  /** A student account: the student record it belongs to. */
  student: LinkedStudent | null;
  /** A parent account: the children it is linked to through the guardians' records. */
  children: LinkedStudent[];
  /** Journals the user keeps in the current year (teachers). */
  journalCount: number;
}

export interface UserPage {
  rows: UserRow[];
  total: number;
  page: number;
  pageSize: number;
  /** How many accounts hold each role (for the filter). */
  roleCounts: Partial<Record<Role, number>>;
}

export interface JournalChoice {
  id: number;
  version: number;
  groupName: string;
  subjectName: string;
  subgroup: number | null;
  teacherId: number;
  teacherName: string;
}

export interface UserDetail extends UserRow {
  journals: JournalChoice[];
}

export interface ScopeChoices {
  departments: Array<{ id: number; name: string }>;
  groups: Array<{
    id: number;
    name: string;
    departmentId: number | null;
    yearTitle: string;
    curatorName: string | null;
  }>;
}

export interface IssuedPassword {
  userId: number;
  login: string;
  fullName: string;
  /** Shown once; stored only as a hash. The user must change it at first login. */
  oneTimePassword: string;
}

export interface FamilyAccount {
  userId: number;
  login: string;
  active: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  locked: boolean;
}

export interface FamilyStudent {
  studentId: number;
  fullName: string;
  account: FamilyAccount | null;
  guardians: Array<{ guardianId: number; fullName: string; relation: string; account: FamilyAccount | null }>;
}

export interface FamilyList {
  groups: Array<{ id: number; name: string; departmentName: string | null }>;
  groupId: number | null;
  students: FamilyStudent[];
}

export interface SlipsResult {
  file: { fileName: string; mime: string; base64: string };
  slips: number;
  created: number;
}

/** Roles the administrator gives on the users screen; student and parent accounts come with slips. */
export { FAMILY_ROLES, STAFF_ROLES } from '../../domain/enums.js';

const NAME_CHARS = /^[\p{L}][\p{L}\s.'’-]*$/u;

const personName = (what: string, max = 60) =>
  z
    .string({ error: `${what}: ожидается текст` })
    .transform((s) => s.replace(/\s+/g, ' ').trim())
    .pipe(
      z
        .string()
        .min(1, `${what}: не заполнено`)
        .max(max, `${what}: не длиннее ${max} символов`)
        .regex(NAME_CHARS, `${what}: только буквы, пробел, дефис и апостроф`),
    );

const optionalName = (what: string, max = 60) =>
  z
    .string({ error: `${what}: ожидается текст` })
    .nullish()
    .transform((s) => (s ?? '').replace(/\s+/g, ' ').trim())
    .pipe(
      z
        .string()
        .max(max, `${what}: не длиннее ${max} символов`)
        .refine((s) => s === '' || NAME_CHARS.test(s), `${what}: только буквы, пробел, дефис и апостроф`),
    )
    .transform((s) => (s ? s : null));

export const LOGIN_RULE = /^[a-zA-Z0-9][a-zA-Z0-9._-]{2,49}$/;
export const LOGIN_HINT =
  'от 3 до 50 латинских букв, цифр, точек, дефисов или подчёркиваний, начиная с буквы или цифры';

const login = z
  .string({ error: 'Логин: ожидается текст' })
  .trim()
  .min(1, 'Логин: не заполнено')
  .max(50, 'Логин: не длиннее 50 символов')
  .regex(LOGIN_RULE, `Логин: ${LOGIN_HINT}`);

const phone = optionalText('Телефон', 40).refine(
  (s) => s === null || /^[+\d\s()-]{5,40}$/.test(s),
  'Телефон: только цифры, пробелы, скобки, дефисы и «+»',
);
const email = optionalText('Эл. почта', 120).refine(
  (s) => s === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
  'Эл. почта: ожидается адрес вида name@example.ru',
);

const profile = {
  lastName: personName('Фамилия'),
  firstName: personName('Имя'),
  middleName: optionalName('Отчество'),
  position: optionalText('Должность', 150),
  phone,
  email,
};

/** A role with its scope, checked by the service (unknown roles and scopes get a Russian message). */
const grant = z.object({
  role: z.string({ error: 'Роль: ожидается код роли' }).max(40, 'Роль: неизвестная роль'),
  departmentId: id('Отделение').nullish(),
  groupId: id('Группа').nullish(),
});
const grants = z.array(grant, { error: 'Роли: ожидается список' }).max(20, 'Роли: не больше 20');

const version = z.number({ error: 'Версия: ожидается число' }).int().positive();
const ids = (what: string, max = 2000) =>
  z.array(id(what), { error: `${what}: ожидается список` }).max(max, `${what}: не больше ${max} за раз`);

export const userMethods = {
  'users.list': method<UserPage>()({
    summary: 'Пользователи с поиском по ФИО и логину, фильтром по роли и состоянию, по страницам',
    access: ['admin'],
    input: z.object({
      search: z.string({ error: 'Поиск: ожидается текст' }).max(100, 'Поиск: не длиннее 100 символов').optional(),
      role: z.string().max(40).optional(),
      status: z
        .enum(['all', 'active', 'inactive', 'locked', 'must_change'], { error: 'Состояние: неизвестное значение' })
        .default('all'),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(5).max(500).default(50),
    }),
  }),
  'users.get': method<UserDetail>()({
    summary: 'Карточка пользователя: данные, роли с областью, журналы текущего года',
    access: ['admin'],
    input: z.object({ id: id('Пользователь') }),
  }),
  'users.scopes': method<ScopeChoices>()({
    summary: 'Отделения и группы текущего года — области ролей заведующего и куратора',
    access: ['admin'],
    input: empty,
  }),
  'users.create': method<IssuedPassword & { user: UserRow }>()({
    summary: 'Создать пользователя с ролями; выдаётся одноразовый пароль, который нужно сменить при первом входе',
    access: ['admin'],
    input: z.object({ login, ...profile, roles: grants.default([]) }),
  }),
  'users.update': method<UserRow>()({
    summary: 'Изменить ФИО, должность, контакты или логин пользователя',
    access: ['admin'],
    input: z.object({ id: id('Пользователь'), version, login, ...profile }),
  }),
  'users.setActive': method<UserRow>()({
    summary: 'Отключить или снова включить учётную запись (отключённая не может войти)',
    access: ['admin'],
    input: z.object({ id: id('Пользователь'), version, active: z.boolean({ error: 'Ожидается да или нет' }) }),
  }),
  'users.setRoles': method<UserRow>()({
    summary: 'Назначить роли с областью: отделение у заведующего, группа у куратора',
    access: ['admin'],
    input: z.object({ id: id('Пользователь'), version, roles: grants }),
  }),
  'users.resetPassword': method<IssuedPassword>()({
    summary: 'Сбросить пароль на одноразовый (и снять блокировку); сменить его нужно при первом входе',
    access: ['admin'],
    input: z.object({ id: id('Пользователь') }),
  }),
  'users.unlock': method<UserRow>()({
    summary: 'Снять блокировку после неверных паролей',
    access: ['admin'],
    input: z.object({ id: id('Пользователь') }),
  }),
  'users.journals': method<JournalChoice[]>()({
    summary: 'Журналы текущего учебного года с преподавателями (для назначения нагрузки)',
    access: ['admin'],
    input: empty,
  }),
  'users.assignJournal': method<JournalChoice>()({
    summary: 'Передать журнал текущего года другому преподавателю',
    access: ['admin'],
    input: z.object({ journalId: id('Журнал'), version, teacherId: id('Преподаватель') }),
  }),
  'users.myJournals': method<JournalChoice[]>()({
    summary: 'Журналы текущего года, которые ведёт вошедший преподаватель (по нагрузке)',
    access: ['teacher'],
    input: empty,
  }),
  'users.families': method<FamilyList>()({
    summary: 'Обучающиеся группы и их родители с учётными записями (для выдачи листков с паролями)',
    access: ['admin', 'dept_head'],
    input: z.object({ groupId: id('Группа').optional() }),
  }),
  'users.slips': method<JobInfo>()({
    summary:
      'Листки с логином и одноразовым паролем (PDF); недостающие учётные записи обучающихся и родителей создаются',
    access: ['admin', 'dept_head'],
    input: z.object({
      userIds: ids('Пользователи').default([]),
      studentIds: ids('Обучающиеся').default([]),
      guardianIds: ids('Родители').default([]),
      address: optionalText('Адрес программы', 200),
      help: optionalText('Где получить помощь', 300),
    }),
  }),
};
