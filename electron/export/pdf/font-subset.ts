// The TrueType subset embedded in each document, written byte for byte as fontkit's TTFSubset writes it
// (a test compares the two), but from bytes kept per font: fontkit encodes every table through its
// generic struct encoder, number by number — DejaVu's hinting programs (fpgm, prep, cvt) alone are
// thousands of numbers per document — and hands the result over through a stream whose every tick is
// a timer. Here the unchanged tables are copied, head, hhea and maxp get their one changed field, the
// glyphs are copied with their components renumbered, and the bytes are ready at once.
import { Readable } from 'node:stream';
import type { Font } from '@pdf-lib/fontkit';

/** What pdf-lib uses of fontkit's subset: glyph ids are given out by includeGlyph, the bytes by encodeStream. */
interface Subset {
  glyphs: number[];
  includeGlyph(glyph: number | { id: number }): number;
  encodeStream(): NodeJS.ReadableStream;
}

interface FontInternals {
  createSubset(): Subset;
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  stream: { buffer: Uint8Array };
  loca: { offsets: number[] };
  _variationProcessor?: unknown;
  getGlyph(id: number): { advanceWidth: number; _getMetrics(): { leftBearing: number } };
}

/** A glyph as the subset copies it: its outline bytes, where its components' ids sit, and its metrics. */
interface GlyphData {
  bytes: Uint8Array;
  components: Array<{ at: number; glyph: number }>;
  advance: number;
  bearing: number;
}

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** The tables in the order fontkit writes them; those the font lacks are left out, as fontkit does. */
const TABLES = ['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm'] as const;

class SubsetWriter {
  private readonly glyphs = new Map<number, GlyphData>();
  private readonly raw: Record<string, Uint8Array | undefined> = {};
  private readonly glyf: { offset: number; length: number };

  constructor(private readonly font: FontInternals) {
    const bytes = font.stream.buffer;
    for (const tag of ['head', 'hhea', 'maxp', 'cvt ', 'prep', 'fpgm']) {
      const t = font.directory.tables[tag];
      if (t) this.raw[tag] = bytes.subarray(t.offset, t.offset + t.length);
    }
    this.glyf = font.directory.tables.glyf!;
  }

  /** Whether this font is one the writer reproduces fontkit for (hinted TrueType outlines, no variations). */
  static fits(font: FontInternals): boolean {
    const t = font.directory?.tables;
    return !!t && !!t.glyf && !!t.loca && !!t.head && !!t.hhea && !!t.maxp && !font._variationProcessor;
  }

  private glyph(id: number): GlyphData {
    let data = this.glyphs.get(id);
    if (data) return data;
    const start = this.font.loca.offsets[id]!;
    const end = this.font.loca.offsets[id + 1]!;
    const bytes = this.font.stream.buffer.subarray(this.glyf.offset + start, this.glyf.offset + end);
    const components: GlyphData['components'] = [];
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length >= 10 && view.getInt16(0) < 0) {
      let at = 10;
      let flags = MORE_COMPONENTS;
      while (flags & MORE_COMPONENTS) {
        flags = view.getUint16(at);
        components.push({ at: at + 2, glyph: view.getUint16(at + 2) });
        at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
        if (flags & WE_HAVE_A_SCALE) at += 2;
        else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
        else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
      }
    }
    const glyph = this.font.getGlyph(id);
    data = { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
    this.glyphs.set(id, data);
    return data;
  }

