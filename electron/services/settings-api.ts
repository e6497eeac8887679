// The administrator's settings screen: where the database lives (tested before it is saved), the
// backup folder and schedule, the idle lock, the archive schedule and the web access. Settings are
// kept by the host (electron-store in the app, the same config.json through `conf` elsewhere).
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, parseDatabaseUrl } from '../../db/connect.js';
import { DatabaseOpenError } from '../../db/errors.js';
import type { DatabaseChange, DatabaseTest, FolderCheck, Parsed, SettingsView } from '../api/contract.js';
import { AppError, badInput } from '../api/errors.js';
import { audit } from './audit.js';
import { readTlsFiles } from './tls-files.js';
import type { AuthedContext } from './context.js';
import { formatBytes } from '../domain/format-numbers.js';
import { ensureWritableFolder, freeBytes } from './backups/disk.js';
import { inspectFile, listBackups, maskUrl } from './backups/index.js';
import type { Settings, SettingsPatch } from './settings.js';

function liveLocation(ctx: AuthedContext): string {
  return ctx.dialect === 'sqlite' ? (ctx.file ?? ':memory:') : maskUrl(ctx.database.current.url);
}

function sameLocation(a: string, b: string): boolean {
  try {
    const pa = parseDatabaseUrl(a);
    const pb = parseDatabaseUrl(b);
    if (pa.dialect === 'sqlite' && pb.dialect === 'sqlite') return pa.file === pb.file;
    return pa.dialect === 'postgres' && pb.dialect === 'postgres' && pa.url === pb.url;
  } catch {
    return false;
  }
}

export function settingsView(ctx: AuthedContext, s: Settings = ctx.settings.get()): SettingsView {
  const configured = s.databaseUrl.trim();
  return {
    database: {
      dialect: ctx.dialect,
      live: liveLocation(ctx),
      configured: configured ? maskUrl(configured) : '',
      defaultLocation: ctx.paths.database,
      restartPending: configured !== '' && !sameLocation(configured, ctx.database.current.url),
    },
    backup: { ...s.backup, defaultFolder: ctx.paths.backups },
    idleLockMinutes: s.idleLockMinutes,
    archive: { dueDate: s.archive.dueDate, mode: s.archive.mode, targetFolder: s.archive.targetFolder },
    web: { ...s.web, status: ctx.webServer?.status() ?? null },
    userData: ctx.paths.userData,
  };
}

export async function get(ctx: AuthedContext): Promise<SettingsView> {
  return settingsView(ctx);
}

function requireAbsolute(value: string, field: string, what: string): void {
  if (value && !path.isAbsolute(value))
    throw badInput(`${what}: укажите полный путь, например D:\\Копии журнала или /mnt/backup`, {
      [field]: 'Нужен полный путь',
    });
}

