// Programme completion and the journal-keeping report as PDF (A4 landscape) and Excel sheets.
import type {
  CompletionGroup,
  CompletionReport,
  CompletionRow,
  GroupAttendance,
  KeepingReport,
  KeepingSummary,
} from '../../api/contract.js';
import type { PdfBuilder } from '../pdf/index.js';
import { ruDate } from '../../domain/format-dates.js';
import { wordsOf, type Words } from '../../domain/vocabulary.js';
import { dec, hrs, pct } from '../../domain/format-numbers.js';
import { type Col, int, num, reportPdf, share, simpleTable, text, type DocumentMeta, type Sheet } from './common.js';

export const KIND_LABELS = {
  move: 'Перенос занятия',
  merge: 'Объединение тем',
  extra_hours: 'Добавление часов',
  reduce_hours: 'Сокращение часов',
} as const;

const N = (header: string, width = 24): Col => ({ header, width, align: 'right', vertical: true });

// ── Completion ───────────────────────────────────────────────────────────────────────────────

function completionTable(pdf: PdfBuilder, rows: CompletionRow[], totals: CompletionGroup, w: Words): void {
  simpleTable(
    pdf,
    [
      { header: '№', width: 18, align: 'right' },
      { header: w.Term('group'), width: 62 },
      { header: w.subjectWithParts, flex: 2 },
      { header: w.Term('teacher'), flex: 1.3 },
      N('План, ч'),
      N('Корректировка, ч'),
      N('Всего по плану, ч'),
      N('Проведено, ч'),
      N('Выполнено', 34),
      N('По календарю, ч'),
      N('Отставание, ч'),
    ],
    rows.map((r, i) => [
      i + 1,
      label(r),
      r.subjectName,
      r.teacherName,
      r.plannedHours,
      signed(r.correctionHours),
      r.plannedTotal,
      hrs(r.conductedHours),
      pct(r.done),
      hrs(r.expectedHours),
      r.lagHours > 0 ? hrs(r.lagHours) : '—',
    ]),
    {
      totals: [
        '',
        'Итого',
        '',
        '',
        '',
        '',
        totals.plannedTotal,
        hrs(totals.conductedHours),
        pct(totals.done),
        hrs(totals.expectedHours),
        '',
      ],
    },
  );
}

function correctionsTable(pdf: PdfBuilder, rows: CompletionRow[], w: Words): void {
  const list = rows.flatMap((r) => r.corrections.map((c) => ({ r, c })));
  if (list.length === 0) {
    pdf.text('Утверждённых корректировок тематических планов за период нет.', { size: 9 });
    return;
  }
  simpleTable(
    pdf,
    [
      { header: w.Term('group'), width: 62 },
      { header: w.Term('subject'), flex: 1.3 },
      { header: 'Вид', width: 80 },
      N('Часы'),
      { header: 'Тема плана', flex: 1.2 },
      { header: 'Причина', flex: 2 },
      { header: 'Утвердил(а)', flex: 1 },
      { header: 'Дата', width: 50 },
    ],
    list.map(({ r, c }) => [
      label(r),
      r.subjectName,
      KIND_LABELS[c.kind],
      signed(c.hoursDelta),
      c.planTopicTitle ?? '',
      c.reason,
      c.approvedByName ?? '',
      ruDate(c.approvedAt),
    ]),
  );
}

function departmentTable(pdf: PdfBuilder, groups: CompletionGroup[], w: Words): void {
  simpleTable(
    pdf,
    [
      { header: w.Term('department'), flex: 2 },
      N('Журналов', 34),
      N('Всего по плану, ч', 40),
      N('Проведено, ч', 40),
      N('Выполнено', 40),
      N('По календарю, ч', 40),
      N('Отстают от календаря', 40),
    ],
    groups.map((g) => [
      g.name,
      g.journals,
      g.plannedTotal,
      hrs(g.conductedHours),
      pct(g.done),
      hrs(g.expectedHours),
      g.behind,
    ]),
  );
}

