// The shape every list importer shares: read the first sheet, match its headers, check every row
// (collecting each problem by row and column), and — unless it is a dry run, or rows were refused
// and the user did not choose to skip them — write the clean rows in one transaction.
import type { Kysely } from 'kysely';
import type { Database } from '../../../../db/schema.js';
import type { ImportList, ImportProblem, ImportReport } from '../../../api/contract.js';
import { AppError } from '../../../api/errors.js';
import { plural } from '../../../domain/format-numbers.js';
import { matchHeaders, unloadedColumns, unloadedSentence } from '../../../domain/import-headers.js';
import { readSheet, XLSX_LIMITS, XlsxError, type SheetData } from '../../../export/xlsx-read.js';
import type { Words } from '../../../domain/vocabulary.js';
import { audit } from '../../audit.js';
import { institutionWords } from '../../words.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../context.js';
import { safetyBackup, type SafetyDeps } from '../common.js';
import { Row, type ColumnSpec } from './cells.js';
import { checkMapping, loadMapping, saveMapping, type Mapping } from './mappings.js';

export interface ImportEnv {
  db: Kysely<Database>;
  clock: Clock;
  /** Who imports (null from the command line). */
  who: { userId: number; login: string } | null;
  /** Where the safety copy before writing goes (the service deps); null only where there is no journal file to copy. */
  backup: SafetyDeps | null;
  progress(step: string, done?: number, total?: number): void;
  throwIfCancelled?(): void;
  signal?: AbortSignal | undefined;
}

export interface ImportOptions {
  dryRun: boolean;
  skipBad: boolean;
  yearId?: number | undefined;
  journalId?: number | undefined;
  admission?: { date: string; orderNo: string; orderDate: string } | undefined;
  /** Header → field key (null: «не загружать»), chosen by the user; remembered once rows are loaded. */
  mapping?: Mapping | undefined;
}

export interface Checked<T> {
  row: number;
  value: T;
}

export interface WriteResult {
  created: number;
  updated: number;
  credentials?: ImportReport['credentials'];
  /** Ids for the audit entry. */
  ids?: number[];
}

export interface Importer<C, T> {
  list: ImportList;
  /** «обучающихся», «пользователей»… for the summary; in the institution's words where they differ. */
  genitive: string | ((w: Words) => string);
  /** The canonical columns (the command line's and the header synonyms' names). */
  columns: ColumnSpec[];
  /** Headers, hints and examples in the institution's words (DESIGN.md §10), by column key. */
  localize?(w: Words): Partial<Record<string, Partial<ColumnSpec>>>;
  /** A problem with the set of headers (e.g. neither «ФИО» nor «Фамилия»), or null. */
  checkHeaders?(present: Set<string>): string | null;
  /** Loads what the checks need once; throws a Russian AppError when the options are wrong. */
  prepare(env: ImportEnv, options: ImportOptions): Promise<C>;
  /** A clean value, or null with the problems recorded on the row. Earlier clean rows are given for duplicates. */
  check(row: Row, context: C, earlier: Array<Checked<T>>): T | null | Promise<T | null>;
  write(trx: Db, env: ImportEnv, context: C, items: Array<Checked<T>>): Promise<WriteResult>;
  /** A sentence about the whole file after the rows were checked (e.g. plan hours against the load). */
  remark?(context: C, items: Array<Checked<T>>): string | null;
}

/** The importer's columns as an institution of this kind names them: a centre's «Объединение» for «Группа». */
export function columnsOf(importer: Importer<any, any>, w: Words): ColumnSpec[] {
  const local = importer.localize?.(w) ?? {};
  return importer.columns.map((c) => ({ ...c, ...local[c.key] }));
}

export function genitiveOf(importer: Importer<any, any>, w: Words): string {
  return typeof importer.genitive === 'string' ? importer.genitive : importer.genitive(w);
}

