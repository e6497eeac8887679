// Text laid out without fontkit's shaping (export/pdf/plain-layout.ts) must get exactly the glyphs the
// shaping gives — for every embedded face, for the Russian text the documents are made of, and for
// random text of Latin, Greek, Cyrillic, punctuation, symbols and combining marks; text that shaping
// does change («fi», combining accents) is left to the shaping.
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { FONT_FILES, loadFont, type FontFace } from '../../electron/export/fonts.js';
import { plainLayout } from '../../electron/export/pdf/plain-layout.js';

const TYPICAL = [
  'Иванов Пётр Сергеевич',
  'Ёлкина-Смирнова Анна',
  'Лабораторная работа №27. Фотоэффект',
  'н 5/4',
  'оп 4',
  '01.09.2025',
  '«Копия верна»',
  'Стр. 4 из 9',
  'Всего за учебный год: 96 занятий, 192 ч.',
  'ОУД.03 Иностранный язык (английский)',
  'Excel и Word: а a е e о o с c х x р p у y',
  'Paris — 2 × 3 ≤ 7 ½ € § ° ± µ',
  'α β γ Ω',
  '',
];
const SHAPED = ['fi', 'office', 'i\u0301', 'a\u0308b', 'Microsoft Office'];

/** Random text drawn mostly from the ranges the documents use, with marks and symbols mixed in. */
function randomTexts(count: number, seed: number): string[] {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const ranges: Array<[number, number]> = [
    [0x20, 0x7e],
    [0x410, 0x44f],
    [0xa0, 0x52f],
    [0x300, 0x36f],
    [0x2000, 0x2bff],
    [0x1e00, 0x1fff],
  ];
  return Array.from({ length: count }, () => {
    let text = '';
    for (let k = 0; k < 1 + Math.floor(next() * 8); k++) {
      const [from, to] = ranges[Math.floor(next() * ranges.length)]!;
      text += String.fromCodePoint(from + Math.floor(next() * (to - from + 1)));
    }
    return text;
  });
}

describe('plain layout', () => {
  for (const face of Object.keys(FONT_FILES) as FontFace[]) {
    it(`gives the shaped glyphs, ${face}`, () => {
      const font = fontkit.create(loadFont(face) as Buffer) as unknown as {
        layout(text: string): { glyphs: Array<{ id: number }> };
      };
      const plain = plainLayout(font as never);
      let checked = 0;
      for (const text of [...TYPICAL, ...randomTexts(4000, 17)]) {
        const glyphs = plain(text);
        if (!glyphs) continue;
        let shaped: number[];
        try {
          shaped = font.layout(text).glyphs.map((g) => g.id);
        } catch {
          continue; // fontkit itself fails on a few odd mark sequences: not ours to compare
        }
        expect(
          glyphs.map((g) => g.id),
          JSON.stringify(text),
        ).toEqual(shaped);
        checked++;
      }
      for (const text of TYPICAL.slice(0, 10)) expect(plain(text), text).not.toBeNull();
      for (const text of SHAPED) if (face !== 'mono') expect(plain(text), text).toBeNull();
      expect(checked).toBeGreaterThan(2000);
    });
  }
});
