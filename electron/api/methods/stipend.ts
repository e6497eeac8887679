// The monthly attendance sheet for a college's stipend committee (issue 15, part 4): per group and month, each
// student's missed hours, excused and not, with the documents behind the excuses; the group's total.
import { z } from 'zod';
import { method, type Role } from '../define.js';
import { id, yearMonth } from '../schemas.js';
import type { ReportRange } from './report-range.js';

export interface StipendHours {
  missed: number;
  /** For a valid reason: «у», «б», or «н» covered by a confirmed excuse. */
  excused: number;
  unexcused: number;
}

export interface StipendStudentRow extends StipendHours {
  studentId: number;
  name: string;
  /** The confirmed excuses of the month: «медицинская справка 03.11.2026–07.11.2026: ГБУЗ … № 12». */
  documents: string[];
}

export interface StipendGroup {
  groupId: number;
  groupName: string;
  course: number;
  departmentName: string | null;
  curatorName: string | null;
  rows: StipendStudentRow[];
  total: StipendHours;
}

export interface StipendSheet {
  range: ReportRange;
  /** `YYYY-MM`. */
  month: string;
  groups: StipendGroup[];
}

export const STIPEND_ROLES: readonly Role[] = ['director', 'deputy', 'dept_head', 'curator'];

export const stipendInput = z.object({
  yearId: id('Учебный год').optional(),
  month: yearMonth(),
  departmentId: id('Отделение').optional(),
  groupId: id('Группа').optional(),
});

export const stipendMethods = {
  'reports.stipendAttendance': method<StipendSheet>()({
    summary: 'Ведомость посещаемости за месяц для стипендиальной комиссии: пропуски по уважительной и неуважительной',
    access: STIPEND_ROLES,
    input: stipendInput,
  }),
};
