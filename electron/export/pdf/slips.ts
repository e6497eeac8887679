// Several slips on a sheet, separated by dashed cut lines: credential slips for students and
// parents (login and password), invitation cards and the like. Each slip is drawn by the caller.
import type { PdfBuilder } from './document.js';
import { GREY_LINE, alignOffset, type Align, type Color, type PageCanvas } from './canvas.js';
import type { FontStyle } from './fonts.js';

export interface SlipsOptions<Item> {
  /** Slips per sheet; default 6 (portrait 2 × 3, landscape 3 × 2). */
  perPage?: number;
  /** Slips across; default 2 on a portrait sheet, perPage / 2 on a landscape one. */
  columns?: number;
  /** Inner padding of a slip in points; default 12. */
  padding?: number;
  draw(slot: Slot, item: Item): void;
}

export interface SlotTextOptions {
  size?: number;
  bold?: boolean;
  mono?: boolean;
  align?: Align;
  color?: Color;
  /** Space after, default a third of the size. */
  after?: number;
}

/** One slip's rectangle with a flowing cursor; everything drawn is clipped to the slip. */
export class Slot {
  /** The next line's top, in page coordinates. */
  y: number;

  constructor(
    private readonly pdf: PdfBuilder,
    /** Which item this is, from 0. */
    readonly index: number,
    readonly x: number,
    readonly top: number,
    readonly width: number,
    readonly height: number,
    readonly padding: number,
  ) {
    this.y = top + padding;
  }

  get canvas(): PageCanvas {
    return this.pdf.page;
  }

  get innerLeft(): number {
    return this.x + this.padding;
  }
  get innerWidth(): number {
    return this.width - 2 * this.padding;
  }
  get bottom(): number {
    return this.top + this.height - this.padding;
  }

  /** Wrapped text flowing down the slip. */
  text(value: unknown, options: SlotTextOptions = {}): this {
    const size = options.size ?? 10;
    const style: FontStyle = options.mono ? 'mono' : options.bold ? 'bold' : 'regular';
    const fonts = this.pdf.fonts;
    for (const line of fonts.wrap(value, this.innerWidth, size, style)) {
      const x = this.innerLeft + alignOffset(options.align ?? 'left', this.innerWidth, fonts.width(line, size, style));
      this.canvas.text(line, x, this.y + fonts.baseline(size), size, style, options.color);
      this.y += fonts.lineHeight(size);
    }
    this.y += options.after ?? size / 3;
    return this;
  }

  /** «Логин:  ivanov.p» — a grey label and a value (in mono when embedded, so l/1 and O/0 differ). */
  field(label: string, value: string, options: { size?: number; labelWidth?: number } = {}): this {
    const size = options.size ?? 11;
    const fonts = this.pdf.fonts;
    // A common minimum width lines up the values of «Логин:» and «Пароль:» one under the other.
    const labelWidth = options.labelWidth ?? Math.max(fonts.width(label, size * 0.85) + 8, size * 5);
    const style: FontStyle = fonts.has('mono') ? 'mono' : 'bold';
    const base = this.y + fonts.baseline(size);
    this.canvas.text(label, this.innerLeft, base, size * 0.85, 'regular', 0.3);
    this.canvas.text(
      fonts.fit(value, this.innerWidth - labelWidth, size, style),
      this.innerLeft + labelWidth,
      base,
      size,
      style,
    );
    this.y += fonts.lineHeight(size) + size / 3;
    return this;
  }

  spacer(height = 6): this {
    this.y += height;
    return this;
  }
}

/**
 * Lays the items out perPage to a sheet with dashed cut lines around each. Slips start on a fresh page
 * unless the current one is still empty: make a sheet of slips with `titleBlock: false`.
 */
export function drawSlips<Item>(pdf: PdfBuilder, items: Iterable<Item>, options: SlipsOptions<Item>): void {
  const perPage = Math.max(1, Math.floor(options.perPage ?? 6));
  const landscape = pdf.pageWidth > pdf.pageHeight;
  const cols = Math.max(
    1,
    Math.min(perPage, options.columns ?? (landscape ? Math.ceil(perPage / 2) : perPage > 1 ? 2 : 1)),
  );
  const rows = Math.ceil(perPage / cols);
  const width = pdf.contentWidth / cols;
  let index = 0;
  let top = 0;
  let height = 0;
  for (const item of items) {
    const slotOnPage = index % perPage;
    if (slotOnPage === 0) {
      if (index > 0 || pdf.y > pdf.top + 0.01) pdf.newPage();
      top = pdf.y;
      height = (pdf.bottom - top) / rows;
      drawCutLines(pdf, top, cols, rows, width, height);
    }
    const x = pdf.left + (slotOnPage % cols) * width;
    const y = top + Math.floor(slotOnPage / cols) * height;
    const slot = new Slot(pdf, index, x, y, width, height, options.padding ?? 12);
    pdf.page.clipped(x, y, width, height, () => options.draw(slot, item));
    index++;
  }
  if (index > 0) pdf.y = pdf.bottom;
}

function drawCutLines(pdf: PdfBuilder, top: number, cols: number, rows: number, width: number, height: number): void {
  const page = pdf.page;
  const dashed = { width: 0.5, color: GREY_LINE, dash: [4, 3] } as const;
  const coords: number[] = [];
  for (let r = 0; r <= rows; r++) coords.push(pdf.left, top + r * height, pdf.right, top + r * height);
  for (let c = 0; c <= cols; c++) coords.push(pdf.left + c * width, top, pdf.left + c * width, top + rows * height);
  page.segments(coords, dashed);
  // Scissors on the inner horizontal cut lines, just inside the left edge.
  for (let r = 1; r < rows; r++) {
    page.rect(pdf.left + 2, top + r * height - 5, 13, 10, { fill: 1 });
    page.text('✂', pdf.left + 3, top + r * height + 3.2, 9, 'regular', GREY_LINE);
  }
}
