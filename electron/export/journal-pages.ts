// Journal pages printed as the paper journal has them (000 §3.1.6, §3.2.3; 003 §3.3), A4 landscape,
// spread by spread: the left page — students × lesson dates with attendance marks and marks; the
// right page — the same lessons' dates, hours, topics and homework. Plain data in, no database here:
// the reports print one journal as a certified copy, the archive prints every group and subject.
import { MONTHS_RU } from '../domain/calendar.js';
import { ruDate } from '../domain/format-dates.js';
import type { InstitutionKind } from '../domain/enums.js';
import { wordsOf, type Words } from '../domain/vocabulary.js';
import { createPdf, GREY_FILL, GREY_TEXT, mm, type Cell, type Certification, type PdfBuilder } from './pdf/index.js';

export interface JournalPageStudent {
  studentId: number;
  name: string;
  /** Enrolled from this day until the day before `until` (null: still enrolled). */
  from: string;
  until: string | null;
}

export interface JournalPageLesson {
  id: number;
  date: string;
  lessonNo: number;
  hours: number;
  topic: string;
  /** As printed: «лекция», «практическое занятие»… */
  kind: string;
  homework: string | null;
  /** Students with individual homework on this lesson, printed as a count. */
  individualHomework: number;
  /** The substitute who held the lesson («замена»), when not the journal's teacher. */
  taughtBy: string | null;
}

export interface JournalPagesData {
  groupName: string;
  subjectName: string;
  teacherName: string;
  /** «1 семестр 2026/2027 учебного года» or «с 01.09.2026 по 30.12.2026». */
  periodTitle: string;
  students: JournalPageStudent[];
  lessons: JournalPageLesson[];
  /** Attendance codes by lesson, then student (absent: present). */
  attendance: ReadonlyMap<number, ReadonlyMap<number, string>>;
  /** A cell's marks as printed, by lesson, then student: «5», or «4/5» in the order of the lesson's types of work. */
  marks: ReadonlyMap<number, ReadonlyMap<number, string>>;
  /** Values corrected late with a reason (issue 14): printed after the pages, «исправлено» with the day. */
  corrections?: Array<{ student: string; date: string; value: string; on: string }>;
}

/** The list of late corrections after the pages: who, which lesson, the value now, «исправлено» with the day. */
export function drawCorrections(pdf: PdfBuilder, data: JournalPagesData): void {
  const list = data.corrections ?? [];
  if (list.length === 0) return;
  pdf.heading('Исправления', { level: 3 });
  pdf.table({
    columns: [{ width: mm(60) }, { width: mm(25), align: 'center' }, { width: mm(25), align: 'center' }, { flex: 1 }],
    header: ['Обучающийся', 'Занятие', 'Значение', 'Отметка об исправлении'],
    rows: list.map((c): Cell[] => [c.student, ruDate(c.date), c.value, `исправлено ${ruDate(c.on)}`]),
    fontSize: 8,
  });
}

export interface JournalPagesOptions {
  /** Whose words the pages speak (DESIGN.md §10): «Группа ЭС-11» or «Объединение Робототехника». */
  kind: InstitutionKind;
  /** Lessons per spread; default as many as fit (up to 28). */
  datesPerSpread?: number;
}

const NUMBER_WIDTH = 16;
const NAME_WIDTH = 150;
const DATE_WIDTH = 20;

/** The content of a left-page cell: the attendance mark, then the marks («н», «5», «4/5», «оп 4»). */
export function cellText(data: JournalPagesData, lessonId: number, studentId: number): string {
  const code = data.attendance.get(lessonId)?.get(studentId);
  const shown = data.marks.get(lessonId)?.get(studentId) ?? '';
  return code ? (shown ? `${code} ${shown}` : code) : shown;
}

const rowsOf = new WeakMap<JournalPagesData, Map<number, string[]>>();

/**
 * Every student's cells, lesson by lesson in the order of `data.lessons`, made once per journal: the
 * pages show them spread by spread and the archive's workbook shows them again.
 */
export function cellRows(data: JournalPagesData): ReadonlyMap<number, readonly string[]> {
  let rows = rowsOf.get(data);
  if (!rows) {
    rows = new Map(data.students.map((s) => [s.studentId, data.lessons.map((l) => cellText(data, l.id, s.studentId))]));
    rowsOf.set(data, rows);
  }
  return rows;
}

