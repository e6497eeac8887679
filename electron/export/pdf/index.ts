// The PDF layer every report, certified copy, credential slip and archive page is built with.
/** «25.11.2026 14:05» in local time (the archive's pages import it from here). */
export { ruDateTime as formatDateTime } from '../../domain/format-dates.js';
export {
  createPdf,
  PdfBuilder,
  type Orientation,
  type PdfOptions,
  type Margins,
  type TextOptions,
} from './document.js';
export {
  mm,
  BLACK,
  GREY_FILL,
  GREY_LINE,
  GREY_TEXT,
  HEADER_FILL,
  type Align,
  type Color,
  type LineStyle,
  PageCanvas,
} from './canvas.js';
export { cleanText, FontSet, type FontFamily, type FontStyle } from './fonts.js';
export {
  columnWidths,
  type Cell,
  type CellSpec,
  type CellValue,
  type TableColumn,
  type TableRow,
  type TableSpec,
} from './table.js';
export {
  BLANK_DATE,
  formatSignDate,
  shortName,
  type Certification,
  type Signer,
  type SignatureOptions,
} from './signature.js';
export { Slot, type SlipsOptions, type SlotTextOptions } from './slips.js';
