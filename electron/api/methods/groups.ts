// Departments, groups (with course and curator) and subgroups of a year.
import { z } from 'zod';
import { method, STAFF } from '../define.js';
import { empty, id, optionalText, text } from '../schemas.js';
import { day } from './dates.js';
import type { ProgrammeBrief } from './programmes.js';

export interface DepartmentInfo {
  id: number;
  name: string;
  shortName: string;
  version: number;
  /** Heads of the department (user roles dept_head with this department). */
  heads: string[];
  groups: number;
}

export interface SubgroupInfo {
  id: number;
  number: number;
  title: string;
  studentIds: number[];
}

export interface GroupInfo {
  id: number;
  yearId: number;
  name: string;
  course: number;
  departmentId: number | null;
  departmentName: string | null;
  curatorUserId: number | null;
  curatorName: string | null;
  speciality: string | null;
  programmeSubjectId: number | null;
  /** A centre's объединение: its programme's name, направленность, hours and ages. */
  programme: ProgrammeBrief | null;
  previousGroupId: number | null;
  previousGroupName: string | null;
  version: number;
  /** On the roster on the requested day (today by default). */
  students: number;
  journals: number;
  subgroups: SubgroupInfo[];
  /** The caller may open the group's roster (reads everything, curates it, heads its department or teaches in it). */
  readable: boolean;
}

/** A member of staff for the curator and teacher pickers. */
export interface StaffOption {
  id: number;
  fullName: string;
  shortName: string;
  login: string;
  position: string | null;
  roles: string[];
  active: boolean;
}

const groupFields = {
  name: text('Название группы', 40),
  course: z
    .number({ error: 'Курс: ожидается число' })
    .int('Курс: целое число')
    .min(1, 'Курс: от 1')
    .max(6, 'Курс: не больше 6'),
  departmentId: id('Отделение').nullable(),
  curatorUserId: id('Куратор').nullable(),
  speciality: optionalText('Специальность', 200),
  programmeSubjectId: id('Программа').nullable().optional(),
};

export const groupMethods = {
  'departments.list': method<DepartmentInfo[]>()({
    summary: 'Отделения с заведующими и числом групп',
    access: STAFF,
    input: z.object({ yearId: id('Учебный год').optional() }),
  }),
  'departments.save': method<DepartmentInfo>()({
    summary: 'Создать или переименовать отделение',
    access: ['admin'],
    input: z.object({
      id: id('Отделение').optional(),
      version: z.number().int().optional(),
      name: text('Название отделения', 150),
      shortName: text('Краткое название', 40),
    }),
  }),
  'departments.remove': method<null>()({
    summary: 'Удалить отделение, в котором нет групп',
    access: ['admin'],
    input: z.object({ id: id('Отделение') }),
  }),
  'groups.list': method<GroupInfo[]>()({
    summary: 'Группы учебного года с куратором, числом студентов на дату и подгруппами',
    access: [...STAFF, 'timetabler'],
    input: z.object({ yearId: id('Учебный год'), date: day().optional() }),
  }),
  'groups.create': method<GroupInfo>()({
    summary: 'Создать группу (название уникально в году); куратор получает роль куратора этой группы',
    access: ['admin'],
    input: z.object({ yearId: id('Учебный год'), ...groupFields }),
  }),
  'groups.update': method<GroupInfo>()({
    summary: 'Изменить группу: название, курс, отделение, куратора',
    access: ['admin'],
    input: z.object({ id: id('Группа'), version: z.number().int(), ...groupFields }),
  }),
  'groups.remove': method<null>()({
    summary: 'Удалить группу, в которой нет студентов и проведённых занятий',
    access: ['admin'],
    input: z.object({ id: id('Группа'), version: z.number().int() }),
  }),
  'groups.staffOptions': method<StaffOption[]>()({
    summary: 'Сотрудники для выбора куратора и преподавателя',
    access: ['admin'],
    input: empty,
  }),
  'subgroups.save': method<SubgroupInfo>()({
    summary: 'Создать подгруппу или изменить её состав',
    access: ['admin', 'curator', 'dept_head'],
    input: z.object({
      groupId: id('Группа'),
      id: id('Подгруппа').optional(),
      number: z
        .number({ error: 'Номер подгруппы: ожидается число' })
        .int()
        .min(1, 'Номер подгруппы: от 1')
        .max(9, 'Номер подгруппы: не больше 9'),
      title: optionalText('Название подгруппы', 60),
      studentIds: z.array(id('Обучающийся')).max(500),
    }),
  }),
  'subgroups.remove': method<null>()({
    summary: 'Удалить подгруппу, у которой нет своих журналов',
    access: ['admin', 'curator', 'dept_head'],
    input: z.object({ id: id('Подгруппа') }),
  }),
};
