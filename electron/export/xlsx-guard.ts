// Looks at an .xlsx before exceljs loads it: exceljs builds the whole workbook in memory (a sheet of
// 200,000 rows takes over half a gigabyte and ten seconds), so a file too big, damaged or not a
// workbook at all is refused here, in Russian, from the zip's own table of contents and a streamed
// count of the rows and cells — never holding more than one decompressed chunk at a time.
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { megabytes } from '../domain/format-numbers.js';

export interface XlsxLimits {
  /** The file itself (a list of 20,000 rows is 1–3 MB; pictures and extra sheets make it grow). */
  maxFileBytes: number;
  /** Data rows in one list. */
  maxRows: number;
  /** Filled cells in the whole workbook (every sheet is loaded, not only the one read). */
  maxCells: number;
  /** The sheets' and shared strings' XML once unpacked (a «zip bomb» is small outside, huge inside). */
  maxXmlBytes: number;
}

export const XLSX_LIMITS: XlsxLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxRows: 20_000,
  maxCells: 400_000,
  maxXmlBytes: 64 * 1024 * 1024,
};

/** Rows above the data a list may have: a title, the header, the template's hint row. */
const HEADER_SLACK = 100;

/** A file the importer will not read; the message is for the user, as it is. */
export class XlsxError extends Error {
  override name = 'XlsxError';
}

const RESAVE = 'Откройте его в Excel (или LibreOffice) и сохраните как «Книга Excel (*.xlsx)»';

const thousands = (n: number) => n.toLocaleString('ru-RU').replace(/\u00A0/g, ' ');

interface Entry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  offset: number;
}

/** Why a file of this size is not read (check it before reading a file from disk), or null. */
export function sizeProblem(size: number, limits: XlsxLimits = XLSX_LIMITS): string | null {
  if (size === 0) return 'Файл пустой (0 байт): вероятно, он не сохранился или скопирован не до конца';
  if (size <= limits.maxFileBytes) return null;
  return (
    `Файл слишком большой: ${megabytes(size)}, а загрузить можно не больше ${megabytes(limits.maxFileBytes)}. ` +
    `В одном списке — до ${thousands(limits.maxRows)} строк; уберите из книги картинки и лишние листы или разделите ` +
    `список на несколько файлов`
  );
}

/** The quick part of the check (size, kind, the zip's table of contents), without unpacking anything. */
export function openXlsx(bytes: Uint8Array, limits: XlsxLimits = XLSX_LIMITS): { buf: Buffer; entries: Entry[] } {
  const tooBig = sizeProblem(bytes.length, limits);
  if (tooBig) throw new XlsxError(tooBig);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buf.length >= 4 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    throw new XlsxError(
      `Это файл старого формата Excel 97–2003 (.xls) или зашифрованная книга с паролем. ${RESAVE}, без пароля`,
    );
  }
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50)
    throw new XlsxError(`Это не таблица Excel .xlsx (внутри не архив книги). ${RESAVE}`);
  const entries = centralDirectory(buf);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    throw new XlsxError(`Это zip-архив, но не книга Excel: в нём нет листов книги. ${RESAVE}`);
  }
  return { buf, entries };
}

