// Text that fontkit's shaping cannot change, laid out without it. pdf-lib asks fontkit to lay out
// every text it measures or encodes, and fontkit runs the full OpenType shaping for it — glyph
// substitution (GSUB) and positioning (GPOS, DejaVu's large kerning table) — ~0.2 ms a text, the
// largest single cost of an archive's pages. pdf-lib reads only the glyphs of the result (their ids
// and advance widths: never the positions), and for Russian text in DejaVu the substitution changes
// nothing: its default features (ccmp, liga) start only at «f i j», combining marks and a few rare
// letters. So a text whose glyphs no applicable substitution starts at gets the glyphs of its
// characters (fontkit's own first step), exactly what the shaping would have returned.
import type { Font } from '@pdf-lib/fontkit';

/** The GSUB features fontkit's default shaper applies (shapers/DefaultShaper.js), whatever the script. */
const SHAPER_FEATURES = new Set([
  'rvrn',
  'ltra',
  'ltrm',
  'frac',
  'numr',
  'dnom',
  'ccmp',
  'locl',
  'rlig',
  'calt',
  'clig',
  'liga',
  'rclt',
]);

interface Coverage {
  version: number;
  glyphs?: number[];
  rangeRecords?: Array<{ start: number; end: number }>;
}
interface SubTable {
  coverage?: Coverage;
  coverages?: Coverage[];
  inputCoverage?: Coverage[];
  extension?: SubTable;
  lookupType?: number;
}
type Listish<T> = T[] | { toArray(): T[] };
interface Gsub {
  scriptList: Array<{ tag: string; script: { defaultLangSys: { featureIndexes: number[] } } }>;
  featureList: Array<{ tag: string; feature: { lookupListIndexes: number[] } }>;
  lookupList: Listish<{ subTables: Listish<SubTable> }>;
}

const list = <T>(x: Listish<T>): T[] => (Array.isArray(x) ? x : x.toArray());

function addCoverage(coverage: Coverage | undefined, into: Set<number>): void {
  if (coverage?.version === 1) for (const g of coverage.glyphs!) into.add(g);
  else if (coverage?.version === 2)
    for (const r of coverage.rangeRecords!) for (let g = r.start; g <= r.end; g++) into.add(g);
  else throw new Error('unknown coverage');
}

/** The glyph a subtable is tried at: its coverage, or the first of its input sequence (contexts). */
function addFirstGlyphs(table: SubTable, into: Set<number>): void {
  if (table.extension) return addFirstGlyphs(table.extension, into);
  if (table.coverage) return addCoverage(table.coverage, into);
  const first = table.inputCoverage?.[0] ?? table.coverages?.[0];
  if (!first) throw new Error('a subtable without coverage');
  addCoverage(first, into);
}

/**
 * The scripts fontkit picks for a text of plain characters (see plainCodePoint): the first Latin, Greek
 * or Cyrillic letter's, else its default (DFLT, then latn) when all are punctuation, digits and marks.
 */
const PLAIN_SCRIPTS = new Set(['DFLT', 'dflt', 'latn', 'grek', 'cyrl']);

/**
 * Every glyph a substitution of the shaper's features can start at, in those scripts' default language
 * (fontkit is never given a language); null when the table is not understood — then always shape.
 */
function substitutedGlyphs(font: Font): Set<number> | null {
  const gsub = (font as unknown as { GSUB?: Gsub }).GSUB;
  const glyphs = new Set<number>();
  if (!gsub) return glyphs;
  try {
    const lookups = list(gsub.lookupList);
    for (const { tag, script } of gsub.scriptList) {
      if (!PLAIN_SCRIPTS.has(tag)) continue;
      for (const index of script.defaultLangSys.featureIndexes) {
        const feature = gsub.featureList[index]!;
        if (!SHAPER_FEATURES.has(feature.tag)) continue;
        for (const l of feature.feature.lookupListIndexes)
          for (const table of list(lookups[l]!.subTables)) addFirstGlyphs(table, glyphs);
      }
    }
    return glyphs;
  } catch {
    return null;
  }
}

/**
 * Characters of the Latin, Greek and Cyrillic blocks and the common punctuation, symbols and marks
 * (Braille aside: a script of its own), less the default-ignorable ones fontkit hides after shaping.
 */
function plainCodePoint(cp: number): boolean {
  if (cp === 0x00ad || cp === 0x034f || (cp >= 0x200b && cp <= 0x200f)) return false;
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f)) return false;
  if (cp < 0x0530 || (cp >= 0x1d00 && cp <= 0x1dbf) || (cp >= 0x1e00 && cp <= 0x27ff)) return true;
  return cp >= 0x2900 && cp <= 0x2bff;
}

type Glyphs = Array<{ id: number }>;

/** The font's glyphs for `text` when shaping would return them unchanged, else null (shape it). */
export function plainLayout(font: Font): (text: string) => Glyphs | null {
  const substituted = substitutedGlyphs(font);
  const glyphsFor = (font as unknown as { glyphsForString(text: string): Glyphs }).glyphsForString.bind(font);
  return (text) => {
    if (!substituted) return null;
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      if (!plainCodePoint(cp)) return null;
      if (cp > 0xffff) i++;
    }
    const glyphs = glyphsFor(text);
    for (const g of glyphs) if (substituted.has(g.id)) return null;
    return glyphs;
  };
}
