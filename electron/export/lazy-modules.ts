// The heavy document libraries, loaded on first use rather than when the program starts: most processes
// (a browser host serving families, a command that checks a file) never write a workbook, and exceljs
// alone costs ~0.7 s of every start. Synchronous (require), so the builders keep their signatures.
import { createRequire } from 'node:module';

type ExcelJs = typeof import('exceljs');

const load = createRequire(import.meta.url);
let excel: ExcelJs | undefined;

/** exceljs, required the first time a workbook is built or read. */
export function exceljs(): ExcelJs {
  return (excel ??= load('exceljs') as ExcelJs);
}
