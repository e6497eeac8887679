// Turning a report into files: PDF or Excel of one report, the certified copy of journal pages, or
// the whole semester pack (one PDF of every section, one workbook of every sheet). No session here:
// the service resolves the caller's scope first, the CLI and the benchmark take the whole college.
import { institutionWords } from '../words.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type {
  AttendanceReport,
  CompletionReport,
  FileOutput,
  ForecastReport,
  HoursSheet,
  KeepingReport,
  PerformanceReport,
  PersonHoursReport,
  ReportData,
  ReportKind,
  RetentionReport,
  StipendSheet,
  SubstitutionsReport,
  UnionAttendanceReport,
} from '../../api/contract.js';
import { PDF_MIME, XLSX_MIME } from '../../api/contract.js';
import { AppError } from '../../api/errors.js';
import { createPdf, shortName, type Signer } from '../../export/pdf/index.js';
import type { DocumentMeta, Sheet } from '../../export/reports/common.js';
import {
  completionBody,
  completionPdf,
  completionSheets,
  keepingBody,
  keepingPdf,
  keepingSheets,
} from '../../export/reports/keeping.js';
import {
  attendancePdf,
  attendanceSheets,
  forecastBody,
  forecastPdf,
  forecastSheets,
  hoursBody,
  hoursPdf,
  hoursSheets,
  performanceBody,
  performancePdf,
  performanceSheets,
} from '../../export/reports/students.js';
import {
  personHoursBody,
  personHoursPdf,
  personHoursSheets,
  retentionBody,
  retentionPdf,
  retentionSheets,
  unionAttendanceBody,
  unionAttendancePdf,
  unionAttendanceSheets,
} from '../../export/reports/centre.js';
import { stipendPdf, stipendSheets } from '../../export/reports/stipend.js';
import { substitutionsPdf, substitutionsSheets } from '../../export/reports/substitutions.js';
import { addTableSheet, createWorkbook, toBuffer } from '../../export/xlsx.js';
import type { InstitutionKind } from '../../domain/enums.js';
import { wordsOf } from '../../domain/vocabulary.js';
import { fileOutput, safeFileName } from '../files.js';
import { institutionSigners } from '../institution.js';
import type { Settings, SettingsStore } from '../settings.js';
import { fullName } from '../session.js';
import { attendanceReport } from './attendance.js';
import { personHoursReport, retentionReport, unionAttendanceReport } from './centre.js';
import { byDepartment, completionRows, publicRange, summarise } from './completion.js';
import { forecastReport } from './forecast.js';
import { hoursSheetReport } from './hours.js';
import { keepingReport, type Progress } from './keeping.js';
import { performanceReport } from './performance.js';
import { stipendReport } from './stipend.js';
import { substitutionsReport } from './substitutions.js';
import type { JournalMeta, Range } from './scope.js';

export interface DocumentDeps {
  db: Kysely<Database>;
  today: string;
  now: Date;
  settings: Settings;
}

export interface Signatures {
  institution: string;
  /** The institution's kind: the words its documents speak. */
  kind: InstitutionKind;
  director: Signer;
  deputy: Signer;
}

/**
 * Positions and names for signature blocks, as the institution's settings give them (the director from
 * the institution's record, the deputies from the settings); with no deputy set, the first user who
 * holds the deputy role.
 */
