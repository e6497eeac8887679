// The completeness of the groups' registers as a document (003 §2.2): a summary per group, then per group the
// students and what their entry lacks — the list a department head hands to the curators. Plain data in.
import type { RegisterCompleteness } from '../../api/contract.js';
import { ruDate } from '../../domain/format-dates.js';
import { REGISTER_GAP_LABELS, REGISTER_GAPS, registerGapsText } from '../../domain/register-gaps.js';
import { wordsOf } from '../../domain/vocabulary.js';
import type ExcelJS from 'exceljs';
import { addTableSheet, createWorkbook } from '../xlsx.js';
import { int, reportPdf, simpleTable, text, type Col, type DocumentMeta } from './common.js';

export const REGISTERS_TITLE = 'Полнота реестров';

export async function registersPdf(data: RegisterCompleteness, meta: DocumentMeta): Promise<Uint8Array> {
  const w = wordsOf(meta.kind);
  const range = {
    title: `${data.yearTitle} учебный год, списки на ${ruDate(data.asOf)}`,
    asOf: data.asOf,
    to: data.asOf,
  };
  return reportPdf(registersTitle(w), range, meta, 'landscape', (pdf) => {
    const cols: Col[] = [
      { header: w.Term('group'), width: 70 },
      { header: w.Term('curator'), width: 110 },
      { header: 'Обучающихся', width: 72, align: 'center' },
      { header: 'Заполнено полностью', width: 62, align: 'center' },
      ...REGISTER_GAPS.map((g): Col => ({
        header: `Нет: ${REGISTER_GAP_LABELS[g].short.toLowerCase()}`,
        flex: 1,
        align: 'center',
      })),
    ];
    simpleTable(
      pdf,
      cols,
      data.groups.map((g) => [
        g.groupName,
        g.curatorName ?? '—',
        g.students,
        g.complete,
        ...REGISTER_GAPS.map((k) => g.counts[k] || ''),
      ]),
      { fontSize: 8 },
    );
    for (const g of data.groups) {
      pdf.heading(
        `${w.Term('group')} ${g.groupName}${g.curatorName ? `, ${w.term('curator')} ${g.curatorName}` : ''}`,
        { level: 2 },
      );
      if (g.rows.length === 0) {
        pdf.text(`Реестр заполнен: ${g.students} из ${g.students}.`, { size: 9 });
        continue;
      }
      simpleTable(
        pdf,
        [
          { header: '№', width: 24, align: 'center' },
          { header: 'Обучающийся', width: 190 },
          { header: 'Что не заполнено', flex: 1 },
        ],
        g.rows.map((r, i) => [i + 1, r.name, registerGapsText(r)]),
        { fontSize: 8.5 },
      );
    }
  });
}

export function registersWorkbook(data: RegisterCompleteness, kind: DocumentMeta['kind'], at: Date): ExcelJS.Workbook {
  const w = wordsOf(kind);
  const wb = createWorkbook({ createdAt: at });
  const title = `${registersTitle(w)}: ${data.yearTitle}, на ${ruDate(data.asOf)}`;
  addTableSheet(wb, {
    name: 'Сводка',
    title,
    columns: [
      text(w.Term('group'), 'group', 14),
      text(w.Term('department'), 'department', 28),
      text(w.Term('curator'), 'curator', 24),
      int('Обучающихся', 'students'),
      int('Заполнено полностью', 'complete'),
      ...REGISTER_GAPS.map((g) => int(`Нет: ${REGISTER_GAP_LABELS[g].short.toLowerCase()}`, g)),
    ],
    rows: data.groups.map((g) => ({
      group: g.groupName,
      department: g.departmentName,
      curator: g.curatorName,
      students: g.students,
      complete: g.complete,
      ...g.counts,
    })),
  });
  addTableSheet(wb, {
    name: 'Незаполнено',
    title,
    columns: [
      text(w.Term('group'), 'group', 14),
      text('Обучающийся', 'student', 36),
      text('Что не заполнено', 'gaps', 90),
    ],
    rows: data.groups.flatMap((g) =>
      g.rows.map((r) => ({ group: g.groupName, student: r.name, gaps: registerGapsText(r) })),
    ),
  });
  return wb;
}

/** «Полнота реестров групп» in the institution's words. */
export function registersTitle(w: ReturnType<typeof wordsOf>): string {
  return `${REGISTERS_TITLE} ${w.term('group', 'gen', 'many')}`;
}
