// Settings, paths and clock for commands that work on files without opening the database through the core.
import { flagString, type Flags } from '../args.js';
import { fixedDateClock, systemClock, type Clock } from '../services/clock.js';
import { appPaths, defaultUserDataDir, type AppPaths } from '../services/paths.js';
import type { SettingsStore } from '../services/settings.js';
import { fileSettings } from '../settings-file.js';

export function cliContext(flags: Flags): {
  settings: SettingsStore;
  paths: AppPaths;
  clock: Clock;
} {
  const userData = flagString(flags, 'data') ?? defaultUserDataDir();
  const today = flagString(flags, 'today');
  return {
    settings: fileSettings(userData),
    paths: appPaths(userData),
    clock: today ? fixedDateClock(today) : systemClock,
  };
}
