// Sizes of the journal grid in pixels: shared by the grid, its header and its rows.
export const NAME_W = 250;
export const COL_W = 40;
export const ROW_H = 30;
export const AVG_W = 58;
export const FINAL_W = 56;
/** Columns are rendered in blocks of this many (and as many again on each side). */
export const OVERSCAN = 8;
/** Rows are rendered in blocks of this many (and one block more on each side). */
export const ROW_BLOCK = 5;

/** The rows to render for a viewport: whole blocks around it, clamped to the grid. */
export function rowRange(top: number, height: number, rows: number): readonly [number, number] {
  const from = Math.floor(top / ROW_H / ROW_BLOCK) * ROW_BLOCK - ROW_BLOCK;
  const to = Math.ceil((top + height) / ROW_H / ROW_BLOCK) * ROW_BLOCK + ROW_BLOCK;
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
