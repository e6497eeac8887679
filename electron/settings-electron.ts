// Settings in the app: electron-store over the user-data folder's config.json (the browser host
// reads the same file through `conf`).
import Store from 'electron-store';
import { mergeSettings, type Settings, type SettingsPatch, type SettingsStore } from './services/settings.js';

export function electronSettings(): SettingsStore {
  const store = new Store<Record<string, unknown>>({ name: 'config' });
  return {
    get: () => mergeSettings(store.store, {}),
    update: (patch: SettingsPatch): Settings => {
      const next = mergeSettings(store.store, patch);
      store.store = next as unknown as Record<string, unknown>;
      return next;
    },
  };
}
