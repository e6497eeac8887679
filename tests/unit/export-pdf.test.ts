// The PDF layer, read back with poppler (pdftotext, pdfinfo, pdffonts) as a person's viewer would.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  columnWidths,
  createPdf,
  GREY_FILL,
  shortName,
  formatSignDate,
  type Cell,
} from '../../electron/export/pdf/index.js';

const popplerMissing = spawnSync('pdftotext', ['-v']).error !== undefined;
if (popplerMissing)
  console.warn(
    '\n⚠ pdftotext (poppler-utils) не найден: проверки PDF по тексту пропущены. apt-get install -y poppler-utils\n',
  );

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhurnal-pdf-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const NAMES = ['Иванов Пётр Сергеевич', 'Ёлкина-Смирнова Анна', 'Абдурахманова Зарина Шавкатовна', 'Щукин Илья'];
const DATES = Array.from({ length: 28 }, (_, i) => `${String(i + 1).padStart(2, '0')}.09`);
const FORMED = new Date(2026, 10, 25, 14, 5);

function pdftotext(file: string, ...args: string[]): string {
  return execFileSync('pdftotext', ['-layout', ...args, file, '-'], { encoding: 'utf8' });
}

function pages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** The certified copy of a journal: 40 students × (№, name, 28 dates), signatures, «Копия верна». */
async function journalCopy(): Promise<{ file: string; pageCount: number }> {
  const pdf = await createPdf({
    title: 'Журнал учебных занятий. Группа ЭС-21. Математика',
    orientation: 'landscape',
    institution: 'ГБПОУ «Кандалакшский индустриальный колледж»',
    subtitle: 'I полугодие 2025/2026 учебного года',
    formedAt: FORMED,
    mono: true,
  });
  pdf.text('Учёт посещаемости и успеваемости обучающихся. ' + 'Длинный абзац для проверки переноса слов. '.repeat(12), {
    size: 9,
  });
  pdf.table({
    columns: [
      { width: 20, align: 'right' },
      { flex: 1 },
      ...DATES.map(() => ({ width: 19, align: 'center' as const, verticalHeader: true })),
    ],
    header: [
      [
        { text: '№', rowSpan: 2 },
        { text: 'Фамилия, имя, отчество обучающегося', rowSpan: 2 },
        { text: 'Сентябрь', colSpan: 28 },
      ],
      DATES,
    ],
    rows: Array.from({ length: 40 }, (_, i): Cell[] => [
      i + 1,
      NAMES[i % NAMES.length]!,
      ...DATES.map((_, j): Cell =>
        i === 3 && j < 5
          ? { text: '', fill: GREY_FILL }
          : (i * j) % 7 === 1
            ? 'н'
            : (i + j) % 5 === 0
              ? String(2 + ((i * j) % 4))
              : '',
      ),
    ]),
  });
  pdf.signatureBlock([{ position: 'Преподаватель', name: shortName('Сидорова Мария Ивановна') }]);
  pdf.certificationBlock({
    position: 'Директор',
    name: 'А. П. Иванова',
    date: '2026-11-25',
    fingerprint: 'SHA256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  });
  const file = path.join(dir, 'journal.pdf');
  fs.writeFileSync(file, await pdf.finish());
  return { file, pageCount: pdf.pageCount };
}

describe.skipIf(popplerMissing)('PDF read back with poppler', () => {
  it('a certified journal copy: Cyrillic intact, header on every page, «Стр. N из M», «Копия верна»', async () => {
    const { file, pageCount } = await journalCopy();
    const n = pages(file);
    expect(n).toBe(pageCount);
    expect(n).toBeGreaterThanOrEqual(2);
    const all = pdftotext(file);
    // Every row once, no row lost or drawn twice at a page break.
    expect(all.split('Иванов Пётр Сергеевич').length - 1).toBe(10);
    expect(all.split('Ёлкина-Смирнова Анна').length - 1).toBe(10);
    expect(all).toContain('Абдурахманова Зарина Шавкатовна');
    expect(all).toContain('Стр. 1 из ' + n);
    expect(all).toContain(`Стр. ${n} из ${n}`);
    expect(all).toContain('Сформировано 25.11.2026 14:05');
    expect(all).toContain('Копия верна');
    expect(all).toContain('А. П. Иванова');
    expect(all).toContain('(расшифровка подписи)');
    expect(all).toContain('25.11.2026');
    expect(all).toContain('/Сидорова М. И./');
    expect(all).toContain('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08');
    const page2 = pdftotext(file, '-f', '2', '-l', '2');
    expect(page2).toContain('Фамилия, имя, отчество обучающегося');
    expect(page2).toContain('Сентябрь');
    expect(page2).toContain('ГБПОУ «Кандалакшский индустриальный колледж»');
    // The fonts are embedded (subsetted) TrueType with a Unicode map.
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const line of fonts) expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes\s+\S+\s+yes/);
  });

  it('a row taller than a page is split by lines and continues under a repeated header', async () => {
    const pdf = await createPdf({
      title: 'Тематический план',
      orientation: 'portrait',
      institution: 'Колледж',
      formedAt: FORMED,
    });
    const lines = Array.from({ length: 120 }, (_, i) => `Тема ${i + 1}. Правописание приставок пре- и при-`);
    pdf.table({
      columns: [{ width: 30 }, { flex: 1 }, { width: 60, align: 'right' }],
      header: ['№', 'Содержание', 'Часы'],
      rows: [
        ['1', 'Короткая строка', '2'],
        ['2', lines.join('\n'), '120'],
        ['3', 'Итоговая контрольная работа', '2'],
      ],
    });
    const file = path.join(dir, 'tall.pdf');
    fs.writeFileSync(file, await pdf.finish());
    const n = pages(file);
    expect(n).toBeGreaterThanOrEqual(2);
    const text = pdftotext(file);
    for (const i of [1, 60, 119, 120]) expect(text).toContain(`Тема ${i}. Правописание`);
    expect(text.indexOf('Тема 119.')).toBeLessThan(text.indexOf('Итоговая контрольная работа'));
    for (let p = 1; p <= n; p++) expect(pdftotext(file, '-f', String(p), '-l', String(p))).toContain('Содержание');
  });

  it('documents built at the same time share parsed fonts but not glyphs or text', async () => {
    const make = (title: string) =>
      createPdf({ title, orientation: 'portrait', institution: 'Колледж', formedAt: FORMED });
    const [a, b] = await Promise.all([make('Документ А'), make('Документ Б')]);
    a.text('Щука ёжик Ъ');
    b.text('Жираф Ю');
    a.text('конец А');
    const [bytesA, bytesB] = await Promise.all([a.finish(), b.finish()]);
    fs.writeFileSync(path.join(dir, 'a.pdf'), bytesA);
    fs.writeFileSync(path.join(dir, 'b.pdf'), bytesB);
    const textA = pdftotext(path.join(dir, 'a.pdf'));
    const textB = pdftotext(path.join(dir, 'b.pdf'));
    expect(textA).toContain('Щука ёжик Ъ');
    expect(textA).toContain('конец А');
    expect(textB).toContain('Жираф Ю');
    expect(textB).not.toContain('Щука');
  });

  it('slips: perPage to a sheet, cut apart, logins and passwords readable', async () => {
    const pdf = await createPdf({
      title: 'Данные для входа',
      orientation: 'portrait',
      institution: 'Колледж',
      formedAt: FORMED,
      mono: true,
      titleBlock: false,
    });
    const people = Array.from({ length: 8 }, (_, i) => ({
      name: NAMES[i % 4]!,
      login: `user.${i}`,
      password: `Xk7-lO0q-${i}`,
    }));
    pdf.slips(people, {
      perPage: 6,
      draw(slot, p) {
        slot
          .text('Электронный журнал', { size: 9 })
          .text(p.name, { size: 12, bold: true })
          .field('Логин:', p.login)
          .field('Пароль:', p.password);
      },
    });
    const file = path.join(dir, 'slips.pdf');
    fs.writeFileSync(file, await pdf.finish());
    expect(pages(file)).toBe(2);
    const text = pdftotext(file);
    for (const p of people) {
      expect(text).toContain(p.login);
      expect(text).toContain(p.password);
    }
    expect(pdftotext(file, '-f', '2', '-l', '2')).toContain('user.7');
  });
});

