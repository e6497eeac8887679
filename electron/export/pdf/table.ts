// Tables: fixed or flexible column widths, header rows repeated on every page, word-wrapped cells,
// vertical header text for narrow date columns, shading, and rows kept whole across page breaks.
import type { PdfBuilder } from './document.js';
import { GREY_LINE, HEADER_FILL, alignOffset, type Align, type Color } from './canvas.js';
import type { FontStyle } from './fonts.js';

export type CellValue = string | number | null | undefined;

export interface CellSpec {
  text: CellValue;
  /** Background, e.g. GREY_FILL for a student not on the roster that day. */
  fill?: Color;
  bold?: boolean;
  color?: Color;
  align?: Align;
  colSpan?: number;
  /** Header rows only. */
  rowSpan?: number;
  /** Text turned 90° (reads bottom to top). */
  vertical?: boolean;
}

export type Cell = CellValue | CellSpec;

export interface TableRow {
  cells: readonly Cell[];
  fill?: Color;
  bold?: boolean;
}

export interface TableColumn {
  /** Width in points (see mm()). */
  width?: number;
  /** Share of the width the fixed columns leave; 1 when width is not given. */
  flex?: number;
  /** Body cells' alignment; default left. */
  align?: Align;
  /** Header cells' alignment; default center. */
  headerAlign?: Align;
  /** Turn this column's header text 90°, as the paper journal prints dates. */
  verticalHeader?: boolean;
}

export interface TableSpec {
  columns: readonly TableColumn[];
  /** One header row, or several (cells may span columns and rows); repeated on every page. */
  header?: readonly (readonly Cell[])[] | readonly Cell[];
  rows: Iterable<readonly Cell[] | TableRow>;
  /** Default 8 pt. */
  fontSize?: number;
  headerFontSize?: number;
  /** Cell padding in points; default 2. */
  padding?: number;
  /** Default: the body width. */
  width?: number;
  headerFill?: Color;
  /** The longest a vertical header line may be before it wraps; default 70 pt. */
  verticalHeaderMax?: number;
  /** Space after the table; default 6 pt. */
  after?: number;
}

const MIN_FLEX_WIDTH = 20;
/** The lines of a column a row leaves empty (never changed). */
const NO_LINES: string[] = [];
const GRID = { width: 0.4, color: GREY_LINE } as const;

/** A cell measured and placed: its lines, box and look. */
interface Laid {
  x: number;
  width: number;
  lines: string[];
  style: FontStyle;
  align: Align;
  vertical: boolean;
  fill: Color | undefined;
  color: Color | undefined;
}

interface HeaderCell extends Laid {
  row: number;
  rowSpan: number;
}

function toSpec(cell: Cell): CellSpec {
  return cell !== null && typeof cell === 'object' ? cell : { text: cell };
}

/** Column widths in points: fixed ones as given (scaled down if they overflow), flexible share the rest. */
export function columnWidths(columns: readonly TableColumn[], available: number): number[] {
  const fixed = columns.reduce((sum, c) => sum + (c.width ?? 0), 0);
  const flexes = columns.map((c) => (c.width === undefined ? (c.flex ?? 1) : (c.flex ?? 0)));
  const flexSum = flexes.reduce((a, b) => a + b, 0);
  const room = available - (flexSum > 0 ? MIN_FLEX_WIDTH * flexes.filter((f) => f > 0).length : 0);
  const scale = fixed > room && fixed > 0 ? Math.max(room, 0) / fixed : 1;
  const rest = Math.max(available - fixed * scale, 0);
  return columns.map((c, i) => (c.width ?? 0) * scale + (flexSum > 0 ? (rest * flexes[i]!) / flexSum : 0));
}

