// A centre's reports as PDF and Excel: attendance by объединение and month, человеко-часы (person-hours)
// with totals by направленность, and сохранность контингента. A month is a row (the PDF stays on a page's
// width however many months the range has); person-hours are one line per объединение, months across.
import type {
  PersonHoursReport,
  RetentionReport,
  UnionAttendanceCell,
  UnionAttendanceReport,
} from '../../api/contract.js';
import { ruDate } from '../../domain/format-dates.js';
import { hrs, pct } from '../../domain/format-numbers.js';
import { wordsOf, type Words } from '../../domain/vocabulary.js';
import type { PdfBuilder } from '../pdf/index.js';
import { type Col, int, num, reportPdf, share, simpleTable, text, type DocumentMeta, type Sheet } from './common.js';

const N = (header: string, width = 52): Col => ({ header, width, align: 'right' });
/** «сентябрь 2026» → «сент. 2026»: a month's column header. */
const shortMonth = (title: string) => {
  const [name = '', year = ''] = title.split(' ');
  return name.length > 4 ? `${name.slice(0, name === 'сентябрь' ? 4 : 3)}. ${year}` : title;
};

// ── Attendance ───────────────────────────────────────────────────────────────────────────────

const attendanceCells = (c: UnionAttendanceCell) => [c.students, c.lessons, c.attendances, c.possible, pct(c.presence)];

export function unionAttendancePdf(report: UnionAttendanceReport, meta: DocumentMeta): Promise<Uint8Array> {
  const w = wordsOf(meta.kind);
  return reportPdf(`Посещаемость по ${w.term('group', 'dat', 'many')}`, report.range, meta, 'portrait', (pdf) =>
    unionAttendanceBody(pdf, report, w),
  );
}

export function unionAttendanceBody(pdf: PdfBuilder, report: UnionAttendanceReport, w: Words): void {
  const cols: Col[] = [
    { header: w.Term('group'), flex: 1 },
    { header: 'Месяц', width: 72 },
    N('Детей в списке'),
    N('Занятий', 46),
    N('Посещений', 58),
    N('Возможно посещений', 62),
    N('Посещаемость', 66),
  ];
  // The объединение's name on its first month, its teachers on the line of its totals.
  const rows = report.rows.flatMap((r) => [
    ...r.months.map((c, i) => [i === 0 ? r.groupName : '', report.months[i]!.title, ...attendanceCells(c)]),
    [r.teachers, 'за период', ...attendanceCells(r.total)],
  ]);
  simpleTable(pdf, cols, rows, { totals: ['Всего', '', ...attendanceCells(report.totals.total)] });
  pdf.heading(`По месяцам, все ${w.term('group', 'nom', 'many')}`, { level: 3 });
  simpleTable(
    pdf,
    cols.slice(1),
    report.months.map((m, i) => [m.title, ...attendanceCells(report.totals.months[i]!)]),
  );
  pdf.text(
    'Посещение — присутствие ребёнка из списка на занятии («н», «у», «б» — отсутствие; «оп», «уч» — присутствие). ' +
      'Возможно посещений — дети в списке на дату каждого занятия, в сумме. Детей в списке — хотя бы один день месяца.',
    { size: 7.5 },
  );
}

export function unionAttendanceSheets(report: UnionAttendanceReport, w: Words): Sheet[] {
  const cols = [
    int('Детей в списке', 'students'),
    int('Занятий', 'lessons'),
    int('Посещений', 'attendances'),
    int('Возможно посещений', 'possible'),
    share('Посещаемость', 'presence'),
  ];
  return [
    {
      name: `Посещаемость по ${w.term('group', 'dat', 'many')}`,
      title: `Посещаемость по ${w.term('group', 'dat', 'many')} и месяцам: ${report.range.title}`,
      columns: [
        text(w.Term('group'), 'group', 30),
        text(w.Term('department'), 'department', 30),
        text('Месяц', 'month', 16),
        text('Код месяца', 'key', 10),
        ...cols,
      ],
      rows: report.rows.flatMap((r) =>
        r.months.map((c, i) => ({
          ...c,
          group: r.groupName,
          department: r.departmentName ?? '',
          month: report.months[i]!.title,
          key: report.months[i]!.key,
        })),
      ),
    },
    {
      name: 'Посещаемость итоги',
      title: `Посещаемость за период: ${report.range.title}`,
      columns: [text(w.Term('group'), 'group', 30), text(w.Short('teacher'), 'teachers', 30), ...cols],
      rows: [
        ...report.rows.map((r) => ({ ...r.total, group: r.groupName, teachers: r.teachers })),
        { ...report.totals.total, group: 'Всего', teachers: '' },
      ],
    },
  ];
}

// ── Person-hours ─────────────────────────────────────────────────────────────────────────────

export function personHoursPdf(report: PersonHoursReport, meta: DocumentMeta): Promise<Uint8Array> {
  const w = wordsOf(meta.kind);
  return reportPdf('Человеко-часы', report.range, meta, 'landscape', (pdf) => personHoursBody(pdf, report, w));
}

