// Settings in the app: electron-store over the user-data folder's config.json (the browser host
// reads the same file through `conf`).
import Store from 'electron-store';
import { storeSettings, type SettingsStore } from './services/settings.js';

export function electronSettings(): SettingsStore {
  return storeSettings(new Store<Record<string, unknown>>({ name: 'config' }));
}
