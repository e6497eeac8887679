// students.pdf and students.xlsx: the general information about the students of the year that the
// deputy checks was carried over to removable media (000 §3.2.2) — per group, every enrolment with
// its orders, birth date, personal file number, contacts and parents.
import type { InstitutionKind } from '../../domain/enums.js';
import { wordsOf } from '../../domain/vocabulary.js';
import { createPdf, mm, type Cell } from '../pdf/index.js';
import { xlsxBytes, type XlsxColumn } from '../xlsx.js';
import { formatSignDate } from '../pdf/index.js';
import type { GroupInfo, StudentInfo, YearRow } from './package-data.js';

const REASON: Record<string, string> = { admission: 'зачисление', transfer: 'перевод' };
const END_REASON: Record<string, string> = { withdrawal: 'отчисление', transfer: 'перевод', graduation: 'выпуск' };

const date = (iso: string | null | undefined) => (iso ? formatSignDate(iso) : '');
const order = (no: string | null, on: string | null) => (no ? `№ ${no}${on ? ` от ${date(on)}` : ''}` : '');

interface Row {
  student: StudentInfo;
  e: StudentInfo['enrolments'][number];
}

/** Each group's enrolments, in the year's group order, students by name. */
function rowsByGroup(
  groups: readonly GroupInfo[],
  students: readonly StudentInfo[],
): Array<{ group: GroupInfo; rows: Row[] }> {
  const byGroup = new Map<string, Row[]>();
  for (const student of students) {
    for (const e of student.enrolments) byGroup.set(e.group, [...(byGroup.get(e.group) ?? []), { student, e }]);
  }
  return groups.map((group) => ({ group, rows: byGroup.get(group.name) ?? [] }));
}

export interface StudentsDocOptions {
  institution: string;
  /** Whose words the documents speak (DESIGN.md §10). */
  kind: InstitutionKind;
  year: YearRow;
  formedAt: Date;
  groups: readonly GroupInfo[];
  students: readonly StudentInfo[];
}

export async function studentsPdf(o: StudentsDocOptions): Promise<Uint8Array> {
  const w = wordsOf(o.kind);
  const pdf = await createPdf({
    title: 'Общие сведения об обучающихся',
    subtitle: `${o.year.title} учебный год · ${o.students.length} обучающихся`,
    orientation: 'landscape',
    institution: o.institution,
    formedAt: o.formedAt,
  });
  for (const { group, rows } of rowsByGroup(o.groups, o.students)) {
    const about = [
      `${w.term('course')} ${group.course}`,
      group.department,
      group.speciality,
      group.curator && `${w.term('curator')} ${group.curator}`,
    ]
      .filter(Boolean)
      .join(', ');
    pdf.heading(`${w.Term('group')} ${group.name}${about ? ` (${about})` : ''}`, { level: 3 });
    if (rows.length === 0) {
      pdf.text('Обучающихся не было.', { size: 9 });
      continue;
    }
    pdf.table({
      columns: [
        { width: mm(8), align: 'right' },
        { flex: 2.2 },
        { width: mm(20), align: 'center' },
        { width: mm(18), align: 'center' },
        { flex: 2 },
        { flex: 1.6 },
        { flex: 1.6 },
        { flex: 2.6 },
      ],
      header: [
        '№',
        'Фамилия, имя, отчество',
        'Дата рождения',
        '№ личного дела',
        'Адрес, телефон',
        `Зачисление в ${w.term('group', 'acc')}`,
        `Выбытие из ${w.term('group', 'gen')}`,
        'Родители (законные представители)',
      ],
      rows: rows.map(({ student: s, e }, i): Cell[] => [
        i + 1,
        s.fullName,
        date(s.birthDate),
        s.personalFileNo ?? '',
        [s.address, s.phone].filter(Boolean).join(', '),
        `${date(e.fromDate)}, ${REASON[e.reason] ?? e.reason}, приказ ${order(e.orderNo, e.orderDate)}`,
        e.untilDate
          ? `${date(e.untilDate)}, ` +
            `${END_REASON[e.endReason ?? ''] ?? e.endReason ?? ''}` +
            `${e.endOrderNo ? `, приказ ${order(e.endOrderNo, e.endOrderDate)}` : ''}`
          : '',
        s.guardians.map((g) => `${g.fullName} (${g.relation})${g.phone ? `, ${g.phone}` : ''}`).join('; '),
      ]),
      fontSize: 7.5,
    });
  }
  return pdf.finish();
}

const studentColumns = (kind: InstitutionKind): XlsxColumn[] => [
  { header: wordsOf(kind).Term('group'), key: 'group', type: 'text', width: 10 },
  { header: 'Фамилия, имя, отчество', key: 'name', type: 'text', width: 34 },
  { header: 'Дата рождения', key: 'birth', type: 'date' },
  { header: '№ личного дела', key: 'file', type: 'text', width: 12 },
  { header: 'Телефон', key: 'phone', type: 'text', width: 16 },
  { header: 'Эл. почта', key: 'email', type: 'text', width: 22 },
  { header: 'Адрес', key: 'address', type: 'text', width: 36 },
  { header: `В ${wordsOf(kind).term('group', 'loc')} с`, key: 'from', type: 'date' },
  { header: 'Основание', key: 'reason', type: 'text', width: 12 },
  { header: 'Приказ о зачислении', key: 'order', type: 'text', width: 20 },
  { header: 'Выбыл(а)', key: 'until', type: 'date' },
  { header: 'Причина выбытия', key: 'endReason', type: 'text', width: 14 },
  { header: 'Приказ о выбытии', key: 'endOrder', type: 'text', width: 20 },
];

const GUARDIAN_COLUMNS: XlsxColumn[] = [
  { header: 'Обучающийся', key: 'student', type: 'text', width: 34 },
  { header: '№ личного дела', key: 'file', type: 'text', width: 12 },
  { header: 'Родитель (законный представитель)', key: 'name', type: 'text', width: 34 },
  { header: 'Кем приходится', key: 'relation', type: 'text', width: 14 },
  { header: 'Телефон', key: 'phone', type: 'text', width: 16 },
];

export async function studentsXlsx(o: StudentsDocOptions): Promise<Uint8Array> {
  return xlsxBytes(async (writer) => {
    const sheet = writer.addSheet({
      name: 'Обучающиеся',
      title: `Общие сведения об обучающихся, ${o.year.title} учебный год`,
      columns: studentColumns(o.kind),
    });
    for (const { group, rows } of rowsByGroup(o.groups, o.students)) {
      for (const { student: s, e } of rows) {
        sheet.addRow({
          group: group.name,
          name: s.fullName,
          birth: s.birthDate,
          file: s.personalFileNo,
          phone: s.phone,
          email: s.email,
          address: s.address,
          from: e.fromDate,
          reason: REASON[e.reason] ?? e.reason,
          order: order(e.orderNo, e.orderDate),
          until: e.untilDate,
          endReason: e.endReason ? (END_REASON[e.endReason] ?? e.endReason) : null,
          endOrder: order(e.endOrderNo, e.endOrderDate),
        });
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    sheet.commit();
    const guardians = writer.addSheet({ name: 'Родители', columns: GUARDIAN_COLUMNS });
    for (const s of o.students) {
      for (const g of s.guardians)
        guardians.addRow({
          student: s.fullName,
          file: s.personalFileNo,
          name: g.fullName,
          relation: g.relation,
          phone: g.phone,
        });
    }
    guardians.commit();
  }, o.formedAt);
}
