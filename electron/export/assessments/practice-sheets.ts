// The practice's аттестационный лист (one page per student) and the qualification exam's record sheet of a
// professional module, as the paper forms. Plain data in.
import type { PracticeInfo, QualificationSheet } from '../../api/contract.js';
import { ruDate } from '../../domain/format-dates.js';
import { masteredText, PRACTICE_KIND_LABELS } from '../../domain/results.js';
import { BLANK_DATE, createPdf, mm, type Cell } from '../pdf/index.js';
import { addTableSheet, createWorkbook } from '../xlsx.js';
import type ExcelJS from 'exceljs';
import { text } from '../reports/common.js';
import { formLine, formPdf, type FormMeta } from './sheet-head.js';

/** Lines to write on by hand, across the page. */
const BLANK_LINES = Array.from({ length: 3 }, () => '_'.repeat(92)).join('\n');

export async function attestationPdf(
  info: PracticeInfo,
  moduleName: string | null,
  meta: FormMeta,
  studentIds: number[],
): Promise<Uint8Array> {
  const students = info.students.filter((s) => studentIds.includes(s.studentId));
  const kind = PRACTICE_KIND_LABELS[info.kind];
  let pdf: Awaited<ReturnType<typeof formPdf>> | null = null;
  for (const s of students) {
    const lines: Array<[string, string | null]> = [
      ['Обучающийся', s.name],
      ['Группа', `${info.head.groupName}, ${info.head.course} курс`],
      ['Специальность', info.head.speciality],
      ['Профессиональный модуль', moduleName],
      ['Практика', `${info.head.subjectName} (${kind})`],
      ['Место практики', s.place ?? info.place],
      ['Сроки', info.startsOn && info.endsOn ? `с ${ruDate(info.startsOn)} по ${ruDate(info.endsOn)}` : ''],
      ['Объём', s.hours === null ? '' : `${s.hours} ч`],
    ];
    if (!pdf) pdf = await formPdf(meta, 'Аттестационный лист по практике', null, lines);
    else {
      pdf.newPage();
      pdf.text(meta.institution, { size: 10, align: 'center', after: mm(5) });
      pdf.text('АТТЕСТАЦИОННЫЙ ЛИСТ ПО ПРАКТИКЕ', { size: 14, bold: true, align: 'center', after: mm(4) });
      for (const [label, value] of lines) if (value !== null) formLine(pdf, label, value);
      pdf.spacer(4);
    }
    pdf.text('Виды и объём работ, выполненных обучающимся во время практики:', { size: 10, bold: true, after: 2 });
    pdf.text(s.works || BLANK_LINES, { size: 10, after: mm(4) });
    pdf.text('Характеристика учебной и профессиональной деятельности обучающегося во время практики:', {
      size: 10,
      bold: true,
      after: 2,
    });
    pdf.text(s.characteristic || BLANK_LINES, { size: 10, after: mm(4) });
    formLine(pdf, 'Итоговая отметка по практике', s.mark ?? '');
    pdf.spacer(mm(6));
    pdf.signatureBlock(
      [
        { position: 'Руководитель практики от колледжа', name: info.collegeSupervisor },
        { position: 'Руководитель практики от организации', name: info.employerSupervisor },
      ],
      { date: info.endsOn ?? BLANK_DATE },
    );
    pdf.text('М. П. организации', { size: 10 });
  }
  if (!pdf) {
    pdf = await formPdf(meta, 'Аттестационный лист по практике', null, []);
    pdf.text('В списке практики нет обучающихся.', { size: 10 });
  }
  return pdf.finish();
}

export const QUALIFICATION_TITLE = 'Ведомость квалификационного экзамена';

export async function qualificationPdf(sheet: QualificationSheet, meta: FormMeta): Promise<Uint8Array> {
  const pdf = await createPdf({
    title: `${QUALIFICATION_TITLE}: ${sheet.groupName}, ${sheet.module.subjectName}`,
    orientation: 'landscape',
    institution: meta.institutionShort,
    formedAt: meta.formedAt,
    titleBlock: false,
  });
  pdf.text(meta.institution, { size: 10, align: 'center', after: 4 });
  pdf.text(QUALIFICATION_TITLE.toUpperCase(), { size: 13, bold: true, align: 'center', after: 6 });
  const lines: Array<[string, string | null]> = [
    ['Профессиональный модуль', sheet.module.subjectName],
    ['Специальность', sheet.speciality],
    ['Группа', `${sheet.groupName}, ${sheet.course} курс, ${sheet.yearTitle} учебный год`],
    ['Дата', sheet.heldOn ? ruDate(sheet.heldOn) : BLANK_DATE],
    ['Экзаменационная комиссия', sheet.commission],
  ];
  for (const [label, value] of lines) if (value !== null) formLine(pdf, label, value);
  pdf.spacer(4);
  const header: Cell[] = [
    '№',
    'Обучающийся',
    // The codes head the columns; the names follow the table.
    ...sheet.module.parts.map((p): Cell => p.subjectName.split(' ')[0] ?? p.subjectName),
    'Результат',
    'Отметка',
  ];
  pdf.table({
    columns: [
      { width: mm(8), align: 'right' },
      { flex: 1 },
      ...sheet.module.parts.map(() => ({ width: mm(22), align: 'center' as const })),
      { width: mm(55), align: 'center' },
      { width: mm(18), align: 'center' },
    ],
    header,
    rows: sheet.rows.map((r, i) => [
      i + 1,
      r.name,
      ...r.partMarks.map((m) => m ?? ''),
      masteredText(r.mastered),
      r.mark ?? '',
    ]),
    fontSize: 9,
  });
  pdf.text(sheet.module.parts.map((p) => p.subjectName).join('; '), { size: 8, after: 4 });
  pdf.text(
    `Всего: ${sheet.rows.length}. Вид деятельности освоен — ${sheet.mastered}, не освоен — ${sheet.notMastered}.`,
    { size: 10, after: mm(5) },
  );
  const members = sheet.commission
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  pdf.signatureBlock(
    (members.length > 0 ? members : ['']).map((name, i) => ({
      position: i === 0 ? 'Председатель комиссии' : 'Член комиссии',
      name,
    })),
    { date: sheet.heldOn },
  );
  return pdf.finish();
}

export function qualificationWorkbook(sheet: QualificationSheet, at: Date): ExcelJS.Workbook {
  const wb = createWorkbook({ createdAt: at });
  addTableSheet(wb, {
    name: 'Квалификационный экзамен',
    title:
      `${QUALIFICATION_TITLE}: ${sheet.groupName}, ${sheet.module.subjectName}` +
      `${sheet.heldOn ? `, ${ruDate(sheet.heldOn)}` : ''}; комиссия: ${sheet.commission}`,
    columns: [
      text('Обучающийся', 'name', 34),
      ...sheet.module.parts.map((p, i) => text(p.subjectName, `p${i}`, 14)),
      text('Результат', 'result', 28),
      text('Отметка', 'mark', 9),
    ],
    rows: sheet.rows.map((r) => ({
      name: r.name,
      ...Object.fromEntries(r.partMarks.map((m, i) => [`p${i}`, m ?? ''])),
      result: masteredText(r.mastered),
      mark: r.mark ?? '',
    })),
  });
  return wb;
}
