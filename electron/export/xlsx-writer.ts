// The big workbooks (the archive's, exports of thousands of rows) written directly as SpreadsheetML:
// the parts exceljs's streaming writer wrote, character for character, for the only layout we write —
// an optional bold title merged across the columns, a framed bold header with an autofilter frozen
// above the data, typed columns with their number formats. exceljs spent ~10 µs a cell going through
// its cell, row and style objects; here a row is one string. exceljs still reads workbooks and makes
// the small in-memory ones (export/xlsx.ts).
import { createRequire } from 'node:module';
import { ZipWriter } from './xlsx-zip.js';

/** A column as written: its header, width in characters and number format. */
export interface WriterColumn {
  header: string;
  width: number;
  numFmt: string;
}

/** What a cell holds once typed (export/xlsx.ts cellValue): nothing, text, a number or a date. */
export type WriterValue = string | number | Date | null | undefined;

/** Number formats Excel knows by number (ECMA-376 §18.8.30); others are declared from 164 on. */
const BUILTIN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '# ?/?': 12,
  '# ??/??': 13,
  'mm-dd-yy': 14,
  'd-mmm-yy': 15,
  'd-mmm': 16,
  'mmm-yy': 17,
  'h:mm AM/PM': 18,
  'h:mm:ss AM/PM': 19,
  'h:mm': 20,
  'h:mm:ss': 21,
  'm/d/yy "h":mm': 22,
  '#,##0 ;(#,##0)': 37,
  '#,##0 ;[Red](#,##0)': 38,
  '#,##0.00 ;(#,##0.00)': 39,
  '#,##0.00 ;[Red](#,##0.00)': 40,
  'mm:ss': 45,
  '[h]:mm:ss': 46,
  'mmss.0': 47,
  '##0.0E+0': 48,
  '@': 49,
};

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const X14AC_NS = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac';
const OFFICE_CT = 'application/vnd.openxmlformats-officedocument';
const PKG_CT = 'application/vnd.openxmlformats-package';
const CORE_NS = 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties';
const THIN_BORDER = '<color rgb="FFA6A6A6"/>';

// eslint-disable-next-line no-control-regex -- control characters are what XML cannot hold
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;

/** Text for XML as exceljs encodes it: the five entities escaped, control characters (but tab, LF, CR) left out. */
export function xmlText(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34) out += '&quot;';
    else if (code === 38) out += '&amp;';
    else if (code === 39) out += '&apos;';
    else if (code === 60) out += '&lt;';
    else if (code === 62) out += '&gt;';
    else if (code === 127 || (code <= 31 && (code <= 8 || (code >= 11 && code !== 13)))) continue;
    else out += text[i];
  }
  return out;
}

/** A column's letters: 1 → A, 27 → AA. */
function columnName(n: number): string {
  let name = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) name = String.fromCharCode(65 + ((k - 1) % 26)) + name;
  return name;
}

/** Styles registered in the order exceljs registers them, so ids and styles.xml come out as its did. */
class Styles {
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly numFmts: string[] = [];
  private readonly fonts: string[] = [
    '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>',
  ];
  private readonly fills = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  private readonly borders = ['<border><left/><right/><top/><bottom/><diagonal/></border>'];
  private readonly formatIds = new Map<string, number>();

  private add(list: string[], xml: string): number {
    const at = list.indexOf(xml);
    return at >= 0 ? at : list.push(xml) - 1;
  }

  numFmt(code: string): number {
    let id = BUILTIN_FORMATS[code] ?? this.formatIds.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.length;
      this.formatIds.set(code, id);
      this.numFmts.push(`<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`);
    }
    return this.add(
      this.xfs,
      `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ''}/>`,
    );
  }

  /** The title: bold 13 pt, centred vertically. */
  title(): number {
    const font = this.add(this.fonts, '<font><b/><sz val="13"/></font>');
    return this.add(
      this.xfs,
      `<xf numFmtId="0" fontId="${font}" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">` +
        '<alignment vertical="center"/></xf>',
    );
  }

  /** The header: bold on grey, framed, centred and wrapped. */
  header(): number {
    const font = this.add(this.fonts, '<font><b/></font>');
    const border = this.add(
      this.borders,
      `<border><left style="thin">${THIN_BORDER}</left><right style="thin">${THIN_BORDER}</right>` +
        `<top style="thin">${THIN_BORDER}</top><bottom style="thin">${THIN_BORDER}</bottom><diagonal/></border>`,
    );
    const fill = this.add(
      this.fills,
      '<fill><patternFill patternType="solid"><fgColor rgb="FFE7E6E6"/></patternFill></fill>',
    );
    return this.add(
      this.xfs,
      `<xf numFmtId="0" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0" applyFont="1" applyFill="1" ` +
        'applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>',
    );
  }

  xml(): string {
    const list = (tag: string, items: string[], extra = '') =>
      `<${tag} count="${items.length}"${extra}>${items.join('')}</${tag}>`;
    return (
      `${XML_HEAD}\n<styleSheet xmlns="${MAIN_NS}" xmlns:mc="${MC_NS}" mc:Ignorable="x14ac x16r2" ` +
      `xmlns:x14ac="${X14AC_NS}" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main">` +
      (this.numFmts.length ? list('numFmts', this.numFmts) : '') +
      list('fonts', this.fonts, ' x14ac:knownFonts="1"') +
      list('fills', this.fills) +
      list('borders', this.borders) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list('cellXfs', this.xfs) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>' +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" ' +
      'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
      '<x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext>' +
      '<ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" ' +
      'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">' +
      '<x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst></styleSheet>'
    );
  }
}

