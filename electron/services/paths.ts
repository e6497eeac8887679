// Where the program keeps its files. The Electron app and the browser host use the same folder.
import os from 'node:os';
import path from 'node:path';

export interface AppPaths {
  userData: string;
  /** The default SQLite journal. */
  database: string;
  /** The archive store by years (000 §3.3.1). */
  archiveStore: string;
  backups: string;
  /** The institution's signing key pair. */
  keys: string;
}

export const APP_FOLDER = 'Zhurnal';

/** The OS's per-user application data folder, as Electron's `app.getPath('appData')` gives it. */
export function appDataDir(): string {
  if (process.platform === 'win32') return process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support');
  return process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
}

export function defaultUserDataDir(): string {
  return process.env.ZHURNAL_HOME ?? path.join(appDataDir(), APP_FOLDER);
}

export function appPaths(userData: string = defaultUserDataDir()): AppPaths {
  return {
    userData,
    database: path.join(userData, 'journal.sqlite'),
    archiveStore: path.join(userData, 'archive'),
    backups: path.join(userData, 'backups'),
    keys: path.join(userData, 'keys'),
  };
}