/** Refuses (XlsxError) a file that is empty, too big, not a zip, damaged, not a workbook, or holds too much. */
export async function checkXlsx(bytes: Uint8Array, limits: XlsxLimits = XLSX_LIMITS): Promise<void> {
  const { buf, entries } = openXlsx(bytes, limits);
  let rows = 0,
    cells = 0,
    xml = 0;
  for (const e of entries.filter((x) => /^xl\/(worksheets\/[^/]+|sharedStrings)\.xml$/i.test(x.name))) {
    const sheet = e.name.toLowerCase().startsWith('xl/worksheets/');
    await scanEntry(
      buf,
      e,
      (chunk) => {
        xml += chunk.length;
        if (xml > limits.maxXmlBytes) {
          throw new XlsxError(
            `В книге слишком много данных: больше ${megabytes(limits.maxXmlBytes)} после распаковки. ` +
              `В одном списке — до ${thousands(limits.maxRows)} строк; уберите лишние листы или разделите список на ` +
              `несколько файлов`,
          );
        }
      },
      sheet
        ? (r, c) => {
            rows += r;
            cells += c;
            if (rows > limits.maxRows + HEADER_SLACK) {
              throw new XlsxError(
                `В файле больше ${thousands(limits.maxRows)} строк — столько за один раз не загрузить. ` +
                  'Разделите список на несколько файлов; если строк с данными меньше, удалите пустые оформленные ' +
                  'строки под таблицей и на других листах',
              );
            }
            if (cells > limits.maxCells) {
              throw new XlsxError(
                `В файле больше ${thousands(limits.maxCells)} ячеек (считая оформленные пустые) — столько за один ` +
                  `раз не загрузить. ` +
                  'Оставьте только лист со списком и нужные столбцы или разделите список на несколько файлов',
              );
            }
          }
        : null,
    );
  }
}

const DAMAGED =
  `Файл повреждён: архив книги обрывается или испорчен (вероятно, файл скопирован не до конца). ` +
  `Возьмите исходный файл, ${RESAVE.charAt(0).toLowerCase()}${RESAVE.slice(1)} заново`;

/** The zip's table of contents: the end record within the last 64 KB, then one record per file. */
function centralDirectory(buf: Buffer): Entry[] {
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new XlsxError(DAMAGED);
  const count = buf.readUInt16LE(end + 10);
  const start = buf.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw new XlsxError(DAMAGED);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const entry: Entry = {
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
      method: buf.readUInt16LE(at + 10),
      compressed: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      offset: buf.readUInt32LE(at + 42),
    };
    if (entry.compressed === 0xffffffff || entry.size === 0xffffffff || entry.offset === 0xffffffff) {
      throw new XlsxError(
        'Файл слишком большой для списка (архив в формате ZIP64). Разделите список на несколько файлов',
      );
    }
    entries.push(entry);
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

const ROW = /<(?:\w+:)?row[\s>/]/g;
const CELL = /<(?:\w+:)?c[\s>/]/g;

/** Unpacks one file of the archive chunk by chunk, telling the bytes and (for a sheet) the rows and cells seen. */
async function scanEntry(
  buf: Buffer,
  e: Entry,
  onBytes: (chunk: Buffer) => void,
  onRows: ((rows: number, cells: number) => void) | null,
): Promise<void> {
  const local = e.offset;
  if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw new XlsxError(DAMAGED);
  const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  if (dataStart + e.compressed > buf.length) throw new XlsxError(DAMAGED);
  const data = buf.subarray(dataStart, dataStart + e.compressed);
  if (e.method !== 0 && e.method !== 8)
    throw new XlsxError(`Книга сжата необычным способом (метод ${e.method}). ${RESAVE}`);
  let carry = '';
  const count = (chunk: Buffer) => {
    onBytes(chunk);
    if (!onRows) return;
    let text = carry + chunk.toString('latin1');
    carry = '';
    const cut = text.lastIndexOf('<');
    if (cut >= 0 && text.length - cut < 32 && text.indexOf('>', cut) < 0) {
      carry = text.slice(cut);
      text = text.slice(0, cut);
    }
    onRows(text.match(ROW)?.length ?? 0, text.match(CELL)?.length ?? 0);
  };
  if (e.method === 0) {
    for (let i = 0; i < data.length; i += 64 * 1024) count(data.subarray(i, i + 64 * 1024));
    return;
  }
  const inflate = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
  const source = Readable.from([data]);
  try {
    await new Promise<void>((resolve, reject) => {
      inflate.on('data', (chunk: Buffer) => {
        try {
          count(chunk);
        } catch (error) {
          reject(error as Error);
          source.destroy();
          inflate.destroy();
        }
      });
      inflate.on('end', resolve);
      inflate.on('error', () => reject(new XlsxError(DAMAGED)));
      source.pipe(inflate);
    });
  } finally {
    inflate.destroy();
  }
}