export function completionPdf(report: CompletionReport, meta: DocumentMeta): Promise<Uint8Array> {
  return reportPdf('Выполнение программ', report.range, meta, 'landscape', (pdf) =>
    completionBody(pdf, report, wordsOf(meta.kind)),
  );
}

export function completionBody(pdf: PdfBuilder, report: CompletionReport, w: Words, level: 1 | 2 | 3 = 2): void {
  pdf.heading('По журналам', { level });
  completionTable(pdf, report.rows, report.totals, w);
  pdf.heading('Утверждённые корректировки тематических планов', { level });
  correctionsTable(pdf, report.rows, w);
  pdf.heading(`По ${w.term('department', 'dat', 'many')}`, { level });
  departmentTable(pdf, report.departments, w);
  pdf.text(
    '«По календарю» — сколько часов должно быть проведено к дате отчёта: часы плана с корректировками × доля ' +
      'занятий по расписанию, ' +
      'пришедшихся на дни до этой даты. Журнал отстаёт, если проведено меньше более чем на 2 ч.',
    { size: 8 },
  );
}

export function completionSheets(report: CompletionReport, w: Words): Sheet[] {
  return [
    {
      name: 'Выполнение программ',
      title: `Выполнение программ: ${report.range.title}`,
      columns: [
        text(w.Term('group'), 'group'),
        text(w.Term('subject'), 'subject', 40),
        text(w.Term('teacher'), 'teacher', 30),
        text(w.Term('department'), 'department'),
        int('План, ч', 'planned'),
        int('Корректировка, ч', 'correction'),
        int('Всего по плану, ч', 'plannedTotal'),
        num('Проведено, ч', 'conducted', '0.#'),
        share('Выполнено', 'done'),
        num('По календарю, ч', 'expected', '0.0'),
        num('Отставание, ч', 'lag', '0.0'),
      ],
      rows: report.rows.map((r) => ({
        group: label(r),
        subject: r.subjectName,
        teacher: r.teacherName,
        department: r.departmentName,
        planned: r.plannedHours,
        correction: r.correctionHours,
        plannedTotal: r.plannedTotal,
        conducted: r.conductedHours,
        done: r.done,
        expected: r.expectedHours,
        lag: r.lagHours,
      })),
    },
    {
      name: 'Корректировки',
      title: `Утверждённые корректировки: ${report.range.title}`,
      columns: [
        text(w.Term('group'), 'group'),
        text(w.Term('subject'), 'subject', 40),
        text('Вид', 'kind'),
        int('Часы', 'hours'),
        text('Тема плана', 'topic', 40),
        text('Причина', 'reason', 60),
        text('Утвердил(а)', 'by', 30),
        { header: 'Дата', key: 'at', type: 'date' },
      ],
      rows: report.rows.flatMap((r) =>
        r.corrections.map((c) => ({
          group: label(r),
          subject: r.subjectName,
          kind: KIND_LABELS[c.kind],
          hours: c.hoursDelta,
          topic: c.planTopicTitle,
          reason: c.reason,
          by: c.approvedByName,
          at: c.approvedAt,
        })),
      ),
    },
    {
      name: `Выполнение по ${w.short('department', 'dat', 'many')}`,
      title: `Выполнение программ по ${w.term('department', 'dat', 'many')}: ${report.range.title}`,
      columns: [
        text(w.Term('department'), 'name', 40),
        int('Журналов', 'journals'),
        int('Всего по плану, ч', 'planned'),
        num('Проведено, ч', 'conducted', '0.#'),
        share('Выполнено', 'done'),
        num('По календарю, ч', 'expected', '0.0'),
        int('Отстают', 'behind'),
      ],
      rows: report.departments.map((g) => ({
        name: g.name,
        journals: g.journals,
        planned: g.plannedTotal,
        conducted: g.conductedHours,
        done: g.done,
        expected: g.expectedHours,
        behind: g.behind,
      })),
    },
  ];
}

// ── Journal keeping ──────────────────────────────────────────────────────────────────────────

