// The program's settings: one typed shape, kept by electron-store in the app and by `conf` (the
// library under electron-store) in the browser host and the CLI — the same JSON file in user data.
import { z } from 'zod';

export const settingsSchema = z.object({
  /** `sqlite:PATH` or `postgres://…`; empty means the default file in user data. */
  databaseUrl: z.string().default(''),
  idleLockMinutes: z.number().int().min(1).max(240).default(10),
  backup: z
    .object({
      folder: z.string().default(''),
      dailyAt: z
        .string()
        .regex(/^\d{2}:\d{2}$/)
        .default('18:00'),
      onExit: z.boolean().default(true),
      keepDaily: z.number().int().min(1).max(60).default(7),
      keepWeekly: z.number().int().min(0).max(52).default(4),
      keepMonthly: z.number().int().min(0).max(120).default(12),
    })
    .prefault({}),
  archive: z
    .object({
      /** `MM-DD` after the year's end when the archive becomes due, e.g. `09-05`. */
      dueDate: z
        .string()
        .regex(/^\d{2}-\d{2}$/)
        .default('09-05'),
      mode: z.enum(['off', 'remind', 'auto']).default('remind'),
      /** The folder on removable media to copy to in automatic mode. */
      targetFolder: z.string().default(''),
      lastReminderAt: z.string().default(''),
    })
    .prefault({}),
  signatures: z
    .object({
      directorPosition: z.string().default('Директор'),
      directorName: z.string().default(''),
      /**
       * The first deputy as printed («Иванова А. П.»), kept from `deputies[0]` by institution.update, for code that
       * needs one signer.
       */
      deputyPosition: z.string().default('Заместитель директора по учебной работе'),
      deputyName: z.string().default(''),
      /** Every deputy who signs documents (000 §3.2: remarks, reports, certified copies). */
      deputies: z.array(z.object({ position: z.string(), name: z.string() })).default([]),
      secretaryPosition: z.string().default('Секретарь учебной части'),
      secretaryName: z.string().default(''),
    })
    .prefault({}),
  web: z
    .object({
      /** The app serves the journal to browsers (the same server as `cli serve`). */
      enabled: z.boolean().default(false),
      /** Listen on the local network (for parents and other rooms), not only on 127.0.0.1. */
      lan: z.boolean().default(false),
      port: z.number().int().min(1024).max(65535).default(8740),
      /** PEM files for HTTPS; both empty: plain HTTP. */
      tlsCert: z.string().default(''),
      tlsKey: z.string().default(''),
    })
    .prefault({}),
  window: z
    .object({
      width: z.number().default(1280),
      height: z.number().default(820),
      x: z.number().nullable().default(null),
      y: z.number().nullable().default(null),
      maximized: z.boolean().default(false),
    })
    .prefault({}),
});

export type Settings = z.output<typeof settingsSchema>;
export type SettingsPatch = { [K in keyof Settings]?: Settings[K] extends object ? Partial<Settings[K]> : Settings[K] };

export interface SettingsStore {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
}

export const defaultSettings = (): Settings => settingsSchema.parse({});

/** Merge a patch one level deep and validate; unknown or bad values fall back to defaults. */
export function mergeSettings(current: unknown, patch: SettingsPatch): Settings {
  const base = settingsSchema.catch(defaultSettings()).parse(current ?? {});
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const old = (base as Record<string, unknown>)[key];
    merged[key] =
      value && typeof value === 'object' && !Array.isArray(value) && old && typeof old === 'object'
        ? { ...old, ...value }
        : value;
  }
  return settingsSchema.parse(merged);
}

/** Settings over a conf-like store (electron-store in the app, conf in the browser host and CLI). */
export function storeSettings(store: { store: Record<string, unknown> }): SettingsStore {
  return {
    get: () => mergeSettings(store.store, {}),
    update: (patch) => {
      const next = mergeSettings(store.store, patch);
      store.store = next as unknown as Record<string, unknown>;
      return next;
    },
  };
}

/** Settings in memory: for tests and throwaway hosts. */
export function memorySettings(initial: SettingsPatch = {}): SettingsStore {
  let value = mergeSettings({}, initial);
  return { get: () => value, update: (patch) => (value = mergeSettings(value, patch)) };
}
