// лист-заверения.pdf: the paper side of the archive. Page 1 says what was carried over — year,
// counts, who and when, the signing key's fingerprint — with the secretary's signature and the
// director's «Копия верна»; then an inventory of every other file with its size and SHA-256, so the
// printed, signed sheet can check the electronic copy even without the key.
import type { InstitutionKind } from '../../domain/enums.js';
import { ruDate } from '../../domain/format-dates.js';
import { wordsOf } from '../../domain/vocabulary.js';
import { createPdf, formatDateTime, mm, type Cell, type Certification, type Signer } from '../pdf/index.js';
import { groupedFingerprint } from './signing.js';
import type { ArchiveCounts, ManifestFile } from './manifest.js';

export interface CertificateOptions {
  institution: { fullName: string; shortName: string; kind: InstitutionKind };
  year: { title: string; startsOn: string; endsOn: string };
  packageName: string;
  formedAt: Date;
  createdBy: string;
  appVersion: string;
  counts: ArchiveCounts;
  fingerprint: string;
  files: readonly ManifestFile[];
  madeBy: Signer;
  certification: Certification;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace('.', ',')} КБ`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`;
  return `${(bytes / 1024 ** 3).toFixed(2).replace('.', ',')} ГБ`;
}

export async function certificatePdf(o: CertificateOptions): Promise<Uint8Array> {
  const pdf = await createPdf({
    title: 'Лист заверения электронного архива журналов',
    subtitle: `${o.year.title} учебный год`,
    orientation: 'portrait',
    institution: o.institution.shortName,
    formedAt: o.formedAt,
    mono: true,
  });
  const total = o.files.reduce((sum, f) => sum + f.size, 0);
  pdf.text(
    `Данные электронного журнала ${o.institution.fullName} за ${o.year.title} учебный год ` +
      `(с ${ruDate(o.year.startsOn)} по ${ruDate(o.year.endsOn)}) перенесены в электронный архив: общие сведения об ` +
      `обучающихся, ` +
      'отметки посещаемости и успеваемости, темы занятий и домашние задания по каждому журналу, база данных года.',
    { size: 10, after: 8 },
  );
  const c = o.counts;
  pdf.table({
    columns: [{ flex: 1.2 }, { flex: 2 }],
    rows: [
      ['Папка архива', o.packageName],
      ['Дата формирования', formatDateTime(o.formedAt)],
      ['Сформировал', o.createdBy],
      ['Программа', `«Журнал» ${o.appVersion}`],
      [`${wordsOf(o.institution.kind).Term('group', 'gen', 'many')} / журналов`, `${c.groups} / ${c.journals}`],
      ['Обучающихся', String(c.students)],
      ['Занятий', String(c.lessons)],
      ['Отметок / записей посещаемости', `${c.marks} / ${c.attendance}`],
      ['Итоговых отметок', String(c.finalMarks)],
      ['Файлов в описи (без этого листа) / объём', `${o.files.length} / ${formatBytes(total)}`],
      ['Ключ подписи (Ed25519), отпечаток SHA-256', groupedFingerprint(o.fingerprint)],
    ].map((row): Cell[] => row),
    fontSize: 9,
  });
  pdf.text(
    'Как проверить архив без программы — в файле ПРОВЕРКА.txt в папке архива. Отпечаток ключа на этом листе ' +
      'должен совпадать с отпечатком файла public-key.pem.',
    { size: 8.5 },
  );
  pdf.signatureBlock([{ position: o.madeBy.position, name: o.madeBy.name }], { dateLine: false });
  pdf.certificationBlock({
    ...o.certification,
    fingerprint: groupedFingerprint(o.fingerprint),
    fingerprintLabel: 'Отпечаток ключа подписи архива:',
  });
  pdf.newPage();
  pdf.heading('Опись файлов архива', { level: 2 });
  pdf.table({
    columns: [{ width: mm(9), align: 'right' }, { flex: 1 }, { width: mm(17), align: 'right' }, { width: mm(88) }],
    header: ['№', 'Файл', 'Размер', 'SHA-256'],
    rows: o.files.map((f, i): Cell[] => [i + 1, f.path, formatBytes(f.size), f.sha256]),
    fontSize: 6.5,
  });
  return pdf.finish();
}