async function readFile(bytes: Uint8Array): Promise<SheetData> {
  try {
    return await readSheet(bytes, undefined, { limits: XLSX_LIMITS });
  } catch (error) {
    if (error instanceof XlsxError) throw new AppError('bad_request', error.message, { file: 'Файл не принят' });
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'bad_request',
      `Файл не читается как таблица Excel (.xlsx). Сохраните его в Excel как «Книга Excel (*.xlsx)» и повторите. ` +
        `(${detail})`,
    );
  }
}

export async function runImport<C, T>(
  env: ImportEnv,
  importer: Importer<C, T>,
  bytes: Uint8Array,
  options: ImportOptions,
): Promise<ImportReport> {
  env.progress('Чтение файла');
  const context = await importer.prepare(env, options);
  const sheet = await readFile(bytes);
  const headerProblems: ImportProblem[] = [];
  const words = await institutionWords(env.db);
  const columns = columnsOf(importer, words);
  const genitive = genitiveOf(importer, words);
  const fields = columns.map((c) => ({ key: c.key, header: c.header }));
  // Bad input changes nothing: a mapping naming a column not in the file or an unknown field is refused.
  if (options.mapping) checkMapping(options.mapping, sheet.headers, fields);
  const saved = options.mapping ? null : await loadMapping(env.db, importer.list, sheet.headers, fields);
  const matched = matchHeaders(importer.list, fields, sheet.headers, options.mapping ?? saved ?? {});
  const mapping = new Map<string, string>(); // sheet header → column key
  const headers = new Map<string, string>(); // column key → sheet header
  for (const c of matched.columns) {
    if (c.field === null) continue;
    mapping.set(c.header, c.field);
    headers.set(c.field, c.header);
  }
  const implied = new Map(Object.entries(matched.implied));
  for (const c of columns.filter((x) => x.required && !headers.has(x.key))) {
    headerProblems.push({
      row: sheet.headerRow,
      column: c.header,
      message: `нет столбца «${c.header}» (заголовки — в строке ${sheet.headerRow}; возьмите шаблон)`,
    });
  }
  const headerIssue = importer.checkHeaders?.(new Set(headers.keys()));
  if (headerIssue) headerProblems.push({ row: sheet.headerRow, column: null, message: headerIssue });
  if (sheet.rows.length === 0)
    headerProblems.push({
      row: sheet.headerRow + 1,
      column: null,
      message: 'в файле нет строк с данными под заголовком',
    });

  const problems: ImportProblem[] = [...headerProblems];
  const good: Array<Checked<T>> = [];
  let bad = 0;
  if (headerProblems.length === 0) {
    const cellProblems = new Map<number, SheetData['cellProblems']>();
    for (const p of sheet.cellProblems) cellProblems.set(p.row, [...(cellProblems.get(p.row) ?? []), p]);
    const total = sheet.rows.length;
    for (let i = 0; i < total; i++) {
      if (i % 50 === 0) {
        env.throwIfCancelled?.();
        env.progress('Проверка строк', i, total);
      }
      const cells = new Map<string, (typeof sheet.rows)[number][string]>();
      for (const [h, v] of Object.entries(sheet.rows[i]!)) {
        const key = mapping.get(h);
        if (key) cells.set(key, v);
      }
      const row = new Row(sheet.rowNumbers[i]!, cells, headers, implied);
      // A formula never computed, an error value, a merge across columns: the cell is refused as it is.
      for (const p of cellProblems.get(row.row) ?? []) {
        const key = mapping.get(p.header);
        if (key) row.problem(key, p.message);
      }
      const value = await importer.check(row, context, good);
      if (row.problems.length > 0 || value === null) {
        bad++;
        problems.push(
          ...(row.problems.length > 0 ? row.problems : [{ row: row.row, column: null, message: 'строка не принята' }]),
        );
      } else {
        good.push({ row: row.row, value });
      }
    }
    env.progress('Проверка строк', total, total);
  }
  problems.sort((a, b) => a.row - b.row);

  const report: ImportReport = {
    list: importer.list,
    dryRun: options.dryRun,
    total: sheet.rows.length,
    good: good.length,
    bad,
    problems,
    imported: false,
    created: 0,
    updated: 0,
    skipped: 0,
    credentials: [],
    summary: '',
    backup: null,
    columns: matched.columns,
    fields,
    unloaded: unloadedColumns(matched.columns),
    remembered: saved !== null,
  };
  const remark = importer.remark?.(context, good) ?? null;
  const refusedAll = headerProblems.length > 0;
  const blocked = refusedAll || (bad > 0 && !options.skipBad) || good.length === 0;
  if (options.dryRun || blocked) {
    report.summary = summaryOf(genitive, report, options, refusedAll, remark);
    return report;
  }
  // Issue 9: a checked copy before every bulk import; no copy (unwritable folder, full disk) — no import.
  if (env.backup) {
    env.progress('Резервная копия перед загрузкой');
    report.backup = await safetyBackup(
      env.backup,
      'import',
      `загрузка из Excel (${genitive})`,
      `Загрузка из Excel: ${genitive}`,
      {
        signal: env.signal,
        onProgress: (step, done, total) => env.progress(`Резервная копия: ${step.toLowerCase()}`, done, total),
      },
    );
  }
  env.throwIfCancelled?.();
  env.progress('Запись', 0, good.length);
  const written = await env.db.transaction().execute(async (trx) => {
    const result = await importer.write(trx, env, context, good);
    if (options.mapping)
      await saveMapping(trx, env.who, env.clock.now(), importer.list, sheet.headers, options.mapping);
    await audit(trx, env.who, env.clock.now(), {
      action: `import.${importer.list}`,
      entity: importer.list,
      entityId: options.journalId ?? options.yearId ?? null,
      journalId: options.journalId ?? null,
      after: {
        rows: sheet.rows.length,
        created: result.created,
        updated: result.updated,
        skippedRows: problems.map((p) => p.row),
        unloadedColumns: report.unloaded,
        ids: result.ids?.slice(0, 5000),
      },
    });
    return result;
  });
  env.progress('Готово', good.length, good.length);
  report.imported = true;
  report.created = written.created;
  report.updated = written.updated;
  report.skipped = bad;
  report.credentials = written.credentials ?? [];
  report.summary = summaryOf(genitive, report, options, false, remark);
  return report;
}