describe('PDF layout pieces', () => {
  it('wraps by words, breaks over-long words, and every line fits', async () => {
    const pdf = await createPdf({
      title: 't',
      orientation: 'portrait',
      institution: 'i',
      formedAt: FORMED,
      titleBlock: false,
    });
    const long = 'Сверхдлиннаяфамилиябезединогопробелаприходящаявтаблицу Иванов\nПётр';
    const lines = pdf.fonts.wrap(long, 60, 8);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(pdf.fonts.width(line, 8)).toBeLessThanOrEqual(60.01);
    expect(lines.join('').replace(/ /g, '')).toBe(long.replace(/[ \n]/g, ''));
    expect(lines.at(-1)).toBe('Пётр');
    expect(pdf.fonts.fit('Очень длинное название учреждения', 50, 8)).toMatch(/…$/);
  });

  it('column widths: fixed as given, flexible share the rest, overflow scaled down', () => {
    expect(columnWidths([{ width: 100 }, { flex: 1 }, { flex: 3 }], 500)).toEqual([100, 100, 300]);
    const over = columnWidths([{ width: 400 }, { width: 400 }], 500);
    expect(over[0]! + over[1]!).toBeCloseTo(500);
    const withFlex = columnWidths([{ width: 600 }, {}], 500);
    expect(withFlex[0]! + withFlex[1]!).toBeCloseTo(500);
    expect(withFlex[1]).toBeGreaterThan(0);
  });

  it('names and dates for signatures', () => {
    expect(shortName('Иванов Пётр Сергеевич')).toBe('Иванов П. С.');
    expect(shortName('Ёлкина-Смирнова Анна-Мария')).toBe('Ёлкина-Смирнова А.-М.');
    expect(formatSignDate('2026-11-25')).toBe('25.11.2026');
    expect(formatSignDate(null)).toBe('"___" __________ 20__ г.');
  });

  it('finish() runs once and an empty document still has a page', async () => {
    const pdf = await createPdf({
      title: 'Пусто',
      orientation: 'portrait',
      institution: 'i',
      formedAt: FORMED,
      titleBlock: false,
    });
    const bytes = await pdf.finish();
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(pdf.pageCount).toBe(1);
    await expect(pdf.finish()).rejects.toThrow(/один раз/);
  });
});
