// The monthly substitutions report for payroll (issue 14, part 3): every «замена» of the month — who replaced
// whom, group, subject, hours, reason, whether the lesson was held —, and each substitute's total.
import { z } from 'zod';
import { method, type Role } from '../define.js';
import { id, yearMonth } from '../schemas.js';
import type { ReportRange } from './report-range.js';

export interface SubstitutionRow {
  date: string;
  lessonNo: number;
  groupName: string;
  subjectName: string;
  /** The journal's teacher, replaced. */
  absentName: string;
  substituteId: number;
  substituteName: string;
  /** The lesson's hours once held (0 until then). */
  hours: number;
  held: boolean;
  reason: string | null;
}

export interface SubstitutionsReport {
  range: ReportRange;
  month: string;
  rows: SubstitutionRow[];
  bySubstitute: Array<{ substituteId: number; name: string; lessons: number; hours: number }>;
  totalHours: number;
}

export const SUBSTITUTION_REPORT_ROLES: readonly Role[] = ['director', 'deputy', 'dept_head'];

export const substitutionsInput = z.object({
  yearId: id('Учебный год').optional(),
  month: yearMonth(),
  departmentId: id('Отделение').optional(),
});

export const substitutionReportMethods = {
  'reports.substitutions': method<SubstitutionsReport>()({
    summary: 'Замены за месяц для расчёта оплаты: кто кого заменял, группа, дисциплина, часы, причина',
    access: SUBSTITUTION_REPORT_ROLES,
    input: substitutionsInput,
  }),
};
