// `npm run cli -- restore`: put a copy back over a journal file that no program has open. The copy is
// checked first (a cut, foreign or newer copy is refused and the journal is not touched); the current
// journal is copied first so the restore can be undone, or, if it is damaged, kept beside it.
import fs from 'node:fs';
import path from 'node:path';
import { parseDatabaseUrl } from '../../db/connect.js';
import { flagString } from '../args.js';
import { backupFolder, fileInUse, restoreFile } from '../services/backups/index.js';
import { CliError, requireFlag, type CliCommand } from './command.js';
import { cliContext } from './context.js';

export const restoreCommand: CliCommand = {
  name: 'restore',
  options: { db: 'string', from: 'string', out: 'string' },
  usage: 'restore --db FILE --from BACKUP [--out DIR]',
  summary: 'восстановить журнал из резервной копии (текущий файл сначала сохраняется копией в --out или в папке копий)',
  async run(_positional, flags) {
    const db = requireFlag(flags, 'db', 'файл базы данных');
    const from = path.resolve(requireFlag(flags, 'from', 'файл резервной копии'));
    const parsed = parseDatabaseUrl(db);
    if (parsed.dialect === 'postgres') {
      throw new CliError(
        'База PostgreSQL восстанавливается на сервере: pg_restore --clean --dbname=<адрес базы> <файл .dump>',
      );
    }
    if (!parsed.file) throw new CliError('Укажите файл базы данных');
    if (!fs.existsSync(from)) throw new CliError(`Файл резервной копии не найден: ${from}`);
    if (fileInUse(parsed.file)) {
      throw new CliError(
        `Файл ${parsed.file} открыт программой «Журнал». Закройте её (или восстановите из окна программы: ` +
          `«Резервные копии»)`,
      );
    }
    const { settings, paths, clock } = cliContext(flags);
    const out = flagString(flags, 'out');
    const folder = out ? { path: path.resolve(out), isDefault: false } : backupFolder(settings.get(), paths);
    const result = await restoreFile(parsed.file, from, folder, clock.now());
    const s = result.restored.summary;
    console.log(`Журнал восстановлен из ${from}`);
    console.log(
      `  ${s.institution ?? 'организация не указана'}; учебный год ${s.year ?? '—'}; обучающихся ` +
        `${s.counts.students}, отметок ${s.counts.marks}`,
    );
    if (result.undo) {
      console.log(`Прежнее состояние сохранено: ${result.undo.path}`);
      console.log(
        `Чтобы отменить восстановление: npm run cli -- restore --db "${parsed.file}" --from "${result.undo.path}"`,
      );
    }
    if (result.damagedKeptAs) console.log(`Повреждённый файл сохранён как ${result.damagedKeptAs}`);
    return 0;
  },
};
