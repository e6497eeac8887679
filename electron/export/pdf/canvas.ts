// Drawing on one page, in points from the page's top-left corner (y grows down, as the layout thinks).
// Operators are written as content-stream text and compressed once per page in flush(): pdf-lib's
// drawText builds a dozen operator objects per call, which made table pages ~4× slower. Texts drawn
// one after another share a text object (BT … ET) and their font: a journal page's cell is
// «1 0 0 1 x y Tm <0012> Tj», not a BT/Tf/…/ET of its own — less to build and to compress. Each is
// placed by its own matrix, not by a move from the one before: the same numbers as always, so a
// viewer puts every glyph on exactly the same spot (moves add up in floating point).
import zlib from 'node:zlib';
import type { PDFDocument, PDFPage } from 'pdf-lib';
import { pdfLib } from '../lazy-modules.js';
import { FONT_KEYS, type FontSet, type FontStyle } from './fonts.js';

/** A grey level 0 (black) … 1 (white), or RGB components 0…1. */
export type Color = number | readonly [number, number, number];

export const BLACK: Color = 0;
export const GREY_TEXT: Color = 0.35;
export const GREY_LINE: Color = 0.45;
/** Shading for a cell that does not count (a student not on the roster that day). */
export const GREY_FILL: Color = 0.85;
export const HEADER_FILL: Color = 0.93;

export type Align = 'left' | 'center' | 'right';

/** Millimetres to points. */
export const mm = (value: number): number => (value * 72) / 25.4;

/** Where a line of textWidth starts inside a box of boxWidth. */
export function alignOffset(align: Align, boxWidth: number, textWidth: number): number {
  if (align === 'center') return (boxWidth - textWidth) / 2;
  if (align === 'right') return boxWidth - textWidth;
  return 0;
}

export interface LineStyle {
  width?: number;
  color?: Color;
  /** Dash and gap lengths in points, e.g. [4, 3] for a cut line. */
  dash?: readonly number[];
}

/** Rounds to 1/100 pt: enough for print, and keeps the content stream short. The same text as
 *  String(Math.round(value * 100) / 100), put together from integers: a page writes thousands of numbers, and
 *  printing a fraction took 4–5 times as long (a journal page's numbers were 2 % of the archive's CPU). */
export function num(value: number): string {
  const r = Math.round(value * 100);
  if (r % 100 === 0 || !(Math.abs(r) < 1e15)) return String(r / 100);
  const a = r < 0 ? -r : r;
  const cents = a % 100;
  const fraction = cents < 10 ? `.0${cents}` : cents % 10 === 0 ? `.${cents / 10}` : `.${cents}`;
  return `${r < 0 ? '-' : ''}${(a - cents) / 100}${fraction}`;
}

const greyOps = [new Map<number, string>(), new Map<number, string>()];

/** The operator setting a colour (a grey's is made once: a page sets one per text). */
function colorOp(color: Color, stroke: boolean): string {
  if (typeof color === 'number') {
    const made = greyOps[stroke ? 1 : 0]!;
    let op = made.get(color);
    if (op === undefined) made.set(color, (op = `${num(color)} ${stroke ? 'G' : 'g'}`));
    return op;
  }
  return `${num(color[0])} ${num(color[1])} ${num(color[2])} ${stroke ? 'RG' : 'rg'}`;
}

export class PageCanvas {
  private readonly ops: string[] = [];
  private fill = '0 g';
  private stroke = '0 G';
  private lineWidth = 1;
  private dash = '';
  /** Inside a text object (BT), and the font set («/FR 7.5»): its key and size, to compare without a string. */
  private inText = false;
  private textFont = '';
  private textKey = '';
  private textSize = NaN;
  // Cached: pdf-lib's getHeight() walks the page dictionary on every call.
  readonly width: number;
  readonly height: number;

  constructor(
    readonly page: PDFPage,
    readonly fonts: FontSet,
  ) {
    for (const style of fonts.styles())
      page.node.setFontDictionary(pdfLib().PDFName.of(FONT_KEYS[style]), fonts.font(style).ref);
    const { width, height } = page.getSize();
    this.width = width;
    this.height = height;
  }

  /** Draws one line of text with its baseline at y. */
  text(text: string, x: number, y: number, size: number, style: FontStyle = 'regular', color: Color = BLACK): void {
    if (text === '') return;
    this.setFill(color);
    const op = this.beginText(style, size);
    this.ops.push(`${op}1 0 0 1 ${num(x)} ${num(this.height - y)} Tm ${this.fonts.encode(text, style)} Tj`);
  }