/** A day the student was not on the roster: a grey, empty cell (one object for them all). */
const OFF_ROSTER: Cell = Object.freeze({ text: '', fill: GREY_FILL });

function onRoster(s: JournalPageStudent, date: string): boolean {
  return s.from <= date && (s.until === null || date < s.until);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length > 0 ? out : [[]];
}

/** Month headers over runs of dates in the same month. */
function monthHeader(lessons: readonly JournalPageLesson[]): Cell[] {
  const cells: Cell[] = [];
  let i = 0;
  while (i < lessons.length) {
    const month = lessons[i]!.date.slice(0, 7);
    let n = 0;
    while (i + n < lessons.length && lessons[i + n]!.date.slice(0, 7) === month) n++;
    const name = MONTHS_RU[Number(month.slice(5)) - 1]!;
    cells.push({ text: n >= 3 ? name : name.slice(0, 3), colSpan: n });
    i += n;
  }
  return cells;
}

/** Draws every spread of the journal into the document (each spread starts on a new page). */
export function drawJournalPages(pdf: PdfBuilder, data: JournalPagesData, options: JournalPagesOptions): void {
  const w = wordsOf(options.kind);
  const fit = Math.floor((pdf.contentWidth - NUMBER_WIDTH - NAME_WIDTH) / DATE_WIDTH);
  const perSpread = Math.max(1, Math.min(options.datesPerSpread ?? 28, fit));
  const spreads = chunks(data.lessons, perSpread);
  spreads.forEach((lessons, index) => {
    const page = spreads.length > 1 ? `, разворот ${index + 1} из ${spreads.length}` : '';
    if (index > 0 || pdf.y > pdf.top + 80) pdf.newPage();
    leftPage(pdf, data, lessons, index * perSpread, page, w);
    pdf.newPage();
    rightPage(pdf, data, lessons, page, w);
  });
}

function caption(pdf: PdfBuilder, data: JournalPagesData, side: string, w: Words): void {
  pdf.text(`${w.Term('group')} ${data.groupName} · ${data.subjectName} · ${data.teacherName}`, {
    size: 9,
    bold: true,
    after: 1,
  });
  pdf.text(side, { size: 8, color: GREY_TEXT, after: 4 });
}

function leftPage(
  pdf: PdfBuilder,
  data: JournalPagesData,
  lessons: readonly JournalPageLesson[],
  first: number,
  page: string,
  w: Words,
): void {
  caption(pdf, data, `Левая страница: посещаемость и отметки${page}`, w);
  const students = data.students.filter((s) => lessons.length === 0 || lessons.some((l) => onRoster(s, l.date)));
  pdf.table({
    // The name column takes what the dates leave, so every spread fills the page's width.
    columns: [
      { width: NUMBER_WIDTH, align: 'right' },
      { flex: 1 },
      ...lessons.map(() => ({ width: DATE_WIDTH, align: 'center' as const })),
    ],
    header: [
      [{ text: '№', rowSpan: 2 }, { text: 'Фамилия, имя, отчество обучающегося', rowSpan: 2 }, ...monthHeader(lessons)],
      lessons.map((l) => String(Number(l.date.slice(8)))),
    ],
    rows: students.map((s, i): Cell[] => {
      const cells = cellRows(data).get(s.studentId)!;
      return [i + 1, s.name, ...lessons.map((l, k): Cell => (onRoster(s, l.date) ? cells[first + k]! : OFF_ROSTER))];
    }),
    fontSize: 7.5,
    headerFontSize: 7.5,
  });
  if (students.length === 0) pdf.text(`В списке ${w.term('group', 'gen')} нет обучающихся на эти даты.`, { size: 8 });
  pdf.text(
    'н — отсутствовал(а); у — по уважительной причине; б — болел(а); оп — опоздал(а); уч — по делам учреждения ' +
      '(присутствие). ' +
      `Серым — обучающийся не числился в ${w.term('group', 'loc')} в этот день.`,
    { size: 6.5, color: GREY_TEXT },
  );
}

