// The whole semester pack: every report as sections of one PDF, and every sheet in one workbook.
import { PDF_MIME, XLSX_MIME, type FileOutput } from '../../api/contract.js';
import { AppError } from '../../api/errors.js';
import { createPdf } from '../../export/pdf/index.js';
import { completionBody, completionSheets, keepingBody, keepingSheets } from '../../export/reports/keeping.js';
import {
  forecastBody,
  forecastSheets,
  hoursBody,
  hoursSheets,
  performanceBody,
  performanceSheets,
} from '../../export/reports/students.js';
import {
  personHoursBody,
  personHoursSheets,
  retentionBody,
  retentionSheets,
  unionAttendanceBody,
  unionAttendanceSheets,
} from '../../export/reports/centre.js';
import { wordsOf } from '../../domain/vocabulary.js';
import { fileOutput } from '../files.js';
import { personHoursReport, retentionReport, unionAttendanceReport } from './centre.js';
import { byDepartment, summarise } from './completion.js';
import { fileName, signatures, workbook, type DocumentDeps } from './documents.js';
import { forecastReport } from './forecast.js';
import { hoursSheetReport } from './hours.js';
import { keepingReport, type Progress } from './keeping.js';
import { performanceReport } from './performance.js';
import type { JournalMeta, Range } from './scope.js';

/** The whole pack for a half-year or year: every report as sections of one PDF, and every sheet in one workbook. */
export async function packFiles(
  deps: DocumentDeps,
  range: Range,
  journals: JournalMeta[],
  progress: Progress = () => undefined,
): Promise<FileOutput[]> {
  const { db, today } = deps;
  if (journals.length === 0)
    throw new AppError('bad_request', 'Нет журналов за выбранный период: пакет отчётов не из чего составить');
  const total = 7;
  const sign = await signatures(db, deps.settings);
  const w = wordsOf(sign.kind);
  const keeping = await keepingReport(db, range, journals, today, (step) =>
    progress(`Ведение журналов: ${step.toLowerCase()}`, 0, total),
  );
  progress('Выполнение программ', 1, total);
  const completion = {
    range: keeping.range,
    rows: keeping.rows,
    departments: byDepartment(keeping.rows, w),
    totals: summarise(null, 'Всего', keeping.rows),
  };
  // Marks sections when any journal of the pack keeps marks (each journal keeps its own flag).
  const marks = journals.some((j) => j.marksEnabled);
  progress('Успеваемость', 2, total);
  const performance = marks ? await performanceReport(db, range, journals) : null;
  progress('Прогноз и группа риска', 3, total);
  const forecast = marks ? await forecastReport(db, range, journals, true) : null;
  progress(`Часы ${w.short('teacher', 'gen', 'many')}`, 4, total);
  const hours = await hoursSheetReport(db, range, journals, null);
  // A centre's pack adds its own reports (seed 000 §3.2.5): by объединение, person-hours, retention.
  const centre =
    sign.kind === 'supplementary'
      ? {
          attendance: await unionAttendanceReport(db, range, journals),
          hours: await personHoursReport(db, range, journals),
          retention: await retentionReport(db, range, journals),
        }
      : null;
  progress('Формирование PDF', 5, total);
  let section = 2;
  const next = () => ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'][section++];
  const pdf = await createPdf({
    title: 'Отчёт о ведении электронных журналов',
    orientation: 'landscape',
    institution: sign.institution,
    subtitle:
      `${range.title}: ведение журналов, выполнение программ, ` +
      `посещаемость${marks ? ', успеваемость, группа риска' : ''}, часы` +
      (centre ? ', человеко-часы, сохранность контингента' : ''),
    formedAt: deps.now,
  });
  pdf.heading('I. Ведение журналов', { level: 1 });
  keepingBody(pdf, keeping, w, 2);
  pdf.newPage();
  pdf.heading('II. Выполнение программ и корректировки тематических планов', { level: 1 });
  completionBody(pdf, completion, w, 2);
  if (performance && forecast) {
    pdf.newPage();
    pdf.heading(`${next()}. Успеваемость`, { level: 1 });
    performanceBody(pdf, performance, w, 2);
    pdf.newPage();
    pdf.heading(`${next()}. Прогноз успеваемости и группа риска`, { level: 1 });
    forecastBody(pdf, forecast, w);
  }
  pdf.newPage();
  pdf.heading(`${next()}. Часы, проведённые ${w.term('teacher', 'ins', 'many')}`, { level: 1 });
  hoursBody(pdf, hours, w);
  if (centre) {
    pdf.newPage();
    pdf.heading(`${next()}. Посещаемость по ${w.term('group', 'dat', 'many')}`, { level: 1 });
    unionAttendanceBody(pdf, centre.attendance, w);
    pdf.newPage();
    pdf.heading(`${next()}. Человеко-часы`, { level: 1 });
    personHoursBody(pdf, centre.hours, w);
    pdf.newPage();
    pdf.heading(`${next()}. Сохранность контингента`, { level: 1 });
    retentionBody(pdf, centre.retention, w);
  }
  pdf.signatureBlock([sign.deputy], { date: deps.now });
  const pdfBytes = await pdf.finish();
  progress('Формирование Excel', 6, total);
  const xlsx = await workbook(
    [
      ...keepingSheets(keeping, w),
      ...completionSheets(completion, w).slice(1),
      ...(performance ? performanceSheets(performance, w) : []),
      ...(forecast ? forecastSheets(forecast, w) : []),
      ...hoursSheets(hours, w),
      ...(centre
        ? [
            ...unionAttendanceSheets(centre.attendance, w),
            ...personHoursSheets(centre.hours, w),
            ...retentionSheets(centre.retention, w),
          ]
        : []),
    ],
    deps.now,
  );
  progress('Готово', total, total);
  return [
    fileOutput(fileName('Пакет отчётов о ведении журналов', range, 'pdf'), PDF_MIME, pdfBytes),
    fileOutput(fileName('Пакет отчётов о ведении журналов', range, 'xlsx'), XLSX_MIME, xlsx),
  ];
}
