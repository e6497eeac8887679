// The semester documents as files: the record sheet (filled or blank), the resit's direction, the debts list and
// the summary sheet — PDF like the paper form, or Excel. Each reads as its screen reads (the same access checks).
import type { FileOutput, Parsed } from '../../api/contract.js';
import { PDF_MIME, XLSX_MIME } from '../../api/contract.js';
import { notFound } from '../../api/errors.js';
import { debtsPdf, debtsTitle, debtsWorkbook, DEBTS_TITLE } from '../../export/assessments/debts.js';
import { recordSheetPdf, recordSheetWorkbook, resitSheetPdf } from '../../export/assessments/record-sheet.js';
import type { FormMeta } from '../../export/assessments/sheet-head.js';
import { SUMMARY_TITLE, summarySheetPdf, summarySheetWorkbook } from '../../export/assessments/summary-sheet.js';
import { shortName } from '../../export/pdf/index.js';
import { toBuffer } from '../../export/xlsx.js';
import { ASSESSMENT_SHEET_TITLES, outcomeText } from '../../domain/results.js';
import type { InstitutionKind } from '../../domain/enums.js';
import { wordsOf } from '../../domain/vocabulary.js';
import type { AuthedContext } from '../context.js';
import { fileOutput, safeFileName } from '../files.js';
import { signatures } from '../reports/documents.js';
import { fullName } from '../session.js';
import { publicHead, resitInfo } from './data.js';
import { debts } from './debts.js';
import { readableHead, sheet } from './record-sheet.js';
import { originalOutcome } from './resits.js';
import { summary } from './summary.js';
import { get as getPractice, practiceHead } from './practice.js';
import { get as getQualification } from './qualification.js';
import {
  attestationPdf,
  QUALIFICATION_TITLE,
  qualificationPdf,
  qualificationWorkbook,
} from '../../export/assessments/practice-sheets.js';

async function formMeta(ctx: AuthedContext): Promise<FormMeta & { kind: InstitutionKind }> {
  const inst = await ctx.db.selectFrom('institution').select(['full_name', 'short_name', 'kind']).executeTakeFirst();
  return {
    institution: inst?.full_name ?? '',
    institutionShort: inst?.short_name ?? '',
    formedAt: ctx.clock.now(),
    kind: inst?.kind ?? 'college',
  };
}

async function file(name: string, format: 'pdf' | 'xlsx', bytes: Uint8Array | Promise<Uint8Array>) {
  return fileOutput(`${safeFileName(name)}.${format}`, format === 'pdf' ? PDF_MIME : XLSX_MIME, await bytes);
}

export async function sheetFile(ctx: AuthedContext, input: Parsed<'assessments.sheetFile'>): Promise<FileOutput> {
  const data = await sheet(ctx, input);
  const blank = input.blank === true;
  const name =
    `${ASSESSMENT_SHEET_TITLES[data.kind]} ${data.head.groupName} ${data.head.subjectName} ` +
    `${data.head.periodTitle}${blank ? ' (бланк)' : ''}`;
  if (input.format === 'xlsx') return file(name, 'xlsx', toBuffer(recordSheetWorkbook(data, ctx.clock.now())));
  return file(name, 'pdf', recordSheetPdf(data, await formMeta(ctx), blank));
}

export async function resitSheetFile(ctx: AuthedContext, input: Parsed<'resits.sheetFile'>): Promise<FileOutput> {
  const resit = await ctx.db.selectFrom('resits').selectAll().where('id', '=', input.resitId).executeTakeFirst();
  if (!resit) throw notFound('Пересдача');
  const head = await readableHead(ctx, resit.journal_id, resit.period_id);
  const student = await ctx.db
    .selectFrom('students')
    .select(['last_name', 'first_name', 'middle_name'])
    .where('id', '=', resit.student_id)
    .executeTakeFirstOrThrow();
  const original = await originalOutcome(ctx.db, resit.journal_id, resit.student_id, resit.period_id, resit.kind);
  const info = resitInfo(resit);
  const sign = await signatures(ctx.db, ctx.settings.get());
  const name = `Экзаменационный лист № ${resit.direction_no} ${student.last_name} ${head.subjectName}`;
  return file(
    name,
    'pdf',
    resitSheetPdf(
      publicHead(head),
      info,
      { name: fullName(student), original: outcomeText(original) || 'нет' },
      await formMeta(ctx),
      sign.deputy,
    ),
  );
}

export async function debtsFile(ctx: AuthedContext, input: Parsed<'assessments.debtsFile'>): Promise<FileOutput> {
  const list = await debts(ctx, input);
  const name = `${DEBTS_TITLE} ${debtsTitle(list).replace(/\//g, '-')}`;
  if (input.format === 'xlsx') return file(name, 'xlsx', toBuffer(debtsWorkbook(list, ctx.clock.now())));
  const meta = await formMeta(ctx);
  return file(
    name,
    'pdf',
    debtsPdf(
      list,
      {
        institution: meta.institutionShort,
        formedAt: meta.formedAt,
        signers: [{ position: 'Составил(а)', name: shortName(ctx.session.fullName) }],
        kind: meta.kind,
      },
      ctx.clock.today(),
    ),
  );
}

export async function summaryFile(ctx: AuthedContext, input: Parsed<'assessments.summaryFile'>): Promise<FileOutput> {
  const data = await summary(ctx, input);
  const name = `${SUMMARY_TITLE} ${data.groupName} ${data.title.replace(/\//g, '-')}`;
  if (input.format === 'xlsx') return file(name, 'xlsx', toBuffer(summarySheetWorkbook(data, ctx.clock.now())));
  const meta = await formMeta(ctx);
  return file(name, 'pdf', summarySheetPdf(data, meta, wordsOf(meta.kind).Term('curator')));
}

export async function practiceSheetFile(ctx: AuthedContext, input: Parsed<'practice.sheetFile'>): Promise<FileOutput> {
  const head = await practiceHead(ctx, input.journalId);
  const info = await getPractice(ctx, input);
  const pm = await ctx.db
    .selectFrom('journals as j')
    .innerJoin('subjects as s', 's.id', 'j.subject_id')
    .innerJoin('subjects as pm', 'pm.id', 's.parent_id')
    .select(['pm.code', 'pm.name'])
    .where('j.id', '=', head.journalId)
    .executeTakeFirst();
  const ids = input.studentId ? [input.studentId] : info.students.map((s) => s.studentId);
  if (input.studentId && !info.students.some((s) => s.studentId === input.studentId))
    throw notFound('Обучающийся в списке практики');
  const who = input.studentId ? ` ${info.students.find((s) => s.studentId === input.studentId)!.name}` : '';
  return file(
    `Аттестационный лист ${info.head.groupName} ${info.head.subjectName}${who}`,
    'pdf',
    attestationPdf(info, pm ? `${pm.code ?? ''} ${pm.name}`.trim() : null, await formMeta(ctx), ids),
  );
}

export async function qualificationFile(
  ctx: AuthedContext,
  input: Parsed<'qualification.sheetFile'>,
): Promise<FileOutput> {
  const sheet = await getQualification(ctx, input);
  const name = `${QUALIFICATION_TITLE} ${sheet.groupName} ${sheet.module.subjectName}`;
  if (input.format === 'xlsx') return file(name, 'xlsx', toBuffer(qualificationWorkbook(sheet, ctx.clock.now())));
  return file(name, 'pdf', qualificationPdf(sheet, await formMeta(ctx)));
}