/** One worksheet being written: rows become XML as they come, the part is zipped on commit. */
export class WriterSheet {
  private readonly parts: string[] = [];
  private readonly letters: string[];
  private readonly styleOf: number[] = [];
  private rowNo = 0;
  private started = false;
  private committed = false;

  constructor(
    private readonly book: XlsxWriter,
    readonly id: number,
    readonly name: string,
    private readonly title: string | undefined,
    private readonly columns: readonly WriterColumn[],
  ) {
    this.letters = columns.map((_, i) => columnName(i + 1));
    const headerRow = title ? 2 : 1;
    const top = `A${headerRow + 1}`;
    this.parts.push(
      `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}" xmlns:mc="${MC_NS}" mc:Ignorable="x14ac" ` +
        `xmlns:x14ac="${X14AC_NS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews><sheetView ` +
        `workbookViewId="0"><pane ySplit="${headerRow}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/>` +
        `<selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>` +
        '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"/>',
    );
    const n = columns.length;
    if (title) {
      this.start();
      const style = this.book.styles.title();
      let cells = `<c r="A1" s="${style}" t="str"><v>${xmlText(title)}</v></c>`;
      if (n > 1) for (let i = 1; i < n; i++) cells += `<c r="${this.letters[i]}1" s="${style}"/>`;
      this.parts.push(
        `<row r="1" ht="22" customHeight="1" spans="1:${Math.max(n, 1)}" x14ac:dyDescent="0.25">${cells}</row>`,
      );
      this.rowNo = 1;
    }
    this.rowNo++;
    if (n > 0) {
      this.start();
      const style = this.book.styles.header();
      const cells = columns.map(
        (c, i) => `<c r="${this.letters[i]}${this.rowNo}" s="${style}" t="str"><v>${xmlText(c.header)}</v></c>`,
      );
      this.parts.push(`<row r="${this.rowNo}" spans="1:${n}" x14ac:dyDescent="0.25">${cells.join('')}</row>`);
    }
  }

  /** Before the first row: the columns (their styles are registered first, as exceljs did). */
  private start(): void {
    if (this.started) return;
    this.started = true;
    for (const c of this.columns) this.styleOf.push(this.book.styles.numFmt(c.numFmt));
    const cols: string[] = [];
    for (let i = 0; i < this.columns.length;) {
      let j = i;
      const c = this.columns[i]!;
      while (
        j + 1 < this.columns.length &&
        this.columns[j + 1]!.width === c.width &&
        this.columns[j + 1]!.numFmt === c.numFmt
      )
        j++;
      cols.push(`<col min="${i + 1}" max="${j + 1}" width="${c.width}" style="${this.styleOf[i]}" customWidth="1"/>`);
      i = j + 1;
    }
    if (cols.length > 0) this.parts.push(`<cols>${cols.join('')}</cols>`);
    this.parts.push('<sheetData>');
  }

  /** A row of typed values, one per column; empty ones leave no cell. A row with none is left out. */
  addRow(values: readonly WriterValue[]): void {
    if (this.committed) throw new Error(`Лист «${this.name}» уже закрыт`);
    this.start();
    const r = ++this.rowNo;
    let cells = '';
    let min = 0;
    let max = 0;
    for (let i = 0; i < values.length && i < this.columns.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      if (!min) min = i + 1;
      max = i + 1;
      const at = `<c r="${this.letters[i]}${r}" s="${this.styleOf[i]}"`;
      if (typeof v === 'string') cells += `${at} t="str"><v>${xmlText(v)}</v></c>`;
      else if (typeof v === 'number') cells += `${at}><v>${v}</v></c>`;
      else cells += `${at}><v>${25569 + v.getTime() / 86_400_000}</v></c>`;
    }
    if (max > 0) this.parts.push(`<row r="${r}" spans="${min}:${max}" x14ac:dyDescent="0.25">${cells}</row>`);
  }

  /** Closes the sheet and hands its part to the zip; no rows after this. */
  commit(): void {
    if (this.committed) return;
    this.committed = true;
    this.start();
    const n = this.columns.length;
    const headerRow = this.title ? 2 : 1;
    const last = n > 0 ? this.letters[n - 1]! : 'A';
    this.parts.push('</sheetData>');
    if (n > 0) this.parts.push(`<autoFilter ref="A${headerRow}:${last}${headerRow}"/>`);
    if (this.title && n > 1) this.parts.push(`<mergeCells count="1"><mergeCell ref="A1:${last}1"/></mergeCells>`);
    this.parts.push(
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
        `<pageSetup paperSize="9" orientation="${n > 6 ? 'landscape' : 'portrait'}" horizontalDpi="4294967295" ` +
        'verticalDpi="4294967295" scale="100" fitToWidth="1" fitToHeight="0"/></worksheet>',
    );
    this.book.part(`xl/worksheets/sheet${this.id}.xml`, this.parts.join(''));
    this.parts.length = 0;
  }
}

