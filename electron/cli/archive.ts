// `archive --db FILE --year 2025/2026 --out DIR`: the year's package written straight into DIR
// (a stick, a network folder), with the same atomic write as the app; Ctrl+C cancels cleanly.
import path from 'node:path';
import { writeArchivePackage } from '../services/archive/writer.js';
import { shortName } from '../export/pdf/index.js';
import { flagNumber } from '../args.js';
import { audit } from '../services/audit.js';
import { CancelledError } from '../platform/jobs.js';
import { APP_VERSION } from '../services/version.js';
import { listDrives, onDrive } from '../services/archive/drives.js';
import { CliError, requireFlag, type CliCommand } from './command.js';
import { openForCli } from './open.js';

export const archiveCommand: CliCommand = {
  name: 'archive',
  options: { db: 'string', year: 'string', out: 'string', workers: 'string' },
  usage: 'archive --db FILE --year 2025/2026 --out DIR [--workers N]',
  summary: 'записать архив закрытого учебного года в папку DIR (подписанный, с описью; незавершённое не остаётся)',
  async run(_positional, flags) {
    const dbUrl = requireFlag(flags, 'db', 'файл базы данных');
    const title = requireFlag(flags, 'year', 'учебный год').replace('-', '/');
    const out = path.resolve(requireFlag(flags, 'out', 'папку для архива'));
    const core = await openForCli(flags, dbUrl);
    const abort = new AbortController();
    const onSignal = () => {
      console.error('\nОтмена: удаляю незавершённую копию…');
      abort.abort();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const { db } = core.deps;
      const year = await db.selectFrom('academic_years').selectAll().where('title', '=', title).executeTakeFirst();
      if (!year) throw new CliError(`Учебный год «${title}» не найден`);
      if (year.status === 'open')
        throw new CliError(`Учебный год ${title} ещё не закрыт: архивируется только закрытый год`);
      const institution = await db.selectFrom('institution').selectAll().executeTakeFirstOrThrow();
      const s = core.deps.settings.get().signatures;
      const started = Date.now();
      let last = '';
      const result = await writeArchivePackage({
        source: core.handle,
        yearId: year.id,
        target: out,
        keysDir: core.paths.keys,
        createdBy: { login: null, fullName: 'командная строка «Журнала»' },
        madeBy: { position: s.secretaryPosition, name: s.secretaryName },
        certifier: { position: s.directorPosition, name: s.directorName || shortName(institution.director_name) },
        appVersion: APP_VERSION,
        formedAt: core.deps.clock.now(),
        signal: abort.signal,
        workers: flagNumber(flags, 'workers'),
        progress: (step, done, total) => {
          if (step === last) return;
          last = step;
          console.log(
            `  ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} с  ` +
              `${step}${total ? ` (${done}/${total})` : ''}`,
          );
        },
      });
      const target = onDrive(out, await listDrives().catch(() => [])) ? 'removable' : 'folder';
      await db.transaction().execute(async (trx) => {
        const now = core.deps.clock.now();
        const row = await trx
          .insertInto('archives')
          .values({
            year_id: year.id,
            created_at: now.toISOString(),
            created_by: null,
            target,
            path: result.path,
            manifest_sha256: result.manifestSha256,
            signature: result.signature,
            file_count: result.fileCount,
            bytes: result.bytes,
            verified_at: now.toISOString(),
            verify_ok: 1,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(trx, null, now, {
          action: 'archive.create',
          entity: 'archives',
          entityId: row.id,
          after: { year: title, target, path: result.path, manifestSha256: result.manifestSha256, via: 'cli' },
        });
      });
      console.log(`Архив ${title} записан за ${((Date.now() - started) / 1000).toFixed(1)} с: ${result.path}`);
      console.log(
        `  файлов ${result.fileCount}, ${(result.bytes / 1048576).toFixed(1)} МБ; отпечаток ключа ` +
          `${result.manifest.publicKey.fingerprint}`,
      );
      return 0;
    } catch (error) {
      if (error instanceof CancelledError) {
        console.error('Архивирование отменено: незавершённая копия удалена.');
        return 130;
      }
      throw error instanceof CliError ? error : new CliError((error as Error).message);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await core.close();
    }
  },
};
