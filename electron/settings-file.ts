// Settings in the user-data folder's config.json through `conf` — the same file electron-store
// keeps in the app, so the browser host and the CLI read what the admin set in the window.
import Conf from 'conf';
import { mergeSettings, type Settings, type SettingsPatch, type SettingsStore } from './services/settings.js';

export function fileSettings(userData: string): SettingsStore {
  const conf = new Conf<Record<string, unknown>>({ cwd: userData, configName: 'config', projectName: 'zhurnal' });
  return {
    get: () => mergeSettings(conf.store, {}),
    update: (patch: SettingsPatch): Settings => {
      const next = mergeSettings(conf.store, patch);
      conf.store = next as unknown as Record<string, unknown>;
      return next;
    },
  };
}
