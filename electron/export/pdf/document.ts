// An A4 document that flows top to bottom: running header, footer with «Стр. N из M», page breaks.
import type { PDFDocument } from 'pdf-lib';
import { pdfLib } from '../lazy-modules.js';
import { ruDateTime } from '../../domain/format-dates.js';
import { PageCanvas, GREY_LINE, GREY_TEXT, alignOffset, mm, type Align, type Color } from './canvas.js';
import { FontSet, type FontFamily, type FontStyle } from './fonts.js';
import { drawTable, type TableSpec } from './table.js';
import {
  drawCertification,
  drawSignatures,
  type Certification,
  type Signer,
  type SignatureOptions,
} from './signature.js';
import { drawSlips, type SlipsOptions } from './slips.js';

export type Orientation = 'portrait' | 'landscape';
export type { Align };

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PdfOptions {
  title: string;
  orientation: Orientation;
  /** The institution's short name, printed at the left of the running header. */
  institution: string;
  /** A second line under the title on page 1: group, subject, period… */
  subtitle?: string;
  /** When the data was taken; printed in every footer. */
  formedAt: Date;
  /** Condensed fits more into table cells; the default. */
  family?: FontFamily;
  /** Embed DejaVu Sans Mono too (logins and passwords, key fingerprints). */
  mono?: boolean;
  /** In points; defaults leave 20 mm for binding at the left. */
  margins?: Partial<Margins>;
  /** Print the title (and subtitle) as a heading at the top of page 1; default true. */
  titleBlock?: boolean;
}

export interface TextOptions {
  size?: number;
  bold?: boolean;
  mono?: boolean;
  align?: Align;
  color?: Color;
  /** Extra left indent in points. */
  indent?: number;
  /** Space after the paragraph in points; default a third of the size. */
  after?: number;
}

const HEADER_SIZE = 7.5;
const HEADER_BAND = 16;
const FOOTER_BAND = 18;

export async function createPdf(options: PdfOptions): Promise<PdfBuilder> {
  const doc = await pdfLib().PDFDocument.create();
  const fonts = await FontSet.embed(doc, options.family ?? 'condensed', options.mono ?? false);
  doc.setTitle(options.title);
  doc.setAuthor(options.institution);
  doc.setSubject(options.subtitle ?? options.title);
  doc.setCreator('Журнал');
  doc.setProducer('Журнал (pdf-lib)');
  doc.setLanguage('ru-RU');
  doc.setCreationDate(options.formedAt);
  doc.setModificationDate(options.formedAt);
  return new PdfBuilder(doc, fonts, options);
}

export class PdfBuilder {
  readonly fonts: FontSet;
  readonly margins: Margins;
  private readonly pages: PageCanvas[] = [];
  private current: PageCanvas | null = null;
  private cursor = 0;
  private finished = false;

  constructor(
    readonly doc: PDFDocument,
    fonts: FontSet,
    readonly options: PdfOptions,
  ) {
    this.fonts = fonts;
    const landscape = options.orientation === 'landscape';
    this.margins = { top: mm(10), bottom: mm(10), left: mm(landscape ? 15 : 20), right: mm(10), ...options.margins };
    if (options.titleBlock !== false) {
      this.text(options.title, { size: 13, bold: true, align: 'center', after: options.subtitle ? 2 : 8 });
      if (options.subtitle) this.text(options.subtitle, { size: 10, align: 'center', after: 8 });
    }
  }

  get pageWidth(): number {
    return this.options.orientation === 'landscape' ? pdfLib().PageSizes.A4[1] : pdfLib().PageSizes.A4[0];
  }

  get pageHeight(): number {
    return this.options.orientation === 'landscape' ? pdfLib().PageSizes.A4[0] : pdfLib().PageSizes.A4[1];
  }

  get left(): number {
    return this.margins.left;
  }
  get right(): number {
    return this.pageWidth - this.margins.right;
  }
  get contentWidth(): number {
    return this.right - this.left;
  }
  /** The first y of the body on every page (below the running header). */
  get top(): number {
    return this.margins.top + HEADER_BAND;
  }
  /** The last y of the body on every page (above the footer). */
  get bottom(): number {
    return this.pageHeight - this.margins.bottom - FOOTER_BAND;
  }
  get bodyHeight(): number {
    return this.bottom - this.top;
  }

  /** The page being written, started on first use. */
  get page(): PageCanvas {
    return this.current ?? this.newPage();
  }

  /** Where the next block starts on the current page (points from the top). */
  get y(): number {
    if (!this.current) this.newPage();
    return this.cursor;
  }

  set y(value: number) {
    if (!this.current) this.newPage();
    this.cursor = value;
  }

  get pageCount(): number {
    return this.pages.length;
  }

  /**
   * Draws on an earlier page from its top — a contents page kept blank until the pages it lists are known — and comes
   * back to where the document stood. What is drawn must fit that page.
   */
  revisit(index: number, draw: () => void): this {
    const page = this.pages[index];
    if (!page) throw new RangeError(`PDF: нет страницы ${index + 1}`);
    const saved = { current: this.current, cursor: this.cursor, count: this.pages.length };
    this.current = page;
    this.cursor = this.top;
    draw();
    if (this.pages.length !== saved.count) throw new Error('PDF: содержимое не поместилось на отведённую страницу');
    this.current = saved.current;
    this.cursor = saved.cursor;
    return this;
  }

  /** Space left on the current page. */
  get remaining(): number {
    return this.bottom - this.y;
  }

