// Open a database for a CLI command with the same settings and paths as the app.
import { openCore, type Core } from '../core.js';
import { fixedDateClock, systemClock } from '../services/clock.js';
import { defaultUserDataDir } from '../services/paths.js';
import { fileSettings } from '../settings-file.js';

export async function openForCli(flags: Record<string, string | true>, db: string | undefined, options: { allowNew?: boolean } = {}): Promise<Core> {
  const userData = typeof flags.data === 'string' ? flags.data : defaultUserDataDir();
  const today = typeof flags.today === 'string' ? flags.today : undefined;
  return openCore({
    databaseUrl: db,
    userData,
    settings: fileSettings(userData),
    clock: today ? fixedDateClock(today) : systemClock,
    allowNew: options.allowNew,
  });
}
