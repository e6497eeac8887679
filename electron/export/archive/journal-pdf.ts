// A journal of the archived year, read once (services/archive/year-data.ts) and given out twice: as
// a certified PDF copy (000 §3.1.6, §3.2.3) — the same spreads the reports print (export/journal-pages.ts:
// left page attendance and marks, right page topics and homework) for the whole year, then the final
// marks, which a year-end archive must keep, and «Копия верна» — and as the rows of its sheet in the
// group's workbook.
import {
  cellRows,
  drawCorrections,
  drawFinals,
  drawJournalPages,
  type FinalMarks,
  type JournalPagesData,
} from '../journal-pages.js';

export type { FinalMarks };
import type { InstitutionKind } from '../../domain/enums.js';
import { wordsOf } from '../../domain/vocabulary.js';
import { createPdf, type Certification } from '../pdf/index.js';
import type { JournalInfo } from './package-data.js';

export interface JournalPdfContext {
  institution: string;
  /** Whose words the copy speaks (DESIGN.md §10). */
  kind: InstitutionKind;
  formedAt: Date;
  certification: Certification;
  /** Known already (the group listing has it). */
  journal?: JournalInfo;
}

/** What the group's workbook shows of a journal: plain data, so it crosses from a worker thread. */
export interface JournalSheet {
  lessons: Array<{
    date: string;
    lessonNo: number;
    hours: number;
    kind: string;
    topic: string;
    homework: string | null;
  }>;
  students: Array<{ name: string; cells: readonly string[]; finals: Record<string, string> }>;
  finalColumns: string[];
}

export interface RenderedJournal {
  pdf: Uint8Array;
  sheet: JournalSheet;
}

/** What a journal's copy is made from: its pages for the whole year and its final marks. */
export interface ArchivedJournal {
  pages: JournalPagesData;
  finals: FinalMarks;
}

/** The certified copy and the workbook's sheet of a journal already read. */
export async function renderJournal(journal: ArchivedJournal, context: JournalPdfContext): Promise<RenderedJournal> {
  const { pages: data, finals } = journal;
  const pdf = await createPdf({
    title: 'Копия страниц электронного журнала учебных занятий',
    orientation: 'landscape',
    institution: context.institution,
    subtitle: `${wordsOf(context.kind).Term('group')} ${data.groupName}. ${data.subjectName}. ${data.periodTitle}`,
    formedAt: context.formedAt,
  });
  drawJournalPages(pdf, data, { kind: context.kind });
  const hours = data.lessons.reduce((s, l) => s + l.hours, 0);
  pdf.spacer(4);
  pdf.text(
    `Всего за учебный год: ${data.lessons.length} занятий, ${hours} ч. Обучающихся в списке: ${data.students.length}.`,
    { size: 9 },
  );
  drawCorrections(pdf, data);
  drawFinals(pdf, data, finals);
  pdf.certificationBlock(context.certification);
  return {
    pdf: await pdf.finish(),
    sheet: {
      lessons: data.lessons.map((l) => ({
        date: l.date,
        lessonNo: l.lessonNo,
        hours: l.hours,
        kind: l.kind,
        topic: l.topic,
        homework: l.homework,
      })),
      students: data.students.map((s) => ({
        name: s.name,
        cells: cellRows(data).get(s.studentId)!,
        finals: finals.byStudent.get(s.studentId) ?? {},
      })),
      finalColumns: finals.finalColumns,
    },
  };
}
