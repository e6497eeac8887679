// `report record|summary|debts|resit` (issue 15): the college's semester documents from the command line, made by
// the same services as the screens, read as the deputy reads them — whoever holds the database file sees it all.
import type { FileOutput } from '../api/contract.js';
import { flagNumber, flagString, type Flags } from '../args.js';
import type { Core } from '../core.js';
import {
  debtsFile,
  practiceSheetFile,
  qualificationFile,
  resitSheetFile,
  sheetFile,
  summaryFile,
} from '../services/assessments/files.js';
import type { AuthedContext } from '../services/context.js';
import { signatures } from '../services/reports/documents.js';
import { CliError } from './command.js';

export const ASSESSMENT_DOCUMENTS = ['record', 'summary', 'debts', 'resit', 'practice', 'qualification'] as const;

/** The deputy's reading of the whole institution, signed with the deputy's name from the settings. */
async function deputyContext(core: Core): Promise<AuthedContext> {
  const { db, settings } = core.deps;
  const deputy = (await signatures(db, settings.get())).deputy;
  const noHost = () => undefined;
  return {
    ...core.deps,
    session: {
      userId: 0,
      login: 'cli',
      fullName: deputy.name || 'Заместитель директора',
      roles: [{ role: 'deputy', departmentId: null, groupId: null }],
      studentId: null,
      mustChangePassword: false,
      locked: false,
    },
    host: { userId: () => null, locked: () => false, begin: noHost, end: noHost, setLocked: noHost },
  };
}

export async function assessmentDocument(
  core: Core,
  kind: (typeof ASSESSMENT_DOCUMENTS)[number],
  flags: Flags,
  format: 'pdf' | 'xlsx',
  periodId: number | null,
  yearId: number,
): Promise<FileOutput> {
  const ctx = await deputyContext(core);
  const id = (flag: string, what: string) => {
    const value = flagNumber(flags, flag);
    if (!value) throw new CliError(`Укажите ${what}: --${flag} ID`);
    return value;
  };
  switch (kind) {
    case 'record': {
      if (periodId === null) throw new CliError('Ведомость составляется за период: --period N');
      const form = flagString(flags, 'kind') ?? 'exam';
      if (form !== 'exam' && form !== 'credit') throw new CliError('--kind: exam (экзамен) или credit (зачёт)');
      const blank = flags.blank === true;
      return sheetFile(ctx, { journalId: id('journal', 'журнал'), periodId, kind: form, format, blank });
    }
    case 'summary':
      return summaryFile(ctx, { groupId: id('group', 'группу'), periodId: periodId ?? undefined, format });
    case 'debts':
      return debtsFile(ctx, { yearId, periodId: periodId ?? undefined, groupId: flagNumber(flags, 'group'), format });
    case 'resit':
      if (format !== 'pdf') throw new CliError('Экзаменационный лист — только PDF');
      return resitSheetFile(ctx, { resitId: id('resit', 'пересдачу') });
    case 'practice':
      if (format !== 'pdf') throw new CliError('Аттестационные листы — только PDF');
      return practiceSheetFile(ctx, { journalId: id('journal', 'журнал практики') });
    case 'qualification':
      return qualificationFile(ctx, { groupId: id('group', 'группу'), subjectId: id('module', 'модуль (ПМ)'), format });
  }
}
