// The college's semester documents from the final marks (issue 15, parts 1–3): the record sheet of an exam or a
// credit (экзаменационная / зачётная ведомость), resits kept beside the original mark with their direction
// (экзаменационный лист), the list of academic debts, and the group's summary sheet of results.
import { z } from 'zod';
import {
  ASSESSMENT_KINDS,
  ASSESSMENT_STATUSES,
  RESIT_KINDS,
  type AssessmentKind,
  type AssessmentStatus,
  type ResitKind,
  type SubjectKind,
} from '../../domain/enums.js';
import type { ResultCounts } from '../../domain/results.js';
import { method } from '../define.js';
import { id, isoDate, text } from '../schemas.js';
import type { FileOutput } from './jobs.js';

/** What heads every sheet of one journal: the group, the discipline, the period. */
export interface SheetHead {
  journalId: number;
  groupId: number;
  groupName: string;
  course: number;
  departmentName: string | null;
  speciality: string | null;
  /** «ОП.01 Инженерная графика», or «МДК.01.01 …», «ПМ.01 …». */
  subjectName: string;
  subjectKind: SubjectKind;
  teacherName: string;
  periodId: number;
  periodTitle: string;
  yearTitle: string;
}

export interface ResitInfo {
  id: number;
  journalId: number;
  studentId: number;
  periodId: number;
  kind: ResitKind;
  /** 1 for the first retake, 2 for the second (often before a commission). */
  attempt: number;
  directionNo: string;
  issuedOn: string;
  examiner: string;
  heldOn: string | null;
  value: string | null;
  absent: boolean;
  /** The result as printed: «хорошо (4)», «не явился», or empty until held. */
  text: string;
  version: number;
}

export interface RecordSheetRow {
  studentId: number;
  name: string;
  personalFileNo: string | null;
  /** The final mark of this exam or credit in the journal; null: none yet. */
  value: string | null;
  status: AssessmentStatus | null;
  /** As the sheet prints it: «отлично (5)», «не явился», «не допущен». */
  text: string;
  resits: ResitInfo[];
}

export interface RecordSheet {
  head: SheetHead;
  kind: AssessmentKind;
  heldOn: string | null;
  examiners: string;
  /** null: the sheet was never saved (the examiners default to the journal's teacher). */
  version: number | null;
  rows: RecordSheetRow[];
  counts: ResultCounts & { listed: number; passed: number; absent: number; notAdmitted: number };
  /** May the caller set the date, the examiners and who did not come. */
  canEdit: boolean;
}

export interface DebtRow {
  journalId: number;
  studentId: number;
  studentName: string;
  groupId: number;
  groupName: string;
  departmentName: string | null;
  subjectName: string;
  periodId: number;
  periodTitle: string;
  kind: ResitKind;
  /** The original result as the journal or the record sheet has it. */
  originalText: string;
  resits: ResitInfo[];
  /** Still a debt after the resits held so far. */
  open: boolean;
  /** May the caller issue a direction and record its result. */
  canResit: boolean;
}

export interface DebtList {
  yearTitle: string;
  periodTitle: string | null;
  rows: DebtRow[];
}

export interface SummaryCell {
  /** As the sheet prints it: «5», «зач», «н/я». */
  text: string;
  debt: boolean;
  /** The result stands after a resit; the original is `original`. */
  resit: boolean;
  original: string | null;
}

export interface SummarySubject {
  subjectId: number;
  subjectName: string;
  /** Which final mark the column shows: the exam's, the credit's, the period's or the year's. */
  kind: 'exam' | 'credit' | 'period' | 'year';
}

export interface SummaryRow {
  studentId: number;
  name: string;
  cells: SummaryCell[];
  average: number | null;
  counts: ResultCounts;
  debts: number;
}

export interface SummarySheet {
  groupId: number;
  groupName: string;
  course: number;
  departmentName: string | null;
  speciality: string | null;
  curatorName: string | null;
  /** «1 семестр 2026/2027 учебного года», or the year. */
  title: string;
  periodId: number | null;
  subjects: SummarySubject[];
  rows: SummaryRow[];
  totals: ResultCounts;
  average: number | null;
  /** Shares (0…1) of the students listed. */
  absolute: number | null;
  quality: number | null;
  debtors: number;
}

