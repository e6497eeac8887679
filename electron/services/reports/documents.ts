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
import { shortName, type Signer } from '../../export/pdf/index.js';
import type { DocumentMeta, Sheet } from '../../export/reports/common.js';
import { completionPdf, completionSheets, keepingPdf, keepingSheets } from '../../export/reports/keeping.js';
import {
  attendancePdf,
  attendanceSheets,
  forecastPdf,
  forecastSheets,
  hoursPdf,
  hoursSheets,
  performancePdf,
  performanceSheets,
} from '../../export/reports/students.js';
import {
  personHoursPdf,
  personHoursSheets,
  retentionPdf,
  retentionSheets,
  unionAttendancePdf,
  unionAttendanceSheets,
} from '../../export/reports/centre.js';
import { stipendPdf, stipendSheets } from '../../export/reports/stipend.js';
import { substitutionsPdf, substitutionsSheets } from '../../export/reports/substitutions.js';
import { addTableSheet, createWorkbook, toBuffer } from '../../export/xlsx.js';
import type { InstitutionKind } from '../../domain/enums.js';
import { wordsOf, type Words } from '../../domain/vocabulary.js';
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

export function fileName(title: string, range: Pick<Range, 'title'>, ext: 'pdf' | 'xlsx'): string {
  return safeFileName(`${title} — ${range.title.replace(/\//g, '-')}.${ext}`);
}

export async function workbook(sheets: Sheet[], now: Date): Promise<Uint8Array> {
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

/** What each report's data is, kind by kind. */
interface ReportDataOf {
  completion: CompletionReport;
  keeping: KeepingReport;
  attendance: AttendanceReport;
  performance: PerformanceReport;
  forecast: ForecastReport;
  hoursSheet: HoursSheet;
  unionAttendance: UnionAttendanceReport;
  personHours: PersonHoursReport;
  retention: RetentionReport;
  substitutions: SubstitutionsReport;
  stipendAttendance: StipendSheet;
}

interface Renderer<T> {
  pdf(data: T, meta: DocumentMeta): Promise<Uint8Array>;
  sheets(data: T, w: Words): Sheet[];
  /** Compiled by the deputy and approved by the director (the time-sheet, payroll); else the deputy signs alone. */
  approved?: true;
}

const RENDERERS: { [K in ReportRequest['kind']]: Renderer<ReportDataOf[K]> } = {
  completion: { pdf: completionPdf, sheets: completionSheets },
  keeping: { pdf: keepingPdf, sheets: keepingSheets },
  attendance: { pdf: attendancePdf, sheets: attendanceSheets },
  performance: { pdf: performancePdf, sheets: performanceSheets },
  forecast: { pdf: forecastPdf, sheets: forecastSheets },
  hoursSheet: { pdf: hoursPdf, sheets: hoursSheets, approved: true },
  unionAttendance: { pdf: unionAttendancePdf, sheets: unionAttendanceSheets },
  personHours: { pdf: personHoursPdf, sheets: personHoursSheets },
  retention: { pdf: retentionPdf, sheets: retentionSheets },
  substitutions: { pdf: substitutionsPdf, sheets: substitutionsSheets, approved: true },
  // Compiled by the department (the curators sign under their groups), approved by the deputy.
  stipendAttendance: { pdf: stipendPdf, sheets: stipendSheets },
};

/** One report as a file. */
export async function reportFile(
  deps: DocumentDeps,
  request: ReportRequest & { format: 'pdf' | 'xlsx' },
  progress: Progress = () => undefined,
): Promise<FileOutput> {
  const data = await reportData(deps.db, deps.today, request, progress);
  const sign = await signatures(deps.db, deps.settings);
  const render = RENDERERS[request.kind] as Renderer<ReportData>;
  const meta: DocumentMeta = {
    institution: sign.institution,
    formedAt: deps.now,
    signers: render.approved ? [sign.deputy, sign.director] : [sign.deputy],
    kind: sign.kind,
  };
  const format = request.format;
  progress(format === 'pdf' ? 'Формирование PDF' : 'Формирование Excel');
  const bytes =
    format === 'pdf' ? await render.pdf(data, meta) : await workbook(render.sheets(data, wordsOf(sign.kind)), deps.now);
  return fileOutput(
    fileName(title(request.kind, sign.kind), request.range, format),
    format === 'pdf' ? PDF_MIME : XLSX_MIME,
    bytes,
  );
}
