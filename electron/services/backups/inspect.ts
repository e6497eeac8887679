// What a SQLite file holds and whether it can be trusted: whole (not truncated), intact (integrity
// check), a journal of ours, and not from a newer version of the program. Used on backups before a
// restore, on every new copy, and on the live file when it refuses to open.
import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { APP_ID } from '../../../db/connect.js';
import { checkIntegrityOffThread, corruptionText } from '../../../db/integrity.js';
import { migrations } from '../../../db/migrations/index.js';

export type FileProblemKind = 'missing' | 'empty' | 'not_sqlite' | 'truncated' | 'damaged' | 'not_journal' | 'newer' | 'unreadable';

export interface JournalCounts {
  students: number;
  marks: number;
  attendance: number;
  lessons: number;
  journals: number;
  users: number;
}

export interface JournalSummary {
  schema: string | null;
  institution: string | null;
  /** The newest academic year, e.g. «2026/2027». */
  year: string | null;
  counts: JournalCounts;
  /** The newest audit entry: tells whether anything changed since a copy. */
  auditMax: number;
}

export interface FileInspection {
  ok: boolean;
  problem: { kind: FileProblemKind; message: string } | null;
  size: number;
  summary: JournalSummary | null;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Check the header against the file's length: a copy cut short (full disk, pulled stick) is caught here. */
export function checkHeader(file: string, what: string): { kind: FileProblemKind; message: string } | null {
  let stat: fs.Stats;
  try { stat = fs.statSync(file); } catch {
    return { kind: 'missing', message: `${what} не найден: ${file}` };
  }
  if (!stat.isFile()) return { kind: 'not_sqlite', message: `${what} — это не файл: ${file}` };
  if (stat.size === 0) return { kind: 'empty', message: `${what} пуст (0 байт): ${file}` };
  const header = Buffer.alloc(100);
  let read = 0;
  const fd = fs.openSync(file, 'r');
  try { read = fs.readSync(fd, header, 0, 100, 0); } finally { fs.closeSync(fd); }
  if (read < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    return { kind: 'not_sqlite', message: `${what} не является базой данных программы «Журнал»: ${file}` };
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = header.readUInt32BE(28);
  // The page count in the header is valid when the change counter matches «version-valid-for».
  const countValid = header.readUInt32BE(24) === header.readUInt32BE(92) && pages > 0;
  const expected = countValid ? pages * pageSize : null;
  if (pageSize < 512 || (expected !== null && stat.size < expected) || stat.size % pageSize !== 0) {
    return {
      kind: 'truncated',
      message: `${what} обрезан или повреждён: ${formatSize(stat.size)}${expected ? ` вместо ${formatSize(expected)}` : ''}. ` +
        'Вероятно, запись прервалась (нет места, извлечён диск)',
    };
  }
  return null;
}

function formatSize(bytes: number): string {
  return `${bytes.toLocaleString('ru-RU')} байт`;
}

/**
 * Look inside the file, read-only. `full` runs `PRAGMA integrity_check` (every page and index, seconds
 * on a large journal), otherwise `quick_check`; either runs in a worker thread, off the event loop.
 */
export async function inspectFile(file: string, options: { full: boolean; what?: string }): Promise<FileInspection> {
  const what = options.what ?? 'Файл';
  const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
  const fail = (kind: FileProblemKind, message: string, summary: JournalSummary | null = null): FileInspection =>
    ({ ok: false, problem: { kind, message }, size, summary });
  const header = checkHeader(file, what);
  if (header) return fail(header.kind, header.message);
  let check: string | null;
  try {
    check = await checkIntegrityOffThread(file, options.full);
  } catch (error) {
    return failure(error, what, fail);
  }
  if (check) return fail('damaged', `${what} повреждён: проверка целостности нашла ошибки (${check})`);
  let raw: SQLite.Database | null = null;
  try {
    raw = new SQLite(file, { readonly: true, fileMustExist: true });
    const tables = new Set((raw.prepare(`select name from sqlite_master where type = 'table'`).all() as Array<{ name: string }>).map((t) => t.name));
    const app = tables.has('app_meta')
      ? (raw.prepare(`select value from app_meta where key = 'app'`).get() as { value: string } | undefined)?.value
      : undefined;
    if (app !== APP_ID) return fail('not_journal', `${what} не является базой данных программы «Журнал»`);
    const applied = tables.has('kysely_migration')
      ? (raw.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>).map((r) => r.name)
      : [];
    const summary = summarize(raw, tables, applied);
    const unknown = applied.filter((name) => !(name in migrations));
    if (unknown.length > 0) {
      return fail('newer', `${what} создан более новой версией программы «Журнал» (структура ${unknown.at(-1)}). ` +
        'Эта версия не может его открыть: сначала обновите программу', summary);
    }
    return { ok: true, problem: null, size, summary };
  } catch (error) {
    return failure(error, what, fail);
  } finally {
    raw?.close();
  }
}

function failure(error: unknown, what: string, fail: (kind: FileProblemKind, message: string) => FileInspection): FileInspection {
  const message = (error as Error).message;
  if (/malformed|corrupt|not a database|SQLITE_CORRUPT|SQLITE_NOTADB/i.test(`${(error as { code?: string }).code} ${message}`)) {
    return fail('damaged', `${what} повреждён: ${corruptionText(message)}`);
  }
  return fail('unreadable', `${what} не удаётся прочитать: ${message}`);
}

function summarize(raw: SQLite.Database, tables: Set<string>, applied: string[]): JournalSummary {
  const count = (table: string) => (tables.has(table) ? (raw.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n : 0);
  const institution = tables.has('institution')
    ? (raw.prepare('select short_name from institution order by id limit 1').get() as { short_name: string } | undefined)?.short_name ?? null
    : null;
  const year = tables.has('academic_years')
    ? (raw.prepare('select title from academic_years order by starts_on desc limit 1').get() as { title: string } | undefined)?.title ?? null
    : null;
  const auditMax = tables.has('audit_log') ? (raw.prepare('select coalesce(max(id), 0) as n from audit_log').get() as { n: number }).n : 0;
  return {
    schema: applied.at(-1) ?? null,
    institution,
    year,
    counts: {
      students: count('students'), marks: count('marks'), attendance: count('attendance'),
      lessons: count('lessons'), journals: count('journals'), users: count('users'),
    },
    auditMax,
  };
}
