// The heavy document libraries, loaded on first use rather than when the program starts: most processes
// (a browser host serving families, a command that checks a file) never write a workbook or a PDF, and
// exceljs alone costs ~0.7 s of every start, pdf-lib with fontkit ~0.5 s. Synchronous (require), so the
// builders keep their signatures.
import { createRequire } from 'node:module';
import { useNativeDeflate } from './pdf/native-deflate.js';

type ExcelJs = typeof import('exceljs');
type PdfLib = typeof import('pdf-lib');
type Fontkit = typeof import('@pdf-lib/fontkit');

const load = createRequire(import.meta.url);
let excel: ExcelJs | undefined;
let pdf: PdfLib | undefined;
let kit: Fontkit | undefined;

/** exceljs, required the first time a workbook is built or read. */
export function exceljs(): ExcelJs {
  return (excel ??= load('exceljs') as ExcelJs);
}

/** pdf-lib, required the first time a PDF is made, its compression then given to Node's zlib. */
export function pdfLib(): PdfLib {
  if (!pdf) {
    pdf = load('pdf-lib') as PdfLib;
    useNativeDeflate();
  }
  return pdf;
}

/** fontkit (pdf-lib's), required the first time a font is embedded. */
export function fontkit(): Fontkit {
  if (!kit) {
    const module = load('@pdf-lib/fontkit') as Fontkit & { default?: Fontkit };
    kit = module.default ?? module;
  }
  return kit;
}