function rightPage(
  pdf: PdfBuilder,
  data: JournalPagesData,
  lessons: readonly JournalPageLesson[],
  page: string,
  w: Words,
): void {
  caption(pdf, data, `Правая страница: содержание занятий${page}`, w);
  pdf.table({
    columns: [{ width: 52, align: 'center' }, { width: 30, align: 'center' }, { width: 100 }, { flex: 3 }, { flex: 2 }],
    header: ['Дата', 'Часов', 'Вид занятия', 'Тема занятия', 'Домашнее задание'],
    rows: lessons.map((l): Cell[] => [
      `${l.date.slice(8)}.${l.date.slice(5, 7)}.${l.date.slice(0, 4)}`,
      l.hours,
      l.kind,
      l.taughtBy
        ? `${l.topic || 'тема не указана'} (замена: ${l.taughtBy})`
        : l.topic || { text: 'тема не указана', color: GREY_TEXT },
      [l.homework ?? '', l.individualHomework > 0 ? `(индивидуальные задания: ${l.individualHomework})` : '']
        .filter(Boolean)
        .join(' '),
    ]),
    fontSize: 7.5,
  });
  const hours = lessons.reduce((s, l) => s + l.hours, 0);
  pdf.text(`Проведено на развороте: ${lessons.length} занятий, ${hours} ч.`, { size: 8 });
}

/** A journal's final marks: the columns in use («1 семестр», «Экзамен», «Год»…) and each student's values. */
export interface FinalMarks {
  finalColumns: string[];
  byStudent: Map<number, Record<string, string>>;
}

/** The final marks' table after the pages (nothing when the journal has none). */
export function drawFinals(pdf: PdfBuilder, data: JournalPagesData, finals: FinalMarks): void {
  if (finals.finalColumns.length === 0) return;
  pdf.heading('Итоговые отметки', { level: 3 });
  pdf.table({
    columns: [
      { width: mm(7), align: 'right' },
      { width: mm(60) },
      ...finals.finalColumns.map(() => ({ width: mm(22), align: 'center' as const })),
    ],
    header: ['№', 'Фамилия, имя, отчество обучающегося', ...finals.finalColumns],
    rows: data.students.map((s, i): Cell[] => [
      i + 1,
      s.name,
      ...finals.finalColumns.map((c) => finals.byStudent.get(s.studentId)?.[c] ?? ''),
    ]),
    fontSize: 8,
  });
}

export interface JournalCopyOptions {
  institution: string;
  formedAt: Date;
  /**
   * «Копия верна» with position, signature, name and date; left out, the pages end with the totals (the archive's
   * copies).
   */
  certification?: Certification;
  /** Default «Копия страниц электронного журнала учебных занятий». */
  title?: string;
  pages?: Omit<JournalPagesOptions, 'kind'>;
  kind: InstitutionKind;
  /** The journal's final marks, after the pages. */
  finals?: FinalMarks;
  /** The copy's number in the register of issued copies, and to whom it is issued. */
  issue?: { number: number; recipient: string };
}

/**
 * The journal's pages for the period as one document; certified, it ends «Копия верна», position, signature, name and
 * date.
 */
export async function journalCopyPdf(
  data: JournalPagesData,
  options: JournalCopyOptions,
): Promise<{ pdf: Uint8Array; pages: number }> {
  const pdf = await createPdf({
    title: options.title ?? 'Копия страниц электронного журнала учебных занятий',
    orientation: 'landscape',
    institution: options.institution,
    subtitle:
      `${wordsOf(options.kind).Term('group')} ${data.groupName}. ${data.subjectName}. ${data.periodTitle}` +
      (options.issue ? `. Копия № ${options.issue.number}` : ''),
    formedAt: options.formedAt,
  });
  drawJournalPages(pdf, data, { ...options.pages, kind: options.kind });
  const hours = data.lessons.reduce((s, l) => s + l.hours, 0);
  pdf.spacer(4);
  pdf.text(
    `Всего за период: ${data.lessons.length} занятий, ${hours} ч. Обучающихся в списке: ${data.students.length}.`,
    { size: 9 },
  );
  drawCorrections(pdf, data);
  if (options.finals) drawFinals(pdf, data, options.finals);
  if (options.issue) {
    pdf.spacer(6);
    pdf.text(`Копия № ${options.issue.number} по реестру выданных копий. Выдана: ${options.issue.recipient}.`, {
      size: 9,
    });
  }
  if (options.certification) pdf.certificationBlock(options.certification);
  const pages = pdf.pageCount;
  return { pdf: await pdf.finish(), pages };
}