export function drawTable(pdf: PdfBuilder, spec: TableSpec): void {
  const fonts = pdf.fonts;
  const size = spec.fontSize ?? 8;
  const headerSize = spec.headerFontSize ?? size;
  const pad = spec.padding ?? 2;
  const lh = fonts.lineHeight(size);
  const widths = columnWidths(spec.columns, spec.width ?? pdf.contentWidth);
  const xs: number[] = [pdf.left];
  for (const w of widths) xs.push(xs[xs.length - 1]! + w);
  const tableRight = xs[xs.length - 1]!;

  const place = (col: number, span: number) => {
    const last = Math.min(col + span, widths.length);
    return { x: xs[col]!, width: xs[last]! - xs[col]!, span: last - col };
  };

  // Header: place cells on a grid that honours colSpan and rowSpan, then size the rows.
  const headerRows = normaliseHeader(spec.header);
  const header: HeaderCell[] = [];
  const taken = new Set<string>();
  headerRows.forEach((cells, r) => {
    let c = 0;
    for (const raw of cells) {
      while (taken.has(`${r}:${c}`)) c++;
      if (c >= widths.length) break;
      const cell = toSpec(raw);
      const { x, width, span } = place(c, cell.colSpan ?? 1);
      const rowSpan = Math.max(1, Math.min(cell.rowSpan ?? 1, headerRows.length - r));
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < span; dc++) taken.add(`${r + dr}:${c + dc}`);
      const column = spec.columns[c];
      const vertical = cell.vertical ?? (span === 1 && column?.verticalHeader === true);
      const style: FontStyle = cell.bold === false ? 'regular' : 'bold';
      const wrapWidth = vertical ? (spec.verticalHeaderMax ?? 70) : width - 2 * pad;
      const align = cell.align ?? column?.headerAlign ?? 'center';
      header.push({
        x,
        width,
        row: r,
        rowSpan,
        style,
        align,
        vertical,
        fill: cell.fill,
        color: cell.color,
        lines: fonts.wrap(cell.text, wrapWidth, headerSize, style),
      });
      c += span;
    }
  });
  const headerLh = fonts.lineHeight(headerSize);
  const needed = (h: HeaderCell) =>
    2 * pad +
    (h.vertical ? Math.max(0, ...h.lines.map((l) => fonts.width(l, headerSize, h.style))) : h.lines.length * headerLh);
  const rowHeights = headerRows.map(() => headerLh + 2 * pad);
  for (const h of [...header].sort((a, b) => a.rowSpan - b.rowSpan)) {
    const spanned = rowHeights.slice(h.row, h.row + h.rowSpan).reduce((a, b) => a + b, 0);
    const lack = needed(h) - spanned;
    if (lack > 0) rowHeights[h.row + h.rowSpan - 1]! += lack;
  }
  const rowTops = rowHeights.map((_, i) => rowHeights.slice(0, i).reduce((a, b) => a + b, 0));
  const headerHeight = rowHeights.reduce((a, b) => a + b, 0);

  const drawHeader = () => {
    const page = pdf.page;
    const top = pdf.y;
    for (const h of header) {
      const y = top + rowTops[h.row]!;
      const height = rowTops[h.row + h.rowSpan - 1]! + rowHeights[h.row + h.rowSpan - 1]! - rowTops[h.row]!;
      page.rect(h.x, y, h.width, height, { fill: h.fill ?? spec.headerFill ?? HEADER_FILL, stroke: GRID });
      drawCellText(pdf, h, h.lines, y, height, headerSize, pad, true);
    }
    pdf.y = top + headerHeight;
  };

  // Body: lay out one row at a time (rows may be a generator), keep it whole unless taller than a page.
  // A journal page lays out ~800 cells, most of them a plain «5» or «н»: a plain value in a single
  // column takes the short way — no spec object, its lines from this table's own cache per column.
  const plainLines = widths.map(() => [new Map<CellValue, string[]>(), new Map<CellValue, string[]>()] as const);
  // One row is laid out and drawn at a time: its cells' places are kept in objects reused row after row.
  const places: Laid[] = widths.map(() => ({
    x: 0,
    width: 0,
    lines: [],
    style: 'regular',
    align: 'left',
    vertical: false,
    fill: undefined,
    color: undefined,
  }));
  const laid: Laid[] = [];
  const put = (
    x: number,
    width: number,
    lines: string[],
    style: FontStyle,
    align: Align,
    vertical: boolean,
    fill: Color | undefined,
    color: Color | undefined,
  ) => {
    const cell = places[laid.length]!;
    cell.x = x;
    cell.width = width;
    cell.lines = lines;
    cell.style = style;
    cell.align = align;
    cell.vertical = vertical;
    cell.fill = fill;
    cell.color = color;
    laid.push(cell);
  };
  const layRow = (raw: readonly Cell[] | TableRow) => {
    const row: TableRow = Array.isArray(raw) ? { cells: raw as readonly Cell[] } : (raw as TableRow);
    laid.length = 0;
    const rowStyle: FontStyle = row.bold ? 'bold' : 'regular';
    let height = lh + 2 * pad;
    let c = 0;
    for (const rawCell of row.cells) {
      if (c >= widths.length) break;
      if (rawCell === null || typeof rawCell !== 'object') {
        const cache = plainLines[c]![row.bold ? 1 : 0];
        const width = xs[c + 1]! - xs[c]!; // as place() measures it
        let lines = cache.get(rawCell);
        if (!lines) cache.set(rawCell, (lines = fonts.wrap(rawCell, width - 2 * pad, size, rowStyle)));
        put(xs[c]!, width, lines, rowStyle, spec.columns[c]?.align ?? 'left', false, row.fill, undefined);
        height = Math.max(height, lines.length * lh + 2 * pad);
        c++;
        continue;
      }
      const cell = rawCell;
      const { x, width, span } = place(c, cell.colSpan ?? 1);
      const style: FontStyle = (cell.bold ?? row.bold) ? 'bold' : 'regular';
      const vertical = cell.vertical === true;
      const lines = fonts.wrap(cell.text, vertical ? (spec.verticalHeaderMax ?? 70) : width - 2 * pad, size, style);
      const align = cell.align ?? spec.columns[c]?.align ?? 'left';
      put(x, width, lines, style, align, vertical, cell.fill ?? row.fill, cell.color);
      let needed = lines.length * lh;
      if (vertical) for (const line of lines) needed = Math.max(needed, fonts.width(line, size, style));
      height = Math.max(height, needed + 2 * pad);
      c += span;
    }
    for (; c < widths.length; c++) put(xs[c]!, widths[c]!, NO_LINES, 'regular', 'left', false, row.fill, undefined);
    return height;
  };

  // The body's vertical rules run on from row to row while the columns stay the same: one line per column
  // per page instead of a segment per cell per row (a journal page's grid was a third of its drawing).
  const rules = new Map<number, { x: number; from: number; to: number; row: number }>();
  let rowNo = 0;
  const drawRules = () => {
    if (rules.size === 0) return;
    const coords: number[] = [];
    for (const r of rules.values()) coords.push(r.x, r.from, r.x, r.to);
    rules.clear();
    pdf.page.segments(coords, GRID);
  };
  const rule = (x: number, from: number, to: number) => {
    const key = Math.round(x * 100);
    const open = rules.get(key);
    if (open && Math.abs(open.to - from) < 0.005) {
      open.to = to;
      open.row = rowNo;
    } else {
      if (open) pdf.page.segments([open.x, open.from, open.x, open.to], GRID);
      rules.set(key, { x, from, to, row: rowNo });
    }
  };

  const drawRow = (laid: Laid[], height: number, from = 0, count = Infinity) => {
    const page = pdf.page;
    const y = pdf.y;
    const whole = count === Infinity;
    rowNo++;
    for (const cell of laid) {
      if (cell.fill !== undefined) page.rect(cell.x, y, cell.width, height, { fill: cell.fill });
      rule(cell.x, y, y + height);
    }
    rule(tableRight, y, y + height);
    for (const [key, open] of rules) {
      if (open.row === rowNo) continue;
      pdf.page.segments([open.x, open.from, open.x, open.to], GRID);
      rules.delete(key);
    }
    for (const cell of laid)
      drawCellText(pdf, cell, whole ? cell.lines : cell.lines.slice(from, from + count), y, height, size, pad, whole);
    page.segments([pdf.left, y + height, tableRight, y + height], GRID);
    pdf.y = y + height;
  };

  let headerOnPage = false;
  const startPage = (rowHeight: number) => {
    pdf.ensureSpace(headerHeight + Math.min(rowHeight, pdf.bodyHeight - headerHeight));
    drawHeader();
    headerOnPage = true;
  };

  for (const raw of spec.rows) {
    const height = layRow(raw);
    // A row taller than any page starts right here if a line of it fits, and is split by lines.
    const splits = height > pdf.bodyHeight - headerHeight;
    const needed = splits ? lh + 2 * pad : height;
    if (!headerOnPage) startPage(needed);
    else if (pdf.y + needed > pdf.bottom + 0.01) {
      drawRules();
      pdf.newPage();
      drawHeader();
    }
    if (!splits) {
      drawRow(laid, height);
      continue;
    }
    const total = Math.max(...laid.map((l) => l.lines.length));
    let from = 0;
    while (from < total) {
      const fit = Math.max(1, Math.floor((pdf.bottom - pdf.y - 2 * pad) / lh));
      const count = Math.min(fit, total - from);
      drawRow(laid, count * lh + 2 * pad, from, count);
      from += count;
      if (from < total) {
        drawRules();
        pdf.newPage();
        drawHeader();
      }
    }
  }
  drawRules();
  if (!headerOnPage && header.length > 0) startPage(0);
  pdf.y += spec.after ?? 6;
}

