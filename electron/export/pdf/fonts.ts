// One embedded font per style per document, with cached measuring, encoding and word wrapping.
// pdf-lib's measure and encode both run fontkit's layout (≈0.1 ms a string); a journal page repeats
// the same few strings («5», «н», dates) hundreds of times, so both are cached per document.
import type { PDFDocument, PDFFont } from 'pdf-lib';
import type { Font } from '@pdf-lib/fontkit';
import { fontkit } from '../lazy-modules.js';
import { loadFont, type FontFace } from '../fonts.js';
import { fastSubsets } from './font-subset.js';
import { plainLayout } from './plain-layout.js';

export type FontStyle = 'regular' | 'bold' | 'mono';
export type FontFamily = 'sans' | 'condensed';

/** Resource names of the fonts on every page. */
export const FONT_KEYS: Readonly<Record<FontStyle, string>> = { regular: 'FR', bold: 'FB', mono: 'FM' };

/** Line height as a multiple of the font size. */
export const LINE_HEIGHT = 1.22;
/** DejaVu's capital height and descent, in ems: used to centre a line of text in its box. */
const CAP_HEIGHT = 0.73;
const DESCENT = 0.236;

/** Control characters that fontkit would draw as empty boxes; the soft hyphen is dropped too. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000E-\u001F\u007F\u00AD\u200B]/g;

/** Normalises text for drawing: tabs become spaces, CR LF becomes LF, invisible characters go. */
export function cleanText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\v\f]/g, ' ')
    .replace(INVISIBLE, '');
}

// A parsed font is shared by every document of the process: parsing DejaVu and warming its layout
// tables (GSUB/GPOS) cost ~20 ms a document, which an archive of 600 journals would pay 600 times.
// Safe because pdf-lib keeps each document's subset in its own embedder; the Font is only read.
const parsed = new WeakMap<Uint8Array, Font>();
const sharedFontkit = {
  create(bytes: Uint8Array, postscriptName?: string): Font {
    let font = parsed.get(bytes);
    if (!font) {
      font = memoLayout(keepCodePoints(fastSubsets(fontkit().create(bytes, postscriptName))));
      parsed.set(bytes, font);
    }
    return font;
  },
};

/**
 * fontkit caches a glyph the first time it is asked for, with the code points of that request. A
 * Cyrillic «а е о с х р у» is a composite of the Latin glyph, so subsetting one document creates the
 * Latin glyph with no code points; with the font shared, every later document then wrote no ToUnicode
 * entry for Latin «a e o c x p y» — drawn right, but lost to search, copy and pdftotext. Give a cached
 * glyph the code points of the first request that has them.
 */
function keepCodePoints(font: Font): Font {
  const target = font as unknown as { getGlyph(id: number, codePoints?: number[]): { codePoints: number[] } };
  const original = target.getGlyph.bind(target);
  target.getGlyph = (id, codePoints = []) => {
    const glyph = original(id, codePoints);
    if (codePoints.length > 0 && glyph.codePoints.length === 0) glyph.codePoints = codePoints;
    return glyph;
  };
  return font;
}

/**
 * The same words, names, dates and topics recur across the documents of a process (an archive prints
 * 600 journals from shared plans): keep each text's glyphs per font, so its layout runs once per text,
 * not once per document. Only the glyph list is kept, which is all pdf-lib reads (encodeText,
 * widthOfTextAtSize); the glyphs are fontkit's own cached objects, so nothing new is held but the
 * arrays. A text that shaping cannot change skips fontkit's shaping (~0.2 ms a text): plain-layout.ts.
 */
const LAYOUT_CACHE = 20_000;

function memoLayout(font: Font): Font {
  const target = font as unknown as { layout(text: string, features?: unknown): { glyphs: unknown[] } };
  const original = target.layout.bind(target);
  const plain = plainLayout(font);
  const cache = new Map<string, { glyphs: unknown[] }>();
  target.layout = (text, features) => {
    if (features !== undefined) return original(text, features);
    let run = cache.get(text);
    if (!run) {
      run = { glyphs: plain(text) ?? original(text).glyphs };
      if (cache.size >= LAYOUT_CACHE) cache.clear();
      cache.set(text, run);
    }
    return run;
  };
  return font;
}

