// Exposes one object, window.journal, with a named function per contract method — never a generic
// send(channel, …). Built from the contract's method names.
import { contextBridge, ipcRenderer } from 'electron';
import { methodNames, type JournalBridge } from './api/contract.js';

const CHANNEL_PREFIX = 'journal:';

const bridge: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
for (const name of methodNames) {
  const [domain, action] = name.split('.') as [string, string];
  (bridge[domain] ??= {})[action] = (input: unknown) => ipcRenderer.invoke(`${CHANNEL_PREFIX}${name}`, input);
}

contextBridge.exposeInMainWorld('journal', bridge as unknown as JournalBridge);