const COUNT_COLS: Col[] = [
  N('Занятий'),
  N('Без темы'),
  N('Внесено позже дня занятия'),
  N('Посещаемость не отмечена'),
  N('Без домашнего задания'),
  N('Не заполнено по расписанию'),
  N('Замечаний за период'),
  N('Замечаний ждут ответа'),
  N('Из них просрочено'),
];

function counts(r: KeepingSummary | KeepingReport['rows'][number]) {
  return [
    r.lessons,
    r.withoutTopic,
    r.late,
    r.attendanceNotTaken,
    r.withoutHomework,
    r.unfilled,
    r.remarks,
    r.remarksOpen,
    r.remarksOverdue,
  ];
}

function summaryTable(pdf: PdfBuilder, what: string, rows: KeepingSummary[], totals: KeepingSummary): void {
  simpleTable(
    pdf,
    [
      { header: what, flex: 1 },
      N('Журналов'),
      N('Всего по плану, ч', 30),
      N('Проведено, ч', 30),
      N('Выполнено', 34),
      N('Отстают'),
      ...COUNT_COLS,
    ],
    rows.map((s) => [s.name, s.journals, s.plannedTotal, hrs(s.conductedHours), pct(s.done), s.behind, ...counts(s)]),
    {
      totals: [
        'Итого',
        totals.journals,
        totals.plannedTotal,
        hrs(totals.conductedHours),
        pct(totals.done),
        totals.behind,
        ...counts(totals),
      ],
    },
  );
}

function groupAttendanceTable(pdf: PdfBuilder, groups: GroupAttendance[], w: Words): void {
  simpleTable(
    pdf,
    [
      { header: w.Term('group'), width: 70 },
      { header: w.Term('department'), flex: 1 },
      N('Обучающихся', 34),
      N('Часов занятий по списку', 44),
      N('Пропущено, ч', 40),
      N('По уважительной причине, ч', 40),
      N('Без уважительной причины, ч', 40),
      N('Опозданий', 34),
      N('Посещаемость', 40),
    ],
    groups.map((g) => [
      g.groupName,
      g.departmentName ?? '',
      g.students,
      hrs(g.possibleHours),
      hrs(g.missedHours),
      hrs(g.validHours),
      hrs(g.invalidHours),
      g.lateCount,
      pct(g.presence),
    ]),
  );
}

export function keepingNotes(w: Words): string[] {
  return [
    'Внесено позже дня занятия — занятие записано в журнал после дня его проведения (000 §3.5.2: журнал заполняется ' +
      'в день занятия).',
    `Посещаемость не отмечена — на занятии нет ни одной отметки о посещаемости и ${w.term('teacher')} не ` +
      `подтвердил, что присутствовали все.`,
    'Не заполнено по расписанию — занятия по расписанию до дня отчёта, которые не внесены в журнал.',
    'Замечания ждут ответа — открытые и возвращённые замечания заместителя директора; просроченные — с истёкшим ' +
      'сроком устранения.',
  ];
}

export function keepingPdf(report: KeepingReport, meta: DocumentMeta): Promise<Uint8Array> {
  return reportPdf('Отчёт о ведении электронных журналов', report.range, meta, 'landscape', (pdf) =>
    keepingBody(pdf, report, wordsOf(meta.kind)),
  );
}

export function keepingBody(pdf: PdfBuilder, report: KeepingReport, w: Words, level: 1 | 2 | 3 = 2): void {
  pdf.heading(`1. Сводка по ${w.term('department', 'dat', 'many')}`, { level });
  summaryTable(pdf, w.Term('department'), report.departments, report.totals);
  pdf.heading(`2. Сводка по ${w.term('teacher', 'dat', 'many')}`, { level });
  summaryTable(pdf, w.Term('teacher'), report.teachers, report.totals);
  pdf.heading('3. По журналам', { level });
  simpleTable(
    pdf,
    [
      { header: '№', width: 18, align: 'right' },
      { header: w.Term('group'), width: 58 },
      { header: w.Term('subject'), flex: 1.6 },
      { header: w.Term('teacher'), flex: 1 },
      N('Всего по плану, ч', 26),
      N('Проведено, ч', 26),
      N('Выполнено', 32),
      N('Отставание, ч', 26),
      ...COUNT_COLS,
    ],
    report.rows.map((r, i) => [
      i + 1,
      label(r),
      r.subjectName,
      r.teacherName,
      r.plannedTotal,
      hrs(r.conductedHours),
      pct(r.done),
      r.lagHours > 0 ? hrs(r.lagHours) : '—',
      ...counts(r),
    ]),
    { fontSize: 7 },
  );
  pdf.heading(`4. Посещаемость по ${w.term('group', 'dat', 'many')}`, { level });
  groupAttendanceTable(pdf, report.groups, w);
  for (const note of keepingNotes(w)) pdf.text(note, { size: 7.5, after: 1 });
}

