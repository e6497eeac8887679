// The head every semester document of a college prints under the institution's name: the title in capitals, then
// the department, the speciality, the group and course, the period — the lines of the paper forms.
import type { SheetHead } from '../../api/contract.js';
import { SUBJECT_KIND_ON_SHEET } from '../../domain/results.js';
import { createPdf, mm, type PdfBuilder } from '../pdf/index.js';

export interface FormMeta {
  /** The institution's full name, printed at the top of the form. */
  institution: string;
  institutionShort: string;
  formedAt: Date;
}

/** A portrait A4 form: the institution, the title, then the lines given (label: value). */
export async function formPdf(
  meta: FormMeta,
  title: string,
  subtitle: string | null,
  lines: ReadonlyArray<readonly [string, string | null]>,
): Promise<PdfBuilder> {
  const pdf = await createPdf({
    title: `${title}${subtitle ? ` ${subtitle}` : ''}`,
    orientation: 'portrait',
    institution: meta.institutionShort,
    formedAt: meta.formedAt,
    titleBlock: false,
    family: 'sans',
  });
  pdf.text(meta.institution, { size: 10, align: 'center', after: mm(5) });
  pdf.text(title.toUpperCase(), { size: 14, bold: true, align: 'center', after: subtitle ? 2 : mm(4) });
  if (subtitle) pdf.text(subtitle, { size: 11, align: 'center', after: mm(4) });
  for (const [label, value] of lines) if (value !== null) formLine(pdf, label, value);
  pdf.spacer(4);
  return pdf;
}

/** «Группа: ЭС-11» — the label plain, the value bold; an empty value leaves a line to fill by hand. */
export function formLine(pdf: PdfBuilder, label: string, value: string): void {
  pdf.text(`${label}: ${value || '________________________________'}`, { size: 10, after: 3 });
}

/** The lines about the group and the subject. */
export function headLines(head: SheetHead): Array<[string, string | null]> {
  return [
    ['Отделение', head.departmentName],
    ['Специальность', head.speciality],
    ['Группа', `${head.groupName}, ${head.course} курс`],
    ['Период', `${head.periodTitle} ${head.yearTitle} учебного года`],
    [SUBJECT_KIND_ON_SHEET[head.subjectKind], head.subjectName],
  ];
}
