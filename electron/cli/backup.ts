// `npm run cli -- backup`: a checked copy of the journal — SQLite through the online backup API (the
// program may keep running), PostgreSQL through pg_dump.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, parseDatabaseUrl } from '../../db/connect.js';
import { flagString } from '../args.js';
import {
  backupFile,
  backupFolder,
  pgDump,
  rotateFolder,
  rotationPolicy,
  type BackupReason,
} from '../services/backups/index.js';
import { formatBytes } from '../domain/format-numbers.js';
import { CliError, requireFlag, type CliCommand } from './command.js';
import { cliContext } from './context.js';

export const backupCommand: CliCommand = {
  name: 'backup',
  options: { db: 'string', out: 'string', reason: 'string', rotate: 'boolean' },
  usage: 'backup --db FILE|postgres://… [--out DIR] [--reason manual|daily] [--rotate]',
  summary:
    'резервная копия журнала с проверкой целостности (SQLite — без остановки программы; PostgreSQL — через pg_dump)',
  async run(_positional, flags) {
    const db = requireFlag(flags, 'db', 'файл базы данных или адрес PostgreSQL');
    const { settings, paths, clock } = cliContext(flags);
    const out = flagString(flags, 'out');
    const folder = out ? { path: path.resolve(out), isDefault: false } : backupFolder(settings.get(), paths);
    const parsed = parseDatabaseUrl(db);
    if (parsed.dialect === 'postgres') {
      // Make sure it is a journal before dumping it.
      const handle = await openDatabase(parsed.url, { migrate: false });
      await handle.close();
      console.log('Копирование базы PostgreSQL через pg_dump…');
      const dump = await pgDump(parsed.url, folder.path, clock.now());
      console.log(
        `Копия: ${dump.file}\n  размер ${formatBytes(dump.size)}, объектов в архиве: ` +
          `${dump.entries || 'не проверено (нет pg_restore)'}`,
      );
      return 0;
    }
    if (!parsed.file) throw new CliError('База в памяти не копируется: укажите файл');
    if (!fs.existsSync(parsed.file)) throw new CliError(`Файл базы данных не найден: ${parsed.file}`);
    const reason = (flagString(flags, 'reason') ?? 'manual') as BackupReason;
    if (reason !== 'manual' && reason !== 'daily') throw new CliError('--reason: manual или daily');
    let shown = -1;
    const info = await backupFile(parsed.file, folder, reason, clock.now(), {
      onProgress: (step, done, total) => {
        const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
        if (step !== 'Копирование базы данных' || percent >= shown + 25) {
          shown = percent;
          process.stdout.write(`  ${step}${total > 1 ? ` ${percent}%` : ''}\n`);
        }
      },
    });
    const c = info.counts!;
    console.log(`Копия: ${info.path}`);
    console.log(`  размер ${formatBytes(info.size)}, проверка целостности пройдена, SHA-256 ${info.sha256}`);
    console.log(
      `  ${info.institution ?? 'организация не указана'}; учебный год ${info.year ?? '—'}; обучающихся ` +
        `${c.students}, отметок ${c.marks}, занятий ${c.lessons}`,
    );
    if (flags.rotate === true) {
      const removed = rotateFolder(folder.path, rotationPolicy(settings.get()));
      console.log(`Ротация: удалено копий — ${removed.length}${removed.length ? ` (${removed.join(', ')})` : ''}`);
    }
    return 0;
  },
};