  /** Starts a new page; the previous one is compressed and written now, its footer comes in finish(). */
  newPage(): PageCanvas {
    this.assertOpen();
    this.current?.flush(this.doc);
    const page = this.doc.addPage([this.pageWidth, this.pageHeight]);
    this.current = new PageCanvas(page, this.fonts);
    this.pages.push(this.current);
    this.drawRunningHeader(this.current);
    this.cursor = this.top;
    return this.current;
  }

  /** Breaks the page unless `height` more points fit; true when it did. */
  ensureSpace(height: number): boolean {
    if (this.current && this.cursor + height <= this.bottom + 0.01) return false;
    if (this.current && this.cursor <= this.top + 0.01) return false; // already at the top: no use breaking
    this.newPage();
    return true;
  }

  /** A paragraph, word-wrapped to the body width, breaking pages between lines. */
  text(value: unknown, options: TextOptions = {}): this {
    const size = options.size ?? 10;
    const style: FontStyle = options.mono ? 'mono' : options.bold ? 'bold' : 'regular';
    const indent = options.indent ?? 0;
    const width = this.contentWidth - indent;
    const lineHeight = this.fonts.lineHeight(size);
    const baseline = this.fonts.baseline(size);
    for (const line of this.fonts.wrap(value, width, size, style)) {
      this.ensureSpace(lineHeight);
      const lineWidth = this.fonts.width(line, size, style);
      const x = this.left + indent + alignOffset(options.align ?? 'left', width, lineWidth);
      this.page.text(line, x, this.cursor + baseline, size, style, options.color);
      this.cursor += lineHeight;
    }
    this.cursor += options.after ?? size / 3;
    return this;
  }

  /** A bold heading kept together with at least `keepWithNext` points of what follows. */
  heading(value: unknown, options: { level?: 1 | 2 | 3; align?: Align; keepWithNext?: number } = {}): this {
    const size = [13, 11.5, 10][(options.level ?? 2) - 1] ?? 11.5;
    const lines = this.fonts.wrap(value, this.contentWidth, size, 'bold').length;
    if (this.cursor > this.top + 0.01) this.spacer(size * 0.5);
    this.ensureSpace(lines * this.fonts.lineHeight(size) + (options.keepWithNext ?? 40));
    return this.text(value, { size, bold: true, align: options.align, after: size * 0.4 });
  }

  /** Vertical space; never carried over to the top of a new page. */
  spacer(height = 6): this {
    if (this.cursor + height > this.bottom) this.ensureSpace(this.bodyHeight);
    else this.y += height;
    return this;
  }

  /** A thin horizontal rule across the body. */
  rule(color: Color = GREY_LINE): this {
    this.ensureSpace(4);
    this.page.line(this.left, this.cursor + 2, this.right, this.cursor + 2, { width: 0.5, color });
    this.cursor += 4;
    return this;
  }

  table(spec: TableSpec): this {
    drawTable(this, spec);
    return this;
  }

  /** «Должность ____ /Фамилия И. О./» lines and a date line. */
  signatureBlock(rows: readonly Signer[], options?: SignatureOptions): this {
    drawSignatures(this, rows, options);
    return this;
  }

  /** «Копия верна», position, signature line, name and date, as on a certified paper copy. */
  certificationBlock(certification: Certification): this {
    drawCertification(this, certification);
    return this;
  }

  /** Pages of cut-apart slips (several per sheet with dashed cut lines). */
  slips<Item>(items: Iterable<Item>, options: SlipsOptions<Item>): this {
    drawSlips(this, items, options);
    return this;
  }

  /** Draws the footers (now that M is known) and returns the PDF's bytes. */
  async finish(): Promise<Uint8Array> {
    this.assertOpen();
    if (this.pages.length === 0) this.newPage();
    this.current?.flush(this.doc);
    const formed = `Сформировано ${ruDateTime(this.options.formedAt)}`;
    const total = this.pages.length;
    this.pages.forEach((page, index) => {
      this.drawFooter(page, formed, `Стр. ${index + 1} из ${total}`);
      page.flush(this.doc);
    });
    this.finished = true;
    // pdf-lib otherwise waits a timer tick every 50 objects: idle time in a worker that only renders.
    return this.doc.save({ useObjectStreams: true, objectsPerTick: Number.POSITIVE_INFINITY });
  }

  private drawRunningHeader(page: PageCanvas): void {
    const y = this.margins.top + HEADER_SIZE;
    const half = this.contentWidth / 2 - 6;
    const institution = this.fonts.fit(this.options.institution, half, HEADER_SIZE);
    const title = this.fonts.fit(this.options.title, half, HEADER_SIZE);
    page.text(institution, this.left, y, HEADER_SIZE, 'regular', GREY_TEXT);
    page.text(title, this.right - this.fonts.width(title, HEADER_SIZE), y, HEADER_SIZE, 'regular', GREY_TEXT);
    page.line(this.left, y + 3.5, this.right, y + 3.5, { width: 0.4, color: GREY_LINE });
  }

  private drawFooter(page: PageCanvas, left: string, right: string): void {
    const y = this.pageHeight - this.margins.bottom;
    page.line(this.left, y - HEADER_SIZE - 4, this.right, y - HEADER_SIZE - 4, { width: 0.4, color: GREY_LINE });
    page.text(left, this.left, y - 1.5, HEADER_SIZE, 'regular', GREY_TEXT);
    page.text(right, this.right - this.fonts.width(right, HEADER_SIZE), y - 1.5, HEADER_SIZE, 'regular', GREY_TEXT);
  }

  private assertOpen(): void {
    if (this.finished) throw new Error('PDF уже сформирован: finish() вызывается один раз');
  }
}
