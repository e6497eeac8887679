// `npm run cli -- report keeping --db FILE --period 1 --out report.pdf`: the same report services and
// documents as the app, for the whole institution (whoever holds the database file sees all of it),
// with the time each stage took — the benchmark of the half-year report runs exactly this.
import fs from 'node:fs';
import path from 'node:path';
import type { FileOutput } from '../api/contract.js';
import { flagNumber, flagString } from '../args.js';
import { reportFile, type DocumentDeps } from '../services/reports/documents.js';
import { packFiles } from '../services/reports/pack.js';
import { journalCopyFile } from '../services/reports/copies.js';
import { boundJournalFile } from '../services/reports/bound-journal.js';
import { assertCentre } from '../services/reports/centre.js';
import { assertCollege } from '../services/reports/stipend.js';
import { hoursRange } from '../services/reports/hours.js';
import { resolveRange, yearJournals, type Range } from '../services/reports/scope.js';
import { currentPeriod, currentYear } from '../services/schedule.js';
import { CliError, requireFlag, type CliCommand } from './command.js';
import { ASSESSMENT_DOCUMENTS, assessmentDocument } from './report-assessments.js';
import { openForCli } from './open.js';

const KINDS = {
  keeping: 'keeping',
  completion: 'completion',
  attendance: 'attendance',
  performance: 'performance',
  forecast: 'forecast',
  hours: 'hoursSheet',
  // A centre's only (seed 000).
  'union-attendance': 'unionAttendance',
  'person-hours': 'personHours',
  retention: 'retention',
  // A college's only (issue 15): --month YYYY-MM.
  stipend: 'stipendAttendance',
  // Issue 14: --month YYYY-MM.
  substitutions: 'substitutions',
} as const;
const CENTRE_ONLY = new Set<string>(['union-attendance', 'person-hours', 'retention']);

