// `npm run cli -- import <list> --db FILE --file X.xlsx [--dry-run] [--skip-bad] [--map "Столбец=Поле"]`:
// the same importer as the app; `--map` (repeatable) says which field a column of the file loads into
// («не загружать» to leave it out), remembered for files with the same headers. One line per problem («строка 12,
// столбец «Дата рождения»: …»), then a summary; the
// exit code is 1 when any row was refused, 2 when the file or the options were wrong.
import fs from 'node:fs';
import { IMPORT_LISTS, type ImportList } from '../api/methods/imports.js';
import { isValidIsoDate } from '../api/schemas.js';
import { sizeProblem } from '../export/xlsx-guard.js';
import { flagString, flagStrings, type Flags } from '../args.js';
import { normaliseHeader } from '../domain/import-headers.js';
import type { Importer } from '../services/year/import/framework.js';
import { NOT_LOADED, validFields, type Mapping } from '../services/year/import/mappings.js';
import { IMPORTERS, quickCheck, runImport } from '../services/year/import/index.js';
import { parseDate } from '../services/year/import/cells.js';
import { CliError, requireFlag, type CliCommand } from './command.js';
import { openForCli } from './open.js';

function dateFlag(flags: Flags, name: string): string | undefined {
  const v = flagString(flags, name);
  if (v === undefined) return undefined;
  if (isValidIsoDate(v)) return v;
  const parsed = parseDate(v);
  if ('error' in parsed) throw new CliError(`--${name}: ${parsed.error}`);
  return parsed.date;
}

/** `--map "Родитель (ФИО)=Представитель 1: ФИО"` → header → field key; an unknown field is refused. */
export function parseMap(values: string[], importer: Importer<unknown, unknown>): Mapping | undefined {
  if (values.length === 0) return undefined;
  const mapping: Mapping = {};
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const header = at > 0 ? value.slice(0, at).trim() : '';
    const target = at > 0 ? value.slice(at + 1).trim() : '';
    if (!header || !target)
      throw new CliError(
        `--map «${value}»: ожидается «Столбец файла=Поле», например --map "Родитель (ФИО)=Представитель 1: ФИО"`,
      );
    const norm = normaliseHeader(target);
    if (norm === normaliseHeader(NOT_LOADED)) {
      mapping[header] = null;
      continue;
    }
    const field = importer.columns.find((c) => normaliseHeader(c.header) === norm || c.key === target);
    if (!field) throw new CliError(`--map «${value}»: неизвестное поле «${target}». ${validFields(importer.columns)}`);
    mapping[header] = field.key;
  }
  return mapping;
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
    map: 'strings',
  },
  usage:
    'import students|users|subjects|plan|timetable --db FILE --file X.xlsx [--dry-run] [--skip-bad] [--year ' +
    '2026/2027] [--journal ID] ' +
    '[--order-no N --order-date ДД.ММ.ГГГГ --date ДД.ММ.ГГГГ] [--map "Столбец файла=Поле" …]',
  summary: 'загрузить список из Excel: пробный прогон или загрузка; ошибки — по строкам и столбцам',
  async run(positional, flags) {
    const list = positional[0] as ImportList | undefined;
    if (!list || !IMPORT_LISTS.includes(list)) throw new CliError(`Укажите список: ${IMPORT_LISTS.join(', ')}`);
    const db = requireFlag(flags, 'db', 'файл базы данных');
    const file = requireFlag(flags, 'file', 'файл Excel');
    if (!fs.existsSync(file)) throw new CliError(`Файл ${file} не найден`);
    const tooBig = sizeProblem(fs.statSync(file).size);
    if (tooBig) throw new CliError(`${file}: ${tooBig}`);
    const mapping = parseMap(flagStrings(flags, 'map'), IMPORTERS[list]);
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
          mapping,
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