export async function update(ctx: AuthedContext, input: Parsed<'settings.update'>): Promise<SettingsView> {
  const before = ctx.settings.get();
  const folder = input.backup?.folder;
  if (folder !== undefined && folder !== '') {
    requireAbsolute(folder, 'backup.folder', 'Папка резервных копий');
    try {
      ensureWritableFolder(folder, { create: false, what: 'Папка резервных копий' });
    } catch (error) {
      throw badInput((error as Error).message, { 'backup.folder': (error as Error).message });
    }
  }
  if (input.archive?.targetFolder)
    requireAbsolute(input.archive.targetFolder, 'archive.targetFolder', 'Папка для копии архива');
  if (input.web) checkTls({ ...before.web, ...input.web });
  const patch: SettingsPatch = {};
  if (input.idleLockMinutes !== undefined) patch.idleLockMinutes = input.idleLockMinutes;
  if (input.backup) patch.backup = input.backup;
  if (input.archive) patch.archive = input.archive;
  if (input.web) patch.web = input.web;
  const after = ctx.settings.update(patch);
  const changed = (Object.keys(patch) as Array<keyof SettingsPatch>).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  if (changed.length > 0) {
    await audit(ctx.db, ctx.session, ctx.clock.now(), {
      action: 'settings.update',
      entity: 'settings',
      entityId: changed.join(','),
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
  }
  // Browser access is applied at once: the server stops and starts as the settings now say.
  if (changed.includes('web')) await ctx.webServer?.apply();
  return settingsView(ctx, after);
}

/** HTTPS needs both files, readable and belonging together; checked before anything is saved. */
function checkTls(web: { tlsCert: string; tlsKey: string }): void {
  if (!web.tlsCert && !web.tlsKey) return;
  if (!web.tlsCert || !web.tlsKey) {
    const field = web.tlsCert ? 'web.tlsKey' : 'web.tlsCert';
    throw badInput('Для HTTPS укажите оба файла: сертификат и ключ', { [field]: 'Укажите файл' });
  }
  requireAbsolute(web.tlsCert, 'web.tlsCert', 'Файл сертификата');
  requireAbsolute(web.tlsKey, 'web.tlsKey', 'Файл ключа');
  try {
    readTlsFiles(web.tlsCert, web.tlsKey);
  } catch (error) {
    throw badInput((error as Error).message, { 'web.tlsCert': (error as Error).message });
  }
}

export async function checkFolder(_ctx: AuthedContext, input: Parsed<'settings.checkFolder'>): Promise<FolderCheck> {
  requireAbsolute(input.path, 'path', 'Папка');
  const exists = fs.existsSync(input.path) && fs.statSync(input.path).isDirectory();
  let writable = false;
  let message: string;
  try {
    ensureWritableFolder(input.path, { create: false, what: 'Папка' });
    writable = true;
    const free = freeBytes(input.path);
    message = `Папка доступна для записи${free !== null ? `, свободно ${formatBytes(free)}` : ''}`;
  } catch (error) {
    message = (error as Error).message;
  }
  return {
    path: input.path,
    ok: writable,
    exists,
    writable,
    freeBytes: exists ? freeBytes(input.path) : null,
    backups: listBackups(input.path).length,
    message,
  };
}

interface Target {
  dialect: 'sqlite' | 'postgres';
  url: string;
  file: string | null;
}

function target(ctx: AuthedContext, raw: string): Target {
  const text = raw || `sqlite:${ctx.paths.database}`;
  let parsed;
  try {
    parsed = parseDatabaseUrl(text);
  } catch (error) {
    throw badInput((error as Error).message, { url: (error as Error).message });
  }
  if (parsed.dialect === 'postgres') return { dialect: 'postgres', url: parsed.url, file: null };
  const bare = text.startsWith('sqlite:') ? text.slice('sqlite:'.length) : text;
  if (!parsed.file) throw badInput('База в памяти не сохраняется: укажите файл', { url: 'Укажите файл' });
  requireAbsolute(bare, 'url', 'Файл базы данных');
  return { dialect: 'sqlite', url: `sqlite:${parsed.file}`, file: parsed.file };
}

const result = (
  t: Target,
  state: DatabaseTest['state'],
  message: string,
  extra: Partial<DatabaseTest> = {},
): DatabaseTest => ({
  ok: state !== 'problem',
  dialect: t.dialect,
  location: t.file ?? maskUrl(t.url),
  state,
  message,
  institution: null,
  year: null,
  students: null,
  ...extra,
});

export async function testDatabase(ctx: AuthedContext, input: Parsed<'settings.testDatabase'>): Promise<DatabaseTest> {
  const t = target(ctx, input.url);
  return t.file ? testSqlite(ctx, t, t.file) : testPostgres(t);
}

async function testSqlite(ctx: AuthedContext, t: Target, file: string): Promise<DatabaseTest> {
  if (ctx.file && path.resolve(ctx.file) === file) return result(t, 'journal', 'Это база, открытая сейчас');
  if (!fs.existsSync(file)) {
    const dir = path.dirname(file);
    if (!fs.existsSync(dir)) return result(t, 'problem', `Папка «${dir}» не найдена`);
    try {
      ensureWritableFolder(dir, { create: false, what: 'Папка' });
    } catch (error) {
      return result(t, 'problem', (error as Error).message);
    }
    return result(
      t,
      'new',
      'Файла ещё нет: при следующем запуске будет создан новый пустой журнал (организация и администратор — заново). ' +
        'Чтобы перенести данные, скопируйте туда файл журнала или восстановите резервную копию',
    );
  }
  if (fs.statSync(file).isDirectory()) return result(t, 'problem', `«${file}» — это папка: укажите файл базы данных`);
  if (fs.statSync(file).size === 0)
    return result(t, 'empty', 'Файл пуст: при следующем запуске в нём будет создан новый журнал');
  const inspection = await inspectFile(file, { full: false, what: 'Файл' });
  const s = inspection.summary;
  const extra = s ? { institution: s.institution, year: s.year, students: s.counts.students } : {};
  if (!inspection.ok) return result(t, 'problem', inspection.problem!.message, extra);
  return result(
    t,
    'journal',
    `Журнал${s?.institution ? ` «${s.institution}»` : ''}${s?.year ? `, учебный год ${s.year}` : ''}, обучающихся: ` +
      `${s?.counts.students ?? 0}`,
    extra,
  );
}

/** Check a PostgreSQL address (the first run's «Проверить подключение»): reachable, and a journal or empty. */
export async function testPostgresUrl(raw: string): Promise<DatabaseTest> {
  const example = 'Укажите адрес сервера PostgreSQL, например postgres://журнал:пароль@сервер:5432/journal';
  if (!raw) throw badInput(example, { url: 'Укажите адрес' });
  let parsed;
  try {
    parsed = parseDatabaseUrl(raw);
  } catch (error) {
    throw badInput((error as Error).message, { url: (error as Error).message });
  }
  if (parsed.dialect !== 'postgres') throw badInput(example, { url: 'Нужен адрес postgres://…' });
  return testPostgres({ dialect: 'postgres', url: parsed.url, file: null });
}

async function testPostgres(t: Target): Promise<DatabaseTest> {
  let handle;
  try {
    handle = await openDatabase(t.url, { migrate: false });
  } catch (error) {
    if (error instanceof DatabaseOpenError) return result(t, 'problem', error.message);
    throw error;
  }
  try {
    const tables = await handle.db.introspection.getTables();
    if (tables.length === 0)
      return result(
        t,
        'empty',
        'Подключение есть, база пуста: при следующем запуске в ней будет создана структура журнала',
      );
    const inst = await handle.db.selectFrom('institution').select('short_name').orderBy('id').executeTakeFirst();
    const year = await handle.db
      .selectFrom('academic_years')
      .select('title')
      .orderBy('starts_on', 'desc')
      .executeTakeFirst();
    const students = await sql<{ n: number }>`select count(*) as n from students`.execute(handle.db);
    const n = Number(students.rows[0]?.n ?? 0);
    return result(
      t,
      'journal',
      `Подключение есть: журнал${inst ? ` «${inst.short_name}»` : ''}${year ? `, учебный год ${year.title}` : ''}, ` +
        `обучающихся: ${n}`,
      { institution: inst?.short_name ?? null, year: year?.title ?? null, students: n },
    );
  } finally {
    await handle.close();
  }
}

export async function setDatabase(ctx: AuthedContext, input: Parsed<'settings.setDatabase'>): Promise<DatabaseChange> {
  const t = target(ctx, input.url);
  const test = await testDatabase(ctx, input);
  if (!test.ok)
    throw new AppError('bad_request', `${test.message}. Расположение базы не изменено`, { url: test.message });
  const isDefault = t.file !== null && t.file === path.resolve(ctx.paths.database);
  const before = ctx.settings.get().databaseUrl;
  ctx.settings.update({ databaseUrl: isDefault ? '' : t.url });
  await audit(ctx.db, ctx.session, ctx.clock.now(), {
    action: 'settings.setDatabase',
    entity: 'settings',
    entityId: 'databaseUrl',
    before: { databaseUrl: before ? maskUrl(before) : '' },
    after: { databaseUrl: maskUrl(t.url) },
  });
  const live = sameLocation(t.url, ctx.database.current.url);
  return {
    location: test.location,
    restartRequired: !live,
    message: live
      ? 'Это база, открытая сейчас: ничего менять не нужно'
      : 'Сохранено. Новое расположение базы вступит в силу после перезапуска программы',
  };
}
