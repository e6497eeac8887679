// The font subsets a document embeds (export/pdf/font-subset.ts) are the very bytes fontkit's own
// subsetter writes, for every face: plain glyphs, composite ones (ё, й, Ё whose accents are components)
// and subsets big enough for the long glyph offsets.
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { FONT_FILES, loadFont, type FontFace } from '../../electron/export/fonts.js';
import { fastSubsets, fontkitSubsetBytes } from '../../electron/export/pdf/font-subset.js';

type TestFont = {
  glyphsForString(text: string): Array<{ id: number }>;
  createSubset(): { includeGlyph(g: { id: number }): number; encodeStream(): NodeJS.ReadableStream };
  numGlyphs: number;
};

const read = (stream: NodeJS.ReadableStream) =>
  new Promise<Buffer>((resolve, reject) => {
    const parts: Buffer[] = [];
    stream
      .on('data', (b: Buffer) => parts.push(b))
      .on('end', () => resolve(Buffer.concat(parts)))
      .on('error', reject);
  });

const TEXTS = [
  'Иванов Пётр Сергеевич, Ёлкина-Смирнова Анна, Йошкар-Ола: «Копия верна» № 5, 4/5, н, оп',
  'Abc xyz 0123456789 — ½ ≤ § ° ± µ Ω áéíóú ñ ç ÀÉÎÕÜ',
];

describe('font subsets', () => {
  for (const face of Object.keys(FONT_FILES) as FontFace[]) {
    it(`writes fontkit's bytes, ${face}`, async () => {
      const font = fastSubsets(fontkit.create(loadFont(face) as Buffer)) as unknown as TestFont;
      const samples = [
        ...TEXTS.map((t) => font.glyphsForString(t).map((g) => g.id)),
        // Every fifth glyph of the font: thousands of glyphs, long offsets.
        Array.from({ length: Math.floor(font.numGlyphs / 5) }, (_, i) => i * 5),
      ];
      for (const ids of samples) {
        const ours = font.createSubset();
        const theirs = font.createSubset();
        for (const id of ids) {
          ours.includeGlyph({ id });
          theirs.includeGlyph({ id });
        }
        const mine = await read(ours.encodeStream());
        expect(mine.equals(await fontkitSubsetBytes(theirs as never))).toBe(true);
      }
    });
  }
});
