// The month's substitutions for payroll as a document: every «замена» (date, lesson, group, subject, whom, who,
// hours, reason; «не проведено» until the lesson is recorded), then each substitute's lessons and hours.
import type { SubstitutionsReport } from '../../api/contract.js';
import { ruDate } from '../../domain/format-dates.js';
import { hrs } from '../../domain/format-numbers.js';
import { wordsOf, type Words } from '../../domain/vocabulary.js';
import type { PdfBuilder } from '../pdf/index.js';
import { date, int, num, reportPdf, simpleTable, text, type Col, type DocumentMeta, type Sheet } from './common.js';

export const SUBSTITUTIONS_TITLE = 'Замены занятий за месяц';

export function substitutionsPdf(report: SubstitutionsReport, meta: DocumentMeta): Promise<Uint8Array> {
  const w = wordsOf(meta.kind);
  return reportPdf(SUBSTITUTIONS_TITLE, report.range, meta, 'landscape', (pdf) => substitutionsBody(pdf, report, w));
}

export function substitutionsBody(pdf: PdfBuilder, report: SubstitutionsReport, w: Words): void {
  if (report.rows.length === 0) {
    pdf.text('Замен за месяц не было.', { size: 10 });
    return;
  }
  const cols: Col[] = [
    { header: 'Дата', width: 56, align: 'center' },
    { header: '№', width: 22, align: 'center' },
    { header: w.Term('group'), width: 70 },
    { header: w.Term('subject'), flex: 2 },
    { header: `Кого заменяли`, width: 105 },
    { header: 'Кто заменял', width: 105 },
    { header: 'Часов', width: 40, align: 'right' },
    { header: 'Причина', flex: 1 },
  ];
  simpleTable(
    pdf,
    cols,
    report.rows.map((r) => [
      ruDate(r.date),
      r.lessonNo,
      r.groupName,
      r.subjectName,
      r.absentName,
      r.substituteName,
      r.held ? hrs(r.hours) : 'не проведено',
      r.reason ?? '',
    ]),
    { fontSize: 8 },
  );
  pdf.heading('Итого по заменявшим', { level: 2 });
  simpleTable(
    pdf,
    [
      { header: w.Short('teacher'), flex: 1 },
      { header: 'Проведено замен', width: 90, align: 'right' },
      { header: 'Часов', width: 60, align: 'right' },
    ],
    report.bySubstitute.map((t) => [t.name, t.lessons, hrs(t.hours)]),
    { totals: ['Всего', report.bySubstitute.reduce((s, t) => s + t.lessons, 0), hrs(report.totalHours)] },
  );
}

export function substitutionsSheets(report: SubstitutionsReport, w: Words): Sheet[] {
  return [
    {
      name: 'Замены',
      title: `${SUBSTITUTIONS_TITLE}: ${report.range.title}`,
      columns: [
        date('Дата', 'date'),
        int('№ занятия', 'lessonNo'),
        text(w.Term('group'), 'groupName', 14),
        text(w.Term('subject'), 'subjectName', 36),
        text('Кого заменяли', 'absentName', 24),
        text('Кто заменял', 'substituteName', 24),
        num('Часов', 'hours', '0.#'),
        text('Проведено', 'heldText', 12),
        text('Причина', 'reason', 36),
      ],
      rows: report.rows.map((r) => ({ ...r, heldText: r.held ? 'да' : 'нет' })),
    },
    {
      name: 'Итого',
      title: `Итого по заменявшим: ${report.range.title}`,
      columns: [text(w.Short('teacher'), 'name', 30), int('Проведено замен', 'lessons'), num('Часов', 'hours', '0.#')],
      rows: report.bySubstitute,
    },
  ];
}
