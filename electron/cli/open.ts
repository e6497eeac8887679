// Open a database for a CLI command with the same settings and paths as the app. A journal that will
// not open (damaged, vanished) is explained with the newest sound copy and the command to restore it.
import type { Flags } from '../args.js';
import { openCore, resolveDatabaseUrl, type Core } from '../core.js';
import { startupProblem, startupProblemText } from '../lifecycle.js';
import { fixedDateClock, systemClock } from '../services/clock.js';
import { appPaths, defaultUserDataDir } from '../services/paths.js';
import { fileSettings } from '../settings-file.js';
import { CliError } from './command.js';

export async function openForCli(
  flags: Flags,
  db: string | undefined,
  options: { allowNew?: boolean } = {},
): Promise<Core> {
  const userData = typeof flags.data === 'string' ? flags.data : defaultUserDataDir();
  const today = typeof flags.today === 'string' ? flags.today : undefined;
  const settings = fileSettings(userData);
  try {
    return await openCore({
      databaseUrl: db,
      userData,
      settings,
      clock: today ? fixedDateClock(today) : systemClock,
      allowNew: options.allowNew,
    });
  } catch (error) {
    const url = resolveDatabaseUrl(db, settings, appPaths(userData));
    throw new CliError(startupProblemText(await startupProblem(error, url, settings, userData)));
  }
}
