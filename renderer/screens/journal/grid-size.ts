// Sizes of the journal grid in pixels: shared by the grid, its header and its rows.
export const NAME_W = 250;
export const COL_W = 40;
export const ROW_H = 30;
export const AVG_W = 58;
export const FINAL_W = 56;
/** Columns are rendered in blocks of this many (and as many again on each side). */
export const OVERSCAN = 8;
