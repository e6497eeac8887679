// Settings in the user-data folder's config.json through `conf` — the same file electron-store
// keeps in the app, so the browser host and the CLI read what the admin set in the window.
import Conf from 'conf';
import { storeSettings, type SettingsStore } from './services/settings.js';

export function fileSettings(userData: string): SettingsStore {
  return storeSettings(
    new Conf<Record<string, unknown>>({ cwd: userData, configName: 'config', projectName: 'zhurnal' }),
  );
}