/**
 * What depends on a face alone — text widths and wrapped short texts («5», «н», «01.09»: most cells of
 * a journal page) — is kept for the process, not per document: an archive's 600 journals measure the
 * same words again and again.
 */
interface FaceCache {
  widths: Map<string, number>;
  wrapped: Map<string, string[]>;
}
const faceCaches = new Map<FontFace, FaceCache>();
const FACE_CACHE = 20_000;

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= FACE_CACHE) map.clear();
  map.set(key, value);
  return value;
}

/** What FontSet.encode uses of pdf-lib's subset embedder (its glyph ids in this document's subset). */
interface SubsetEmbedder {
  font: { layout(text: string, features?: unknown): { glyphs: Array<{ id: number }> } };
  fontFeatures?: unknown;
  glyphIdMap?: Map<number, number>;
}

export class FontSet {
  private readonly codes = new Map<FontStyle, Map<string, string>>();
  /** Per embedded font: a glyph's id in this document's subset as the 4 hex digits of a text string. */
  private readonly glyphHex = new Map<PDFFont, Map<number, string>>();

  private constructor(
    private readonly fonts: Readonly<Record<FontStyle, PDFFont | null>>,
    private readonly faces: Readonly<Record<FontStyle, FontFace | null>>,
  ) {}

  /** Embeds the family's regular and bold faces (and DejaVu Sans Mono when asked), subsetted. */
  static async embed(doc: PDFDocument, family: FontFamily, mono: boolean): Promise<FontSet> {
    doc.registerFontkit(sharedFontkit);
    const faces: [FontFace, FontFace] =
      family === 'condensed' ? ['condensed', 'condensed-bold'] : ['sans', 'sans-bold'];
    // Subsetting keeps a document at tens of KB instead of ~700 KB a face; pdftotext still extracts
    // the text (pdf-lib writes a ToUnicode map), checked in tests/unit/export-pdf.test.ts.
    const [regular, bold, monoFont] = await Promise.all([
      doc.embedFont(loadFont(faces[0]), { subset: true }),
      doc.embedFont(loadFont(faces[1]), { subset: true }),
      mono ? doc.embedFont(loadFont('mono'), { subset: true }) : Promise.resolve(null),
    ]);
    return new FontSet(
      { regular, bold, mono: monoFont },
      { regular: faces[0], bold: faces[1], mono: mono ? 'mono' : null },
    );
  }

  font(style: FontStyle): PDFFont {
    const font = this.fonts[style] ?? (style === 'mono' ? this.fonts.regular : null);
    if (!font) throw new Error(`Шрифт «${style}» не встроен в документ`);
    return font;
  }

  has(style: FontStyle): boolean {
    return this.fonts[style] !== null;
  }

  /** The styles embedded in this document, for the page resources. */
  styles(): FontStyle[] {
    return (Object.keys(this.fonts) as FontStyle[]).filter((s) => this.fonts[s] !== null);
  }

  /** The process-wide caches of the face a style is drawn in (mono falls back to regular, as font() does). */
  private cache(style: FontStyle): FaceCache {
    const face = this.faces[style] ?? (style === 'mono' ? this.faces.regular : null);
    if (!face) throw new Error(`Шрифт «${style}» не встроен в документ`);
    let cache = faceCaches.get(face);
    if (!cache) faceCaches.set(face, (cache = { widths: new Map(), wrapped: new Map() }));
    return cache;
  }

  /** Width of already-cleaned text in points. */
  width(text: string, size: number, style: FontStyle = 'regular'): number {
    const { widths } = this.cache(style);
    const w = widths.get(text) ?? remember(widths, text, this.font(style).widthOfTextAtSize(text, 1));
    return w * size;
  }

  /**
   * The glyph ids as a PDF hex string `<…>`; also records the glyphs for the subset. pdf-lib encodes a text
   * glyph by glyph into new strings every time; once every glyph of a text has its id in this document's
   * subset, the text's string is put together here from the ids' hex digits — the same string.
   */
  encode(text: string, style: FontStyle): string {
    const actual: FontStyle = this.fonts[style] ? style : 'regular';
    let map = this.codes.get(actual);
    if (!map) this.codes.set(actual, (map = new Map()));
    let code = map.get(text);
    if (code === undefined) {
      code = this.encodeNew(text, this.font(actual));
      map.set(text, code);
    }
    return code;
  }