export function keepingSheets(report: KeepingReport, w: Words): Sheet[] {
  const countColumns = [
    int('Занятий', 'lessons'),
    int('Без темы', 'withoutTopic'),
    int('Внесено позже', 'late'),
    int('Посещаемость не отмечена', 'attendanceNotTaken'),
    int('Без домашнего задания', 'withoutHomework'),
    int('Не заполнено по расписанию', 'unfilled'),
    int('Замечаний за период', 'remarks'),
    int('Замечаний ждут ответа', 'remarksOpen'),
    int('Просрочено', 'remarksOverdue'),
  ];
  const summaryRows = (list: KeepingSummary[]) => list.map((s) => ({ ...s, done: s.done }));
  const summaryColumns = (what: string) => [
    text(what, 'name', 40),
    int('Журналов', 'journals'),
    int('Всего по плану, ч', 'plannedTotal'),
    num('Проведено, ч', 'conductedHours', '0.#'),
    share('Выполнено', 'done'),
    int('Отстают', 'behind'),
    ...countColumns,
  ];
  return [
    {
      name: 'По журналам',
      title: `Ведение журналов: ${report.range.title}`,
      columns: [
        text(w.Term('group'), 'group'),
        text(w.Term('subject'), 'subjectName', 40),
        text(w.Term('teacher'), 'teacherName', 30),
        text(w.Term('department'), 'departmentName'),
        int('Всего по плану, ч', 'plannedTotal'),
        num('Проведено, ч', 'conductedHours', '0.#'),
        share('Выполнено', 'done'),
        num('Отставание, ч', 'lagHours', '0.0'),
        ...countColumns,
      ],
      rows: report.rows.map((r) => ({ ...r, group: label(r) })),
    },
    {
      name: `По ${w.short('teacher', 'dat', 'many')}`,
      title: `Ведение журналов по ${w.term('teacher', 'dat', 'many')}: ${report.range.title}`,
      columns: summaryColumns(w.Term('teacher')),
      rows: summaryRows(report.teachers),
    },
    {
      name: `По ${w.short('department', 'dat', 'many')}`,
      title: `Ведение журналов по ${w.term('department', 'dat', 'many')}: ${report.range.title}`,
      columns: summaryColumns(w.Term('department')),
      rows: summaryRows(report.departments),
    },
    groupAttendanceSheet(report.groups, report.range.title, w),
  ];
}

export function groupAttendanceSheet(groups: GroupAttendance[], title: string, w: Words): Sheet {
  return {
    name: `Посещаемость ${w.term('group', 'gen', 'many')}`,
    title: `Посещаемость по ${w.term('group', 'dat', 'many')}: ${title}`,
    columns: [
      text(w.Term('group'), 'groupName'),
      text(w.Term('department'), 'departmentName', 30),
      int('Обучающихся', 'students'),
      num('Часов по списку', 'possibleHours', '0.#'),
      num('Пропущено, ч', 'missedHours', '0.#'),
      num('По уважительной, ч', 'validHours', '0.#'),
      num('Без уважительной, ч', 'invalidHours', '0.#'),
      int('Опозданий', 'lateCount'),
      share('Посещаемость', 'presence'),
    ],
    rows: groups.map((g) => ({ ...g })),
  };
}

export function label(r: { groupName: string; subgroup: number | null }): string {
  return r.subgroup ? `${r.groupName} (подгр. ${r.subgroup})` : r.groupName;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}

export { dec };
