// The record sheet of an exam or a credit as the paper form (issue 15, part 1): the head, the table the examiners
// sign (№, student, personal file, the mark in figures and words, the examiner's signature), the counts, the
// signature lines. Printed blank before the exam: the same form with the marks and counts left to fill in.
import type { RecordSheet, ResitInfo, SheetHead } from '../../api/contract.js';
import { ruDate } from '../../domain/format-dates.js';
import { ASSESSMENT_FORMS, ASSESSMENT_SHEET_TITLES, RESIT_FORMS, resitLine } from '../../domain/results.js';
import { BLANK_DATE, mm } from '../pdf/index.js';
import { addTableSheet, createWorkbook } from '../xlsx.js';
import type ExcelJS from 'exceljs';
import { text } from '../reports/common.js';
import { formLine, formPdf, headLines, type FormMeta } from './sheet-head.js';

const BLANK = '____';

export async function recordSheetPdf(sheet: RecordSheet, meta: FormMeta, blank: boolean): Promise<Uint8Array> {
  const pdf = await formPdf(meta, ASSESSMENT_SHEET_TITLES[sheet.kind], null, [
    ...headLines(sheet.head),
    ['Форма контроля', ASSESSMENT_FORMS[sheet.kind]],
    ['Дата', sheet.heldOn ? ruDate(sheet.heldOn) : BLANK_DATE],
    [sheet.examiners.includes(',') ? 'Экзаменаторы' : 'Экзаменатор', sheet.examiners],
  ]);
  pdf.table({
    columns: [
      { width: mm(9), align: 'right' },
      { flex: 1 },
      { width: mm(18), align: 'center' },
      { width: mm(50), align: 'center' },
      { width: mm(26) },
    ],
    header: ['№', 'Фамилия, имя, отчество обучающегося', '№ личного дела', 'Отметка (цифрой и прописью)', 'Подпись'],
    rows: sheet.rows.map((r, i) => [
      i + 1,
      r.name,
      r.personalFileNo ?? '',
      blank ? (r.status === 'not_admitted' ? r.text : '') : r.text,
      '',
    ]),
    fontSize: 9.5,
    headerFontSize: 8.5,
    padding: 4,
  });
  pdf.spacer(4);
  const c = sheet.counts;
  const n = (v: number) => (blank ? BLANK : String(v));
  const results =
    sheet.kind === 'exam'
      ? `«отлично» — ${n(c['5'])}, «хорошо» — ${n(c['4'])}, «удовлетворительно» — ${n(c['3'])}, ` +
        `«неудовлетворительно» — ${n(c['2'])}`
      : `«зачтено» — ${n(c.passed)}, «не зачтено» — ${n(c['2'])}`;
  pdf.text(`Всего в списке: ${c.listed}. Получили: ${results}.`, { size: 10, after: 2 });
  pdf.text(
    `Не аттестовано — ${n(c.na - c.absent - c.notAdmitted)}, не явились — ${n(c.absent)}, ` +
      `не допущены — ${blank ? String(c.notAdmitted) : n(c.notAdmitted)}.`,
    { size: 10, after: mm(6) },
  );
  const examiners = sheet.examiners.split(',').map((s) => s.trim());
  pdf.signatureBlock(
    [
      ...examiners.map((name, i) => ({ position: i === 0 ? 'Экзаменатор(ы)' : '', name })),
      { position: 'Заведующий отделением', name: '' },
    ],
    { date: null },
  );
  return pdf.finish();
}

export function recordSheetWorkbook(sheet: RecordSheet, at: Date): ExcelJS.Workbook {
  const wb = createWorkbook({ createdAt: at });
  addTableSheet(wb, {
    name: 'Ведомость',
    title:
      `${ASSESSMENT_SHEET_TITLES[sheet.kind]}: ${sheet.head.groupName}, ${sheet.head.subjectName}, ` +
      `${sheet.head.periodTitle} ${sheet.head.yearTitle}` +
      `${sheet.heldOn ? `, ${ruDate(sheet.heldOn)}` : ''}; экзаменаторы: ${sheet.examiners}`,
    columns: [
      text('№', 'no', 5),
      text('Обучающийся', 'name', 36),
      text('№ личного дела', 'file', 14),
      text('Отметка', 'value', 10),
      text('Отметка прописью', 'text', 24),
      text('Пересдачи', 'resits', 40),
    ],
    rows: sheet.rows.map((r, i) => ({
      no: String(i + 1),
      name: r.name,
      file: r.personalFileNo,
      value: r.value ?? '',
      text: r.text,
      resits: r.resits.map(resitLine).join('; '),
    })),
  });
  return wb;
}

/** The direction for a resit (экзаменационный лист): one student, one discipline, the result once held. */
export async function resitSheetPdf(
  head: SheetHead,
  resit: ResitInfo,
  student: { name: string; original: string },
  meta: FormMeta,
  signer: { position: string; name: string },
): Promise<Uint8Array> {
  const pdf = await formPdf(meta, 'Экзаменационный лист', `№ ${resit.directionNo} от ${ruDate(resit.issuedOn)}`, [
    ['Обучающийся', student.name],
    ...headLines(head),
    ['Форма контроля', RESIT_FORMS[resit.kind]],
    ['Первоначальная отметка', student.original],
    ['Пересдача', `${resit.attempt}-я`],
    ['Экзаменатор', resit.examiner],
    ['Лист действителен до', ''],
  ]);
  pdf.spacer(6);
  formLine(pdf, 'Дата пересдачи', resit.heldOn ? ruDate(resit.heldOn) : '');
  formLine(pdf, 'Отметка (цифрой и прописью)', resit.heldOn ? resit.text : '');
  pdf.spacer(mm(6));
  pdf.signatureBlock([{ position: 'Экзаменатор', name: resit.examiner }], { date: resit.heldOn });
  pdf.spacer(mm(6));
  pdf.text('Направление выдал:', { size: 10, after: 2 });
  pdf.signatureBlock([signer], { date: resit.issuedOn });
  pdf.spacer(mm(4));
  pdf.text(`Лист возвращается в учебную часть в день пересдачи и хранится с ведомостью (${RESIT_FORMS[resit.kind]}).`, {
    size: 8.5,
  });
  return pdf.finish();
}
