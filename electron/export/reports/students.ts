// Attendance, performance, the forecast with its at-risk list, and the teachers' hours sheet as PDF
// and Excel sheets.
import type { AttendanceReport, ForecastReport, HoursSheet, PerformanceReport } from '../../api/contract.js';
import type { PdfBuilder } from '../pdf/index.js';
import { dec, hrs, pct } from '../../domain/format-numbers.js';
import { wordsOf, type Words } from '../../domain/vocabulary.js';
import { type Col, int, num, reportPdf, share, simpleTable, text, type DocumentMeta, type Sheet } from './common.js';
import { groupAttendanceSheet, label } from './keeping.js';

const N = (header: string, width = 34): Col => ({ header, width, align: 'right', vertical: true });

// ── Attendance ───────────────────────────────────────────────────────────────────────────────

export function attendancePdf(report: AttendanceReport, meta: DocumentMeta): Promise<Uint8Array> {
  return reportPdf('Посещаемость занятий', report.range, meta, 'portrait', (pdf) =>
    attendanceBody(pdf, report, wordsOf(meta.kind)),
  );
}

export function attendanceBody(pdf: PdfBuilder, report: AttendanceReport, w: Words, level: 1 | 2 | 3 = 2): void {
  pdf.heading(`По ${w.term('group', 'dat', 'many')}`, { level });
  simpleTable(
    pdf,
    [
      { header: w.Term('group'), flex: 1 },
      N('Обучающихся'),
      N('Часов по списку', 40),
      N('Пропущено, ч', 40),
      N('Уважит., ч'),
      N('Неуважит., ч'),
      N('Опозданий'),
      N('Посещаемость', 44),
    ],
    report.groups.map((g) => [
      g.groupName,
      g.students,
      hrs(g.possibleHours),
      hrs(g.missedHours),
      hrs(g.validHours),
      hrs(g.invalidHours),
      g.lateCount,
      pct(g.presence),
    ]),
    {
      totals: [
        'Итого',
        report.totals.students,
        hrs(report.totals.possibleHours),
        hrs(report.totals.missedHours),
        hrs(report.totals.validHours),
        hrs(report.totals.invalidHours),
        report.totals.lateCount,
        pct(report.totals.presence),
      ],
    },
  );
  for (const g of report.groups) {
    pdf.heading(`${w.Term('group')} ${g.groupName}`, { level: 3 });
    simpleTable(
      pdf,
      [
        { header: '№', width: 20, align: 'right' },
        { header: 'Обучающийся', flex: 1 },
        N('Часов по списку', 40),
        N('Пропущено, ч', 40),
        N('Уважит., ч'),
        N('Неуважит., ч'),
        N('Опозданий'),
        N('Посещаемость', 44),
      ],
      g.studentRows.map((s, i) => [
        i + 1,
        s.name,
        hrs(s.possibleHours),
        hrs(s.missedHours),
        hrs(s.validHours),
        hrs(s.invalidHours),
        s.lateCount,
        pct(s.presence),
      ]),
    );
  }
  pdf.text(
    'Уважительная причина: «у», «б» и «н», покрытое подтверждённой справкой или заявлением. «уч» (по делам ' +
      'учреждения) — присутствие.',
    { size: 7.5 },
  );
}

export function attendanceSheets(report: AttendanceReport, w: Words): Sheet[] {
  return [
    groupAttendanceSheet(report.groups, report.range.title, w),
    {
      name: 'Посещаемость обучающихся',
      title: `Посещаемость обучающихся: ${report.range.title}`,
      columns: [
        text(w.Term('group'), 'group'),
        text('Обучающийся', 'name', 36),
        num('Часов по списку', 'possibleHours', '0.#'),
        num('Пропущено, ч', 'missedHours', '0.#'),
        num('По уважительной, ч', 'validHours', '0.#'),
        num('Без уважительной, ч', 'invalidHours', '0.#'),
        int('Опозданий', 'lateCount'),
        share('Посещаемость', 'presence'),
      ],
      rows: report.groups.flatMap((g) => g.studentRows.map((s) => ({ ...s, group: g.groupName }))),
    },
    {
      name: 'По неделям',
      title: `Посещаемость по неделям: ${report.range.title}`,
      columns: [
        { header: 'Неделя с', key: 'weekStart', type: 'date' },
        num('Часов по списку', 'possibleHours', '0.#'),
        num('Пропущено, ч', 'missedHours', '0.#'),
        num('По уважительной, ч', 'validHours', '0.#'),
        num('Без уважительной, ч', 'invalidHours', '0.#'),
        share('Посещаемость', 'presence'),
      ],
      rows: report.weeks.map((w) => ({ ...w })),
    },
  ];
}

// ── Performance ──────────────────────────────────────────────────────────────────────────────

