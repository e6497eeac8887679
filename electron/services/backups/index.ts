// Backups of the SQLite journal. What other features call:
//   await backupNow(ctx, 'import')      — before a bulk import (also 'year-close', 'year-copy', 'archive');
//                                         the year's services call it through safetyBackup (year/common.ts);
//                                         throws a Russian AppError when no copy could be made: stop then.
//                                         Returns null on PostgreSQL (the server's pg_dump keeps copies).
export { backupNow, backupFile, rotateFolder, rotationPolicy, readBackupState, type BackupState } from './create.js';
export { backupFolder, REASON_LABELS, type BackupReason, type BackupFolder } from './naming.js';
export { listBackups, type BackupInfo } from './catalog.js';
export { inspectFile, type FileInspection, type JournalSummary, type JournalCounts } from './inspect.js';
export { restoreLive, restoreFile, fileInUse, POSTGRES_ADVICE, type RestoreResult } from './restore.js';
export {
  explainOpenFailure,
  newestGoodBackup,
  candidateFolders,
  describeForPeople,
  backupTime,
  type StartupProblem,
} from './startup.js';
export { dailyBackupTask, backupAtExit, latestOccurrence } from './tasks.js';
export { pgDump, findPgTool, maskUrl } from './pgdump.js';
