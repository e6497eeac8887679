// Turning a report into files: PDF or Excel of one report, the certified copy of journal pages, or
// the whole semester pack (one PDF of every section, one workbook of every sheet). No session here:
// the service resolves the caller's scope first, the CLI and the benchmark take the whole college.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { FileOutput, ReportKind } from '../../api/contract.js';
import { PDF_MIME, XLSX_MIME } from '../../api/contract.js';
import { AppError } from '../../api/errors.js';
import { journalCopyPdf } from '../../export/journal-pages.js';
import { createPdf, shortName, type Signer } from '../../export/pdf/index.js';
import type { DocumentMeta, Sheet } from '../../export/reports/common.js';
import { completionBody, completionPdf, completionSheets, keepingBody, keepingPdf, keepingSheets } from '../../export/reports/keeping.js';
import {
  attendancePdf, attendanceSheets, forecastBody, forecastPdf, forecastSheets, hoursBody, hoursPdf, hoursSheets, performanceBody,
  performancePdf, performanceSheets,
} from '../../export/reports/students.js';
import { addTableSheet, createWorkbook, toBuffer } from '../../export/xlsx.js';
import { ruDate } from '../calendar.js';
import { fileOutput, safeFileName } from '../files.js';
import type { Settings } from '../settings.js';
import { fullName } from '../session.js';
import { attendanceReport } from './attendance.js';
import { byDepartment, completionRows, publicRange, summarise } from './completion.js';
import { forecastReport } from './forecast.js';
import { hoursSheetReport } from './hours.js';
import { loadJournalPages } from './journal-copy.js';
import { keepingReport, type Progress } from './keeping.js';
import { performanceReport } from './performance.js';
import type { JournalMeta, Range } from './scope.js';

export interface DocumentDeps {
  db: Kysely<Database>;
  today: string;
  now: Date;
  settings: Settings;
}

export interface Signatures {
  institution: string;
  director: Signer;
  deputy: Signer;
}

/** Positions and names for signature blocks: the settings first, then the institution and the users. */
export async function signatures(db: Kysely<Database>, settings: Settings): Promise<Signatures> {
  const s = settings.signatures;
  const inst = await db.selectFrom('institution').select(['short_name', 'director_name']).executeTakeFirst();
  const deputy = s.deputyName ? null : await db.selectFrom('user_roles as r').innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.last_name', 'u.first_name', 'u.middle_name']).where('r.role', '=', 'deputy').where('u.active', '=', 1).orderBy('u.id').executeTakeFirst();
  return {
    institution: inst?.short_name ?? '',
    director: { position: s.directorPosition, name: s.directorName || shortName(inst?.director_name ?? '') },
    deputy: { position: s.deputyPosition, name: s.deputyName || (deputy ? shortName(fullName(deputy)) : '') },
  };
}

const TITLES: Record<Exclude<ReportKind, 'journalCopy' | 'pack'>, string> = {
  completion: 'Выполнение программ', keeping: 'Ведение журналов', attendance: 'Посещаемость', performance: 'Успеваемость',
  forecast: 'Прогноз и группа риска', hoursSheet: 'Часы преподавателей',
};

function fileName(title: string, range: Pick<Range, 'title'>, ext: 'pdf' | 'xlsx'): string {
  return safeFileName(`${title} — ${range.title.replace(/\//g, '-')}.${ext}`);
}

async function workbook(sheets: Sheet[], now: Date): Promise<Uint8Array> {
  const wb = createWorkbook({ createdAt: now });
  for (const sheet of sheets) addTableSheet(wb, sheet);
  return new Uint8Array(await toBuffer(wb));
}

export interface ReportRequest {
  kind: Exclude<ReportKind, 'journalCopy' | 'pack'>;
  format: 'pdf' | 'xlsx';
  range: Range;
  journals: JournalMeta[];
  month?: string | null;
  onlyAtRisk?: boolean;
}

