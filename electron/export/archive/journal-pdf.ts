// A journal's pages as a certified PDF copy (000 §3.1.6, §3.2.3), the way the archive needs them:
// from the year's own database, one journal at a time. Like the paper journal's spreads, each block
// of dates shows the attendance and marks grid, then the topics and homework of the same lessons;
// final marks and the «Копия верна» certification close the document.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { createPdf, formatSignDate, GREY_FILL, mm, type Cell, type Certification } from '../pdf/index.js';
import { journalPage, type JournalInfo } from './year-data.js';

/** What the archive asks of a journal-page renderer. */
export interface JournalPdfContext {
  institution: string;
  formedAt: Date;
  certification: Certification;
  /** Known already (saves a query per journal). */
  journal?: JournalInfo;
}

export type JournalPdfRenderer = (db: Kysely<Database>, journalId: number, context: JournalPdfContext) => Promise<Uint8Array>;

/** Date columns per spread: 28 fit beside № and the name on A4 landscape. */
const PER_SPREAD = 28;
const KIND: Record<string, string> = {
  lecture: 'лекция', practical: 'практ.', lab: 'лаб.', test: 'контр.', excursion: 'экскурсия', self_study: 'самост.',
};

const ddmm = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;

export const renderJournalPdf: JournalPdfRenderer = async (db, journalId, context) => {
  const page = await journalPage(db, journalId, context.journal);
  const j = page.journal;
  const title = `Журнал учебных занятий: группа ${j.groupName}${j.subgroup ? `, подгруппа ${j.subgroup}` : ''}`;
  const pdf = await createPdf({
    title, orientation: 'landscape', institution: context.institution, formedAt: context.formedAt,
    subtitle: `${j.subjectCode ? `${j.subjectCode} ` : ''}${j.subjectName} · ${page.year.title} учебный год · преподаватель ${j.teacher}`,
  });
  const held = page.lessons.reduce((sum, l) => sum + l.hours, 0);
  pdf.text(`Обучающихся: ${page.students.length}. Занятий: ${page.lessons.length}, проведено часов: ${held}` +
    `${page.plannedHours ? ` из ${page.plannedHours} по плану` : ''}. Обозначения: н — отсутствие, у — по уважительной причине, ` +
    'б — по болезни, оп — опоздание, уч — по делам учреждения; серым — не в списке группы в этот день.', { size: 8 });
  if (page.lessons.length === 0) pdf.text('Занятий не было.', { size: 9 });
  for (let from = 0; from < page.lessons.length; from += PER_SPREAD) {
    const lessons = page.lessons.slice(from, from + PER_SPREAD);
    if (from > 0) pdf.newPage();
    pdf.table({
      columns: [{ width: mm(7), align: 'right' }, { flex: 1 }, ...lessons.map(() => ({ width: mm(7.4), align: 'center' as const, verticalHeader: true }))],
      header: [['№', 'Фамилия, имя, отчество', ...lessons.map((l) => ddmm(l.date))]],
      rows: page.students.map((s, i): Cell[] => [
        i + 1, s.fullName,
        ...lessons.map((_, k): Cell => (s.onRoster[from + k] ? s.cells[from + k] ?? '' : { text: s.cells[from + k] ?? '', fill: GREY_FILL })),
      ]),
      fontSize: 7.5,
    });
    pdf.table({
      columns: [{ width: mm(16), align: 'center' }, { width: mm(10), align: 'center' }, { width: mm(16), align: 'center' }, { flex: 3 }, { flex: 2 }],
      header: ['Дата', 'Часы', 'Вид', 'Тема занятия', 'Домашнее задание'],
      rows: lessons.map((l): Cell[] => [formatSignDate(l.date), l.hours, KIND[l.kind] ?? l.kind, l.topic, l.homework ?? '']),
      fontSize: 7.5,
    });
  }
  if (page.finalColumns.length > 0) {
    pdf.heading('Итоговые отметки', { level: 3 });
    pdf.table({
      columns: [{ width: mm(7), align: 'right' }, { flex: 2 }, ...page.finalColumns.map(() => ({ flex: 0.5, align: 'center' as const }))],
      header: ['№', 'Фамилия, имя, отчество', ...page.finalColumns],
      rows: page.students.map((s, i): Cell[] => [i + 1, s.fullName, ...page.finalColumns.map((c) => s.finals[c] ?? '')]),
      fontSize: 8,
    });
  }
  pdf.certificationBlock(context.certification);
  return pdf.finish();
};