/** A workbook written part by part to `write`; finish() adds the workbook's own parts and the zip directory. */
export class XlsxWriter {
  readonly styles = new Styles();
  private readonly sheets: WriterSheet[] = [];
  private readonly zip: ZipWriter;
  private queue: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(
    write: (bytes: Uint8Array) => Promise<void>,
    private readonly created: Date,
    private readonly creator: string,
  ) {
    this.zip = new ZipWriter(write, created);
    this.part('xl/theme/theme1.xml', theme());
    this.part(
      '_rels/.rels',
      `${XML_HEAD}\n<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="${PKG_REL_NS}/metadata/core-properties" Target="docProps/core.xml"/>` +
        `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    );
  }

  /** A part for the zip, written after those before it; a failure to write surfaces in finish(). */
  part(name: string, content: string): void {
    this.queue = this.queue.then(() => (this.failure ? undefined : this.zip.add(name, content)));
    this.queue = this.queue.catch((error: unknown) => {
      this.failure ??= error;
    });
  }

  /** A new sheet; `name` must be valid and unique already (export/xlsx.ts sheetName). */
  addSheet(name: string, title: string | undefined, columns: readonly WriterColumn[]): WriterSheet {
    const sheet = new WriterSheet(this, this.sheets.length + 1, name, title, columns);
    this.sheets.push(sheet);
    return sheet;
  }

  async finish(): Promise<void> {
    for (const s of this.sheets) s.commit();
    const sheetTypes = this.sheets.map(
      (s) =>
        `<Override PartName="/xl/worksheets/sheet${s.id}.xml" ContentType="${OFFICE_CT}.spreadsheetml.worksheet+xml"/>`,
    );
    this.part(
      '[Content_Types].xml',
      `${XML_HEAD}\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="${PKG_CT}.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="${OFFICE_CT}.spreadsheetml.sheet.main+xml"/>` +
        sheetTypes.join('') +
        `<Override PartName="/xl/theme/theme1.xml" ContentType="${OFFICE_CT}.theme+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="${OFFICE_CT}.spreadsheetml.styles+xml"/>` +
        `<Default Extension="vml" ContentType="${OFFICE_CT}.vmlDrawing"/>` +
        `<Override PartName="/docProps/core.xml" ContentType="${PKG_CT}.core-properties+xml"/>` +
        `<Override PartName="/docProps/app.xml" ContentType="${OFFICE_CT}.extended-properties+xml"/></Types>`,
    );
    const names = this.sheets.map((s) => `<vt:lpstr>${xmlText(s.name)}</vt:lpstr>`).join('');
    this.part(
      'docProps/app.xml',
      `${XML_HEAD}\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel' +
        '</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" ' +
        'baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>' +
        `${this.sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector ` +
        `size="${this.sheets.length}" baseType="lpstr">${names}</vt:vector></TitlesOfParts><Company></Company>` +
        '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>' +
        '<AppVersion>16.0300</AppVersion></Properties>',
    );
    const at = this.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.part(
      'docProps/core.xml',
      `${XML_HEAD}\n<cp:coreProperties xmlns:cp="${CORE_NS}" ` +
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:creator>${xmlText(this.creator)}</dc:creator><cp:lastModifiedBy>ExcelJS</cp:lastModifiedBy>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified></cp:coreProperties>`,
    );
    this.part('xl/styles.xml', this.styles.xml());
    const rels = this.sheets.map(
      (s, i) => `<Relationship Id="rId${i + 3}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${s.id}.xml"/>`,
    );
    this.part(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}\n<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/styles" ` +
        `Target="styles.xml"/><Relationship Id="rId2" Type="${REL_NS}/theme" Target="theme/theme1.xml"/>` +
        `${rels.join('')}</Relationships>`,
    );
    const sheets = this.sheets.map(
      (s, i) => `<sheet sheetId="${s.id}" name="${xmlText(s.name)}" state="visible" r:id="rId${i + 3}"/>`,
    );
    this.part(
      'xl/workbook.xml',
      `${XML_HEAD}\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}" xmlns:mc="${MC_NS}" mc:Ignorable="x15" ` +
        'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><fileVersion appName="xl" ' +
        'lastEdited="5" lowestEdited="5" rupBuild="9303"/>' +
        '<workbookPr defaultThemeVersion="164011" filterPrivacy="1"/>' +
        `<sheets>${sheets.join('')}</sheets><calcPr calcId="171027"/></workbook>`,
    );
    await this.queue;
    if (!this.failure) await this.zip.finish();
    if (this.failure) throw this.failure;
  }
}

/** exceljs's theme (the Office theme the styles' «theme 1» colour refers to), loaded once. */
let themeXml: string | undefined;
function theme(): string {
  return (themeXml ??= createRequire(import.meta.url)('exceljs/lib/xlsx/xml/theme1.js') as string);
}