/** One report as a file. */
export async function reportFile(deps: DocumentDeps, request: ReportRequest, progress: Progress = () => undefined): Promise<FileOutput> {
  const { db, today } = deps;
  const { range, journals, format } = request;
  const sign = await signatures(db, deps.settings);
  const meta: DocumentMeta = { institution: sign.institution, formedAt: deps.now, signers: [sign.deputy] };
  let pdf: () => Promise<Uint8Array>;
  let sheets: () => Sheet[];
  progress('Сбор данных');
  switch (request.kind) {
    case 'completion': {
      const rows = await completionRows(db, range, journals, today);
      const report = { range: publicRange(range), rows, departments: byDepartment(rows), totals: summarise(null, 'Всего', rows) };
      pdf = () => completionPdf(report, meta); sheets = () => completionSheets(report);
      break;
    }
    case 'keeping': {
      const report = await keepingReport(db, range, journals, today, progress);
      pdf = () => keepingPdf(report, meta); sheets = () => keepingSheets(report);
      break;
    }
    case 'attendance': {
      const report = await attendanceReport(db, range, journals);
      pdf = () => attendancePdf(report, meta); sheets = () => attendanceSheets(report);
      break;
    }
    case 'performance': {
      const report = await performanceReport(db, range, journals);
      pdf = () => performancePdf(report, meta); sheets = () => performanceSheets(report);
      break;
    }
    case 'forecast': {
      const report = await forecastReport(db, range, journals, request.onlyAtRisk ?? false);
      pdf = () => forecastPdf(report, meta); sheets = () => forecastSheets(report);
      break;
    }
    case 'hoursSheet': {
      const report = await hoursSheetReport(db, range, journals, request.month ?? null);
      // The time-sheet is compiled by the deputy and approved by the director.
      meta.signers = [sign.deputy, sign.director];
      pdf = () => hoursPdf(report, meta); sheets = () => hoursSheets(report);
      break;
    }
  }
  progress(format === 'pdf' ? 'Формирование PDF' : 'Формирование Excel');
  const bytes = format === 'pdf' ? await pdf() : await workbook(sheets(), deps.now);
  return fileOutput(fileName(TITLES[request.kind], range, format), format === 'pdf' ? PDF_MIME : XLSX_MIME, bytes);
}

/** The certified copy of one journal's pages. */
export async function journalCopyFile(deps: DocumentDeps, journalId: number, from: string, to: string, periodTitle: string | undefined,
  signer: 'director' | 'deputy'): Promise<FileOutput> {
  const data = await loadJournalPages(deps.db, journalId, from, to, periodTitle);
  const sign = await signatures(deps.db, deps.settings);
  const who = sign[signer];
  const bytes = await journalCopyPdf(data, { institution: sign.institution, formedAt: deps.now, certification: { ...who, date: deps.today } });
  return fileOutput(safeFileName(`Копия журнала ${data.groupName} ${data.subjectName} ${ruDate(from)}–${ruDate(to)}.pdf`), PDF_MIME, bytes);
}

/** The whole pack for a half-year or year: every report as sections of one PDF, and every sheet in one workbook. */
export async function packFiles(deps: DocumentDeps, range: Range, journals: JournalMeta[], progress: Progress = () => undefined): Promise<FileOutput[]> {
  const { db, today } = deps;
  if (journals.length === 0) throw new AppError('bad_request', 'Нет журналов за выбранный период: пакет отчётов не из чего составить');
  const total = 7;
  const keeping = await keepingReport(db, range, journals, today, (step) => progress(`Ведение журналов: ${step.toLowerCase()}`, 0, total));
  progress('Выполнение программ', 1, total);
  const completion = { range: keeping.range, rows: keeping.rows, departments: byDepartment(keeping.rows), totals: summarise(null, 'Всего', keeping.rows) };
  progress('Успеваемость', 2, total);
  const performance = await performanceReport(db, range, journals);
  progress('Прогноз и группа риска', 3, total);
  const forecast = await forecastReport(db, range, journals, true);
  progress('Часы преподавателей', 4, total);
  const hours = await hoursSheetReport(db, range, journals, null);
  progress('Формирование PDF', 5, total);
  const sign = await signatures(db, deps.settings);
  const pdf = await createPdf({ title: 'Отчёт о ведении электронных журналов', orientation: 'landscape', institution: sign.institution,
    subtitle: `${range.title}: ведение журналов, выполнение программ, посещаемость, успеваемость, группа риска, часы`, formedAt: deps.now });
  pdf.heading('I. Ведение журналов', { level: 1 });
  keepingBody(pdf, keeping, 2);
  pdf.newPage();
  pdf.heading('II. Выполнение программ и корректировки тематических планов', { level: 1 });
  completionBody(pdf, completion, 2);
  pdf.newPage();
  pdf.heading('III. Успеваемость', { level: 1 });
  performanceBody(pdf, performance, 2);
  pdf.newPage();
  pdf.heading('IV. Прогноз успеваемости и группа риска', { level: 1 });
  forecastBody(pdf, forecast);
  pdf.newPage();
  pdf.heading('V. Часы, проведённые преподавателями', { level: 1 });
  hoursBody(pdf, hours);
  pdf.signatureBlock([sign.deputy], { date: deps.now });
  const pdfBytes = await pdf.finish();
  progress('Формирование Excel', 6, total);
  const xlsx = await workbook([...keepingSheets(keeping), ...completionSheets(completion).slice(1), ...performanceSheets(performance),
    ...forecastSheets(forecast), ...hoursSheets(hours)], deps.now);
  progress('Готово', total, total);
  return [
    fileOutput(fileName('Пакет отчётов о ведении журналов', range, 'pdf'), PDF_MIME, pdfBytes),
    fileOutput(fileName('Пакет отчётов о ведении журналов', range, 'xlsx'), XLSX_MIME, xlsx),
  ];
}
