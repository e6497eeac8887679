// `npm run demo`: the same services and renderer as the app, served to a browser on 127.0.0.1.
// An empty database is filled with the demo college (or, with --kind supplementary, the demo centre) first.
import path from 'node:path';
import { flagNumber, flagString, OptionsError, parseOptions } from '../args.js';
import { openCore, type Core } from '../core.js';
import { createScheduler, shutdown, startupProblem, startupProblemText } from '../lifecycle.js';
import { fixedDateClock, systemClock } from '../services/clock.js';
import { defaultUserDataDir } from '../services/paths.js';
import { fileSettings } from '../settings-file.js';
import { startWebHost } from './server.js';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../../db/demo/index.js';
import { buildDemo, demoTargetFilled } from '../cli/demo-build.js';
import { isInitialized } from '../services/setup.js';
import { newSetupCode } from '../services/setup-code.js';
import { appRoot } from '../platform/app-root.js';
import { presetLocalMailServer } from '../services/mail/config.js';

const root = appRoot(import.meta.url);

async function main(): Promise<void> {
  const { flags } = parseOptions(
    process.argv.slice(2),
    {
      db: 'string',
      port: 'string',
      seed: 'string',
      kind: 'string',
      lan: 'boolean',
      empty: 'boolean',
      smtp: 'string',
      'no-daily-backup': 'boolean',
    },
    'демонстрации (npm run demo --)',
  );
  const userData = flagString(flags, 'data') ?? defaultUserDataDir();
  const settings = fileSettings(userData);
  const today = flagString(flags, 'today');
  const clock = today ? fixedDateClock(today) : systemClock;
  const kind = flagString(flags, 'kind') ?? 'college';
  if (kind !== 'college' && kind !== 'supplementary') throw new OptionsError('--kind: college или supplementary');
  const db = flagString(flags, 'db') ?? path.join(userData, kind === 'college' ? 'demo.sqlite' : 'demo-centre.sqlite');
  // --empty: leave an empty journal empty, to try the first run (create, connect, restore) in the browser.
  const empty = flags.empty === true;
  // An empty journal gets the demo institution first — built whole beside it, or not at all.
  if (!empty && !(await demoTargetFilled(db).catch(() => true))) {
    console.log(`База пуста: создаю ${kind === 'college' ? 'демонстрационный колледж' : 'демонстрационный центр'}…`);
    try {
      const counts = await buildDemo(db, {
        seed: flagNumber(flags, 'seed') ?? 1,
        today: clock.today(),
        kind,
        onProgress: (s) => console.log(`  ${s}`),
      });
      console.log(
        `  готово: ${counts.students} обучающихся, ${counts.groups} групп, ${counts.journals} журналов, ` +
          `${counts.attendance} отметок посещаемости`,
      );
    } catch (error) {
      console.error(`Ошибка: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  }
  let core: Core;
  try {
    core = await openCore({ databaseUrl: db, userData, settings, clock });
  } catch (error) {
    // A damaged or missing journal: say so and name the newest sound copy, never start on an empty one.
    console.error(startupProblemText(await startupProblem(error, db, settings, userData)));
    process.exit(1);
  }
  const setupCode = !(await isInitialized(core.deps.db)) ? newSetupCode() : null;
  const lan = flags.lan === true || settings.get().web.lan;
  const host = await startWebHost({
    deps: core.deps,
    rendererDir: path.join(root, 'dist', 'renderer'),
    host: lan ? '0.0.0.0' : '127.0.0.1',
    port: flagNumber(flags, 'port') ?? 0,
    setupCode,
  });
  if (setupCode) console.log(`База пуста. Код настройки (спросит первый экран): ${setupCode}`);
  else console.log(`Демо-входы (пароль ${DEMO_PASSWORD}): ${DEMO_LOGINS.map((l) => l.login).join(', ')}`);
  // --smtp HOST:PORT: letters to the demo's families go to a local catcher (`npm run mail-catcher`), checked
  // every minute instead of every five so they come while one watches.
  const smtp = flagString(flags, 'smtp');
  if (smtp) {
    const match = /^([\w.-]+):(\d{1,5})$/.exec(smtp);
    if (!match) throw new OptionsError('--smtp: ожидается ХОСТ:ПОРТ, например 127.0.0.1:2525');
    await presetLocalMailServer(core.deps, { host: match[1]!, port: Number(match[2]), siteUrl: host.url });
    console.log(`Письма семьям: сервер ${smtp}, проверка каждую минуту`);
  }
  // --no-daily-backup: no copy of the day on start (the e2e tests' hosts live seconds and are thrown away; the copy
  // cost each test more than half a second of a core).
  const scheduler = createScheduler(core, clock, undefined, {
    intervalMs: smtp ? 60_000 : undefined,
    dailyBackup: flags['no-daily-backup'] !== true,
  });
  scheduler.start();
  console.log(`Журнал: ${host.url}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await shutdown(core, scheduler);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(error instanceof OptionsError ? error.message : `Не удалось запустить: ${error.message}`);
  process.exit(error instanceof OptionsError ? 2 : 1);
});
