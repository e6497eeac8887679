// The bound journal of a group for the year (issue 15, part 6): a title page, the contents, the numbered pages of
// every journal of the group (the same spreads as the certified copy, with their final marks) and the closing sheet
// «Прошнуровано, пронумеровано и скреплено печатью N листов» with the director's signature — printed, laced and
// sealed, it is the paper journal of the year. Plain data in.
import type { InstitutionKind } from '../domain/enums.js';
import { numberWords, plural } from '../domain/format-numbers.js';
import { wordsOf } from '../domain/vocabulary.js';
import {
  drawCorrections,
  drawFinals,
  drawJournalPages,
  type FinalMarks,
  type JournalPagesData,
} from './journal-pages.js';
import { createPdf, mm, type PdfBuilder, type Signer } from './pdf/index.js';

export interface BoundJournalData {
  institution: string;
  institutionShort: string;
  kind: InstitutionKind;
  groupName: string;
  course: number;
  departmentName: string | null;
  speciality: string | null;
  curatorName: string | null;
  yearTitle: string;
  journals: Array<{ pages: JournalPagesData; finals: FinalMarks }>;
  director: Signer;
  formedAt: Date;
}

/** Lines of the contents on one landscape page. */
const CONTENTS_PER_PAGE = 22;

export async function boundJournalPdf(data: BoundJournalData): Promise<{ pdf: Uint8Array; pages: number }> {
  const w = wordsOf(data.kind);
  const pdf = await createPdf({
    title: `Журнал учебных занятий: ${w.term('group')} ${data.groupName}, ${data.yearTitle}`,
    orientation: 'landscape',
    institution: data.institutionShort,
    formedAt: data.formedAt,
    titleBlock: false,
  });
  titlePage(pdf, data);
  const contentsPages = Math.max(1, Math.ceil(data.journals.length / CONTENTS_PER_PAGE));
  const contentsAt = pdf.pageCount;
  for (let i = 0; i < contentsPages; i++) pdf.newPage();
  const starts: Array<{ from: number; to: number }> = [];
  for (const j of data.journals) {
    pdf.newPage();
    const from = pdf.pageCount;
    pdf.heading(`${subjectOf(j.pages, data)} · ${j.pages.teacherName}`, { level: 1 });
    drawJournalPages(pdf, j.pages, { kind: data.kind });
    const hours = j.pages.lessons.reduce((s, l) => s + l.hours, 0);
    pdf.spacer(4);
    pdf.text(`Всего за учебный год: ${j.pages.lessons.length} занятий, ${hours} ч.`, { size: 9 });
    drawCorrections(pdf, j.pages);
    drawFinals(pdf, j.pages, j.finals);
    starts.push({ from, to: pdf.pageCount });
  }
  pdf.newPage();
  const total = pdf.pageCount;
  closingSheet(pdf, data, total);
  for (let p = 0; p < contentsPages; p++) {
    pdf.revisit(contentsAt + p, () => {
      pdf.heading(p === 0 ? 'Содержание' : 'Содержание (продолжение)', { level: 1, align: 'center' });
      const first = p * CONTENTS_PER_PAGE;
      pdf.table({
        columns: [{ width: mm(10), align: 'right' }, { flex: 3 }, { flex: 2 }, { width: mm(30), align: 'center' }],
        header: ['№', w.Term('subject'), w.Term('teacher'), 'Страницы'],
        rows: data.journals.slice(first, first + CONTENTS_PER_PAGE).map((j, i) => {
          const at = starts[first + i]!;
          return [first + i + 1, subjectOf(j.pages, data), j.pages.teacherName, `${at.from}–${at.to}`];
        }),
        fontSize: 9,
      });
    });
  }
  return { pdf: await pdf.finish(), pages: total };
}

/** «ОГСЭ.03 Иностранный язык (подгруппа 1)»: a subgroup's journal says whose. */
function subjectOf(pages: JournalPagesData, data: BoundJournalData): string {
  const subgroup = pages.groupName.slice(data.groupName.length).trim();
  return subgroup ? `${pages.subjectName} ${subgroup}` : pages.subjectName;
}

function titlePage(pdf: PdfBuilder, data: BoundJournalData): void {
  const w = wordsOf(data.kind);
  pdf.y = pdf.top + mm(25);
  pdf.text(data.institution, { size: 12, align: 'center', after: mm(30) });
  pdf.text('ЖУРНАЛ', { size: 28, bold: true, align: 'center', after: 6 });
  pdf.text('учебных занятий', { size: 16, align: 'center', after: mm(15) });
  const lines = [
    `${w.Term('group')} ${data.groupName}${data.kind === 'college' ? `, ${data.course} курс` : ''}`,
    data.speciality ? `Специальность: ${data.speciality}` : null,
    data.departmentName ? `${w.Term('department')}: ${data.departmentName}` : null,
    data.curatorName ? `${w.Term('curator')}: ${data.curatorName}` : null,
    `${data.yearTitle} учебный год`,
  ];
  for (const line of lines) if (line) pdf.text(line, { size: 13, align: 'center', after: 6 });
  pdf.y = pdf.bottom - 40;
  pdf.text(`Журнал распечатан из электронного журнала ${data.institutionShort}`, {
    size: 9,
    align: 'center',
  });
}

function closingSheet(pdf: PdfBuilder, data: BoundJournalData, total: number): void {
  pdf.y = pdf.top + mm(40);
  const sheets = plural(total, 'лист', 'листа', 'листов');
  pdf.text(`В журнале прошнуровано, пронумеровано и скреплено печатью ${total} (${numberWords(total)}) ${sheets}.`, {
    size: 13,
    align: 'center',
    after: mm(25),
  });
  pdf.signatureBlock([data.director], { date: null });
  pdf.spacer(10);
  pdf.text('М. П.', { size: 11 });
}
