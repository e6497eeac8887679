// Registers every contract method with ipcMain.handle. Each window has its own login state.
// Takes ipcMain as a parameter so tests can pass a double; imports no `electron` value itself.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { methodNames } from './api/contract.js';
import type { Result } from './api/errors.js';
import type { ServiceDeps, SessionHost } from './services/context.js';
import { dispatch, type DispatchLog } from './api/dispatch.js';

export const CHANNEL_PREFIX = 'journal:';

interface WindowState {
  userId: number | null;
  locked: boolean;
}

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  deps: () => ServiceDeps,
  options: {
    isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
    log?: DispatchLog;
  },
): { forget(webContentsId: number): void } {
  const states = new Map<number, WindowState>();
  // After a restore every window logs in again: the restored database may have other users.
  deps().database.onReplaced(() => states.clear());
  const hostFor = (id: number): SessionHost => {
    const state = () => states.get(id) ?? { userId: null, locked: false };
    return {
      userId: () => state().userId,
      locked: () => state().locked,
      begin: (userId) => {
        states.set(id, { userId, locked: false });
      },
      end: () => {
        states.delete(id);
      },
      setLocked: (locked) => {
        const s = states.get(id);
        if (s) s.locked = locked;
      },
    };
  };
  for (const name of methodNames) {
    ipcMain.handle(`${CHANNEL_PREFIX}${name}`, async (event, input: unknown): Promise<Result<unknown>> => {
      if (!options.isTrustedSender(event)) {
        return { ok: false, error: { code: 'forbidden', message: 'Вызов из недоверенного окна отклонён' } };
      }
      return dispatch(deps(), hostFor(event.sender.id), name, input, options.log);
    });
  }
  return {
    forget: (id) => {
      states.delete(id);
    },
  };
}
