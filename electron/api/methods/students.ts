// Students and their guardians, and the orders that move them: admission, transfer, withdrawal
// (000 §3.4.4). A group's roster on any day is computed from these orders. Personal data (152-ФЗ)
// is shown only to the administrator, the director, the group's curator and its department head.
import { z } from 'zod';
import { method, STAFF } from '../define.js';
import { empty, id, optionalText, text } from '../schemas.js';
import { day } from './dates.js';
import type { EnrolmentEndReason, EnrolmentReason } from '../../../db/schema.js';
import type { FileOutput } from './jobs.js';

/** A student's name and personal data (152-ФЗ): the personal fields are null for callers who may not see them. */
export interface StudentPerson {
  id: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  fullName: string;
  birthDate: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  personalFileNo: string | null;
}

export interface GroupStudent extends StudentPerson {
  fromDate: string;
  untilDate: string | null;
  /** On the roster on the requested day. */
  present: boolean;
  subgroups: number[];
  guardians: number;
}

export interface RosterView {
  groupId: number;
  groupName: string;
  yearId: number;
  date: string;
  personalData: boolean;
  canManage: boolean;
  students: GroupStudent[];
}

export interface GuardianInfo {
  id: number;
  fullName: string;
  relation: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  userId: number | null;
  userLogin: string | null;
}

export interface EnrolmentInfo {
  id: number;
  groupId: number;
  groupName: string;
  yearTitle: string;
  fromDate: string;
  untilDate: string | null;
  reason: EnrolmentReason;
  orderNo: string;
  orderDate: string;
  endReason: EnrolmentEndReason | null;
  endOrderNo: string | null;
  endOrderDate: string | null;
  version: number;
}

export interface StudentCard extends StudentPerson {
  notes: string | null;
  userLogin: string | null;
  version: number;
  personalData: boolean;
  canEdit: boolean;
  guardians: GuardianInfo[];
  enrolments: EnrolmentInfo[];
}

/** A centre teacher's объединение (000 §3.5.1): its programmes and how many children are on its list today. */
export interface MyGroup {
  id: number;
  name: string;
  yearId: number;
  yearTitle: string;
  programmes: string[];
  students: number;
}

/** What «Зачислить» did: the child's card, whether the child was already known, and their other объединения. */
export interface EnrolledChild {
  student: StudentCard;
  enrolmentId: number;
  /** An existing child (same name and birth date) was enrolled instead of a new record. */
  existing: boolean;
  /** The child's other объединения on the enrolment date. */
  otherGroups: string[];
}

export interface StudentFound {
  id: number;
  fullName: string;
  birthDate: string | null;
  groupName: string | null;
  yearTitle: string | null;
}

export type MovementKind = 'admission' | 'arrival' | 'transfer' | 'withdrawal' | 'graduation' | 'departure';

export interface MovementRow {
  date: string;
  kind: MovementKind;
  /** прибытие / выбытие / перевод */
  direction: 'in' | 'out' | 'move';
  studentId: number;
  studentName: string;
  groupName: string;
  /** For a transfer: the group the student left. */
  fromGroupName: string | null;
  orderNo: string;
  orderDate: string;
}

export interface MovementsView {
  from: string;
  to: string;
  rows: MovementRow[];
  arrived: number;
  left: number;
  moved: number;
}

const studentFields = {
  lastName: text('Фамилия', 60),
  firstName: text('Имя', 60),
  middleName: optionalText('Отчество', 60),
  birthDate: day('Дата рождения').nullable(),
  personalFileNo: optionalText('Номер личного дела', 30),
  phone: optionalText('Телефон', 40),
  email: optionalText('E-mail', 100),
  address: optionalText('Адрес', 300),
  notes: optionalText('Примечание', 1000),
};
const order = {
  date: day('Дата движения'),
  orderNo: text('Номер приказа', 40),
  orderDate: day('Дата приказа'),
};
const studentIds = z.array(id('Обучающийся')).min(1, 'Не выбран ни один обучающийся').max(2000);
const movementsInput = z.object({
  from: day('Начало периода'),
  to: day('Конец периода'),
  departmentId: id('Отделение').optional(),
});