function summaryOf(
  genitive: string,
  r: ImportReport,
  options: ImportOptions,
  refusedAll: boolean,
  remark: string | null,
): string {
  const rows = (n: number) => `${n} ${plural(n, 'строка', 'строки', 'строк')}`;
  const columns = unloadedSentence(r.columns, r.fields);
  const tail = `${remark ? ` ${remark}` : ''}${columns ? ` ${columns}` : ''}`;
  if (refusedAll)
    return (
      `Файл не принят: ${r.problems.map((p) => p.message).join('; ')}. Ничего не ` +
      `загружено.${columns ? ` ${columns}` : ''}`
    );
  if (r.imported) {
    return (
      `Загружено ${genitive}: новых ${r.created}, обновлено ${r.updated}` +
      `${r.skipped > 0 ? `; пропущено ${rows(r.skipped)} с ошибками` : ''}.${tail}` +
      `${r.backup ? ` Перед загрузкой сделана резервная копия ${r.backup}.` : ''}`
    );
  }
  if (r.good === 0)
    return `Ни одна строка не годится для загрузки (${rows(r.bad)} с ошибками). Ничего не загружено.${tail}`;
  if (options.dryRun) {
    return r.bad === 0
      ? `Пробный прогон: все ${rows(r.total)} в порядке, можно загружать.${tail}`
      : `Пробный прогон: в порядке ${rows(r.good)}, с ошибками ${rows(r.bad)}. Ничего не загружено: исправьте файл ` +
          `или загрузите, пропустив строки с ошибками.${tail}`;
  }
  return (
    `Найдены ошибки в ${rows(r.bad)}: ничего не загружено. Исправьте файл или выберите «пропустить строки с ` +
    `ошибками».${tail}`
  );
}
