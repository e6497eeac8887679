import { z } from 'zod';
import { method } from '../define.js';

/** A file produced by a service, carried to the renderer which saves it. */
export interface FileOutput {
  fileName: string;
  mime: string;
  base64: string;
}

export const PDF_MIME = 'application/pdf';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface JobInfo {
  id: string;
  kind: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  step: string;
  done: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  result: unknown;
}

const jobId = z.string({ error: 'Укажите задание' }).min(1).max(200);

export const jobMethods = {
  'jobs.status': method<JobInfo>()({
    summary: 'Ход длительной работы (отчёт, архив, резервная копия): шаг, сделано/всего, результат',
    access: 'any',
    input: z.object({ id: jobId }),
  }),
  'jobs.cancel': method<JobInfo>()({
    summary: 'Отменить длительную работу (безопасно: незавершённое не остаётся)',
    access: 'any',
    input: z.object({ id: jobId }),
  }),
};
