// Where the Electron binary is, without triggering electron's download-on-first-use.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function electronBinary() {
  let dir;
  try {
    dir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(dir, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const exe = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8') : 'electron';
    const full = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, exe);
    return fs.existsSync(full) ? full : null;
  }
  if (!fs.existsSync(pathFile)) return null;
  const full = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8'));
  return fs.existsSync(full) ? full : null;
}
