// The list of academic debts as a document: per group, the students with what they owe (the discipline, the period,
// the form, the original result) and the resits so far — the open ones; Excel has every debt with its state.
import type { DebtList } from '../../api/contract.js';
import { plural } from '../../domain/format-numbers.js';
import { RESIT_FORMS, resitLine } from '../../domain/results.js';
import { addTableSheet, createWorkbook } from '../xlsx.js';
import type ExcelJS from 'exceljs';
import { reportPdf, simpleTable, text, type DocumentMeta } from '../reports/common.js';

export const DEBTS_TITLE = 'Академические задолженности';

export function debtsTitle(list: DebtList): string {
  return `${list.periodTitle ? `${list.periodTitle} ` : ''}${list.yearTitle} учебного года`;
}

export async function debtsPdf(list: DebtList, meta: DocumentMeta, asOf: string): Promise<Uint8Array> {
  const open = list.rows.filter((r) => r.open);
  return reportPdf(DEBTS_TITLE, { title: debtsTitle(list), asOf, to: asOf }, meta, 'landscape', (pdf) => {
    if (open.length === 0) {
      pdf.text('Задолженностей нет.', { size: 10 });
      return;
    }
    for (const group of [...new Set(open.map((r) => r.groupName))]) {
      const rows = open.filter((r) => r.groupName === group);
      const students = new Set(rows.map((r) => r.studentId)).size;
      pdf.heading(
        `Группа ${group}: ${students} ${plural(students, 'обучающийся', 'обучающихся', 'обучающихся')}, ` +
          `задолженностей — ${rows.length}`,
        { level: 2 },
      );
      simpleTable(
        pdf,
        [
          { header: '№', width: 22, align: 'center' },
          { header: 'Обучающийся', width: 150 },
          { header: 'Дисциплина', flex: 2 },
          { header: 'Период', width: 70 },
          { header: 'Форма', width: 70 },
          { header: 'Результат', width: 80 },
          { header: 'Пересдачи', flex: 2 },
        ],
        rows.map((r, i) => [
          i + 1,
          r.studentName,
          r.subjectName,
          r.periodTitle,
          RESIT_FORMS[r.kind],
          r.originalText,
          r.resits.map(resitLine).join('; '),
        ]),
        { fontSize: 8.5 },
      );
    }
  });
}

export function debtsWorkbook(list: DebtList, at: Date): ExcelJS.Workbook {
  const wb = createWorkbook({ createdAt: at });
  addTableSheet(wb, {
    name: 'Задолженности',
    title: `${DEBTS_TITLE}: ${debtsTitle(list)}`,
    columns: [
      text('Группа', 'group', 12),
      text('Обучающийся', 'student', 32),
      text('Дисциплина', 'subject', 36),
      text('Период', 'period', 14),
      text('Форма', 'form', 14),
      text('Результат', 'original', 20),
      text('Пересдачи', 'resits', 50),
      text('Состояние', 'state', 16),
    ],
    rows: list.rows.map((r) => ({
      group: r.groupName,
      student: r.studentName,
      subject: r.subjectName,
      period: r.periodTitle,
      form: RESIT_FORMS[r.kind],
      original: r.originalText,
      resits: r.resits.map(resitLine).join('; '),
      state: r.open ? 'не ликвидирована' : 'ликвидирована',
    })),
  });
  return wb;
}
