// The audit log for the administrator and the director: who changed what and when, with the values
// before and after; filtered, paged and exported to Excel (the export is logged too).
import { z } from 'zod';
import { method } from '../define.js';
import { empty, id, isoDate } from '../schemas.js';
import type { FileOutput } from './jobs.js';

export interface AuditChange {
  field: string;
  /** The field's Russian name, or the field itself when unknown. */
  label: string;
  /** The values as a person reads them: dates as DD.MM.YYYY, roles by name, «да»/«нет». */
  before: string;
  after: string;
}

export interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  login: string | null;
  userName: string | null;
  action: string;
  actionLabel: string;
  entity: string;
  entityLabel: string;
  entityId: string | null;
  /** What the entity is by name, when it is a user or a journal: «Макарова Ю. Н. (teacher)». */
  entityTitle: string | null;
  journalId: number | null;
  journalTitle: string | null;
  studentId: number | null;
  studentName: string | null;
  before: unknown;
  after: unknown;
  /** Field by field, what differs between before and after (or every field of a creation/deletion). */
  changes: AuditChange[];
  /** Why: the reason given for a late correction. */
  reason: string | null;
}

export interface AuditPage {
  rows: AuditRow[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AuditOptions {
  actions: Array<{ code: string; label: string }>;
  entities: Array<{ code: string; label: string }>;
  users: Array<{ id: number; login: string; fullName: string }>;
}

export interface LookupItem {
  id: number;
  label: string;
}

const filter = {
  userId: id('Пользователь').optional(),
  journalId: id('Журнал').optional(),
  studentId: id('Обучающийся').optional(),
  action: z.string({ error: 'Действие: ожидается текст' }).max(80, 'Действие: не длиннее 80 символов').optional(),
  entity: z.string({ error: 'Объект: ожидается текст' }).max(80, 'Объект: не длиннее 80 символов').optional(),
  from: isoDate('Дата «с»').optional(),
  to: isoDate('Дата «по»').optional(),
};

export const auditFilter = z.object(filter).refine((f) => !f.from || !f.to || f.from <= f.to, {
  message: 'Дата «с» позже даты «по»',
  path: ['from'],
});

export const auditMethods = {
  'audit.list': method<AuditPage>()({
    summary: 'Журнал аудита: фильтр по пользователю, журналу, обучающемуся, действию и датам, по страницам',
    access: ['admin', 'director'],
    input: z
      .object({
        ...filter,
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(500).default(50),
      })
      .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'Дата «с» позже даты «по»', path: ['from'] }),
  }),
  'audit.options': method<AuditOptions>()({
    summary: 'Значения для фильтров журнала аудита: действия, объекты, пользователи',
    access: ['admin', 'director'],
    input: empty,
  }),
  'audit.lookup': method<LookupItem[]>()({
    summary: 'Поиск журнала или обучающегося по названию/ФИО для фильтра журнала аудита',
    access: ['admin', 'director'],
    input: z.object({
      kind: z.enum(['journal', 'student'], { error: 'Ожидается journal или student' }),
      query: z.string({ error: 'Поиск: ожидается текст' }).max(100, 'Поиск: не длиннее 100 символов'),
    }),
  }),
  'audit.export': method<FileOutput & { rows: number }>()({
    summary: 'Выгрузить отобранные записи журнала аудита в Excel (выгрузка записывается в журнал аудита)',
    access: ['admin', 'director'],
    input: auditFilter,
  }),
};
