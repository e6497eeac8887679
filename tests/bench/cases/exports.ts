// Export throughput: .xlsx rows per second (streaming writer) and PDF table pages per second.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPdf } from '../../../electron/export/pdf/index.js';
import { writeXlsxStream } from '../../../electron/export/xlsx.js';
import { rate, timeRuns, type BenchResult } from '../harness.js';

export async function xlsxRowsPerSecond(rows = 20_000, runs = 5): Promise<BenchResult[]> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-xlsx-')), 'bench.xlsx');
  const t = await timeRuns(runs, () =>
    writeXlsxStream(file, [
      {
        name: 'Отметки',
        columns: [
          { header: 'Обучающийся', key: 'name', type: 'text' },
          { header: 'Дата', key: 'date', type: 'date' },
          { header: 'Отметка', key: 'mark', type: 'integer' },
          { header: 'Вес', key: 'weight', type: 'number' },
          { header: 'Дисциплина', key: 'subject', type: 'text' },
        ],
        rows: (function* () {
          for (let i = 0; i < rows; i++)
            yield {
              name: `Иванов Пётр ${i % 997}`,
              date: '2026-10-15',
              mark: 2 + (i % 4),
              weight: 1.5,
              subject: 'Электротехника',
            };
        })(),
      },
    ]),
  );
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return rate('xlsx rows per second (streaming)', t, rows, 'rows/s', { note: `${rows} rows × 5 columns per run` });
}

export async function pdfPagesPerSecond(runs = 5): Promise<BenchResult[]> {
  let pages = 0;
  const t = await timeRuns(runs, async () => {
    const pdf = await createPdf({
      title: 'Замер',
      orientation: 'landscape',
      institution: 'ГБПОУ ЮЭТ',
      formedAt: new Date('2026-11-25T10:00:00'),
    });
    pdf.table({
      columns: [{ width: 20 }, { width: 160 }, ...Array.from({ length: 30 }, () => ({ width: 18 }))],
      header: [
        '№',
        'Фамилия, имя, отчество',
        ...Array.from({ length: 30 }, (_, i) => `${String(i + 1).padStart(2, '0')}.10`),
      ],
      rows: Array.from({ length: 1200 }, (_, r) => [
        String(r + 1),
        `Ёлкина-Смирнова Анна ${r}`,
        ...Array.from({ length: 30 }, (_, c) => ((r + c) % 7 === 0 ? 'н' : String(2 + ((r * c) % 4)))),
      ]),
    });
    const bytes = await pdf.finish();
    if (bytes.length === 0) throw new Error('empty PDF');
    pages = pdf.pageCount;
  });
  return rate('PDF table pages per second', t, pages, 'pages/s', { note: `${pages} pages per run` });
}
