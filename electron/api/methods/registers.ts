// 003 §2.2: department heads check that the curators fill their groups' registers. The completeness view
// lists, per group, the students whose entry lacks what the register must hold (electron/domain/register-gaps.ts),
// and prints as PDF or Excel.
import { z } from 'zod';
import type { RegisterGap } from '../../domain/register-gaps.js';
import { method } from '../define.js';
import { id } from '../schemas.js';
import type { FileOutput } from './jobs.js';

export interface RegisterStudentGaps {
  studentId: number;
  name: string;
  gaps: RegisterGap[];
  /** Representatives with neither a phone nor an e-mail. */
  guardianNames: string[];
}

export interface RegisterGroup {
  groupId: number;
  groupName: string;
  departmentName: string | null;
  curatorName: string | null;
  /** On the roster on the day of the check. */
  students: number;
  /** Of them, with nothing missing. */
  complete: number;
  counts: Record<RegisterGap, number>;
  /** The students with something missing, by name. */
  rows: RegisterStudentGaps[];
}

export interface RegisterCompleteness {
  yearId: number;
  yearTitle: string;
  /** The roster's day: today, or the year's last day for a year already over. */
  asOf: string;
  groups: RegisterGroup[];
}

const REGISTER_READERS = ['admin', 'director', 'deputy', 'dept_head', 'curator'] as const;

const completenessInput = z.object({
  yearId: id('Учебный год').optional(),
  departmentId: id('Отделение').optional(),
  groupId: id('Группа').optional(),
});

export const registerMethods = {
  'registers.completeness': method<RegisterCompleteness>()({
    summary: 'Полнота реестров групп: у кого из обучающихся не заполнены личные данные, представители, приказ',
    access: REGISTER_READERS,
    input: completenessInput,
  }),
  'registers.completenessFile': method<FileOutput>()({
    summary: 'Список незаполненного в реестрах групп для печати (PDF) или в Excel',
    access: REGISTER_READERS,
    input: completenessInput.extend({
      format: z.enum(['pdf', 'xlsx'], { error: 'Формат: pdf или xlsx' }),
    }),
  }),
};