export function personHoursBody(pdf: PdfBuilder, report: PersonHoursReport, w: Words): void {
  const months = report.months.map((m) => ({
    header: shortMonth(m.title),
    width: 44,
    align: 'right' as const,
    vertical: true,
  }));
  const total = { header: 'Всего', width: 50, align: 'right' as const };
  simpleTable(
    pdf,
    [{ header: '№', width: 18, align: 'right' }, { header: w.Term('group'), flex: 1 }, ...months, total],
    report.rows.map((r, i) => [i + 1, r.groupName, ...r.hours.map((h) => (h ? hrs(h) : '')), hrs(r.total)]),
    { fontSize: 7, totals: ['', 'Итого', ...report.totals.map(hrs), hrs(report.total)] },
  );
  if (report.departments.length > 0) {
    pdf.heading(`По направленностям (${w.term('department', 'dat', 'many')})`, { level: 3 });
    simpleTable(
      pdf,
      [{ header: w.Term('department'), flex: 1 }, ...months, total],
      report.departments.map((d) => [d.name, ...d.hours.map((h) => (h ? hrs(h) : '')), hrs(d.total)]),
      { fontSize: 7, totals: ['Итого', ...report.totals.map(hrs), hrs(report.total)] },
    );
  }
  pdf.text('Человеко-часы — сумма по занятиям: часы занятия × число присутствовавших детей.', { size: 7.5 });
}

export function personHoursSheets(report: PersonHoursReport, w: Words): Sheet[] {
  const months = report.months.map((m, i) => num(m.title, `m${i}`, '0.#'));
  const spread = (hours: number[]) => Object.fromEntries(hours.map((h, i) => [`m${i}`, h]));
  return [
    {
      name: 'Человеко-часы',
      title: `Человеко-часы по ${w.term('group', 'dat', 'many')} и месяцам: ${report.range.title}`,
      columns: [
        text(w.Term('group'), 'group', 30),
        text(w.Term('department'), 'department', 30),
        ...months,
        num('Всего', 'total', '0.#'),
        num('Часов занятий', 'lessonHours', '0.#'),
      ],
      rows: [
        ...report.rows.map((r) => ({
          group: r.groupName,
          department: r.departmentName ?? '',
          ...spread(r.hours),
          total: r.total,
          lessonHours: r.lessonHours,
        })),
        { group: 'Итого', department: '', ...spread(report.totals), total: report.total, lessonHours: null },
      ],
    },
    ...(report.departments.length > 0
      ? [
          {
            name: 'По направленностям',
            title: `Человеко-часы по направленностям: ${report.range.title}`,
            columns: [text(w.Term('department'), 'name', 40), ...months, num('Всего', 'total', '0.#')],
            rows: [
              ...report.departments.map((d) => ({ name: d.name, ...spread(d.hours), total: d.total })),
              { name: 'Итого', ...spread(report.totals), total: report.total },
            ],
          },
        ]
      : []),
  ];
}

// ── Retention ────────────────────────────────────────────────────────────────────────────────

export function retentionPdf(report: RetentionReport, meta: DocumentMeta): Promise<Uint8Array> {
  const w = wordsOf(meta.kind);
  return reportPdf('Сохранность контингента', report.range, meta, 'portrait', (pdf) => retentionBody(pdf, report, w));
}

export function retentionBody(pdf: PdfBuilder, report: RetentionReport, w: Words): void {
  const first = report.months[0]?.from ?? report.range.from;
  simpleTable(
    pdf,
    [
      { header: w.Term('group'), flex: 1 },
      { header: 'Месяц', width: 78 },
      N('На начало'),
      N('Зачислено'),
      N('Выбыло'),
      N('На конец месяца', 60),
      N('Сохранность', 60),
    ],
    [
      ...report.rows.flatMap((r) =>
        r.months.map((c, i) => [
          i === 0 ? r.groupName : '',
          report.months[i]!.title,
          i === 0 ? r.start : '',
          c.enrolled,
          c.withdrawn,
          c.end,
          pct(c.retained),
        ]),
      ),
      ...report.totals.months.map((c, i) => [
        i === 0 ? 'Всего' : '',
        report.months[i]!.title,
        i === 0 ? report.totals.start : '',
        c.enrolled,
        c.withdrawn,
        c.end,
        pct(c.retained),
      ]),
    ],
  );
  pdf.text(
    `На начало — в списке на ${ruDate(first)}. Сохранность — доля детей, бывших в списке на ` +
      'начало, которые остаются в списке на конец месяца. Зачислено и выбыло — по приказам (датам зачисления и ' +
      'отчисления).',
    { size: 7.5 },
  );
}

export function retentionSheets(report: RetentionReport, w: Words): Sheet[] {
  return [
    {
      name: 'Сохранность контингента',
      title: `Сохранность контингента по ${w.term('group', 'dat', 'many')} и месяцам: ${report.range.title}`,
      columns: [
        text(w.Term('group'), 'group', 30),
        text(w.Term('department'), 'department', 30),
        text('Месяц', 'month', 16),
        text('Код месяца', 'key', 10),
        int('На начало', 'start'),
        int('Зачислено', 'enrolled'),
        int('Выбыло', 'withdrawn'),
        int('На конец месяца', 'end'),
        share('Сохранность', 'retained'),
      ],
      rows: [
        ...report.rows.flatMap((r) =>
          r.months.map((c, i) => ({
            ...c,
            group: r.groupName,
            department: r.departmentName ?? '',
            month: report.months[i]!.title,
            key: report.months[i]!.key,
            start: r.start,
          })),
        ),
        ...report.totals.months.map((c, i) => ({
          ...c,
          group: 'Всего',
          department: '',
          month: report.months[i]!.title,
          key: report.months[i]!.key,
          start: report.totals.start,
        })),
      ],
    },
  ];
}