export const reportCommand: CliCommand = {
  name: 'report',
  options: {
    db: 'string',
    out: 'string',
    period: 'string',
    year: 'string',
    journal: 'string',
    month: 'string',
    signer: 'string',
    to: 'string',
    group: 'string',
    kind: 'string',
    blank: 'boolean',
    resit: 'string',
    module: 'string',
  },
  usage:
    'report keeping|completion|attendance|performance|forecast|hours|substitutions|stipend|union-attendance|' +
    'person-hours|retention|' +
    'pack|copy|bound|record|summary|debts|resit|practice|qualification --db FILE --out FILE.pdf|.xlsx ' +
    '[--year ID] [--period N|year] [--month YYYY-MM] [--journal ID] [--group ID] [--signer director|deputy] ' +
    '[--to "кому"] [--kind exam|credit] [--blank] [--resit ID] [--module ID] ' +
    '[--today YYYY-MM-DD]',
  summary:
    'сформировать отчёт в PDF или Excel (pack — пакет за семестр: PDF и Excel рядом; copy — заверенная копия ' +
    'страниц журнала, в реестр копий; bound — журнал группы за год для прошивки)',
  async run(positional, flags) {
    const kind = positional[0];
    const documents: readonly string[] = ASSESSMENT_DOCUMENTS;
    const other = ['pack', 'copy', 'bound', ...documents];
    if (!kind || !(kind in KINDS || other.includes(kind)))
      throw new CliError(`Укажите отчёт: ${[...Object.keys(KINDS), ...other].join(', ')}`);
    const db = requireFlag(flags, 'db', 'файл базы данных');
    const out = requireFlag(flags, 'out', 'файл результата (.pdf или .xlsx)');
    const format =
      path.extname(out).toLowerCase() === '.xlsx' ? 'xlsx' : path.extname(out).toLowerCase() === '.pdf' ? 'pdf' : null;
    if (!format) throw new CliError('--out: файл .pdf или .xlsx');
    const core = await openForCli(flags, db);
    try {
      const { db: kysely, clock, settings } = core.deps;
      const today = clock.today();
      const deps: DocumentDeps = { db: kysely, today, now: clock.now(), settings: settings.get() };
      const year = flagNumber(flags, 'year') ?? (await currentYear(kysely, today))?.id;
      if (year === undefined) throw new CliError('В базе нет учебного года');
      const periodFlag = flagString(flags, 'period');
      let periodId: number | null = null;
      if (periodFlag === undefined) periodId = (await currentPeriod(kysely, year, today))?.id ?? null;
      else if (periodFlag !== 'year') {
        const period = await kysely
          .selectFrom('periods')
          .select('id')
          .where('year_id', '=', year)
          .where('seq', '=', Number(periodFlag))
          .executeTakeFirst();
        if (!period) throw new CliError(`--period: в учебном году нет периода № ${periodFlag} (или укажите year)`);
        periodId = period.id;
      }
      const started = performance.now();
      const progress = (step: string) =>
        console.log(`  ${((performance.now() - started) / 1000).toFixed(2)} с  ${step}`);
      let files: FileOutput[];
      let range: Range;
      if (documents.includes(kind)) {
        range = await resolveRange(kysely, today, year, periodId);
        const document = kind as (typeof ASSESSMENT_DOCUMENTS)[number];
        files = [await assessmentDocument(core, document, flags, format, periodId, year)];
      } else if (kind === 'bound') {
        const groupId = flagNumber(flags, 'group');
        if (!groupId) throw new CliError('Укажите группу: --group ID');
        if (format !== 'pdf') throw new CliError('Журнал группы для прошивки — только PDF');
        range = await resolveRange(kysely, today, year, null);
        files = [await boundJournalFile(deps, groupId, progress)];
      } else if (kind === 'copy') {
        const journalId = flagNumber(flags, 'journal');
        if (!journalId) throw new CliError('Укажите журнал: --journal ID');
        range = await resolveRange(kysely, today, year, periodId);
        const signer = flagString(flags, 'signer') === 'deputy' ? 'deputy' : 'director';
        const recipient = flagString(flags, 'to')?.trim();
        if (!recipient)
          throw new CliError('Укажите, кому выдаётся копия: --to "…" (она вносится в реестр выданных копий)');
        files = [
          await journalCopyFile(deps, {
            journalId,
            from: range.from,
            to: periodId ? range.to : range.asOf,
            periodTitle: periodId ? range.title : undefined,
            signer,
            recipient,
            by: null,
          }),
        ];
      } else {
        range =
          kind === 'hours' || kind === 'stipend' || kind === 'substitutions'
            ? await hoursRange(kysely, today, year, flagString(flags, 'month'))
            : await resolveRange(kysely, today, year, periodId);
        const journals = await yearJournals(kysely, range.yearId);
        if (CENTRE_ONLY.has(kind)) await assertCentre(kysely);
        if (kind === 'substitutions' && !flagString(flags, 'month'))
          throw new CliError('Замены за месяц: укажите --month ГГГГ-ММ');
        if (kind === 'stipend') {
          if (!flagString(flags, 'month'))
            throw new CliError('Ведомость для стипендиальной комиссии: укажите --month ГГГГ-ММ');
          await assertCollege(kysely);
        }
        files =
          kind === 'pack'
            ? await packFiles(deps, range, journals, progress)
            : [
                await reportFile(
                  deps,
                  {
                    kind: KINDS[kind as keyof typeof KINDS],
                    format,
                    range,
                    journals,
                    month: flagString(flags, 'month') ?? null,
                  },
                  progress,
                ),
              ];
      }
      const seconds = (performance.now() - started) / 1000;
      for (const file of files) {
        const target = files.length > 1 ? out.replace(/\.(pdf|xlsx)$/i, path.extname(file.fileName)) : out;
        fs.writeFileSync(target, Buffer.from(file.base64, 'base64'));
        console.log(`Записано: ${target} (${Math.round(fs.statSync(target).size / 1024)} КБ)`);
      }
      console.log(`${range.title}: сформировано за ${seconds.toFixed(2)} с`);
      return 0;
    } finally {
      await core.close();
    }
  },
};
