// The administrator's backup screen (000 §3.4.5: the administrator keeps the information safe):
// the list with what each copy holds, «copy now», a full check of a copy, and restore.
import fs from 'node:fs';
import path from 'node:path';
import type {
  BackupContents,
  BackupInspection,
  BackupItem,
  BackupOverview,
  JobInfo,
  Parsed,
  RestoreOutcome,
} from '../api/contract.js';
import { AppError } from '../api/errors.js';
import type { AuthedContext } from './context.js';
import {
  backupFolder,
  backupNow,
  inspectFile,
  listBackups,
  POSTGRES_ADVICE,
  readBackupState,
  REASON_LABELS,
  restoreLive,
  type BackupInfo,
  type JournalSummary,
} from './backups/index.js';
import { describeBackup } from './backups/catalog.js';
import { ensureWritableFolder, freeBytes, sha256File } from './backups/disk.js';
import { isBackupFileName } from './backups/naming.js';
import { KEEP_PER_REASON } from './backups/rotation.js';

function contents(
  s: Pick<JournalSummary, 'schema' | 'institution' | 'year' | 'counts'> | null | undefined,
): BackupContents | null {
  return s && s.counts ? { schema: s.schema, institution: s.institution, year: s.year, counts: s.counts } : null;
}

export function backupItem(b: BackupInfo): BackupItem {
  return {
    name: b.name,
    createdAt: b.createdAt,
    reason: b.reason,
    reasonLabel: REASON_LABELS[b.reason],
    size: b.size,
    checked: b.checkedAt !== null,
    contents: b.counts
      ? contents({ schema: b.schema, institution: b.institution, year: b.year, counts: b.counts })
      : null,
  };
}

function supported(ctx: AuthedContext): boolean {
  return ctx.dialect === 'sqlite' && ctx.file !== null;
}

export async function list(ctx: AuthedContext): Promise<BackupOverview> {
  const settings = ctx.settings.get();
  const folder = backupFolder(settings, ctx.paths);
  const b = settings.backup;
  const state = readBackupState(ctx.paths);
  let folderProblem: string | null = null;
  if (supported(ctx)) {
    try {
      ensureWritableFolder(folder.path, { create: folder.isDefault, what: 'Папка резервных копий' });
    } catch (error) {
      folderProblem = (error as Error).message;
    }
  }
  const failureIsNewer = state.lastFailure && (!state.lastSuccess || state.lastFailure.at > state.lastSuccess.at);
  return {
    dialect: ctx.dialect,
    supported: supported(ctx),
    advice:
      ctx.dialect === 'postgres'
        ? POSTGRES_ADVICE
        : ctx.file
          ? null
          : 'База данных открыта в памяти: копировать нечего',
    database: ctx.file,
    folder: folder.path,
    folderIsDefault: folder.isDefault,
    folderProblem,
    freeBytes: fs.existsSync(folder.path) ? freeBytes(folder.path) : null,
    schedule: {
      dailyAt: b.dailyAt,
      onExit: b.onExit,
      keepDaily: b.keepDaily,
      keepWeekly: b.keepWeekly,
      keepMonthly: b.keepMonthly,
      keepPerReason: KEEP_PER_REASON,
    },
    lastSuccess: state.lastSuccess,
    lastFailure: failureIsNewer ? state.lastFailure : null,
    backups: supported(ctx) ? listBackups(folder.path).map(backupItem) : [],
  };
}

export async function create(ctx: AuthedContext): Promise<JobInfo> {
  if (ctx.dialect === 'postgres') throw new AppError('bad_request', POSTGRES_ADVICE);
  if (!ctx.file) throw new AppError('bad_request', 'База данных открыта в памяти: копировать нечего');
  const job = ctx.jobs.start('backup', ctx.session.userId, async (control) => {
    const info = await backupNow(ctx, 'manual', { onProgress: control.progress, signal: control.signal });
    return info ? backupItem(info) : null;
  });
  const { ownerId: _owner, ...rest } = job;
  return rest;
}

function locate(ctx: AuthedContext, name: string): BackupInfo {
  if (!supported(ctx)) throw new AppError('bad_request', POSTGRES_ADVICE);
  if (!isBackupFileName(name)) throw new AppError('bad_request', `«${name}» — не имя резервной копии журнала`);
  const file = path.join(backupFolder(ctx.settings.get(), ctx.paths).path, name);
  const info = fs.existsSync(file) ? describeBackup(file) : null;
  if (!info) throw new AppError('not_found', `Резервная копия «${name}» не найдена`);
  return info;
}

export async function inspect(ctx: AuthedContext, input: Parsed<'backups.inspect'>): Promise<BackupInspection> {
  const info = locate(ctx, input.name);
  const inspection = await inspectFile(info.path, { full: true, what: 'Резервная копия' });
  const checksumOk = info.sha256 && inspection.ok ? (await sha256File(info.path)) === info.sha256 : null;
  const problem =
    inspection.problem?.message ??
    (checksumOk === false
      ? 'Копия изменилась после записи: контрольная сумма не совпадает. Восстанавливать из неё не следует'
      : null);
  return {
    name: info.name,
    ok: problem === null,
    problem,
    createdAt: info.createdAt,
    reason: info.reason,
    reasonLabel: REASON_LABELS[info.reason],
    size: inspection.size,
    contents: contents(inspection.summary),
    checksumOk,
  };
}

export async function restore(ctx: AuthedContext, input: Parsed<'backups.restore'>): Promise<RestoreOutcome> {
  const info = locate(ctx, input.name);
  if (info.sha256 && (await sha256File(info.path)) !== info.sha256) {
    throw new AppError(
      'bad_request',
      'Копия изменилась после записи: контрольная сумма не совпадает. Восстановление отменено, журнал не изменён',
    );
  }
  const result = await restoreLive(ctx, input.name, ctx.session);
  return {
    restored: {
      name: result.restored.name,
      createdAt: result.restored.createdAt,
      contents: contents(result.restored.summary)!,
    },
    undoName: result.undo?.name ?? null,
    reloginRequired: true,
  };
}
