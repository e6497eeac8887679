// Sizes of the journal grid in pixels, and which of its rows and columns are rendered: shared by the
// grid, its header and its rows.
export const COL_W = 40;
export const ROW_H = 30;

/** The pinned columns' widths (the same as in styles.css, where a phone's are set narrower). */
export interface PinnedWidths {
  name: number;
  avg: number;
  final: number;
}
export const PINNED: PinnedWidths = { name: 250, avg: 58, final: 56 };
/** On a phone (PHONE_QUERY) the pinned columns leave room for three lessons at 390 px (with one final column). */
export const PINNED_NARROW: PinnedWidths = { name: 140, avg: 46, final: 56 };

/** Columns are rendered in whole blocks of this many: a scroll re-renders once per block, and only the
 *  block that comes into view (the others are memoised). 4 is what a fast scroll (160 px) passes in a frame. */
export const COL_BLOCK = 4;
/** Rows are rendered one by one: a row of cells is what a scroll by a row brings into view, and rows taken in
 *  threes made every third frame of a vertical scroll three times as long as the others. */
export const ROW_BLOCK = 1;
/** Blocks rendered beyond the view on each side, once the grid has been painted (none for the first frame,
 *  so that the grid shows up sooner): 160 px of columns and 90 px of rows, about what a wheel's notch scrolls. */
export const COL_AHEAD = 1;
export const ROW_AHEAD = 3;

/** The lesson columns to render for a viewport: whole blocks over it, `ahead` more on each side. */
export function colRange(left: number, width: number, columns: number, ahead: number): readonly [number, number] {
  const from = (Math.floor(left / COL_W / COL_BLOCK) - ahead) * COL_BLOCK;
  const to = (Math.ceil((left + width) / COL_W / COL_BLOCK) + ahead) * COL_BLOCK;
  return [Math.max(0, from), Math.min(columns, to)];
}

/** The rows to render for a viewport: whole blocks over it, `ahead` more on each side, clamped to the grid. */
export function rowRange(top: number, height: number, rows: number, ahead = ROW_AHEAD): readonly [number, number] {
  const from = (Math.floor(top / ROW_H / ROW_BLOCK) - ahead) * ROW_BLOCK;
  const to = (Math.ceil((top + height) / ROW_H / ROW_BLOCK) + ahead) * ROW_BLOCK;
  return [Math.max(0, from), Math.min(rows, to)];
}

/** Indices to render: the range plus the cursor's row (aria-activedescendant must find its cell). */
export function rowsToRender(from: number, to: number, cursor: number, rows: number): number[] {
  const out: number[] = [];
  if (cursor >= 0 && cursor < from && cursor < rows) out.push(cursor);
  for (let r = from; r < to; r++) out.push(r);
  if (cursor >= to && cursor < rows) out.push(cursor);
  return out;
}
