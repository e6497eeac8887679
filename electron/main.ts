// The Electron main process: app lifecycle, the window, the menu, single instance. It owns the
// database and every service; the window reaches them only through the preload's window.journal.
import './security.js';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, type MenuItemConstructorOptions } from 'electron';
import { openCore, resolveDatabaseUrl, type Core } from './core.js';
import { registerIpc } from './ipc.js';
import { createScheduler, shutdown, startupProblem } from './lifecycle.js';
import type { Scheduler } from './scheduler.js';
import { systemClock } from './services/clock.js';
import { appPaths } from './services/paths.js';
import { backupFolder, backupTime, restoreFile, type StartupProblem } from './services/backups/index.js';
import { hardenContents, isAppUrl } from './security.js';
import { APP_FOLDER } from './services/paths.js';
import type { SettingsStore } from './services/settings.js';
import { electronSettings } from './settings-electron.js';
import { LanServer } from './web/lan-server.js';

app.setPath('userData', process.env.ZHURNAL_HOME ?? path.join(app.getPath('appData'), APP_FOLDER));

let core: Core | null = null;
let scheduler: Scheduler | null = null;
let lanServer: LanServer | null = null;
let quitting = false;
let settings: SettingsStore;
let mainWindow: BrowserWindow | null = null;
const rendererIndex = path.join(__dirname, '..', 'dist', 'renderer', 'index.html');
const appUrl = () => `file://${rendererIndex.replaceAll('\\', '/').replace(/^(?!\/)/, '/')}`;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app
    .whenReady()
    .then(start)
    .catch((error: Error) => fail(error.message));
  app.on('window-all-closed', () => app.quit());
  // Hold the quit until the running copy ends and the copy at exit is written, then close the database.
  app.on('before-quit', (event) => {
    if (quitting || !core) return;
    event.preventDefault();
    quitting = true;
    const log = {
      info: () => undefined,
      error: (message: string, error?: unknown) =>
        dialog.showErrorBox(message, error instanceof Error ? error.message : String(error ?? '')),
    };
    void (lanServer?.stop() ?? Promise.resolve()).then(() => shutdown(core!, scheduler, log)).finally(() => app.quit());
  });
}

async function start(): Promise<void> {
  settings = electronSettings();
  const userData = app.getPath('userData');
  for (;;) {
    try {
      core = await openCore({ settings, userData });
      break;
    } catch (error) {
      const problem = await startupProblem(
        error,
        resolveDatabaseUrl(undefined, settings, appPaths(userData)),
        settings,
        userData,
      );
      if (!problem.backup || !(await offerRestore(problem, userData))) return fail(problem.message);
    }
  }
  // First run on an empty journal: «connect to a PostgreSQL server» opens it now and remembers it.
  core.deps.switchDatabase = async (url) => {
    await core!.holder.switchTo(url);
    settings.update({ databaseUrl: url });
  };
  scheduler = createScheduler(core, systemClock);
  scheduler.start();
  // «Доступ через браузер»: the same server as `cli serve`, inside the app, when the settings switch it on.
  lanServer = new LanServer(core.deps, path.join(__dirname, '..', 'dist', 'renderer'), console);
  core.deps.webServer = lanServer;
  await lanServer.apply();
  const ipc = registerIpc(ipcMain, () => core!.deps, {
    isTrustedSender: (event) => isAppUrl(event.senderFrame?.url ?? '', appUrl()),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menu()));
  mainWindow = createWindow();
  const id = mainWindow.webContents.id;
  mainWindow.on('closed', () => {
    ipc.forget(id);
    mainWindow = null;
  });
}

function createWindow(): BrowserWindow {
  const bounds = settings.get().window;
  const win = new BrowserWindow({
    width: bounds.width,
    height: bounds.height,
    ...(bounds.x !== null && bounds.y !== null ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 960,
    minHeight: 600,
    title: 'Журнал',
    show: false,
    backgroundColor: '#f4f6f9',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  hardenContents(win.webContents, appUrl);
  if (bounds.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const b = win.getNormalBounds();
    settings.update({ window: { width: b.width, height: b.height, x: b.x, y: b.y, maximized: win.isMaximized() } });
  });
  void win.loadFile(rendererIndex);
  return win;
}

function menu(): MenuItemConstructorOptions[] {
  return [
    { label: 'Файл', submenu: [{ label: 'Выход', role: 'quit' }] },
    {
      label: 'Вид',
      submenu: [
        { label: 'Обновить', role: 'reload' },
        { type: 'separator' },
        { label: 'Крупнее', role: 'zoomIn' },
        { label: 'Мельче', role: 'zoomOut' },
        { label: 'Обычный размер', role: 'resetZoom' },
        { type: 'separator' },
        { label: 'Во весь экран', role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Справка',
      submenu: [
        {
          label: 'О программе',
          click: () =>
            void dialog.showMessageBox({
              title: 'О программе',
              message: `Журнал ${app.getVersion()}`,
              detail: 'Электронный журнал учебных занятий: посещаемость, отметки, темы занятий и домашние задания.',
            }),
        },
      ],
    },
  ];
}

/** The journal is damaged or missing: offer the newest sound copy. True when it was restored (then open again). */
async function offerRestore(problem: StartupProblem, userData: string): Promise<boolean> {
  const backup = problem.backup!;
  const choice = await dialog.showMessageBox({
    type: 'error',
    title: 'Журнал повреждён',
    message: 'Журнал не удаётся открыть',
    detail:
      `${problem.message}\n\nВосстановить журнал из этой копии? Повреждённый файл не удаляется: он будет сохранён ` +
      `рядом ` +
      'с пометкой «damaged», чтобы специалист мог его изучить.',
    buttons: [`Восстановить из копии от ${backupTime(backup)}`, 'Выйти'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  if (choice.response !== 0) return false;
  try {
    const folder = backupFolder(settings.get(), appPaths(userData));
    await restoreFile(problem.file!, backup.path, folder, new Date());
    return true;
  } catch (error) {
    dialog.showErrorBox('Восстановление не выполнено', (error as Error).message);
    return false;
  }
}

function fail(message: string): void {
  dialog.showErrorBox('Журнал не может начать работу', message);
  app.exit(1);
}
