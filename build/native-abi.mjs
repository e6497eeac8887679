// better-sqlite3 is compiled for one ABI at a time: Node's (tests, demo, CLI) or Electron's (the app).
// A marker file remembers which; switching rebuilds it.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function markerFile() {
  const dir = path.dirname(require.resolve('better-sqlite3/package.json'));
  return path.join(dir, 'build', '.zhurnal-abi');
}

function loadsInNode() {
  const res = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    encoding: 'utf8',
  });
  return res.status === 0;
}

export function ensureNative(target) {
  const marker = markerFile();
  const current = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : loadsInNode() ? 'node' : 'unknown';
  if (current === target && (target !== 'node' || loadsInNode())) return;
  console.log(`better-sqlite3: сборка под ${target === 'node' ? 'Node.js' : 'Electron'}…`);
  const cmd =
    target === 'node' ? ['npm', ['rebuild', 'better-sqlite3']] : ['npx', ['electron-builder', 'install-app-deps']];
  const res = spawnSync(cmd[0], cmd[1], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (res.status !== 0) process.exit(res.status ?? 1);
  fs.mkdirSync(path.dirname(marker), { recursive: true });
  fs.writeFileSync(marker, target);
}

if (import.meta.url === `file://${process.argv[1]}`) ensureNative(process.argv[2] ?? 'node');
