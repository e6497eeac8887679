// What a SQLite file holds and whether it can be trusted: whole (not truncated), intact (integrity
// check), a journal of ours, and not from a newer version of the program. Used on backups before a
// restore, on every new copy, and on the live file when it refuses to open.
import fs from 'node:fs';
import { APP_ID } from '../../../db/connect.js';
import { corruptionText } from '../../../db/integrity.js';
import { count } from '../../domain/format-numbers.js';
import { probeFile, type ProbeResult } from './probe.js';
import { migrations } from '../../../db/migrations/index.js';

export type FileProblemKind =
  'missing' | 'empty' | 'not_sqlite' | 'truncated' | 'damaged' | 'not_journal' | 'newer' | 'unreadable';

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
  try {
    stat = fs.statSync(file);
  } catch {
    return { kind: 'missing', message: `${what} не найден: ${file}` };
  }
  if (!stat.isFile()) return { kind: 'not_sqlite', message: `${what} — это не файл: ${file}` };
  if (stat.size === 0) return { kind: 'empty', message: `${what} пуст (0 байт): ${file}` };
  const header = Buffer.alloc(100);
  let read = 0;
  const fd = fs.openSync(file, 'r');
  try {
    read = fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
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
      message:
        `${what} обрезан или повреждён: ` +
        `${formatSize(stat.size)}${expected ? ` вместо ${formatSize(expected)}` : ''}. ` +
        'Вероятно, запись прервалась (нет места, извлечён диск)',
    };
  }
  return null;
}

function formatSize(bytes: number): string {
  return `${count(bytes)} байт`;
}

const COUNTED = ['students', 'marks', 'attendance', 'lessons', 'journals', 'users'] as const;

/** What is read from a sound file: ours or not, its structure version and what it holds. */
const QUERIES: Record<string, string> = {
  app: `select value from app_meta where key = 'app'`,
  migrations: 'select name from kysely_migration order by name',
  institution: 'select short_name as v from institution order by id limit 1',
  year: 'select title as v from academic_years order by starts_on desc limit 1',
  auditMax: 'select coalesce(max(id), 0) as n from audit_log',
  ...Object.fromEntries(COUNTED.map((t) => [t, `select count(*) as n from "${t}"`])),
};

/**
 * Look inside the file, read-only. `full` runs `PRAGMA integrity_check` (every page and index, seconds
 * on a large journal), otherwise `quick_check`; the check and the counting run in a worker thread.
 */
export async function inspectFile(file: string, options: { full: boolean; what?: string }): Promise<FileInspection> {
  const what = options.what ?? 'Файл';
  const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
  const fail = (kind: FileProblemKind, message: string, summary: JournalSummary | null = null): FileInspection => ({
    ok: false,
    problem: { kind, message },
    size,
    summary,
  });
  const header = checkHeader(file, what);
  if (header) return fail(header.kind, header.message);
  let probe: ProbeResult;
  try {
    probe = await probeFile(file, options.full, QUERIES);
  } catch (error) {
    const message = (error as Error).message;
    if (
      /malformed|corrupt|not a database|SQLITE_CORRUPT|SQLITE_NOTADB/i.test(
        `${(error as { code?: string }).code} ${message}`,
      )
    ) {
      return fail('damaged', `${what} повреждён: ${corruptionText(message)}`);
    }
    return fail('unreadable', `${what} не удаётся прочитать: ${message}`);
  }
  if (probe.problem) return fail('damaged', `${what} повреждён: проверка целостности нашла ошибки (${probe.problem})`);
  const r = probe.results;
  const rows = (key: string) => r[key]?.rows ?? [];
  const first = (key: string, column: string) => rows(key)[0]?.[column];
  if (first('app', 'value') !== APP_ID)
    return fail('not_journal', `${what} не является базой данных программы «Журнал»`);
  const applied = rows('migrations').map((m) => String(m.name));
  const summary: JournalSummary = {
    schema: applied.at(-1) ?? null,
    institution: (first('institution', 'v') as string | undefined) ?? null,
    year: (first('year', 'v') as string | undefined) ?? null,
    counts: Object.fromEntries(COUNTED.map((t) => [t, Number(first(t, 'n') ?? 0)])) as unknown as JournalCounts,
    auditMax: Number(first('auditMax', 'n') ?? 0),
  };
  const unknown = applied.filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    return fail(
      'newer',
      `${what} создан более новой версией программы «Журнал» (структура ${unknown.at(-1)}). ` +
        'Эта версия не может его открыть: сначала обновите программу',
      summary,
    );
  }
  return { ok: true, problem: null, size, summary };
}