  /** The subset's font file: the same bytes fontkit's TTFSubset.encode writes. */
  write(subset: Subset): Uint8Array {
    const parts: Uint8Array[] = [];
    const offsets: number[] = [];
    const metrics: Array<[number, number]> = [];
    let offset = 0;
    // Components are added to the subset as they are met, so the list grows while it is walked.
    for (let i = 0; i < subset.glyphs.length; i++) {
      const data = this.glyph(subset.glyphs[i]!);
      let bytes = data.bytes;
      if (data.components.length > 0) {
        bytes = new Uint8Array(data.bytes);
        const view = new DataView(bytes.buffer);
        for (const c of data.components) view.setUint16(c.at, subset.includeGlyph(c.glyph));
      }
      parts.push(bytes);
      offsets.push(offset);
      metrics.push([data.advance, data.bearing]);
      offset += bytes.length;
    }
    offsets.push(offset);
    const longLoca = offset > 0xffff;
    const loca = new Uint8Array(offsets.length * (longLoca ? 4 : 2));
    const locaView = new DataView(loca.buffer);
    offsets.forEach((o, i) => (longLoca ? locaView.setUint32(i * 4, o) : locaView.setUint16(i * 2, o >>> 1)));
    const hmtx = new Uint8Array(metrics.length * 4);
    const hmtxView = new DataView(hmtx.buffer);
    metrics.forEach(([advance, bearing], i) => {
      hmtxView.setUint16(i * 4, advance);
      hmtxView.setInt16(i * 4 + 2, bearing);
    });
    const glyf = Buffer.concat(parts);
    const tables: Record<string, Uint8Array | undefined> = {
      head: patched(this.raw.head!, 50, longLoca ? 1 : 0),
      hhea: patched(this.raw.hhea!, 34, metrics.length),
      loca,
      maxp: patched(this.raw.maxp!, 4, metrics.length),
      'cvt ': this.raw['cvt '],
      prep: this.raw.prep,
      glyf,
      hmtx,
      fpgm: this.raw.fpgm,
    };
    return directory(TABLES.filter((tag) => tables[tag]).map((tag) => [tag, tables[tag]!] as const));
  }
}

/** A copy of a table with one 16-bit field set. */
function patched(table: Uint8Array, at: number, value: number): Uint8Array {
  const copy = new Uint8Array(table);
  new DataView(copy.buffer).setUint16(at, value);
  return copy;
}

/** The font file: fontkit's header ('true', no checksums) and the tables one after another, unpadded. */
function directory(tables: ReadonlyArray<readonly [string, Uint8Array]>): Uint8Array {
  const n = tables.length;
  const exponent = Math.floor(Math.log(n) / Math.LN2);
  const searchRange = 2 ** exponent * 16;
  const head = Buffer.alloc(12 + 16 * n);
  head.write('true', 0, 'latin1');
  head.writeUInt16BE(n, 4);
  head.writeUInt16BE(searchRange, 6);
  head.writeUInt16BE(exponent, 8);
  head.writeUInt16BE(n * 16 - searchRange, 10);
  let offset = head.length;
  tables.forEach(([tag, bytes], i) => {
    head.write(tag, 12 + i * 16, 'latin1');
    head.writeUInt32BE(offset, 12 + i * 16 + 8);
    head.writeUInt32BE(bytes.length, 12 + i * 16 + 12);
    offset += bytes.length;
  });
  return Buffer.concat([head, ...tables.map(([, bytes]) => bytes)]);
}

/** Makes the font's subsets write their bytes here (fonts the writer does not fit keep fontkit's own). */
export function fastSubsets<F extends Font>(font: F): F {
  const internals = font as unknown as FontInternals;
  if (!SubsetWriter.fits(internals)) return font;
  const writer = new SubsetWriter(internals);
  const create = internals.createSubset.bind(font);
  internals.createSubset = () => {
    const subset = create();
    subset.encodeStream = () => Readable.from([writer.write(subset)]);
    return subset;
  };
  return font;
}

/** fontkit's own bytes for a subset, for the test that holds the writer to them. */
export function fontkitSubsetBytes(subset: Subset & { encode(stream: unknown): void }): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = [];
    const proto = Object.getPrototypeOf(subset) as { encodeStream(this: Subset): NodeJS.ReadableStream };
    proto.encodeStream
      .call(subset)
      .on('data', (b: Uint8Array) => parts.push(b))
      .on('end', () => resolve(Buffer.concat(parts)))
      .on('error', reject);
  });
}
