// The first run's other two ways besides creating the institution: move to a journal on a PostgreSQL
// server (the desktop app), or put a backup copy in place of the empty journal. Dispatch has already
// checked that the database is empty and, over HTTP, the setup code (services/setup-code.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseTest, FirstRunRestore, Parsed } from '../api/contract.js';
import { AppError, badInput } from '../api/errors.js';
import { audit } from './audit.js';
import { exclusive } from './backups/create.js';
import { removeQuietly } from './backups/disk.js';
import { inspectFile } from './backups/inspect.js';
import { installFile, stageCopy } from './backups/restore.js';
import type { ServiceContext } from './context.js';
import { testPostgresUrl } from './settings-api.js';
import { CONNECT_ON_WEB, RESTORE_NEEDS_FILE } from './setup.js';

function requireSwitching(ctx: ServiceContext): (url: string) => Promise<void> {
  if (ctx.host.setupCode !== undefined || !ctx.switchDatabase) throw new AppError('bad_request', CONNECT_ON_WEB);
  return ctx.switchDatabase;
}

export async function checkDatabase(ctx: ServiceContext, input: Parsed<'setup.checkDatabase'>): Promise<DatabaseTest> {
  requireSwitching(ctx);
  return testPostgresUrl(input.url);
}

/** Test the server, then open it and remember it: the next screen is its login (or its own first run). */
export async function connectDatabase(
  ctx: ServiceContext,
  input: Parsed<'setup.connectDatabase'>,
): Promise<DatabaseTest> {
  const switchDatabase = requireSwitching(ctx);
  const test = await testPostgresUrl(input.url);
  if (!test.ok)
    throw new AppError('bad_request', `${test.message}. Программа осталась на прежней базе`, { url: test.message });
  try {
    await switchDatabase(input.url);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'unavailable',
      `Не удалось открыть базу на сервере: ${reason}. Программа осталась на прежней базе`,
    );
  }
  return test;
}

/**
 * Put an uploaded copy in place of the empty journal. The copy is staged and checked in full first
 * (stageCopy), so a file that is not a journal's copy leaves everything as it was.
 */
export async function restore(ctx: ServiceContext, input: Parsed<'setup.restore'>): Promise<FirstRunRestore> {
  if (ctx.dialect !== 'sqlite' || !ctx.file) throw new AppError('bad_request', RESTORE_NEEDS_FILE);
  const live = ctx.file;
  const dir = path.dirname(live);
  const shown = `«${path.basename(input.fileName) || 'файл'}»`;
  const bytes = Buffer.from(input.data, 'base64');
  if (bytes.length === 0) throw badInput('Файл пуст: выберите файл резервной копии', { data: 'Файл пуст' });
  const upload = path.join(dir, `.upload-${crypto.randomBytes(4).toString('hex')}.sqlite`);
  await fs.promises.writeFile(upload, bytes);
  try {
    return await exclusive(async () => {
      let stage: string;
      try {
        stage = await stageCopy(upload, dir);
      } catch (error) {
        throw hidePaths(error, dir, shown);
      }
      try {
        const summary = (await inspectFile(stage, { full: false })).summary!;
        const holder = ctx.database;
        try {
          await holder.replace(async () => installFile(stage, live));
        } catch (error) {
          // The journal was empty: an empty one again is the state before.
          removeQuietly(live, `${live}-wal`, `${live}-shm`);
          await holder.reopen();
          throw new AppError('internal', `Не удалось открыть восстановленную базу (${(error as Error).message})`);
        }
        await audit(holder.current.db, null, ctx.clock.now(), {
          action: 'setup.restore',
          entity: 'database',
          entityId: path.basename(input.fileName) || 'upload',
          after: { institution: summary.institution, year: summary.year },
        });
        return { institution: summary.institution, year: summary.year, students: summary.counts.students };
      } finally {
        removeQuietly(stage, `${stage}-journal`);
      }
    });
  } finally {
    removeQuietly(upload);
  }
}

/** The checks name the file they looked at: here that is a temporary file on the server, not the user's. */
function hidePaths(error: unknown, dir: string, shown: string): unknown {
  if (!(error instanceof AppError)) return error;
  const escaped = dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const message = error.message.replace(new RegExp(`${escaped}[/\\\\][^\\s]+?\\.sqlite`, 'g'), shown);
  return new AppError(error.code, message, error.fields, error.details);
}