const SHEET_READERS = ['admin', 'director', 'deputy', 'secretary', 'dept_head', 'curator', 'teacher'] as const;
const RESIT_KEEPERS = ['deputy', 'dept_head'] as const;
const format = z.enum(['pdf', 'xlsx'], { error: 'Формат: pdf или xlsx' });

const sheetKey = z.object({
  journalId: id('Журнал'),
  periodId: id('Период'),
  kind: z.enum(ASSESSMENT_KINDS, { error: 'Форма контроля: экзамен или зачёт' }),
});

const debtsInput = z.object({
  yearId: id('Учебный год').optional(),
  periodId: id('Период').optional(),
  departmentId: id('Отделение').optional(),
  groupId: id('Группа').optional(),
});

const summaryInput = z.object({
  groupId: id('Группа'),
  /** None: the year (the year's marks). */
  periodId: id('Период').optional(),
});

const resitResult = z
  .object({
    heldOn: isoDate('Дата пересдачи'),
    value: z.string().max(10).nullable(),
    absent: z.boolean(),
  })
  .refine((r) => r.absent || (r.value !== null && r.value.trim() !== ''), {
    message: 'Поставьте отметку пересдачи или отметьте «не явился»',
    path: ['value'],
  });

export const assessmentMethods = {
  'assessments.sheet': method<RecordSheet>()({
    summary: 'Экзаменационная или зачётная ведомость журнала за период: отметки, не явившиеся и не допущенные',
    access: SHEET_READERS,
    input: sheetKey,
  }),
  'assessments.save': method<RecordSheet>()({
    summary: 'Дата, экзаменаторы ведомости и кто не явился или не допущен',
    access: ['deputy', 'dept_head', 'teacher'],
    input: sheetKey.extend({
      heldOn: isoDate('Дата экзамена').nullable(),
      examiners: text('Экзаменаторы', 300),
      statuses: z
        .array(
          z.object({
            studentId: id('Обучающийся'),
            status: z.enum(ASSESSMENT_STATUSES, { error: 'Отметка: не явился или не допущен' }).nullable(),
          }),
        )
        .max(200),
      version: z.number().int().nullable(),
    }),
  }),
  'assessments.sheetFile': method<FileOutput>()({
    summary: 'Ведомость для подписи экзаменаторов (PDF) или в Excel; пустой бланк — до экзамена',
    access: SHEET_READERS,
    input: sheetKey.extend({ format, blank: z.boolean().optional() }),
  }),
  'assessments.debts': method<DebtList>()({
    summary: 'Академические задолженности: по группе, отделению, за период или год, с пересдачами',
    access: SHEET_READERS,
    input: debtsInput,
  }),
  'assessments.debtsFile': method<FileOutput>()({
    summary: 'Список академических задолженностей (PDF или Excel)',
    access: SHEET_READERS,
    input: debtsInput.extend({ format }),
  }),
  'assessments.summary': method<SummarySheet>()({
    summary: 'Сводная ведомость успеваемости группы за семестр или год',
    access: SHEET_READERS,
    input: summaryInput,
  }),
  'assessments.summaryFile': method<FileOutput>()({
    summary: 'Сводная ведомость успеваемости (PDF или Excel)',
    access: SHEET_READERS,
    input: summaryInput.extend({ format }),
  }),
  'resits.issue': method<ResitInfo>()({
    summary: 'Направление на пересдачу (экзаменационный лист): номер, дата, экзаменатор',
    access: RESIT_KEEPERS,
    input: z.object({
      journalId: id('Журнал'),
      studentId: id('Обучающийся'),
      periodId: id('Период'),
      kind: z.enum(RESIT_KINDS, { error: 'Что пересдаётся: экзамен, зачёт или итоговая отметка' }),
      directionNo: text('Номер направления', 30),
      issuedOn: isoDate('Дата направления'),
      examiner: text('Экзаменатор', 300),
    }),
  }),
  'resits.record': method<ResitInfo>()({
    summary: 'Результат пересдачи: дата, отметка или «не явился»; первоначальная отметка сохраняется',
    access: RESIT_KEEPERS,
    input: z.object({ resitId: id('Пересдача'), version: z.number().int() }).and(resitResult),
  }),
  'resits.sheetFile': method<FileOutput>()({
    summary: 'Экзаменационный лист (направление на пересдачу) для печати',
    access: SHEET_READERS,
    input: z.object({ resitId: id('Пересдача') }),
  }),
};
