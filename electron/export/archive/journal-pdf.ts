// A journal of the archived year as a certified PDF copy (000 §3.1.6, §3.2.3): the same spreads the
// reports print (export/journal-pages.ts — left page attendance and marks, right page topics and
// homework), for the whole year, read from the year's own database; then the final marks, which a
// year-end archive must keep, and «Копия верна».
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { drawJournalPages } from '../journal-pages.js';
import { createPdf, mm, type Cell, type Certification } from '../pdf/index.js';
import { loadJournalPages } from '../../services/reports/journal-copy.js';
import { finalMarks, yearOf, type JournalInfo } from './year-data.js';

/** What the archive asks of a journal-page renderer. */
export interface JournalPdfContext {
  institution: string;
  formedAt: Date;
  certification: Certification;
  /** Known already (the group listing has it). */
  journal?: JournalInfo;
}

export type JournalPdfRenderer = (db: Kysely<Database>, journalId: number, context: JournalPdfContext) => Promise<Uint8Array>;

export const renderJournalPdf: JournalPdfRenderer = async (db, journalId, context) => {
  const journal = await db.selectFrom('journals').select('year_id').where('id', '=', journalId).executeTakeFirstOrThrow();
  const year = await yearOf(db, journal.year_id);
  const data = await loadJournalPages(db, journalId, year.startsOn, year.endsOn, `${year.title} учебный год`);
  const pdf = await createPdf({
    title: 'Копия страниц электронного журнала учебных занятий', orientation: 'landscape', institution: context.institution,
    subtitle: `Группа ${data.groupName}. ${data.subjectName}. ${data.periodTitle}`, formedAt: context.formedAt,
  });
  drawJournalPages(pdf, data);
  const hours = data.lessons.reduce((s, l) => s + l.hours, 0);
  pdf.spacer(4);
  pdf.text(`Всего за учебный год: ${data.lessons.length} занятий, ${hours} ч. Обучающихся в списке: ${data.students.length}.`, { size: 9 });
  const finals = await finalMarks(db, journalId, journal.year_id);
  if (finals.finalColumns.length > 0) {
    pdf.heading('Итоговые отметки', { level: 3 });
    pdf.table({
      columns: [{ width: mm(7), align: 'right' }, { width: mm(60) }, ...finals.finalColumns.map(() => ({ width: mm(22), align: 'center' as const }))],
      header: ['№', 'Фамилия, имя, отчество обучающегося', ...finals.finalColumns],
      rows: data.students.map((s, i): Cell[] => [i + 1, s.name, ...finals.finalColumns.map((c) => finals.byStudent.get(s.studentId)?.[c] ?? '')]),
      fontSize: 8,
    });
  }
  pdf.certificationBlock(context.certification);
  return pdf.finish();
};
