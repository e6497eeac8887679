// The folder of the program's package.json, from any module of it: electron/web/demo.ts in development
// and dist-electron/demo.cjs in a bundle sit at different depths, and both serve dist/renderer from there.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function appRoot(moduleUrl: string): string {
  let dir = path.dirname(fileURLToPath(moduleUrl));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`Не найдена папка программы (package.json) выше ${fileURLToPath(moduleUrl)}`);
    dir = up;
  }
  return dir;
}
