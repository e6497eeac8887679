// A copy of a PostgreSQL journal with the server's own tool, pg_dump, written like every other copy:
// to a temporary name, checked (`pg_restore --list` reads the whole archive), then renamed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../api/errors.js';
import { diskError, ensureWritableFolder, fsyncDir, fsyncFile, removeQuietly } from './disk.js';
import { fileStamp } from '../../domain/format-dates.js';

/** pg_dump (or pg_restore) from PATH, `PG_BIN`, or the newest Debian/Ubuntu cluster's bin folder. */
export function findPgTool(tool: 'pg_dump' | 'pg_restore'): string | null {
  const exe = process.platform === 'win32' ? `${tool}.exe` : tool;
  const dirs = [process.env.PG_BIN, ...(process.env.PATH ?? '').split(path.delimiter)].filter((d): d is string =>
    Boolean(d),
  );
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => path.join(debian, v, 'bin')));
  }
  if (process.platform === 'win32') {
    const base = path.join(process.env.ProgramFiles ?? 'C:\\Program Files', 'PostgreSQL');
    if (fs.existsSync(base))
      dirs.push(
        ...fs
          .readdirSync(base)
          .sort()
          .reverse()
          .map((v) => path.join(base, v, 'bin')),
      );
  }
  for (const dir of dirs) {
    const candidate = path.join(dir, exe);
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.length < 1e6 ? c.toString() : '';
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stderr, stdout }));
  });
}

/** Hide the password of a `postgres://user:secret@host/db` URL before showing it. */
export function maskUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/i, '$1***@');
}

export interface PgDumpResult {
  file: string;
  size: number;
  entries: number;
}

export async function pgDump(url: string, folder: string, now: Date): Promise<PgDumpResult> {
  const pgDumpBin = findPgTool('pg_dump');
  if (!pgDumpBin) {
    throw new AppError(
      'unavailable',
      'pg_dump не найден. Установите клиентские программы PostgreSQL той же версии, что и сервер ' +
        '(в Debian/Ubuntu: пакет postgresql-client), или укажите их папку в переменной PG_BIN',
    );
  }
  ensureWritableFolder(folder, { create: false, what: 'Папка резервных копий' });
  const name = `journal_${fileStamp(now)}_pg.dump`;
  const final = path.join(folder, name);
  const temp = path.join(folder, `.partial-${name}`);
  try {
    const dump = await run(
      pgDumpBin,
      ['--format=custom', '--no-owner', '--no-privileges', `--file=${temp}`, `--dbname=${url}`],
      process.env,
    );
    if (dump.code !== 0)
      throw new AppError('unavailable', `pg_dump завершился с ошибкой: ${dump.stderr.trim() || `код ${dump.code}`}`);
    let entries = 0;
    const pgRestore = findPgTool('pg_restore');
    if (pgRestore) {
      const list = await run(pgRestore, ['--list', temp], process.env);
      if (list.code !== 0)
        throw new AppError('unavailable', `Копия не читается (pg_restore --list): ${list.stderr.trim()}`);
      entries = list.stdout.split('\n').filter((l) => l && !l.startsWith(';')).length;
    }
    fsyncFile(temp);
    fs.renameSync(temp, final);
    fsyncDir(folder);
    return { file: final, size: fs.statSync(final).size, entries };
  } catch (error) {
    const failure = diskError(error, `папка ${folder}`, folder);
    removeQuietly(temp);
    throw failure;
  }
}