  private encodeNew(text: string, font: PDFFont): string {
    const embedder = (font as unknown as { embedder: SubsetEmbedder }).embedder;
    const ids = embedder.glyphIdMap;
    if (!ids) return font.encodeText(text).toString();
    let hex = this.glyphHex.get(font);
    if (!hex) this.glyphHex.set(font, (hex = new Map()));
    const glyphs = embedder.font.layout(text, embedder.fontFeatures).glyphs;
    let code = '<';
    for (const g of glyphs) {
      const h = hex.get(g.id);
      if (h === undefined) {
        // A glyph new to this document: pdf-lib adds it to the subset (and its width and ToUnicode entry).
        code = font.encodeText(text).toString();
        for (const n of glyphs) hex.set(n.id, ids.get(n.id)!.toString(16).padStart(4, '0').toUpperCase());
        return code;
      }
      code += h;
    }
    return code + '>';
  }

  lineHeight(size: number): number {
    return size * LINE_HEIGHT;
  }

  /** Offset from the top of a line box to the baseline that centres capitals in it. */
  baseline(size: number, lineHeight = size * LINE_HEIGHT): number {
    return Math.min(lineHeight / 2 + (CAP_HEIGHT * size) / 2, lineHeight - DESCENT * size);
  }

  /** Word-wraps text to maxWidth; LF starts a new line; a word longer than a line is broken. Empty text
   *  has no lines. The result may be shared: don't modify it. */
  wrap(value: unknown, maxWidth: number, size: number, style: FontStyle = 'regular'): string[] {
    if (value === null || value === undefined || value === '') return [];
    const short = typeof value === 'number' || (typeof value === 'string' && value.length <= 24);
    if (!short) return this.wrapUncached(value, maxWidth, size, style);
    const { wrapped } = this.cache(style);
    const key = `${size}|${maxWidth}|${value}`;
    return wrapped.get(key) ?? remember(wrapped, key, this.wrapUncached(value, maxWidth, size, style));
  }

  private wrapUncached(value: unknown, maxWidth: number, size: number, style: FontStyle): string[] {
    const lines: string[] = [];
    const space = this.width(' ', size, style);
    for (const paragraph of cleanText(value).split('\n')) {
      let line = '';
      let lineWidth = 0;
      for (const word of paragraph.split(' ')) {
        if (word === '') continue;
        const w = this.width(word, size, style);
        if (line !== '' && lineWidth + space + w <= maxWidth + 0.01) {
          line += ' ' + word;
          lineWidth += space + w;
          continue;
        }
        if (line !== '') lines.push(line);
        if (w <= maxWidth + 0.01) {
          line = word;
          lineWidth = w;
        } else {
          const pieces = this.breakWord(word, maxWidth, size, style);
          line = pieces.pop() ?? '';
          lines.push(...pieces);
          lineWidth = this.width(line, size, style);
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /** Shortens text to maxWidth with an ellipsis (single-line places: running header, slips). */
  fit(value: unknown, maxWidth: number, size: number, style: FontStyle = 'regular'): string {
    const text = cleanText(value).replace(/\n/g, ' ');
    if (this.width(text, size, style) <= maxWidth) return text;
    const chars = Array.from(text);
    let lo = 0;
    let hi = chars.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.width(chars.slice(0, mid).join('').trimEnd() + '…', size, style) <= maxWidth) lo = mid;
      else hi = mid - 1;
    }
    return lo === 0 ? '' : chars.slice(0, lo).join('').trimEnd() + '…';
  }

  /** Breaks one over-long word into pieces that each fit maxWidth (at least one character each). */
  private breakWord(word: string, maxWidth: number, size: number, style: FontStyle): string[] {
    const pieces: string[] = [];
    let piece = '';
    let pieceWidth = 0;
    for (const ch of word) {
      const w = this.width(ch, size, style);
      if (piece !== '' && pieceWidth + w > maxWidth + 0.01) {
        pieces.push(piece);
        piece = '';
        pieceWidth = 0;
      }
      piece += ch;
      pieceWidth += w;
    }
    if (piece !== '') pieces.push(piece);
    return pieces;
  }
}