  /** Draws text turned 90° anticlockwise (read bottom to top), its baseline on the vertical x, starting at y. */
  textUp(text: string, x: number, y: number, size: number, style: FontStyle = 'regular', color: Color = BLACK): void {
    if (text === '') return;
    this.setFill(color);
    const op = this.beginText(style, size);
    this.ops.push(`${op}0 1 -1 0 ${num(x)} ${num(this.height - y)} Tm ${this.fonts.encode(text, style)} Tj`);
  }

  /** Opens a text object if none is open and sets the font if it changes; returns those operators. */
  private beginText(style: FontStyle, size: number): string {
    let op = '';
    if (!this.inText) {
      op = 'BT ';
      this.inText = true;
    }
    const key = FONT_KEYS[this.fonts.has(style) ? style : 'regular'];
    if (key === this.textKey && size === this.textSize && this.textFont !== '') return op;
    const font = `/${key} ${num(size)}`;
    this.textKey = key;
    this.textSize = size;
    if (font !== this.textFont) {
      op += `${font} Tf `;
      this.textFont = font;
    }
    return op;
  }

  /** Ends the open text object: paths and clipping are not allowed inside one. */
  private endText(): void {
    if (!this.inText) return;
    this.ops.push('ET');
    this.inText = false;
  }

  line(x1: number, y1: number, x2: number, y2: number, style: LineStyle = {}): void {
    this.endText();
    this.setStroke(style);
    this.ops.push(`${num(x1)} ${num(this.height - y1)} m ${num(x2)} ${num(this.height - y2)} l S`);
  }

  /** Many straight segments in one path: [x1, y1, x2, y2, x1, y1, x2, y2, …] (a table row's grid). */
  segments(coords: readonly number[], style: LineStyle = {}): void {
    if (coords.length < 4) return;
    this.endText();
    this.setStroke(style);
    const parts: string[] = [];
    for (let i = 0; i + 3 < coords.length; i += 4) {
      parts.push(
        `${num(coords[i]!)} ${num(this.height - coords[i + 1]!)} m ${num(coords[i + 2]!)} ` +
          `${num(this.height - coords[i + 3]!)} l`,
      );
    }
    this.ops.push(`${parts.join(' ')} S`);
  }

  /** A rectangle with its top-left corner at (x, y): filled, stroked or both. */
  rect(x: number, y: number, w: number, h: number, options: { fill?: Color; stroke?: LineStyle } = {}): void {
    this.endText();
    const path = `${num(x)} ${num(this.height - y - h)} ${num(w)} ${num(h)} re`;
    if (options.fill !== undefined) this.setFill(options.fill);
    if (options.stroke) this.setStroke(options.stroke);
    const paint = options.fill !== undefined ? (options.stroke ? 'B' : 'f') : options.stroke ? 'S' : 'n';
    this.ops.push(`${path} ${paint}`);
  }

  /** Runs draw() with everything outside the rectangle clipped away. */
  clipped(x: number, y: number, w: number, h: number, draw: () => void): void {
    this.endText();
    this.ops.push(`q ${num(x)} ${num(this.height - y - h)} ${num(w)} ${num(h)} re W n`);
    const saved = [this.fill, this.stroke, this.lineWidth, this.dash] as const;
    draw();
    this.endText();
    this.ops.push('Q');
    // Q restores the font too (text state is graphics state): set it again on the next text.
    [this.fill, this.stroke, this.lineWidth, this.dash, this.textFont] = [...saved, ''];
  }

  /** Writes the page's content stream into the document; call once, when the page is complete. */
  flush(doc: PDFDocument): void {
    this.endText();
    if (this.ops.length === 0) return;
    // Node's zlib rather than pdf-lib's pako: same output format, several times faster. The stream is
    // ASCII only (text goes in as hex glyph ids), so latin1 is exact. Level 3: on these operator streams
    // about four times faster than the default 6 for a page a third larger — an archive flushes 8,000 pages.
    const compressed = zlib.deflateSync(Buffer.from(this.ops.join('\n'), 'latin1'), { level: 3 });
    const stream = doc.context.stream(compressed, { Filter: 'FlateDecode' });
    this.page.node.addContentStream(doc.context.register(stream));
    this.ops.length = 0;
  }

  private setFill(color: Color): void {
    const op = colorOp(color, false);
    if (op !== this.fill) {
      this.ops.push(op);
      this.fill = op;
    }
  }

  private setStroke(style: LineStyle): void {
    const op = colorOp(style.color ?? BLACK, true);
    if (op !== this.stroke) {
      this.ops.push(op);
      this.stroke = op;
    }
    const width = style.width ?? 0.5;
    if (width !== this.lineWidth) {
      this.ops.push(`${num(width)} w`);
      this.lineWidth = width;
    }
    const dash = style.dash && style.dash.length > 0 ? `[${style.dash.map(num).join(' ')}] 0 d` : '[] 0 d';
    if (dash !== (this.dash || '[] 0 d')) this.ops.push(dash);
    this.dash = dash;
  }
}