export function performancePdf(report: PerformanceReport, meta: DocumentMeta): Promise<Uint8Array> {
  return reportPdf('Успеваемость', report.range, meta, 'landscape', (pdf) =>
    performanceBody(pdf, report, wordsOf(meta.kind)),
  );
}

export function performanceBody(pdf: PdfBuilder, report: PerformanceReport, w: Words, level: 1 | 2 | 3 = 2): void {
  pdf.heading(`По ${w.term('group', 'dat', 'many')}`, { level });
  simpleTable(
    pdf,
    [
      { header: w.Term('group'), width: 90 },
      { header: w.Term('department'), flex: 1 },
      N('Обучающихся'),
      N('Средний балл'),
      N('Качество знаний', 44),
      N('Успеваемость', 44),
    ],
    report.groups.map((g) => [
      g.groupName,
      g.departmentName ?? '',
      g.students,
      dec(g.average),
      pct(g.quality),
      pct(g.success),
    ]),
  );
  pdf.heading(`По ${w.term('subject', 'dat', 'many')}`, { level });
  simpleTable(
    pdf,
    [
      { header: w.Term('group'), width: 62 },
      { header: w.Term('subject'), flex: 2 },
      { header: w.Term('teacher'), flex: 1.2 },
      N('Обучающихся', 28),
      N('Аттестовано', 28),
      N('Отметок', 30),
      N('«5»', 26),
      N('«4»', 26),
      N('«3»', 26),
      N('«2»', 26),
      N('Средний балл', 30),
      N('Качество', 38),
      N('Успеваемость', 38),
    ],
    report.rows.map((r) => [
      label(r),
      r.subjectName,
      r.teacherName,
      r.students,
      r.attested,
      r.marks,
      r.distribution['5'],
      r.distribution['4'],
      r.distribution['3'],
      r.distribution['2'],
      dec(r.average),
      pct(r.quality),
      pct(r.success),
    ]),
    { fontSize: 7.5 },
  );
  pdf.text(
    'Результат обучающегося — отметка за период, а если её ещё нет — средневзвешенная текущих отметок, округлённая ' +
      '(3,5 → 4). ' +
      `Качество знаний — доля обучающихся с результатом «4» и «5»; успеваемость — доля без «2» (и «незачёт»). По ` +
      `${w.term('group', 'dat')}: качество — доля ` +
      `обучающихся только с «4» и «5» по всем ${w.term('subject', 'dat', 'many')}, успеваемость — доля без единой ` +
      `неудовлетворительной.`,
    { size: 7.5 },
  );
}

export function performanceSheets(report: PerformanceReport, w: Words): Sheet[] {
  return [
    {
      name: `Успеваемость ${w.term('group', 'gen', 'many')}`,
      title: `Успеваемость по ${w.term('group', 'dat', 'many')}: ${report.range.title}`,
      columns: [
        text(w.Term('group'), 'groupName'),
        text(w.Term('department'), 'departmentName', 30),
        int('Обучающихся', 'students'),
        num('Средний балл', 'average'),
        share('Качество знаний', 'quality'),
        share('Успеваемость', 'success'),
      ],
      rows: report.groups.map((g) => ({ ...g })),
    },
    {
      name: `По ${w.term('subject', 'dat', 'many')}`,
      title: `Успеваемость по ${w.term('subject', 'dat', 'many')}: ${report.range.title}`,
      columns: [
        text(w.Term('group'), 'group'),
        text(w.Term('subject'), 'subjectName', 40),
        text(w.Term('teacher'), 'teacherName', 30),
        int('Обучающихся', 'students'),
        int('Аттестовано', 'attested'),
        int('Отметок', 'marks'),
        int('«5»', 'd5'),
        int('«4»', 'd4'),
        int('«3»', 'd3'),
        int('«2»', 'd2'),
        num('Средний балл', 'average'),
        share('Качество', 'quality'),
        share('Успеваемость', 'success'),
      ],
      rows: report.rows.map((r) => ({
        ...r,
        group: label(r),
        d5: r.distribution['5'],
        d4: r.distribution['4'],
        d3: r.distribution['3'],
        d2: r.distribution['2'],
      })),
    },
  ];
}

// ── Forecast and the at-risk list ────────────────────────────────────────────────────────────

export function forecastRulesText(report: ForecastReport): string {
  const r = report.rules;
  return (
    `Прогноз — средневзвешенный балл текущих отметок, сдвинутый по их тренду (прямая по датам отметок) к концу ` +
    `периода не более чем на ` +
    `${dec(r.trendCap, 1)} балла, с округлением. В группу риска попадают: меньше ${r.minMarks} отметок; средний ` +
    `балл ниже ${dec(r.lowAverage, 1)}; ` +
    `снижение отметок на 0,5 балла за 30 дней и больше; посещено меньше ${Math.round(r.lowPresence * 100)} % часов.`
  );
}

