// <group>.xlsx: the group's journals as spreadsheets — a sheet per journal (students × lessons with
// attendance and marks, then final marks), and one sheet of every lesson's topic and homework.
import type { InstitutionKind } from '../../domain/enums.js';
import { wordsOf } from '../../domain/vocabulary.js';
import { xlsxBytes, type XlsxColumn } from '../xlsx.js';
import type { JournalSheet } from './journal-pdf.js';
import type { GroupInfo, JournalInfo } from './package-data.js';

const topicColumns = (kind: InstitutionKind): XlsxColumn[] => [
  { header: wordsOf(kind).Term('subject'), key: 'subject', type: 'text', width: 36 },
  { header: 'Подгруппа', key: 'subgroup', type: 'integer', width: 10 },
  { header: 'Дата', key: 'date', type: 'date' },
  { header: '№ занятия', key: 'no', type: 'integer', width: 9 },
  { header: 'Часы', key: 'hours', type: 'number', numFmt: '0.#', width: 7 },
  { header: 'Вид', key: 'kind', type: 'text', width: 12 },
  { header: 'Тема занятия', key: 'topic', type: 'text', width: 60 },
  { header: 'Домашнее задание', key: 'homework', type: 'text', width: 40 },
  { header: wordsOf(kind).Term('teacher'), key: 'teacher', type: 'text', width: 28 },
];

/** «01.09», and «01.09 (2)» for a second lesson the same day: headers must be unique to read back. */
function lessonHeaders(page: JournalSheet): string[] {
  const seen = new Map<string, number>();
  return page.lessons.map((l) => {
    const base = `${l.date.slice(8, 10)}.${l.date.slice(5, 7)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

export function journalSheetName(j: { subjectName: string; subgroup: number | null }): string {
  return j.subgroup ? `${j.subjectName} (подгр. ${j.subgroup})` : j.subjectName;
}

/** The group's workbook from its journals' sheets (made with their PDFs, in the same order). */
export async function groupXlsx(
  group: GroupInfo,
  journals: ReadonlyArray<{ journal: JournalInfo; sheet: JournalSheet }>,
  kind: InstitutionKind,
  formedAt: Date,
): Promise<Uint8Array> {
  return xlsxBytes(async (writer) => {
    const topics: Array<Record<string, unknown>> = [];
    for (const { journal: j, sheet: page } of journals) {
      const headers = lessonHeaders(page);
      const columns: XlsxColumn[] = [
        { header: '№', key: 'n', type: 'integer', width: 5 },
        { header: 'Фамилия, имя, отчество', key: 'name', type: 'text', width: 32 },
        ...headers.map((h, i): XlsxColumn => ({ header: h, key: `l${i}`, type: 'text', width: 6 })),
        ...page.finalColumns.map((c, i): XlsxColumn => ({
          header: `Итог: ${c}`,
          key: `f${i}`,
          type: 'text',
          width: 10,
        })),
      ];
      const sheet = writer.addSheet({
        name: journalSheetName(j),
        title: `${j.subjectName}${j.subgroup ? `, подгруппа ${j.subgroup}` : ''} · ${j.teacher}`,
        columns,
      });
      page.students.forEach((s, n) =>
        sheet.addValues([n + 1, s.name, ...s.cells, ...page.finalColumns.map((c) => s.finals[c] ?? null)]),
      );
      sheet.commit();
      for (const l of page.lessons) {
        topics.push({
          subject: j.subjectName,
          subgroup: j.subgroup,
          date: l.date,
          no: l.lessonNo,
          hours: l.hours,
          kind: l.kind,
          topic: l.topic,
          homework: l.homework,
          teacher: j.teacher,
        });
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const sheet = writer.addSheet({
      name: 'Темы занятий',
      title: `${wordsOf(kind).Term('group')} ${group.name}: темы занятий и домашние задания`,
      columns: topicColumns(kind),
    });
    topics.sort((a, b) => String(a.date).localeCompare(String(b.date)) || Number(a.no) - Number(b.no));
    for (const t of topics) sheet.addRow(t);
    sheet.commit();
  }, formedAt);
}
