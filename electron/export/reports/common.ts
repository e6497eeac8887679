// What every report document shares: the A4 PDF with title, period, date formed, page numbers and
// the signature block; Excel sheets of typed columns. (Numbers and dates: electron/domain/format-*.ts.)
import type { ReportRange } from '../../api/contract.js';
import type { InstitutionKind } from '../../domain/enums.js';
import { ruDate } from '../../domain/format-dates.js';
import { createPdf, type Orientation, type PdfBuilder, type Signer, type TableColumn } from '../pdf/index.js';
import type { TableSheetSpec, XlsxColumn } from '../xlsx.js';

export interface DocumentMeta {
  /** The institution's short name, in every page's running header. */
  institution: string;
  formedAt: Date;
  /** Who signs the report at its end: position, line, name. */
  signers: Signer[];
  /** Whose words the document speaks (DESIGN.md §10). */
  kind: InstitutionKind;
}

export async function reportPdf(
  title: string,
  range: Pick<ReportRange, 'title' | 'asOf' | 'to'>,
  meta: DocumentMeta,
  orientation: Orientation,
  body: (pdf: PdfBuilder) => void | Promise<void>,
): Promise<Uint8Array> {
  const asOf = range.asOf < range.to ? `, данные на ${ruDate(range.asOf)}` : '';
  const pdf = await createPdf({
    title,
    orientation,
    institution: meta.institution,
    subtitle: `${range.title}${asOf}`,
    formedAt: meta.formedAt,
  });
  await body(pdf);
  if (meta.signers.length > 0) pdf.signatureBlock(meta.signers, { date: meta.formedAt });
  return pdf.finish();
}

/** A column of a simple table: header, width in points or flex, alignment. */
export interface Col {
  header: string;
  width?: number;
  flex?: number;
  align?: 'left' | 'center' | 'right';
  vertical?: boolean;
}

export function columns(cols: Col[]): TableColumn[] {
  return cols.map((c) => ({ width: c.width, flex: c.flex, align: c.align ?? 'left', verticalHeader: c.vertical }));
}

/** A plain table: one header row, repeated on every page. */
export function simpleTable(
  pdf: PdfBuilder,
  cols: Col[],
  rows: Iterable<ReadonlyArray<string | number | null>>,
  options: { fontSize?: number; totals?: ReadonlyArray<string | number | null> } = {},
): void {
  const body: Array<{ cells: ReadonlyArray<string | number | null>; bold?: boolean; fill?: number }> = [...rows].map(
    (cells) => ({ cells }),
  );
  if (options.totals) body.push({ cells: options.totals, bold: true, fill: 0.95 });
  pdf.table({
    columns: columns(cols),
    header: cols.map((c) => c.header),
    rows: body,
    fontSize: options.fontSize ?? 8,
    verticalHeaderMax: 90,
  });
}

export type Sheet = TableSheetSpec;
export type { XlsxColumn };

/** Shorthand for typed Excel columns. */
export const text = (header: string, key: string, width?: number): XlsxColumn => ({ header, key, type: 'text', width });
export const int = (header: string, key: string): XlsxColumn => ({ header, key, type: 'integer' });
export const num = (header: string, key: string, numFmt?: string): XlsxColumn => ({
  header,
  key,
  type: 'number',
  numFmt,
});
export const share = (header: string, key: string): XlsxColumn => ({ header, key, type: 'percent' });
export const date = (header: string, key: string): XlsxColumn => ({ header, key, type: 'date' });