export function forecastPdf(report: ForecastReport, meta: DocumentMeta): Promise<Uint8Array> {
  return reportPdf('Прогноз успеваемости и группа риска', report.range, meta, 'landscape', (pdf) =>
    forecastBody(pdf, report, wordsOf(meta.kind)),
  );
}

export function forecastBody(pdf: PdfBuilder, report: ForecastReport, w: Words): void {
  pdf.text(forecastRulesText(report), { size: 8.5 });
  pdf.text(`Обучающихся в группе риска (строк): ${report.atRisk}.`, { size: 9, bold: true });
  simpleTable(
    pdf,
    [
      { header: w.Term('group'), width: 62 },
      { header: 'Обучающийся', flex: 1.2 },
      { header: w.Term('subject'), flex: 1.5 },
      N('Отметок', 28),
      N('Средний балл', 30),
      N('Тренд за 30 дней', 30),
      N('Прогноз', 30),
      N('Посещаемость', 38),
      { header: 'Причина', flex: 2 },
    ],
    report.rows.map((r) => [
      r.groupName,
      r.name,
      r.subjectName,
      r.marks,
      dec(r.average),
      r.trend === null ? '—' : dec(r.trend, 1),
      r.forecast ?? '—',
      pct(r.presence, 0),
      r.reasons.join('; '),
    ]),
    { fontSize: 7.5 },
  );
}

export function forecastSheets(report: ForecastReport, w: Words): Sheet[] {
  return [
    {
      name: 'Прогноз и группа риска',
      title: `Прогноз успеваемости: ${report.range.title}`,
      columns: [
        text(w.Term('group'), 'groupName'),
        text('Обучающийся', 'name', 34),
        text(w.Term('subject'), 'subjectName', 40),
        text(w.Term('teacher'), 'teacherName', 30),
        int('Отметок', 'marks'),
        num('Средний балл', 'average'),
        num('Тренд за 30 дней', 'trend'),
        num('С учётом тренда', 'projected'),
        int('Прогноз', 'forecastNumber'),
        num('Пропущено, ч', 'missedHours', '0.#'),
        share('Посещаемость', 'presence'),
        text('Причина', 'reasonText', 60),
      ],
      rows: report.rows.map((r) => ({
        ...r,
        forecastNumber: r.forecast === null ? null : Number(r.forecast),
        reasonText: r.reasons.join('; '),
      })),
    },
  ];
}

// ── Hours sheet ──────────────────────────────────────────────────────────────────────────────

export function hoursPdf(sheet: HoursSheet, meta: DocumentMeta): Promise<Uint8Array> {
  const w = wordsOf(meta.kind);
  const title = sheet.month
    ? `Табель учёта часов ${w.term('teacher', 'gen', 'many')}`
    : `Часы, проведённые ${w.term('teacher', 'ins', 'many')} по месяцам`;
  return reportPdf(title, sheet.range, meta, 'landscape', (pdf) => hoursBody(pdf, sheet, w));
}

export function hoursBody(pdf: PdfBuilder, sheet: HoursSheet, w: Words): void {
  const narrow = sheet.columns.length > 20;
  const cols: Col[] = [
    { header: '№', width: 16, align: 'right' },
    { header: w.Term('teacher'), flex: 1 },
    ...sheet.columns.map((c) => ({
      header: sheet.month ? c.title : c.title,
      width: narrow ? 17 : 40,
      align: 'center' as const,
      vertical: !narrow,
    })),
    { header: 'Всего, ч', width: 34, align: 'right' },
  ];
  simpleTable(
    pdf,
    cols,
    sheet.rows.map((r, i) => [i + 1, r.name, ...r.hours.map((h) => (h ? hrs(h) : '')), hrs(r.total)]),
    {
      fontSize: narrow ? 7 : 8,
      totals: ['', 'Итого', ...sheet.totals.map((h) => (h ? hrs(h) : '')), hrs(sheet.total)],
    },
  );
  pdf.text(
    `Часы — по записям занятий в журналах (проведённые занятия), по ${w.term('teacher', 'dat')}, ведущему журнал.`,
    {
      size: 7.5,
    },
  );
}

export function hoursSheets(sheet: HoursSheet, w: Words): Sheet[] {
  return [
    {
      name: sheet.month ? 'Табель' : 'Часы по месяцам',
      title: `${sheet.month ? 'Табель учёта часов' : 'Часы по месяцам'}: ${sheet.range.title}`,
      columns: [
        text(w.Term('teacher'), 'name', 34),
        text('Должность', 'position', 30),
        ...sheet.columns.map((c, i) => num(c.title, `c${i}`, '0.#')),
        num('Всего, ч', 'total', '0.#'),
        int('Занятий', 'lessons'),
      ],
      rows: sheet.rows.map((r) => ({ ...r, ...Object.fromEntries(r.hours.map((h, i) => [`c${i}`, h])) })),
    },
  ];
}
