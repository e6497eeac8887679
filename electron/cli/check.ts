// `npm run cli -- check`: is this journal (or a copy of it) whole and ours? Exit code 0 when sound,
// 3 when damaged, cut, foreign or from a newer program.
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase, parseDatabaseUrl } from '../../db/connect.js';
import { LATEST_MIGRATION } from '../../db/migrations/index.js';
import { inspectFile } from '../services/backups/index.js';
import { formatBytes } from '../domain/format-numbers.js';
import { CliError, requireFlag, type CliCommand } from './command.js';

export const checkCommand: CliCommand = {
  name: 'check',
  options: { db: 'string' },
  usage: 'check --db FILE|postgres://…',
  summary:
    'проверить базу или резервную копию: целостность (integrity_check), принадлежность журналу, версия структуры, ' +
    'содержимое',
  async run(_positional, flags) {
    const db = requireFlag(flags, 'db', 'файл базы данных или адрес PostgreSQL');
    const parsed = parseDatabaseUrl(db);
    if (parsed.dialect === 'postgres') {
      const handle = await openDatabase(parsed.url, { migrate: false });
      try {
        const n = async (table: string) =>
          Number(
            (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(handle.db)).rows[0]?.n ??
              0,
          );
        console.log('База PostgreSQL: подключение есть, это журнал');
        console.log(`  обучающихся ${await n('students')}, отметок ${await n('marks')}, занятий ${await n('lessons')}`);
        return 0;
      } finally {
        await handle.close();
      }
    }
    if (!parsed.file) throw new CliError('Укажите файл базы данных');
    console.log(`Проверка ${parsed.file}…`);
    const result = await inspectFile(parsed.file, { full: true, what: 'Файл' });
    if (!result.ok) {
      console.log(`НЕИСПРАВЕН: ${result.problem!.message}`);
      return 3;
    }
    const s = result.summary!;
    const fk = foreignKeyProblems(parsed.file);
    console.log(`Исправен: целостность в порядке (integrity_check), размер ${formatBytes(result.size)}`);
    console.log(
      `  структура ` +
        `${s.schema ?? '—'}` +
        `${s.schema && s.schema < LATEST_MIGRATION ? ` (будет обновлена до ${LATEST_MIGRATION} при открытии)` : ''}`,
    );
    console.log(`  ${s.institution ?? 'организация не указана'}; учебный год ${s.year ?? '—'}`);
    console.log(
      `  обучающихся ${s.counts.students}, отметок ${s.counts.marks}, отметок посещаемости ${s.counts.attendance}, ` +
        `занятий ${s.counts.lessons}, журналов ${s.counts.journals}, пользователей ${s.counts.users}`,
    );
    if (fk > 0) {
      console.log(`НЕИСПРАВЕН: нарушены связи между записями (${fk}, PRAGMA foreign_key_check)`);
      return 3;
    }
    return 0;
  },
};

function foreignKeyProblems(file: string): number {
  const raw = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return (raw.pragma('foreign_key_check') as unknown[]).length;
  } finally {
    raw.close();
  }
}