export const studentMethods = {
  'students.list': method<RosterView>()({
    summary: 'Список группы на дату по приказам (личные данные — только тем, кому положено)',
    access: STAFF,
    input: z.object({ groupId: id('Группа'), date: day().optional(), includeLeft: z.boolean().optional() }),
  }),
  'students.get': method<StudentCard>()({
    summary: 'Карточка обучающегося: данные, представители, приказы',
    access: STAFF,
    input: z.object({ id: id('Обучающийся') }),
  }),
  'students.search': method<StudentFound[]>()({
    summary: 'Поиск обучающегося по фамилии (для приказов о переводе и восстановлении)',
    access: ['admin', 'director', 'deputy', 'secretary'],
    input: z.object({ query: text('Поиск', 100) }),
  }),
  'students.create': method<StudentCard>()({
    summary: 'Новый обучающийся, зачисленный в группу приказом',
    access: ['admin'],
    input: z.object({ ...studentFields, admission: z.object({ groupId: id('Группа'), ...order }) }),
  }),
  'students.update': method<StudentCard>()({
    summary:
      'Изменить данные обучающегося (администратор, куратор группы, заведующий отделением; в центре — педагог ' +
      'объединения)',
    access: ['admin', 'curator', 'dept_head', 'teacher'],
    input: z.object({ id: id('Обучающийся'), version: z.number().int(), ...studentFields }),
  }),
  'guardians.save': method<GuardianInfo>()({
    summary: 'Законный представитель: кем приходится, контакты, учётная запись родителя',
    access: ['admin', 'curator', 'dept_head', 'teacher'],
    input: z.object({
      studentId: id('Обучающийся'),
      id: id('Представитель').optional(),
      fullName: text('ФИО представителя', 150),
      relation: text('Кем приходится', 40),
      phone: optionalText('Телефон', 40),
      email: optionalText('E-mail', 100),
      address: optionalText('Адрес', 300),
      /** Login of a parent account to link; null unlinks. */
      parentLogin: optionalText('Логин родителя', 50),
    }),
  }),
  'guardians.remove': method<null>()({
    summary: 'Удалить законного представителя',
    access: ['admin', 'curator', 'dept_head', 'teacher'],
    input: z.object({ id: id('Представитель') }),
  }),
  'groups.mine': method<MyGroup[]>()({
    summary: 'Мои объединения: педагог центра ведёт их списки (000 §3.5.1)',
    access: ['teacher'],
    input: empty,
  }),
  'enrolments.enrolChild': method<EnrolledChild>()({
    summary:
      'Зачислить ребёнка в объединение приказом: нового или уже известного (те же ФИО и дата рождения); ' +
      'в центре — и педагог своего объединения',
    access: ['admin', 'teacher'],
    input: z.object({
      groupId: id('Объединение'),
      child: z.object({ ...studentFields, birthDate: day('Дата рождения') }),
      orderNo: text('Номер приказа', 40),
      orderDate: day('Дата приказа'),
      /** The enrolment date; the order's date when not given. */
      date: day('Дата зачисления').optional(),
    }),
  }),
  'enrolments.admit': method<EnrolmentInfo>()({
    summary: 'Зачисление (или восстановление) обучающегося в группу приказом',
    access: ['admin'],
    input: z.object({ studentId: id('Обучающийся'), groupId: id('Группа'), ...order }),
  }),
  'enrolments.transfer': method<EnrolmentInfo[]>()({
    summary: 'Перевод в другую группу приказом: в старой группе до даты, в новой — с даты',
    access: ['admin'],
    /** fromGroupId: which enrolment ends — required for a centre's child in several объединения at once. */
    input: z.object({ studentIds, toGroupId: id('Группа'), fromGroupId: id('Группа').optional(), ...order }),
  }),
  'enrolments.withdraw': method<EnrolmentInfo[]>()({
    summary:
      'Отчисление или выпуск приказом: с даты обучающийся выходит из списков, прежние отметки остаются ' +
      '(в центре — и педагог из своего объединения)',
    access: ['admin', 'teacher'],
    input: z.object({
      studentIds,
      /** Which enrolment ends — required for a centre's child in several объединения at once. */
      fromGroupId: id('Группа').optional(),
      reason: z.enum(['withdrawal', 'graduation'], { error: 'Основание: отчисление или выпуск' }),
      ...order,
    }),
  }),
  'enrolments.undo': method<null>()({
    summary: 'Отменить последний ошибочно внесённый приказ по обучающемуся',
    access: ['admin'],
    input: z.object({ enrolmentId: id('Запись о зачислении'), version: z.number().int() }),
  }),
  'enrolments.movements': method<MovementsView>()({
    summary: 'Движение контингента за период: прибытие, выбытие, переводы (000 §3.2.4)',
    access: ['admin', 'director', 'deputy', 'dept_head'],
    input: movementsInput,
  }),
  'enrolments.movementsXlsx': method<FileOutput>()({
    summary: 'Движение контингента за период в Excel',
    access: ['admin', 'director', 'deputy', 'dept_head'],
    input: movementsInput,
  }),
};
