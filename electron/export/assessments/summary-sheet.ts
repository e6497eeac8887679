// The summary sheet of results (сводная ведомость успеваемости) as the paper form: landscape, one row per student
// and one narrow column per discipline (the header written upwards), the student's average and counts, the group's
// totals and performance; a debt is shaded and bold, a result after a resit shows the original beside it.
import type { SummarySheet } from '../../api/contract.js';
import { dec, pct } from '../../domain/format-numbers.js';
import { mm, type Cell } from '../pdf/index.js';
import { createPdf } from '../pdf/index.js';
import { addTableSheet, createWorkbook } from '../xlsx.js';
import type ExcelJS from 'exceljs';
import { int, num, share, text } from '../reports/common.js';
import type { FormMeta } from './sheet-head.js';

export const SUMMARY_TITLE = 'Сводная ведомость успеваемости';
const KIND_MARK = { exam: 'экз.', credit: 'зач.', period: 'итог', year: 'год' } as const;
const DEBT_FILL = 0.82;

export async function summarySheetPdf(
  sheet: SummarySheet,
  meta: FormMeta,
  curatorPosition: string,
): Promise<Uint8Array> {
  const pdf = await createPdf({
    title: `${SUMMARY_TITLE}: ${sheet.groupName}, ${sheet.title}`,
    orientation: 'landscape',
    institution: meta.institutionShort,
    formedAt: meta.formedAt,
    titleBlock: false,
  });
  pdf.text(meta.institution, { size: 10, align: 'center', after: 4 });
  pdf.text(SUMMARY_TITLE.toUpperCase(), { size: 13, bold: true, align: 'center', after: 2 });
  pdf.text(
    `группы ${sheet.groupName}, ${sheet.course} курс${sheet.departmentName ? `, ${sheet.departmentName}` : ''}` +
      ` — ${sheet.title}`,
    { size: 10.5, align: 'center', after: sheet.speciality ? 2 : 6 },
  );
  if (sheet.speciality) pdf.text(`Специальность: ${sheet.speciality}`, { size: 9.5, align: 'center', after: 6 });
  const subjects = sheet.subjects.length;
  // Narrow columns as on the paper form; the names take what is left, at least 45 mm.
  const fixed = mm(7 + 11 + 5 * 7 + 45);
  const subjectWidth = Math.min(mm(16), (pdf.contentWidth - fixed) / Math.max(1, subjects));
  const header: Cell[] = [
    '№',
    'Обучающийся',
    ...sheet.subjects.map((s): Cell => ({ text: `${s.subjectName} (${KIND_MARK[s.kind]})`, vertical: true })),
    { text: 'Средний балл', vertical: true },
    ...(['5', '4', '3', '2'] as const).map((k): Cell => ({ text: `«${k}»`, vertical: true })),
    { text: 'н/а', vertical: true },
  ];
  pdf.table({
    columns: [
      { width: mm(7), align: 'right' },
      { flex: 1 },
      ...sheet.subjects.map(() => ({ width: subjectWidth, align: 'center' as const })),
      { width: mm(11), align: 'center' },
      ...[0, 1, 2, 3, 4].map(() => ({ width: mm(7), align: 'center' as const })),
    ],
    header,
    rows: [
      ...sheet.rows.map((r, i) => ({
        cells: [
          i + 1,
          r.name,
          ...r.cells.map((c): Cell => ({
            text: c.original ? `${c.text} (${c.original})` : c.text,
            fill: c.debt ? DEBT_FILL : undefined,
            bold: c.debt,
          })),
          r.average === null ? '' : dec(r.average),
          r.counts['5'] || '',
          r.counts['4'] || '',
          r.counts['3'] || '',
          { text: r.counts['2'] || '', bold: r.counts['2'] > 0 },
          { text: r.counts.na || '', bold: r.counts.na > 0 },
        ],
      })),
      {
        bold: true,
        fill: 0.95,
        cells: [
          '',
          'Итого по группе',
          ...sheet.subjects.map(() => ''),
          sheet.average === null ? '' : dec(sheet.average),
          sheet.totals['5'],
          sheet.totals['4'],
          sheet.totals['3'],
          sheet.totals['2'],
          sheet.totals.na,
        ],
      },
    ],
    fontSize: subjects > 14 ? 7.5 : 8.5,
    verticalHeaderMax: 120,
  });
  pdf.spacer(2);
  pdf.text(
    `Обучающихся: ${sheet.rows.length}. Абсолютная успеваемость: ${pct(sheet.absolute)}. ` +
      `Качественная успеваемость: ${pct(sheet.quality)}. Имеют задолженности: ${sheet.debtors}.`,
    { size: 10, after: 2 },
  );
  pdf.text(
    'Обозначения: н/я — не явился, н/д — не допущен, н/а — не аттестован; задолженность выделена; ' +
      'в скобках — первоначальная отметка, исправленная пересдачей.',
    { size: 8, after: mm(5) },
  );
  pdf.signatureBlock(
    [
      { position: curatorPosition, name: sheet.curatorName ?? '' },
      { position: 'Заведующий отделением', name: '' },
    ],
    { date: meta.formedAt },
  );
  return pdf.finish();
}

export function summarySheetWorkbook(sheet: SummarySheet, at: Date): ExcelJS.Workbook {
  const wb = createWorkbook({ createdAt: at });
  addTableSheet(wb, {
    name: 'Сводная ведомость',
    title:
      `${SUMMARY_TITLE}: ${sheet.groupName}, ${sheet.title}. Абсолютная успеваемость ${pct(sheet.absolute)}, ` +
      `качественная ${pct(sheet.quality)}`,
    columns: [
      text('Обучающийся', 'name', 34),
      ...sheet.subjects.map((s, i) => text(`${s.subjectName} (${KIND_MARK[s.kind]})`, `s${i}`, 12)),
      num('Средний балл', 'average'),
      int('«5»', 'five'),
      int('«4»', 'four'),
      int('«3»', 'three'),
      int('«2»', 'two'),
      int('н/а', 'na'),
      int('Задолженностей', 'debts'),
    ],
    rows: sheet.rows.map((r) => ({
      name: r.name,
      ...Object.fromEntries(r.cells.map((c, i) => [`s${i}`, c.original ? `${c.text} (${c.original})` : c.text])),
      average: r.average,
      five: r.counts['5'],
      four: r.counts['4'],
      three: r.counts['3'],
      two: r.counts['2'],
      na: r.counts.na,
      debts: r.debts,
    })),
  });
  addTableSheet(wb, {
    name: 'Итоги',
    title: `${sheet.groupName}, ${sheet.title}`,
    columns: [
      int('Обучающихся', 'students'),
      num('Средний балл', 'average'),
      share('Абсолютная успеваемость', 'absolute'),
      share('Качественная успеваемость', 'quality'),
      int('Имеют задолженности', 'debtors'),
    ],
    rows: [
      {
        students: sheet.rows.length,
        average: sheet.average,
        absolute: sheet.absolute,
        quality: sheet.quality,
        debtors: sheet.debtors,
      },
    ],
  });
  return wb;
}