function normaliseHeader(header: TableSpec['header']): (readonly Cell[])[] {
  if (!header || header.length === 0) return [];
  return Array.isArray(header[0]) ? (header as (readonly Cell[])[]) : [header as readonly Cell[]];
}

/** Draws a cell's lines: centred vertically (or from the top when a split row continues). */
function drawCellText(
  pdf: PdfBuilder,
  cell: Laid,
  lines: readonly string[],
  y: number,
  height: number,
  size: number,
  pad: number,
  centre: boolean,
): void {
  if (lines.length === 0) return;
  const fonts = pdf.fonts;
  const page = pdf.page;
  const lh = fonts.lineHeight(size);
  const baseline = fonts.baseline(size);
  if (cell.vertical) {
    // Lines stack left to right; each reads upwards from the bottom ('left'), middle or top ('right').
    const blockX = cell.x + (cell.width - lines.length * lh) / 2;
    lines.forEach((line, i) => {
      const w = fonts.width(line, size, cell.style);
      const along = cell.align === 'left' ? pad : cell.align === 'right' ? height - pad - w : (height - w) / 2;
      page.textUp(line, blockX + i * lh + baseline, y + height - along, size, cell.style, cell.color);
    });
    return;
  }
  const top = centre ? y + (height - lines.length * lh) / 2 : y + pad;
  const inner = cell.width - 2 * pad;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const x =
      cell.x + pad + (cell.align === 'left' ? 0 : alignOffset(cell.align, inner, fonts.width(line, size, cell.style)));
    page.text(line, x, top + i * lh + baseline, size, cell.style, cell.color);
  }
}
