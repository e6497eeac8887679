// `npm run cli -- import <list> --db FILE --file X.xlsx [--dry-run] [--skip-bad]`: the same importer
// as the app. One line per problem («строка 12, столбец «Дата рождения»: …»), then a summary; the
// exit code is 1 when any row was refused, 2 when the file or the options were wrong.
import fs from 'node:fs';
import { IMPORT_LISTS, type ImportList } from '../api/methods/imports.js';
import { isValidIsoDate } from '../api/schemas.js';
import { sizeProblem } from '../export/xlsx-guard.js';
import { flagString } from '../args.js';
import { IMPORTERS, quickCheck, runImport } from '../services/year/import/index.js';
import { parseDate } from '../services/year/import/cells.js';
import { CliError, requireFlag, type CliCommand } from './command.js';
import { openForCli } from './open.js';

function dateFlag(flags: Record<string, string | true>, name: string): string | undefined {
  const v = flagString(flags, name);
  if (v === undefined) return undefined;
  if (isValidIsoDate(v)) return v;
  const parsed = parseDate(v);
  if ('error' in parsed) throw new CliError(`--${name}: ${parsed.error}`);
  return parsed.date;
}

export const importCommand: CliCommand = {
  name: 'import',
  options: {
    db: 'string',
    file: 'string',
    'dry-run': 'boolean',
    'skip-bad': 'boolean',
    year: 'string',
    journal: 'string',
    'order-no': 'string',
    'order-date': 'string',
    date: 'string',
  },
  usage:
    'import students|users|subjects|plan|timetable --db FILE --file X.xlsx [--dry-run] [--skip-bad] [--year 2026/2027] [--journal ID] ' +
    '[--order-no N --order-date ДД.ММ.ГГГГ --date ДД.ММ.ГГГГ]',
  summary: 'загрузить список из Excel: пробный прогон или загрузка; ошибки — по строкам и столбцам',
  async run(positional, flags) {
    const list = positional[0] as ImportList | undefined;
    if (!list || !IMPORT_LISTS.includes(list)) throw new CliError(`Укажите список: ${IMPORT_LISTS.join(', ')}`);
    const db = requireFlag(flags, 'db', 'файл базы данных');
    const file = requireFlag(flags, 'file', 'файл Excel');
    if (!fs.existsSync(file)) throw new CliError(`Файл ${file} не найден`);
    const tooBig = sizeProblem(fs.statSync(file).size);
    if (tooBig) throw new CliError(`${file}: ${tooBig}`);
    const bytes = fs.readFileSync(file);
    quickCheck(bytes);
    const journal = flagString(flags, 'journal');
    if (list === 'plan' && !journal) throw new CliError('Для тематического плана укажите журнал: --journal ID');
    const orderNo = flagString(flags, 'order-no');
    const orderDate = dateFlag(flags, 'order-date');
    const date = dateFlag(flags, 'date');
    if ((orderNo || orderDate || date) && !(orderNo && orderDate && date))
      throw new CliError('Приказ о зачислении: укажите вместе --order-no, --order-date и --date');
    const core = await openForCli(flags, db);
    try {
      let yearId: number | undefined;
      const yearFlag = flagString(flags, 'year');
      if (yearFlag) {
        const y = await core.deps.db
          .selectFrom('academic_years')
          .select('id')
          .where((eb) => (/^\d+$/.test(yearFlag) ? eb('id', '=', Number(yearFlag)) : eb('title', '=', yearFlag)))
          .executeTakeFirst();
        if (!y) throw new CliError(`Учебного года «${yearFlag}» нет`);
        yearId = y.id;
      }
      let lastStep = '';
      const report = await runImport(
        {
          db: core.deps.db,
          clock: core.deps.clock,
          who: null,
          backup: core.deps,
          progress: (step) => {
            if (step !== lastStep && process.stderr.isTTY) process.stderr.write(`  ${step}…\n`);
            lastStep = step;
          },
        },
        IMPORTERS[list],
        bytes,
        {
          dryRun: flags['dry-run'] === true,
          skipBad: flags['skip-bad'] === true,
          yearId,
          journalId: journal ? Number(journal) : undefined,
          admission: orderNo && orderDate && date ? { orderNo, orderDate, date } : undefined,
        },
      );
      for (const p of report.problems)
        console.log(`строка ${p.row}${p.column ? `, столбец «${p.column}»` : ''}: ${p.message}`);
      for (const c of report.credentials) console.log(`учётная запись: ${c.login}\t${c.password}\t${c.fullName}`);
      console.log(report.summary);
      return report.problems.length > 0 ? 1 : 0;
    } finally {
      await core.close();
    }
  },
};