export async function signatures(db: Kysely<Database>, settings: Settings): Promise<Signatures> {
  const store: SettingsStore = { get: () => settings, update: () => settings };
  const signers = await institutionSigners({ db, settings: store });
  const inst = await db.selectFrom('institution').select(['short_name', 'kind']).executeTakeFirst();
  let deputy = signers.deputies[0];
  if (!deputy) {
    const user = await db
      .selectFrom('user_roles as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['u.last_name', 'u.first_name', 'u.middle_name'])
      .where('r.role', '=', 'deputy')
      .where('u.active', '=', 1)
      .orderBy('u.id')
      .executeTakeFirst();
    deputy = { position: settings.signatures.deputyPosition, name: user ? shortName(fullName(user)) : '' };
  }
  return { institution: inst?.short_name ?? '', kind: inst?.kind ?? 'college', director: signers.director, deputy };
}

function title(
  kind: Exclude<ReportKind, 'journalCopy' | 'pack' | 'boundJournal'>,
  institution: InstitutionKind,
): string {
  const titles: Record<typeof kind, string> = {
    completion: 'Выполнение программ',
    keeping: 'Ведение журналов',
    attendance: 'Посещаемость',
    performance: 'Успеваемость',
    forecast: 'Прогноз и группа риска',
    hoursSheet: `Часы ${wordsOf(institution).short('teacher', 'gen', 'many')}`,
    unionAttendance: `Посещаемость по ${wordsOf(institution).term('group', 'dat', 'many')}`,
    personHours: 'Человеко-часы',
    retention: 'Сохранность контингента',
    stipendAttendance: 'Пропуски для стипендиальной комиссии',
    substitutions: 'Замены за месяц',
  };
  return titles[kind];
}

function fileName(title: string, range: Pick<Range, 'title'>, ext: 'pdf' | 'xlsx'): string {
  return safeFileName(`${title} — ${range.title.replace(/\//g, '-')}.${ext}`);
}

async function workbook(sheets: Sheet[], now: Date): Promise<Uint8Array> {
  const wb = createWorkbook({ createdAt: now });
  for (const sheet of sheets) addTableSheet(wb, sheet);
  return new Uint8Array(await toBuffer(wb));
}

export interface ReportRequest {
  kind: Exclude<ReportKind, 'journalCopy' | 'pack' | 'boundJournal'>;
  range: Range;
  journals: JournalMeta[];
  month?: string | null;
  onlyAtRisk?: boolean;
  /** The hours sheet of one teacher: their lessons held anywhere, as a substitute too. */
  teacherId?: number | null;
}

/** One report's data, as the screen shows it. */
export async function reportData(
  db: Kysely<Database>,
  today: string,
  request: ReportRequest,
  progress: Progress = () => undefined,
): Promise<ReportData> {
  const { range, journals } = request;
  progress('Сбор данных');
  switch (request.kind) {
    case 'completion': {
      const rows = await completionRows(db, range, journals, today);
      return {
        range: publicRange(range),
        rows,
        departments: byDepartment(rows, await institutionWords(db)),
        totals: summarise(null, 'Всего', rows),
      };
    }
    case 'keeping':
      return keepingReport(db, range, journals, today, progress);
    case 'attendance':
      return attendanceReport(db, range, journals);
    case 'performance':
      return performanceReport(db, range, journals);
    case 'forecast':
      return forecastReport(db, range, journals, request.onlyAtRisk ?? false);
    case 'hoursSheet':
      return hoursSheetReport(db, range, journals, request.month ?? null, request.teacherId ?? null);
    case 'unionAttendance':
      return unionAttendanceReport(db, range, journals);
    case 'personHours':
      return personHoursReport(db, range, journals);
    case 'retention':
      return retentionReport(db, range, journals);
    case 'substitutions':
      return substitutionsReport(db, range, journals, request.month ?? range.from.slice(0, 7));
    case 'stipendAttendance':
      return stipendReport(db, range, journals, request.month ?? range.from.slice(0, 7));
  }
}

/** One report as a file. */
export async function reportFile(
  deps: DocumentDeps,
  request: ReportRequest & { format: 'pdf' | 'xlsx' },
  progress: Progress = () => undefined,
): Promise<FileOutput> {
  const data = await reportData(deps.db, deps.today, request, progress);
  const sign = await signatures(deps.db, deps.settings);
  const meta: DocumentMeta = {
    institution: sign.institution,
    formedAt: deps.now,
    signers: [sign.deputy],
    kind: sign.kind,
  };
  const w = wordsOf(sign.kind);
  const format = request.format;
  progress(format === 'pdf' ? 'Формирование PDF' : 'Формирование Excel');
  let bytes: Uint8Array;
  switch (request.kind) {
    case 'completion':
      bytes =
        format === 'pdf'
          ? await completionPdf(data as CompletionReport, meta)
          : await workbook(completionSheets(data as CompletionReport, w), deps.now);
      break;
    case 'keeping':
      bytes =
        format === 'pdf'
          ? await keepingPdf(data as KeepingReport, meta)
          : await workbook(keepingSheets(data as KeepingReport, w), deps.now);
      break;
    case 'attendance':
      bytes =
        format === 'pdf'
          ? await attendancePdf(data as AttendanceReport, meta)
          : await workbook(attendanceSheets(data as AttendanceReport, w), deps.now);
      break;
    case 'performance':
      bytes =
        format === 'pdf'
          ? await performancePdf(data as PerformanceReport, meta)
          : await workbook(performanceSheets(data as PerformanceReport, w), deps.now);
      break;
    case 'forecast':
      bytes =
        format === 'pdf'
          ? await forecastPdf(data as ForecastReport, meta)
          : await workbook(forecastSheets(data as ForecastReport, w), deps.now);
      break;
    case 'hoursSheet':
      // The time-sheet is compiled by the deputy and approved by the director.
      meta.signers = [sign.deputy, sign.director];
      bytes =
        format === 'pdf'
          ? await hoursPdf(data as HoursSheet, meta)
          : await workbook(hoursSheets(data as HoursSheet, w), deps.now);
      break;
    case 'unionAttendance':
      bytes =
        format === 'pdf'
          ? await unionAttendancePdf(data as UnionAttendanceReport, meta)
          : await workbook(unionAttendanceSheets(data as UnionAttendanceReport, w), deps.now);
      break;
    case 'personHours':
      bytes =
        format === 'pdf'
          ? await personHoursPdf(data as PersonHoursReport, meta)
          : await workbook(personHoursSheets(data as PersonHoursReport, w), deps.now);
      break;
    case 'retention':
      bytes =
        format === 'pdf'
          ? await retentionPdf(data as RetentionReport, meta)
          : await workbook(retentionSheets(data as RetentionReport, w), deps.now);
      break;
    case 'substitutions':
      // For payroll: compiled by the deputy, approved by the director, like the time-sheet.
      meta.signers = [sign.deputy, sign.director];
      bytes =
        format === 'pdf'
          ? await substitutionsPdf(data as SubstitutionsReport, meta)
          : await workbook(substitutionsSheets(data as SubstitutionsReport, w), deps.now);
      break;
    case 'stipendAttendance':
      // Compiled by the department (the curators sign under their groups), approved by the deputy.
      bytes =
        format === 'pdf'
          ? await stipendPdf(data as StipendSheet, meta)
          : await workbook(stipendSheets(data as StipendSheet, w), deps.now);
      break;
  }
  return fileOutput(
    fileName(title(request.kind, sign.kind), request.range, format),
    format === 'pdf' ? PDF_MIME : XLSX_MIME,
    bytes,
  );
}

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
