// The stipend committee's monthly attendance sheet as a document: one block per group — course, department,
// curator —, each student's hours missed (all, excused, unexcused) and the documents behind the excuses, the
// group's total and the curator's signature line; the Excel workbook has one row per student.
import type { StipendHours, StipendSheet } from '../../api/contract.js';
import { hrs } from '../../domain/format-numbers.js';
import { wordsOf, type Words } from '../../domain/vocabulary.js';
import type { PdfBuilder } from '../pdf/index.js';
import { num, reportPdf, simpleTable, text, type Col, type DocumentMeta, type Sheet } from './common.js';

export const STIPEND_TITLE = 'Ведомость пропусков занятий для стипендиальной комиссии';

const hours = (h: StipendHours) => [h.missed, h.excused, h.unexcused].map((x) => hrs(x));
/** A student's line: an empty cell for nothing missed, as the paper form is filled in. */
const blankZero = (h: StipendHours) => [h.missed, h.excused, h.unexcused].map((x) => (x ? hrs(x) : ''));

export function stipendPdf(sheet: StipendSheet, meta: DocumentMeta): Promise<Uint8Array> {
  const w = wordsOf(meta.kind);
  return reportPdf(STIPEND_TITLE, sheet.range, meta, 'portrait', (pdf) => stipendBody(pdf, sheet, w));
}

export function stipendBody(pdf: PdfBuilder, sheet: StipendSheet, w: Words): void {
  const cols: Col[] = [
    { header: '№', width: 22, align: 'center' },
    { header: 'Обучающийся', width: 150 },
    { header: 'Всего пропущено, ч', width: 56, align: 'right' },
    { header: 'По уважит. причине, ч', width: 56, align: 'right' },
    { header: 'Без уважит. причины, ч', width: 56, align: 'right' },
    { header: 'Подтверждающие документы', flex: 1 },
  ];
  if (sheet.groups.length === 0) pdf.text(`Нет ${w.term('group', 'gen', 'many')} в выборке.`, { size: 9 });
  for (const g of sheet.groups) {
    const head = [`${w.Term('group')} ${g.groupName}, ${g.course} курс`, g.departmentName].filter(Boolean);
    pdf.heading(head.join(', '), { level: 2, keepWithNext: 80 });
    simpleTable(
      pdf,
      cols,
      g.rows.map((r, i) => [i + 1, r.name, ...blankZero(r), r.documents.join('; ')]),
      { fontSize: 8, totals: ['', `Итого по ${w.term('group', 'dat')}`, ...hours(g.total), ''] },
    );
    pdf.signatureBlock([{ position: w.Term('curator'), name: g.curatorName ?? '' }], { dateLine: false, size: 9 });
  }
  pdf.text(
    'По уважительной причине — «у», «б» и «н», покрытые подтверждённой справкой или заявлением; без уважительной ' +
      'причины — остальные «н». Опоздания («оп») и занятия по делам организации («уч») пропусками не считаются.',
    { size: 7.5 },
  );
}

export function stipendSheets(sheet: StipendSheet, w: Words): Sheet[] {
  return [
    {
      name: 'Пропуски за месяц',
      title: `${STIPEND_TITLE}: ${sheet.range.title}`,
      columns: [
        text(w.Term('group'), 'group', 12),
        num('Курс', 'course', '0'),
        text('Обучающийся', 'name', 36),
        num('Пропущено, ч', 'missed', '0.#'),
        num('По уважительной причине, ч', 'excused', '0.#'),
        num('Без уважительной причины, ч', 'unexcused', '0.#'),
        text('Подтверждающие документы', 'documents', 70),
      ],
      rows: sheet.groups.flatMap((g) =>
        g.rows.map((r) => ({ ...r, group: g.groupName, course: g.course, documents: r.documents.join('; ') })),
      ),
    },
  ];
}
